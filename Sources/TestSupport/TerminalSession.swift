import CShims
import Foundation

/// Runs the built `spsh` on a pseudo-terminal, so tests type keys (arrows, Ctrl-C, Ctrl-D) and read the
/// screen output as a person would see it, libedit included.
///
/// Owns the terminal's controlling side and the child process; `deinit` kills a child still running.
package final class TerminalSession {
    private let master: Int32
    private let process: Process
    /// Everything the program has written so far (with the terminal's escape sequences).
    package private(set) var output = ""

    package init(arguments: [String], environment: [String: String] = [:]) throws {
        var name = [CChar](repeating: 0, count: 128)
        master = spsh_pty_open(&name, UInt(name.count))
        guard master >= 0 else { throw POSIXError(.ENOTTY) }
        let path = String(decoding: name.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let slave = open(path, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw POSIXError(.ENOTTY) }
        var size = winsize(ws_row: 40, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
        let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        process = Process()
        // util-linux `setsid --ctty --wait` runs spsh as the leader of a new session whose controlling terminal
        // is this one, so Ctrl-C sends it SIGINT as in a real session; setsid waits and passes on its status.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        process.arguments = ["--ctty", "--wait", SpshProcess.binaryURL.path] + arguments
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm"
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    deinit {
        close(master)  // hangs up the terminal: the kernel sends spsh, its session leader, SIGHUP
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Types `keys` (use "\r" for Enter, "\u{3}" for Ctrl-C, "\u{4}" for Ctrl-D, "\u{1b}[A" for Up).
    package func type(_ keys: String) {
        let bytes = Array(keys.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Waits until the output since `offset` contains `text`; returns the output from `offset` on. Throws
    /// after `timeout` seconds, with what was seen.
    @discardableResult
    package func waitFor(_ text: String, after offset: Int = 0, timeout: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            drain()
            let seen = String(output.dropFirst(offset))
            if seen.contains(text) { return seen }
            guard Date() < deadline else {
                throw TerminalTimeout(expected: text, seen: seen)
            }
            usleep(10_000)
        }
    }

    /// Types `keys`, then waits until what the program prints after them contains `text`; returns that output.
    @discardableResult
    package func send(_ keys: String, thenWaitFor text: String, timeout: Double = 10) throws -> String {
        let mark = output.count
        type(keys)
        return try waitFor(text, after: mark, timeout: timeout)
    }

    /// The exit status once the program ends (within `timeout` seconds), or nil.
    package func waitForExit(timeout: Double = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            drain()
            guard Date() < deadline else { return nil }
            usleep(10_000)
        }
        drain()
        return process.terminationStatus
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            var ready = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 0) > 0, ready.revents & Int16(POLLIN) != 0 else { return }
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            output += String(decoding: buffer[0..<count], as: UTF8.self)
        }
    }
}

/// The expected text did not appear in time.
package struct TerminalTimeout: Error, CustomStringConvertible {
    package var expected: String
    package var seen: String
    package var description: String {
        "Timed out waiting for \(expected.debugDescription); saw \(seen.debugDescription)"
    }
}
