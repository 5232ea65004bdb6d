import Foundation

/// The built `spsh` binary running in the background, for end-to-end tests of output that keeps coming (a
/// change stream): read its stdout while it runs, send it Ctrl-C (SIGINT), wait for it to exit.
package final class StreamingSpshProcess: @unchecked Sendable {
    // Safe: `stdoutText` and `stderrText` are only touched under `lock`; the pipes' handlers run on other threads.
    private let process = Process()
    private let lock = NSLock()
    private var stdoutText = ""
    private var stderrText = ""

    /// Starts `spsh arguments...` with stdin closed and `NO_COLOR=1`.
    package init(_ arguments: [String]) throws {
        process.executableURL = SpshProcess.binaryURL
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        output.fileHandleForReading.readabilityHandler = { [self] handle in append(handle.availableData, toError: false)
        }
        errors.fileHandleForReading.readabilityHandler = { [self] handle in append(handle.availableData, toError: true)
        }
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    private func append(_ data: Data, toError: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if toError {
            stderrText += String(decoding: data, as: UTF8.self)
        } else {
            stdoutText += String(decoding: data, as: UTF8.self)
        }
    }

    /// Everything the process has written to stdout so far.
    package var stdout: String {
        lock.lock()
        defer { lock.unlock() }
        return stdoutText
    }

    /// Everything the process has written to stderr so far.
    package var stderr: String {
        lock.lock()
        defer { lock.unlock() }
        return stderrText
    }

    /// Waits until `condition` holds for the stdout so far, running `between` (say, a write that should show up)
    /// before each check; false when `timeout` seconds pass first.
    package func waitForOutput(
        timeout: Double, between: () throws -> Void = {}, until condition: (String) -> Bool
    ) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            try between()
            if condition(stdout) { return true }
            usleep(200_000)
        }
        return condition(stdout)
    }

    /// Sends SIGINT, as Ctrl-C in a terminal does.
    package func interrupt() {
        kill(process.processIdentifier, SIGINT)
    }

    /// The exit status once the process has exited, or nil when it still runs after `timeout` seconds.
    package func waitForExit(timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        guard !process.isRunning else { return nil }
        usleep(100_000)  // Let the pipe handlers collect the last output.
        return process.terminationStatus
    }
}
