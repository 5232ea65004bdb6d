import Foundation
import MongoBridge

/// Retries a MongoDB write on transient errors (network, server selection, a primary stepping down …, see
/// `MongoError.isTransient`) with capped exponential backoff, for the `$merge` and DLQ writers.
///
/// Statements the writers send are idempotent (upserts on a key, inserts with a client-side `_id`), so running a
/// command again after a failure that may have applied part of it gives the same collection.
package struct WriteRetry: Sendable {
    /// How many times the command is sent at most.
    package var attempts: Int
    /// The first pause, doubled after each failure.
    package var initialDelay: Duration
    /// The longest pause.
    package var maximumDelay: Duration

    /// A policy; the default makes 5 attempts over about 3 seconds.
    package init(attempts: Int = 5, initialDelay: Duration = .milliseconds(200), maximumDelay: Duration = .seconds(2)) {
        self.attempts = max(1, attempts)
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
    }

    /// Runs `body`, again after a pause while it throws a transient error and attempts remain; rethrows the last
    /// error otherwise. Blocks the calling thread while it waits (the writers are synchronous).
    package func run<T>(_ body: () throws(MongoError) -> T) throws(MongoError) -> T {
        var delay = initialDelay
        var attempt = 1
        while true {
            do {
                return try body()
            } catch let error where error.isTransient && attempt < attempts {
                Thread.sleep(forTimeInterval: Self.seconds(delay))
                delay = min(delay * 2, maximumDelay)
                attempt += 1
            }
        }
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
