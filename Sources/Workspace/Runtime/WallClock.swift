import Foundation
import StreamEngine

/// The real clock for running pipelines: milliseconds since the epoch from the system's realtime clock.
package struct WallClock: EngineClock {
    /// The wall clock.
    package init() {}

    /// Milliseconds since the Unix epoch.
    package func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}
