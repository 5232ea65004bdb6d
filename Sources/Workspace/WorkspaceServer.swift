import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// `spsh serve`: the local workspace's HTTP server (Hummingbird 2) in front of `WorkspaceAPI`.
/// Binds to loopback only unless `allowRemote` is set.
package struct WorkspaceServer: Sendable {
    /// What `spsh serve` was asked for.
    package struct Configuration: Sendable {
        package var host = "127.0.0.1"
        package var port = 8080
        package var allowRemote = false
        package var stateDirectory: URL
        package var authenticator: DigestAuthenticator?
        package var contractLogPath: String?
        /// How started processors run (cluster URIs, pacing, the parts).
        package var runtime = ProcessorRuntime.Settings()
        /// Whether Hummingbird's own warnings and errors reach stderr (tests that cancel the server turn them off).
        package var logsServerErrors = true

        package init(
            host: String = "127.0.0.1", port: Int = 8080, allowRemote: Bool = false, stateDirectory: URL,
            authenticator: DigestAuthenticator? = nil, contractLogPath: String? = nil
        ) {
            self.host = host
            self.port = port
            self.allowRemote = allowRemote
            self.stateDirectory = stateDirectory
            self.authenticator = authenticator
            self.contractLogPath = contractLogPath
        }
    }

    /// The largest request body accepted (a processor with a big pipeline fits easily).
    static let maxBodyBytes = 16 << 20

    package let configuration: Configuration
    package let api: WorkspaceAPI

    /// Checks the bind address and opens the state folder (loading every workspace) and the contract log.
    package init(_ configuration: Configuration) throws {
        guard configuration.allowRemote || Self.isLoopback(configuration.host) else {
            throw StateError(
                message:
                    "Refusing to listen on '\(configuration.host)': not a loopback address. The local workspace has "
                    + "no TLS; pass --allow-remote to listen there anyway")
        }
        self.configuration = configuration
        let log = try configuration.contractLogPath.map { try ContractLog(path: $0) }
        api = WorkspaceAPI(
            store: try WorkspaceStore(directory: configuration.stateDirectory, runtime: configuration.runtime),
            authenticator: configuration.authenticator, contractLog: log)
    }

    /// `127.0.0.0/8`, `::1` and `localhost` are loopback.
    package static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// Serves until SIGINT/SIGTERM (then stops the runners with a final checkpoint; their processors stay STARTED
    /// and resume at the next start); `onReady` gets the bound port (useful with port 0).
    package func run(onReady: @escaping @Sendable (Int) -> Void) async throws {
        let api = self.api
        defer { api.store.shutdown() }
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: Self.maxBodyBytes)
            let answer = api.respond(
                to: WorkspaceAPI.Request(
                    method: request.method.rawValue, target: request.head.path ?? "/",
                    accept: request.headers[.accept], contentType: request.headers[.contentType],
                    authorization: request.headers[.authorization], host: request.head.authority,
                    body: Array(buffer: body)))
            var headers = HTTPFields()
            if let type = answer.contentType { headers[.contentType] = type }
            for (name, value) in answer.headers {
                if let field = HTTPField.Name(name) { headers[field] = value }
            }
            let text = answer.body.map { $0.text } ?? ""
            return Response(
                status: HTTPResponse.Status(code: answer.status), headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        var logger = Logger(label: "spsh-serve")
        logger.logLevel = configuration.logsServerErrors ? .warning : .critical
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "spsh-serve"),
            onServerRunning: { channel in onReady(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await app.runService()
    }
}
