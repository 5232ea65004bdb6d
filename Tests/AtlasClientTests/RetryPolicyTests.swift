import Foundation
import TestSupport
import Testing

@testable import AtlasClient

@Suite(.tags(.small)) struct RetryPolicyTests {
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
