import MongoBridge
import TestSupport
import Testing
import Workspace

/// `WriteRetry`: transient errors are retried up to the attempt limit, others are not.
@Suite(.tags(.small)) struct WriteRetryTests {
    /// Failures before success, the policy's attempts, and what must happen.
    struct Case: Sendable, CustomTestStringConvertible {
        let failures: Int
        let transient: Bool
        let attempts: Int
        let expectedCalls: Int
        let succeeds: Bool
        var testDescription: String {
            "\(failures) \(transient ? "transient" : "other") failures, \(attempts) attempts"
        }
    }

    static let cases: [Case] = [
        Case(failures: 0, transient: true, attempts: 3, expectedCalls: 1, succeeds: true),
        Case(failures: 2, transient: true, attempts: 3, expectedCalls: 3, succeeds: true),
        Case(failures: 3, transient: true, attempts: 3, expectedCalls: 3, succeeds: false),
        Case(failures: 1, transient: false, attempts: 3, expectedCalls: 1, succeeds: false),
    ]

    @Test(arguments: cases) func retries(_ testCase: Case) {
        let retry = WriteRetry(attempts: testCase.attempts, initialDelay: .milliseconds(1))
        var calls = 0
        let failure =
            testCase.transient
            ? MongoError(kind: .connection, message: "reset") : MongoError(kind: .server, message: "no", code: 13)
        let result: Int? = try? retry.run { () throws(MongoError) -> Int in
            calls += 1
            if calls <= testCase.failures { throw failure }
            return calls
        }
        #expect(calls == testCase.expectedCalls)
        #expect((result != nil) == testCase.succeeds)
    }
}
