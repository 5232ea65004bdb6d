import Foundation
import Interpreter

/// The local workspace that `sp` uses when no Atlas credentials are configured: `spsh serve` on a loopback
/// port, started in the background the first time it is needed, its state in `~/.spsh/workspace`.
enum LocalWorkspace {
    /// The port `spsh serve` listens on by default (`SPSH_WORKSPACE_PORT` overrides it).
    static let defaultPort = 9443
    /// The project id the local workspace is addressed with (any 24-hex id works; this one reads as local).
    static let groupID = "000000000000000000000001"
    /// The workspace every local processor and connection lives in.
    static let workspaceName = "local"

    static func port(environment: [String: String]) -> Int {
        environment["SPSH_WORKSPACE_PORT"].flatMap(Int.init) ?? defaultPort
    }

    static func baseURL(port: Int) -> String { "http://127.0.0.1:\(port)" }

    /// `$SPSH_HOME` or `~/.spsh`: where the workspace keeps its state and log.
    static func home(environment: [String: String]) -> URL {
        environment["SPSH_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".spsh")
    }

    /// Makes sure `spsh serve` answers on `port`: if nothing listens there, starts it in a session of its own
    /// (so Ctrl-C in the shell does not stop it, and it outlives the shell), with its output in
    /// `workspace.log`, and waits up to 10 s for it. Returns the line to tell the user when it started one.
    static func ensureRunning(port: Int, environment: [String: String]) throws -> String? {
        if answers(port: port) { return nil }
        let home = home(environment: environment)
        let state = home.appendingPathComponent("workspace")
        let log = home.appendingPathComponent("workspace.log")
        try FileManager.default.createDirectory(
            at: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        FileManager.default.createFile(atPath: log.path, contents: nil, attributes: [.posixPermissions: 0o600])
        let output = try FileHandle(forWritingTo: log)
        output.seekToEndOfFile()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        process.arguments = [
            "--fork", executablePath(), "serve", "--port", String(port), "--state-dir", state.path,
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()  // setsid --fork returns at once; the server goes on in its own session
        let deadline = Date().addingTimeInterval(10)
        while !answers(port: port) {
            guard Date() < deadline else {
                throw LocalWorkspaceError(
                    "The local workspace (spsh serve on port \(port)) did not start within 10 s; see \(log.path)")
            }
            usleep(50_000)
        }
        return "Started the local Atlas Stream Processing workspace: spsh serve at \(baseURL(port: port)), "
            + "state in \(state.path), log in \(log.path)"
    }

    /// This program's own path, to start `spsh serve` with the same binary.
    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    static func answers(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

/// The local workspace could not be started.
struct LocalWorkspaceError: Error, CustomStringConvertible, JSErrorConvertible {
    var description: String
    init(_ description: String) { self.description = description }

    var jsErrorName: String { "Error" }
    var jsErrorMessage: String { description }
}
