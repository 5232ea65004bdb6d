import ArgumentParser
import Foundation
import Synchronization
import Workspace

/// `spsh serve`: the local workspace, an HTTP server that speaks the Atlas Admin API for stream processing.
/// Only this subcommand starts Hummingbird; the shell's start never touches it.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the local workspace: an Atlas Admin API server for stream processing on 127.0.0.1.",
        usage:
            "spsh serve [--port <port>] [--state-dir <dir>] [--bind <addr> --allow-remote] [--config <file>] "
            + "[--mongodb-uri <uri>]",
        discussion: """
            Started processors run here, each on its own thread, checkpoint every second and on stop, and resume \
            from their last checkpoint when the server starts again (also after kill -9). Every Cluster \
            connection resolves to --mongodb-uri unless the config file maps its clusterName to a URI:
              {"clusters": {"Cluster0": "mongodb://127.0.0.1:27018"}}
            The config file may also hold apiKeys for Digest authentication:
              {"apiKeys": [{"publicKey": "abcdefgh", "privateKey": "…"}]}
            """)

    @Option(help: "TCP port to listen on (0 picks a free one).")
    var port = 27080

    @Option(
        name: .customLong("state-dir"),
        help: ArgumentHelp("Folder for connections and processors (default: ~/.spsh/workspace).", valueName: "dir"))
    var stateDir: String?

    @Option(help: ArgumentHelp("Address to listen on; non-loopback needs --allow-remote.", valueName: "addr"))
    var bind = "127.0.0.1"

    @Flag(name: .customLong("allow-remote"), help: "Allow a non-loopback --bind address.")
    var allowRemote = false

    @Option(
        help: ArgumentHelp(
            "JSON file with apiKeys for HTTP Digest authentication and clusters (clusterName to MongoDB URI).",
            valueName: "file"))
    var config: String?

    @Option(
        name: .customLong("mongodb-uri"),
        help: ArgumentHelp(
            "MongoDB URI that every Cluster connection's clusterName resolves to unless the config maps it.",
            valueName: "uri"))
    var mongodbURI = "mongodb://127.0.0.1:27017"

    func run() throws {
        let directory =
            stateDir.map { URL(fileURLWithPath: ($0 as NSString).expandingTildeInPath) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".spsh/workspace")
        let server: WorkspaceServer
        do {
            var configuration = WorkspaceServer.Configuration(
                host: bind, port: port, allowRemote: allowRemote, stateDirectory: directory,
                authenticator: try config.flatMap(ServeConfigFile.authenticator(at:)),
                contractLogPath: ProcessInfo.processInfo.environment["SPSH_CONTRACT_LOG"])
            configuration.runtime.defaultMongoURI = mongodbURI
            configuration.runtime.clusterURIs = try config.map(ServeConfigFile.clusterURIs(at:)) ?? [:]
            server = try WorkspaceServer(configuration)
        } catch {
            FileHandle.standardError.write(Data("spsh serve: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let outcome = ServeOutcome()
        let bind = self.bind
        let auth = server.configuration.authenticator == nil ? "off" : "digest"
        Task {
            do {
                try await server.run { port in
                    let line =
                        "spsh serve: listening on http://\(bind):\(port) (state: \(directory.path), auth: \(auth))\n"
                    FileHandle.standardOutput.write(Data(line.utf8))
                }
            } catch {
                outcome.failure.withLock { $0 = "\(error)" }
            }
            outcome.done.signal()
        }
        outcome.done.wait()
        if let failure = outcome.failure.withLock({ $0 }) {
            FileHandle.standardError.write(Data("spsh serve: \(failure)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// How the server task ended, handed back to the blocked main thread.
private final class ServeOutcome: Sendable {
    let done = DispatchSemaphore(value: 0)
    let failure = Mutex<String?>(nil)
}
