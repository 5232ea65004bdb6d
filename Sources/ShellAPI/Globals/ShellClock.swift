import Foundation

/// The shell's clock: what `sleep(ms)` waits on. The executable hands the shell `SystemClock`; tests hand
/// it a virtual clock whose `sleep` only moves its time forward (STYLE.md §1: ShellAPI is handed its clock).
package protocol ShellClock: AnyObject {
    /// Milliseconds on a monotonic scale (only differences mean anything).
    var nowMilliseconds: Double { get }
    /// Blocks the calling thread for `milliseconds` (or, on a virtual clock, moves time forward by it).
    func sleep(milliseconds: Double)
}

/// The real clock: the system's monotonic uptime, and a blocking wait of the thread.
package final class SystemClock: ShellClock {
    package init() {}

    package var nowMilliseconds: Double { ProcessInfo.processInfo.systemUptime * 1000 }

    package func sleep(milliseconds: Double) {
        guard milliseconds > 0 else { return }
        Thread.sleep(forTimeInterval: milliseconds / 1000)
    }
}
