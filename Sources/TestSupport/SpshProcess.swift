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
        // Files, not pipes: a child that another test starts at the same moment (Foundation's Process does not
        // close inherited descriptors) could hold a pipe's write end open, and reading to end of file would then
        // wait for that unrelated process to exit.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spsh-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = ["stdin", "stdout", "stderr"].map { folder.appendingPathComponent($0) }
        try Data(stdin.utf8).write(to: files[0])
        for file in files.dropFirst() { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        let input = try FileHandle(forReadingFrom: files[0])
        let output = try FileHandle(forWritingTo: files[1])
        let errors = try FileHandle(forWritingTo: files[2])
        defer { for handle in [input, output, errors] { try? handle.close() } }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        let start = Date()
        try process.run()
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        return Result(
            stdout: String(decoding: try Data(contentsOf: files[1]), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: files[2]), as: UTF8.self),
            status: process.terminationStatus, seconds: seconds)
    }
}
