import Foundation
import Testing

/// The real servers that `scripts/test` starts, read from the environment (STYLE.md §5).
///
/// Alone, a test that needs a missing server is skipped with a reason naming the variable; with
/// `SPSH_REQUIRE_SERVERS=1` (always set by `scripts/test`, so always in CI) a missing server fails the test.
package enum TestServers {
    /// The MongoDB URI from `SPSH_TEST_MONGODB_URI`, e.g. `mongodb://127.0.0.1:27017`.
    package static var mongoURI: String? { value(of: "SPSH_TEST_MONGODB_URI") }

    /// Whether a missing server must fail the run instead of skipping (`SPSH_REQUIRE_SERVERS=1`).
    package static var serversRequired: Bool { ProcessInfo.processInfo.environment["SPSH_REQUIRE_SERVERS"] == "1" }

    /// A condition for `@Test(.enabled(if:))`-style gating: true when the variable is set, or when servers are
    /// required (so the test runs and fails loudly in `requireMongoURI()`).
    package static var mongoTestsEnabled: Bool { mongoURI != nil || serversRequired }

    /// The MongoDB URI, or a recorded failure when it is missing.
    package static func requireMongoURI(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try #require(
            mongoURI, "SPSH_TEST_MONGODB_URI is not set: start SecantusDB with scripts/test",
            sourceLocation: sourceLocation)
    }

    private static func value(of name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }
}
