import Foundation
import Interpreter

/// The local workspace that `sp` uses when no Atlas credentials are configured: `spsh serve` on a loopback
/// port, started in the background the first time it is needed, its state in `~/.spsh/workspace`.
enum LocalWorkspace {
    /// The port `spsh serve` listens on by default, as `spsh serve` itself (`SPSH_WORKSPACE_PORT` overrides it).
    static let defaultPort = 27080
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
        if !FileManager.default.fileExists(atPath: log.path) {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        try spawnServer(port: port, state: state, log: log)
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

    /// Starts `spsh serve` as a new session leader (so Ctrl-C in the shell does not reach it and it outlives the
    /// shell) with stdin from /dev/null and its output appended to `log`. It is not waited for.
    private static func spawnServer(port: Int, state: URL, log: URL) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Self.spawnSetsid)
        let arguments = [executablePath(), "serve", "--port", String(port), "--state-dir", state.path]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        markInheritedDescriptorsCloseOnExec()
        var pid: pid_t = 0
        let status = posix_spawn(&pid, arguments[0], &actions, &attributes, &argv, environ)
        guard status == 0 else {
            throw LocalWorkspaceError(
                "Could not start the local workspace (spsh serve): \(String(cString: strerror(status)))")
        }
    }

    /// Marks every descriptor above stderr close-on-exec, so the long-lived server holds none of the shell's:
    /// whoever started the shell with a pipe or a socket (a test harness, Foundation's `Process`, a script's
    /// subprocess) would otherwise see it open until the server exits, and wait for the shell's end forever.
    private static func markInheritedDescriptorsCloseOnExec() {
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd > 2 {
            let flags = fcntl(fd, F_GETFD)
            if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
        }
    }

    /// glibc's `POSIX_SPAWN_SETSID` (`<spawn.h>`, glibc 2.26+), which Swift does not import (it is behind
    /// `__USE_GNU`).
    private static let spawnSetsid: Int16 = 0x80

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
