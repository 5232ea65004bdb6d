import Synchronization

/// The engine's only view of wall-clock time (`$currentDate`, ingest time, idle timeouts, processing-time
/// windows). Runtimes inject the real clock; tests inject a `ManualClock`.
package protocol EngineClock: Sendable {
    /// Milliseconds since the Unix epoch.
    func now() -> Int64
}

/// A clock that moves only when told to: virtual time for tests.
///
/// Thread-safe (the time sits behind a mutex).
package final class ManualClock: EngineClock {
    private let millis: Mutex<Int64>

    /// A clock reading `start` ms.
    package init(_ start: Int64 = 0) { millis = Mutex(start) }

    /// The current virtual time.
    package func now() -> Int64 { millis.withLock { $0 } }

    /// Moves the clock forward by `delta` ms.
    package func advance(by delta: Int64) { millis.withLock { $0 += delta } }

    /// Sets the clock to `value` ms.
    package func set(_ value: Int64) { millis.withLock { $0 = value } }
}
