import Foundation
import StreamEngine

/// The real wall clock for running pipelines (the engine itself never reads it: §0, STYLE.md §4).
package struct WallClock: EngineClock {
    /// A wall clock.
    package init() {}

    /// Milliseconds since the Unix epoch, now.
    package func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }
}
