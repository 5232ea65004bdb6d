import Foundation

/// A throw-away local workspace: `spsh serve` from the built binary (`SPSH_BIN`) on a free loopback port, its
/// state in a fresh temporary folder and, when `apiKeys` are given, a `--config` file that turns HTTP Digest auth
/// on. The child inherits the environment, so `SPSH_CONTRACT_LOG` (set by scripts/test) records its exchanges.
///
/// Not thread-safe: use from one test, and `stop()` it before the test ends (it also removes the folder).
package final class WorkspaceServe {
    /// The API keys digest auth accepts: public key and private key.
    package typealias APIKey = (publicKey: String, privateKey: String)

    package let process: ServeProcess
    /// The temporary folder holding `state/` and `config.json`.
    package let root: URL
    /// `http://127.0.0.1:<port>`.
    package var baseURL: String { process.baseURL }
    package var port: Int { process.port }

    /// Starts `spsh serve --port 0 --state-dir <tmp>/state [--config <tmp>/config.json]`; the config file is
    /// readable by its owner only, as a file holding secrets should be.
    package init(apiKeys: [APIKey] = [], environment: [String: String] = [:]) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("spsh-workspace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var arguments = ["--state-dir", root.appendingPathComponent("state").path]
        if !apiKeys.isEmpty {
            let config = root.appendingPathComponent("config.json")
            let keys = apiKeys.map { ["publicKey": $0.publicKey, "privateKey": $0.privateKey] }
            let data = try JSONSerialization.data(withJSONObject: ["apiKeys": keys], options: [.sortedKeys])
            guard
                FileManager.default.createFile(
                    atPath: config.path, contents: data, attributes: [.posixPermissions: 0o600])
            else { throw ServeProcessError(message: "Could not write the serve config file \(config.path)") }
            arguments += ["--config", config.path]
        }
        do {
            process = try ServeProcess(arguments: arguments, environment: environment)
        } catch {
            try? FileManager.default.removeItem(at: root)
            throw error
        }
        self.root = root
    }

    /// Stops the server (SIGTERM, then waits) and removes its folder.
    package func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: root)
    }
}

/// TCP ports on the loopback interface.
package enum LoopbackPort {
    /// A port nothing listens on right now: bound to port 0, read back, closed. Another process may take it before
    /// the caller does; tests use it for servers they start at once.
    package static func free() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServeProcessError(message: "socket(): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw ServeProcessError(message: "bind(): \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    package static func answers(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
