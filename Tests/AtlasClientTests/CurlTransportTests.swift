import Foundation
import TestSupport
import Testing

@testable import AtlasClient

/// `Peers/http_peer.py` running on a free loopback port: echoes requests as JSON and guards `/digest…` with HTTP
/// Digest for `user`/`password`. Stopped by closing its stdin.
final class LoopbackPeer {
    let process = Process()
    private let input = Pipe()
    let baseURL: String

    init(user: String = "pubkey", password: String = "priv key:with/odd%chars") throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Peers/http_peer.py")
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, user, password]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        let port = try #require(Int(String(decoding: line, as: UTF8.self)), "the peer printed no port")
        baseURL = "http://127.0.0.1:\(port)"
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

/// What the peer echoed.
struct Echo: Decodable {
    var method: String
    var path: String
    var headers: [[String]]
    var body: String
    var challenges: Int

    func header(_ name: String) -> String? {
        headers.first { $0.first?.lowercased() == name.lowercased() }?.last
    }

    init(_ response: HTTPResponse) throws { self = try JSONDecoder().decode(Echo.self, from: response.body) }
}

@Suite(.tags(.medium), .serialized) struct CurlTransportTests {
    @Test func getAndPostRoundTrip() throws {
        let peer = try LoopbackPeer()
        let transport = CurlTransport(connectTimeout: .seconds(5), requestTimeout: .seconds(10))
        let get = try transport.send(
            HTTPRequest(
                method: .get, url: peer.baseURL + "/a%20b?x=1",
                headers: [("Accept", "application/vnd.atlas.2024-05-30+json")]))
        #expect(get.status == 200)
        #expect(get.header("x-peer") == "spsh-test")
        let echoed = try Echo(get)
        #expect(echoed.method == "GET")
        #expect(echoed.path == "/a%20b?x=1")
        #expect(echoed.header("Accept") == "application/vnd.atlas.2024-05-30+json")

        let body = #"{"name":"Kafka stock trade processor","pipeline":[{"$source":{"connectionName":"k"}}]}"#
        let post = try transport.send(
            HTTPRequest(
                method: .post, url: peer.baseURL + "/p",
                headers: [("Content-Type", "application/vnd.atlas.2024-05-30+json")],
                body: Data(body.utf8)))
        let posted = try Echo(post)
        #expect(posted.method == "POST")
        #expect(posted.body == body)
        #expect(posted.header("Content-Type") == "application/vnd.atlas.2024-05-30+json")
        #expect(posted.header("Expect") == nil)
    }

    @Test(arguments: [HTTPMethod.patch, .delete, .post])
    func otherMethodsAndBodilessPosts(method: HTTPMethod) throws {
        let peer = try LoopbackPeer()
        let response = try CurlTransport().send(HTTPRequest(method: method, url: peer.baseURL + "/x:start"))
        let echoed = try Echo(response)
        #expect(echoed.method == method.rawValue)
        #expect(echoed.body == "")
        #expect(echoed.header("Content-Type") == nil)  // no form type on a bodiless request
    }

    @Test func errorStatusesComeBackAsResponses() throws {
        let peer = try LoopbackPeer()
        let response = try CurlTransport().send(HTTPRequest(method: .get, url: peer.baseURL + "/status/503"))
        #expect(response.status == 503)
    }

    @Test func digestAuthRoundTrip() throws {
        let peer = try LoopbackPeer()
        let transport = CurlTransport()
        let auth = HTTPAuth.digest(user: "pubkey", password: Secret("priv key:with/odd%chars"))
        let get = try transport.send(HTTPRequest(method: .get, url: peer.baseURL + "/digest/x", auth: auth))
        #expect(get.status == 200)
        #expect(try Echo(get).header("Authorization")?.hasPrefix("Digest username=\"pubkey\"") == true)
        let post = try transport.send(
            HTTPRequest(method: .post, url: peer.baseURL + "/digest/y", body: Data("{\"a\":1}".utf8), auth: auth))
        #expect(post.status == 200)
        #expect(try Echo(post).body == "{\"a\":1}")
        let again = try transport.send(HTTPRequest(method: .get, url: peer.baseURL + "/digest/z", auth: auth))
        #expect(try Echo(again).challenges == 1)  // the handle kept the nonce: no second challenge
        let wrong = try transport.send(
            HTTPRequest(
                method: .get, url: peer.baseURL + "/digest/x", auth: .digest(user: "pubkey", password: Secret("nope"))))
        #expect(wrong.status == 401)
        #expect(wrong.header("Content-Type") == "application/json")
    }

    @Test func clientOverCurlWithDigest() throws {
        let peer = try LoopbackPeer()
        let client = AtlasStreamsClient(
            configuration: .init(
                baseURL: peer.baseURL + "/digest", groupID: "g1", workspace: "local ws",
                credentials: .apiKeys(publicKey: "pubkey", privateKey: Secret("priv key:with/odd%chars"))),
            transport: CurlTransport())
        let echoed = try JSONDecoder().decode(Echo.self, from: client.getProcessor("Kafka stock trade processor"))
        #expect(
            echoed.path
                == "/digest/api/atlas/v2/groups/g1/streams/local%20ws/processor/Kafka%20stock%20trade%20processor")
        #expect(echoed.header("Accept") == "application/vnd.atlas.2024-05-30+json")
        let bad = AtlasStreamsClient(
            configuration: .init(
                baseURL: peer.baseURL + "/digest", groupID: "g1", workspace: "ws",
                credentials: .apiKeys(publicKey: "pubkey", privateKey: Secret("wrong-secret"))),
            transport: CurlTransport())
        #expect {
            try bad.stopProcessor("p1")
        } throws: { error in
            let message = (error as? AtlasAPIError)?.message ?? ""
            return message.hasPrefix(
                "Atlas API error 401 (USER_UNAUTHORIZED): You are not authorized for this resource. Check the API keys")
                && !message.contains("wrong-secret")
        }
    }

    @Test func refusedConnectionIsCouldNotConnect() throws {
        // Port 9 (discard) on loopback is not listening in the test environment.
        #expect {
            try CurlTransport(connectTimeout: .seconds(2)).send(HTTPRequest(method: .get, url: "http://127.0.0.1:9/"))
        } throws: { error in
            (error as? TransportError)?.kind == .couldNotConnect
        }
    }

    @Test func onlyHTTPAndHTTPSAreAllowed() {
        #expect(throws: TransportError.self) {
            try CurlTransport().send(HTTPRequest(method: .get, url: "file:///etc/passwd"))
        }
    }
}
