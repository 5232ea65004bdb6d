import Foundation
import TestSupport
import Testing

@testable import AtlasClient

@Suite(.tags(.small)) struct ServiceAccountTokensTests {
    private static let tokenReply = Reply.json(
        200, #"{"access_token":"tok-1","expires_in":3600,"token_type":"Bearer"}"#)
    private static let tokenReply2 = Reply.json(
        200, #"{"access_token":"tok-2","expires_in":3600,"token_type":"Bearer"}"#)
    private let account = AtlasCredentials.serviceAccount(clientID: "mdb_sa_id", clientSecret: Secret("s3cret"))

    @Test func tokenIsFetchedOnceAndSentAsBearer() throws {
        let transport = ScriptedTransport([Self.tokenReply, Reply.json(200, "{}"), Reply.json(200, "{}")])
        let client = makeClient(transport, credentials: account)
        _ = try client.getConnection("c1")
        _ = try client.getConnection("c2")
        let token = try #require(transport.requests.first)
        #expect(token.method == .post)
        #expect(token.url == "https://atlas.test/api/oauth/token")
        #expect(token.auth == .basic(user: "mdb_sa_id", password: Secret("s3cret")))
        #expect(token.body == Data("grant_type=client_credentials".utf8))
        #expect(token.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(token.header("Accept") == "application/json")
        #expect(transport.requests.dropFirst().map(\.auth) == [.bearer(Secret("tok-1")), .bearer(Secret("tok-1"))])
    }

    @Test func tokenIsRefreshedBeforeItExpires() throws {
        let transport = ScriptedTransport([
            Self.tokenReply, Reply.json(200, "{}"), Self.tokenReply2, Reply.json(200, "{}"),
        ])
        let clock = VirtualClock()
        let client = makeClient(transport, clock: clock, credentials: account)
        _ = try client.getConnection("c1")
        clock.advance(by: 3600 - 59)  // inside the 60 s refresh margin
        _ = try client.getConnection("c1")
        #expect(transport.requests.map(\.auth).last == .bearer(Secret("tok-2")))
        #expect(transport.requests.filter { $0.url.hasSuffix("/api/oauth/token") }.count == 2)
    }

    @Test func aRejectedTokenIsReplacedOnce() throws {
        let transport = ScriptedTransport([
            Self.tokenReply, Reply.error(401, "UNAUTHORIZED", "Expired"), Self.tokenReply2, Reply.json(200, "{}"),
        ])
        _ = try makeClient(transport, credentials: account).getConnection("c1")
        #expect(transport.requests.map(\.auth).last == .bearer(Secret("tok-2")))
    }

    @Test func aFailedTokenRequestIsAnAPIError() {
        let transport = ScriptedTransport([
            Reply.json(400, #"{"error":400,"errorCode":"INVALID_CLIENT","detail":"Invalid client."}"#)
        ])
        #expect {
            try makeClient(transport, credentials: account).getConnection("c1")
        } throws: { error in
            let message = (error as? AtlasAPIError)?.message ?? ""
            return message == "Atlas API error 400 (INVALID_CLIENT): Invalid client" && !message.contains("s3cret")
        }
    }
}
