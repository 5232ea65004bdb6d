import Foundation
import Testing

/// A SecantusDB of a test's own, on a free loopback port with a temporary storage folder, for tests that
/// must stop the server mid-way (a dropped connection). The server binary comes from `SPSH_TEST_SECANTUSD`,
/// which `scripts/test` sets.
package final class ThrowawayMongoServer {
    package let uri: String
    private let process: Process
    private let storage: URL

    /// Whether such a server can be started here (or must be, under `SPSH_REQUIRE_SERVERS=1`).
    package static var enabled: Bool { executable != nil || TestServers.serversRequired }

    private static var executable: String? {
        guard let path = ProcessInfo.processInfo.environment["SPSH_TEST_SECANTUSD"], !path.isEmpty else { return nil }
        return path
    }

    /// Starts the server and waits (up to 30 s) until it accepts connections.
    package init(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let executable = try #require(
            Self.executable, "SPSH_TEST_SECANTUSD is not set: run the tests with scripts/test",
            sourceLocation: sourceLocation)
        let port = try Self.freePort()
        storage = FileManager.default.temporaryDirectory.appendingPathComponent("spsh-mongo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: storage, withIntermediateDirectories: true)
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--host", "127.0.0.1", "--port", String(port), "--storage-path", storage.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        uri = "mongodb://127.0.0.1:\(port)"
        let deadline = Date().addingTimeInterval(30)
        while !Self.accepts(port: port) {
            guard process.isRunning, Date() < deadline else {
                stop()
                throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "SecantusDB did not start"])
            }
            usleep(100_000)
        }
    }

    deinit { stop() }

    /// Freezes the server (SIGSTOP): it keeps its connections open but answers nothing, as a hung server does.
    package func suspend() { kill(process.processIdentifier, SIGSTOP) }

    /// Lets a frozen server go on (SIGCONT).
    package func resume() { kill(process.processIdentifier, SIGCONT) }

    /// Kills the server (SIGKILL, as a crash would) and removes its storage.
    package func stop() {
        if process.isRunning {
            resume()
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: storage)
    }

    private static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return UInt16(bigEndian: address.sin_port)
    }

    private static func accepts(port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
