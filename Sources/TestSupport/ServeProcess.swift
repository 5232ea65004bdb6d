import Foundation

/// A running `spsh serve` child process on a free loopback port, for tests that need the real binary
/// (restart, `kill -9`, cold start). Starts `spsh serve --port 0 …` and waits for its "listening on" line.
///
/// Not thread-safe: use from one test. `stop()` or `kill()` it before the test ends.
package final class ServeProcess {
    package let process: Process
    /// `http://127.0.0.1:<port>`.
    package let baseURL: String
    package let port: Int
    /// Seconds from launch until the server printed that it listens.
    package let startSeconds: Double

    /// Starts the built binary (`SpshProcess.binaryURL`) with `serve --port 0` plus `arguments`; fails when it does
    /// not announce a port within `timeout` seconds.
    package init(arguments: [String], environment: [String: String] = [:], timeout: Double = 20) throws {
        let process = Process()
        process.executableURL = SpshProcess.binaryURL
        process.arguments = ["serve", "--port", "0"] + arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        let start = Date()
        try process.run()
        let reader = output.fileHandleForReading
        var text = ""
        let deadline = start.addingTimeInterval(timeout)
        while !text.contains("\n"), Date() < deadline {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = text.range(of: #":[0-9]+ \("#, options: .regularExpression),
            let port = Int(text[range].dropFirst().dropLast(2))
        else {
            process.terminate()
            throw ServeProcessError(message: "spsh serve did not report a port; its output: '\(text)'")
        }
        self.process = process
        self.port = port
        baseURL = "http://127.0.0.1:\(port)"
        startSeconds = Date().timeIntervalSince(start)
    }

    /// SIGTERM and wait: a graceful stop.
    package func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// SIGKILL and wait: the process gets no chance to clean up (`kill -9`).
    package func kill() {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// `spsh serve` did not start.
package struct ServeProcessError: Error, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}
