import Foundation

/// Runs the built `spsh` binary, for end-to-end tests: arguments and stdin in; stdout, stderr, exit status
/// and elapsed time out.
package struct SpshProcess {
    package struct Result: Sendable {
        package var stdout: String
        package var stderr: String
        package var status: Int32
        package var seconds: Double
    }

    /// The binary: `SPSH_BIN` when set (scripts/test sets it), else `.build/debug/spsh` in this package.
    package static var binaryURL: URL {
        if let path = ProcessInfo.processInfo.environment["SPSH_BIN"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/spsh")
    }

    /// Runs `spsh arguments...` with `stdin` as its standard input (not a terminal) and `environment` added.
    package static func run(
        _ arguments: [String], stdin: String = "", environment: [String: String] = [:],
        currentDirectory: URL? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = binaryURL
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        let start = Date()
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a large output never blocks the child.
        let group = DispatchGroup()
        let collected = Collected()
        DispatchQueue.global().async(group: group) {
            collected.setError(errors.fileHandleForReading.readDataToEndOfFile())
        }
        let stdoutData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: collected.error, as: UTF8.self),
            status: process.terminationStatus,
            seconds: Date().timeIntervalSince(start))
    }
}

private final class Collected: @unchecked Sendable {
    // Safe: written once by the reader task before `group.wait()` returns, read only after it.
    var error = Data()
    func setError(_ data: Data) { error = data }
}
