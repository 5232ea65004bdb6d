import Foundation
import TestSupport
import Testing

@testable import AtlasClient

@Suite(.tags(.small)) struct RetryTests {
    private let processorURL = "https://atlas.test/api/atlas/v2/groups/g1/streams/ws/processor/p1"

    @Test func getRetries5xxWithCappedExponentialBackoff() throws {
        let transport = ScriptedTransport([
            Reply.error(503, "SERVICE_UNAVAILABLE", "Down"), Reply.error(500, "UNEXPECTED_ERROR", "Oops"),
            Reply.error(502, "BAD_GATEWAY", "Gw"), Reply.json(200, #"{"name":"p1"}"#),
        ])
        let clock = VirtualClock()
        let body = try makeClient(transport, clock: clock).getProcessor("p1")
        #expect(String(decoding: body, as: UTF8.self) == #"{"name":"p1"}"#)
        #expect(transport.lines == Array(repeating: "GET \(processorURL)", count: 4))
        // equal jitter at random 0.5: 3/4 of 0.5, 1, 2 seconds
        #expect(clock.sleeps == [0.375, 0.75, 1.5])
    }

    @Test func giveUpAfterMaxAttemptsWithTheLastError() {
        let transport = ScriptedTransport(Array(repeating: Reply.error(500, "UNEXPECTED_ERROR", "Oops"), count: 5))
        let clock = VirtualClock()
        #expect(throws: AtlasAPIError.self) { try makeClient(transport, clock: clock).getProcessor("p1") }
        #expect(transport.requests.count == 4)
        #expect(clock.sleeps.count == 3)
    }

    @Test(arguments: [("7", 7.0), ("0", 0.0), ("Tue, 14 Nov 2023 22:13:40 GMT", 20.0)])
    func retryAfterIsHonoured(header: String, wait: Double) throws {
        let transport = ScriptedTransport([
            Reply.error(429, "RATE_LIMITED", "Slow down", headers: [("Retry-After", header)]), Reply.json(200, "{}"),
        ])
        let clock = VirtualClock()  // starts at 2023-11-14 22:13:20 GMT
        _ = try makeClient(transport, clock: clock).getProcessor("p1")
        #expect(clock.sleeps == [wait])
    }

    @Test func aRetryAfterBeyondTheCapIsNotWaitedFor() {
        let transport = ScriptedTransport([Reply.error(429, "RATE_LIMITED", "Slow", headers: [("Retry-After", "3600")])]
        )
        let clock = VirtualClock()
        #expect(throws: AtlasAPIError.self) { try makeClient(transport, clock: clock).getProcessor("p1") }
        #expect(clock.sleeps.isEmpty)
    }

    @Test func postIsNotRetriedAfterA5xxOrATimeout() throws {
        for failure in [
            Reply.error(500, "UNEXPECTED_ERROR", "Oops"),
            .failure(TransportError(kind: .timedOut, message: "Timeout was reached")),
        ] {
            let transport = ScriptedTransport([failure, Reply.json(200, "{}")])
            let clock = VirtualClock()
            #expect(throws: AtlasAPIError.self) {
                try makeClient(transport, clock: clock).createProcessor(name: "p1", json: Data("{}".utf8))
            }
            #expect(transport.requests.count == 1)
            #expect(clock.sleeps.isEmpty)
        }
    }

    @Test func postIsRetriedWhenNothingWasDone() throws {
        let transport = ScriptedTransport([
            Reply.error(429, "RATE_LIMITED", "Slow"),
            .failure(TransportError(kind: .couldNotConnect, message: "Couldn't connect to server")),
            Reply.json(200, "{}"),
        ])
        let clock = VirtualClock()
        try makeClient(transport, clock: clock).startProcessor("p1")
        #expect(transport.lines == Array(repeating: "POST \(processorURL):start", count: 3))
        #expect(clock.sleeps == [0.375, 0.75])
    }

    @Test func tlsFailuresAreNeverRetried() {
        let transport = ScriptedTransport([
            .failure(TransportError(kind: .tls, message: "SSL peer certificate was not OK"))
        ])
        #expect(throws: AtlasAPIError.self) { try makeClient(transport).getProcessor("p1") }
        #expect(transport.requests.count == 1)
    }

    @Test(arguments: [(1, 0.0, 0.25), (1, 1.0, 0.5), (3, 0.5, 1.5), (5, 0.0, 4.0), (12, 1.0, 8.0)])
    func backoffIsCappedWithJitter(attempt: Int, random: Double, wait: Double) {
        #expect(RetryPolicy().backoff(afterAttempt: attempt, random: random) == wait)
    }
}

@Suite(.tags(.small)) struct PagingAndSuggestionTests {
    @Test func listFollowsPagesUntilTotalCount() throws {
        let transport = ScriptedTransport([
            Reply.json(200, #"{"results":[{"name":"a"},{"name":"b"}],"totalCount":5}"#),
            Reply.json(200, #"{"results":[{"name":"c"},{"name":"d"}],"totalCount":5}"#),
            Reply.json(200, #"{"results":[{"name":"e"}],"totalCount":5}"#),
        ])
        let pages = try makeClient(transport, itemsPerPage: 2).listProcessors()
        #expect(AtlasStreamsClient.names(inPages: pages) == ["a", "b", "c", "d", "e"])
        let base = "GET https://atlas.test/api/atlas/v2/groups/g1/streams/ws/processors"
        #expect(
            transport.lines == [1, 2, 3].map { "\(base)?pageNum=\($0)&itemsPerPage=2&includeCount=true" })
    }

    @Test func listStopsAtAShortPageWithoutTotalCount() throws {
        let transport = ScriptedTransport([
            Reply.json(200, #"{"results":[{"name":"a"},{"name":"b"}]}"#),
            Reply.json(200, #"{"results":[{"name":"c"}]}"#),
        ])
        let pages = try makeClient(transport, itemsPerPage: 2).listConnections()
        #expect(AtlasStreamsClient.names(inPages: pages) == ["a", "b", "c"])
        #expect(transport.requests.count == 2)
    }

    @Test func aPageWithoutResultsIsAnError() {
        let transport = ScriptedTransport([Reply.json(200, #"{"items":[]}"#)])
        #expect(throws: AtlasAPIError.self) { try makeClient(transport).listConnections() }
    }

    @Test func unknownProcessorSuggestsTheNearestName() {
        let transport = ScriptedTransport([
            Reply.error(404, "RESOURCE_NOT_FOUND", "Not found"),
            Reply.json(200, #"{"results":[{"name":"kafka_stock_trade_processor"},{"name":"other"}],"totalCount":2}"#),
        ])
        #expect {
            try makeClient(transport).getProcessor("kafka_stock_trade_procesor")
        } throws: { error in
            (error as? AtlasAPIError)?.message
                == "Atlas API error 404 (RESOURCE_NOT_FOUND): Not found. Unknown processor 'kafka_stock_trade_procesor'; did you mean 'kafka_stock_trade_processor'?"
        }
        #expect(transport.requests.last?.url.contains("/streams/ws/processors?pageNum=1") == true)
    }

    @Test func unknownWorkspaceSuggestsFromTheWorkspaces() {
        let transport = ScriptedTransport([
            Reply.error(
                404, "STREAM_TENANT_NOT_FOUND_FOR_NAME", "Stream instance for project g1 and name ws not found"),
            Reply.json(200, #"{"results":[{"name":"wss"}],"totalCount":1}"#),
        ])
        #expect {
            try makeClient(transport).listConnections()
        } throws: { error in
            (error as? AtlasAPIError)?.suggestion == "wss"
        }
        #expect(
            transport.requests.last?.url
                == "https://atlas.test/api/atlas/v2/groups/g1/streams?pageNum=1&itemsPerPage=100")
    }

    @Test func noSuggestionWhenDisabled() {
        let transport = ScriptedTransport([Reply.error(404, "RESOURCE_NOT_FOUND", "Not found")])
        #expect(throws: AtlasAPIError.self) { try makeClient(transport, suggestsNames: false).getConnection("x") }
        #expect(transport.requests.count == 1)
    }

    @Test func bodiesAndHeadersGoOutAsGiven() throws {
        let transport = ScriptedTransport([Reply.json(200, "{}"), Reply.json(200, "")])
        let client = makeClient(transport, credentials: .apiKeys(publicKey: "pub", privateKey: Secret("priv")))
        let json = Data(#"{"name":"p 1","pipeline":[{"$source":{"connectionName":"c"}},{"$merge":{"into":{}}}]}"#.utf8)
        _ = try client.createProcessor(name: "p 1", json: json)
        try client.startProcessor("p 1", options: Data(#"{"resumeFromCheckpoint":false}"#.utf8))
        let create = try #require(transport.requests.first)
        #expect(create.body == json)
        #expect(create.auth == .digest(user: "pub", password: Secret("priv")))
        #expect(create.header("Content-Type") == "application/vnd.atlas.2024-05-30+json")
        #expect(transport.requests.last?.url.hasSuffix("/processor/p%201:startWith") == true)
        #expect(transport.requests.last?.header("Accept") == "application/vnd.atlas.2025-03-12+json")
    }
}
