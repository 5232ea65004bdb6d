import Foundation
import Workspace

/// `WorkspaceServer` running inside the test process on a free loopback port, with its own temporary state folder.
final class InProcessServer: Sendable {
    let root: String
    let stateDirectory: URL
    private let task: Task<Void, any Error>

    static let group = "0123456789abcdef01234567"

    /// `http://127.0.0.1:<port>/api/atlas/v2/groups/<group>/streams`.
    var streams: String { root + "/api/atlas/v2/groups/\(Self.group)/streams" }

    private init(root: String, stateDirectory: URL, task: Task<Void, any Error>) {
        self.root = root
        self.stateDirectory = stateDirectory
        self.task = task
    }

    /// Starts a server; returns once it listens. Processors run on `runtime`: by default the test parts, where a
    /// source other than `documents` is never ready, so a started Kafka processor stays STARTED.
    static func start(
        stateDirectory: URL? = nil, authenticator: DigestAuthenticator? = nil, contractLog: String? = nil,
        runtime: ProcessorRuntime.Settings = .testing()
    ) async throws -> InProcessServer {
        let directory =
            stateDirectory
            ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("spsh-serve-test-\(UUID().uuidString)")
        // Without a log of its own, a test records into SPSH_CONTRACT_LOG like `spsh serve` does.
        let log = contractLog ?? ProcessInfo.processInfo.environment["SPSH_CONTRACT_LOG"]
        var configuration = WorkspaceServer.Configuration(
            port: 0, stateDirectory: directory, authenticator: authenticator, contractLogPath: log)
        configuration.runtime = runtime
        configuration.logsServerErrors = false  // cancelling the task logs "CancellationError" otherwise
        let server = try WorkspaceServer(configuration)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            // Ends the stream when the server stops or fails to start, so the wait below cannot hang.
            defer { continuation.finish() }
            try await server.run { port in continuation.yield(port) }
        }
        for await port in ports {
            return InProcessServer(root: "http://127.0.0.1:\(port)", stateDirectory: directory, task: task)
        }
        task.cancel()
        _ = try await task.value
        throw ServeTestError(message: "The in-process server stopped before it reported its port")
    }

    /// Stops the server (graceful shutdown through task cancellation).
    func stop() async {
        task.cancel()
        _ = await task.result
    }
}
