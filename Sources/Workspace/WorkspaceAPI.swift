import Foundation

/// The Atlas Admin API streams subset over a `WorkspaceStore`, independent of the HTTP server: a request's
/// method, target, headers and body in; status, media type, headers and body out. Success bodies carry the
/// operation's versioned type (`application/vnd.atlas.YYYY-MM-DD+json`), errors `application/json` (atlas-api.md §1).
package struct WorkspaceAPI: Sendable {
    package let store: WorkspaceStore
    package let authenticator: DigestAuthenticator?
    package let contractLog: ContractLog?

    package init(store: WorkspaceStore, authenticator: DigestAuthenticator? = nil, contractLog: ContractLog? = nil) {
        self.store = store
        self.authenticator = authenticator
        self.contractLog = contractLog
    }

    /// What the server received.
    package struct Request: Sendable {
        package var method: String
        /// The raw request target: percent-encoded path and optional `?query`.
        package var target: String
        package var accept: String?
        package var contentType: String?
        package var authorization: String?
        package var host: String?
        package var body: [UInt8]

        package init(
            method: String, target: String, accept: String? = nil, contentType: String? = nil,
            authorization: String? = nil, host: String? = nil, body: [UInt8] = []
        ) {
            self.method = method
            self.target = target
            self.accept = accept
            self.contentType = contentType
            self.authorization = authorization
            self.host = host
            self.body = body
        }
    }

    /// What the server answers.
    package struct Response: Sendable, Equatable {
        package var status: Int
        package var contentType: String?
        package var headers: [String: String] = [:]
        package var body: JSONValue?
    }

    /// Answers one request (and records it in the contract log when one is set).
    package func respond(to request: Request) -> Response {
        let (path, query) = Self.split(request.target)
        var requestBody: JSONValue?
        let response = answer(request, path: path, query: query, requestBody: &requestBody)
        if Route.match(method: request.method, path: path)?.route.isLocalOnly == true { return response }
        contractLog?.append(
            ContractLog.Entry(
                method: request.method, path: path, query: query, accept: request.accept,
                contentType: request.contentType, requestBody: requestBody, status: response.status,
                responseContentType: response.contentType, responseBody: response.body))
        return response
    }

    private func answer(
        _ request: Request, path: String, query: [String: String], requestBody: inout JSONValue?
    ) -> Response {
        if let authenticator,
            case .rejected(let stale) = authenticator.check(
                method: request.method, uri: request.target, authorization: request.authorization)
        {
            var answer = Self.error(.unauthorized)
            answer.headers["WWW-Authenticate"] = authenticator.challenge(stale: stale)
            return answer
        }
        do throws(APIError) {
            guard let (route, group) = Route.match(method: request.method, path: path) else {
                throw APIError.noRoute(request.method, path)
            }
            let mediaType = "application/vnd.atlas.\(route.version)+json"
            if let accept = request.accept, accept.contains("application/vnd.atlas."), !accept.contains(mediaType) {
                throw APIError.unsupportedVersion(accept, expected: route.version)
            }
            if !request.body.isEmpty {
                do {
                    requestBody = try JSONValue.parse(String(decoding: request.body, as: UTF8.self))
                } catch {
                    throw APIError.invalidJSON(error.description)
                }
            }
            let base = "http://\(request.host ?? "127.0.0.1")\(path)"
            let (status, body) = try perform(route, group: group, query: query, body: requestBody, selfURL: base)
            return Response(status: status, contentType: status == 204 ? nil : mediaType, body: body)
        } catch {
            return Self.error(error)
        }
    }

    private func perform(
        _ route: Route, group: String, query: [String: String], body: JSONValue?, selfURL: String
    ) throws(APIError) -> (Int, JSONValue?) {
        func required() throws(APIError) -> JSONValue {
            guard let body else { throw APIError.validation("The request body is required.") }
            return body
        }
        let empty: JSONValue = .object([])
        switch route {
        case .listWorkspaces:
            return (200, store.listWorkspaces(group: group, page: try Page(query: query, selfURL: selfURL)))
        case .createWorkspace:
            return (200, try store.createWorkspace(group: group, body: try required()))
        case .getWorkspace(let ws):
            let include = query["includeConnections"] == "true"
            return (200, try store.workspace(group: group, name: ws, includeConnections: include))
        case .deleteWorkspace(let ws):
            try store.deleteWorkspace(group: group, name: ws)
            return (202, empty)
        case .listConnections(let ws):
            let page = try Page(query: query, selfURL: selfURL)
            return (200, try store.listConnections(group: group, workspace: ws, page: page))
        case .createConnection(let ws):
            return (200, try store.createConnection(group: group, workspace: ws, body: try required()))
        case .getConnection(let ws, let name):
            return (200, try store.connection(group: group, workspace: ws, name: name))
        case .updateConnection(let ws, let name):
            return (200, try store.updateConnection(group: group, workspace: ws, name: name, body: try required()))
        case .deleteConnection(let ws, let name):
            try store.deleteConnection(group: group, workspace: ws, name: name)
            return (202, empty)
        case .listProcessors(let ws):
            let page = try Page(query: query, selfURL: selfURL)
            return (200, try store.listProcessors(group: group, workspace: ws, page: page))
        case .createProcessor(let ws):
            return (200, try store.createProcessor(group: group, workspace: ws, body: try required()))
        case .getProcessor(let ws, let name):
            return (200, try store.processor(group: group, workspace: ws, name: name))
        case .modifyProcessor(let ws, let name):
            return (200, try store.modifyProcessor(group: group, workspace: ws, name: name, body: try required()))
        case .deleteProcessor(let ws, let name):
            try store.deleteProcessor(group: group, workspace: ws, name: name)
            return (204, nil)
        case .startProcessor(let ws, let name):
            try store.startProcessor(group: group, workspace: ws, name: name)
            return (200, empty)
        case .startProcessorWith(let ws, let name):
            let options = try Self.startOptions(body)
            try store.startProcessor(group: group, workspace: ws, name: name, options: options)
            return (200, empty)
        case .stopProcessor(let ws, let name):
            try store.stopProcessor(group: group, workspace: ws, name: name)
            return (200, empty)
        case .sampleProcessor(let ws, let name):
            return (200, try store.sampleProcessor(group: group, workspace: ws, name: name))
        }
    }

    /// Checks a `StreamsStartStreamProcessorWith` body (all fields optional).
    static func startOptions(_ body: JSONValue?) throws(APIError) -> JSONValue? {
        guard let body else { return nil }
        guard body.objectValue != nil else {
            throw APIError.validation("The start options must be a JSON object, found \(body.kindName).")
        }
        if let value = body["resumeFromCheckpoint"], case .bool = value {
        } else if body["resumeFromCheckpoint"] != nil {
            throw APIError.validation("Attribute resumeFromCheckpoint must be a boolean.", ["resumeFromCheckpoint"])
        }
        if let value = body["startAtOperationTime"] {
            guard let text = value.stringValue, ISO8601DateFormatter().date(from: text) != nil else {
                throw APIError.validation(
                    "Attribute startAtOperationTime must be an ISO-8601 date-time.", ["startAtOperationTime"])
            }
        }
        _ = try Processor.validatedTier(body["tier"])
        if let failover = body["failover"], failover["region"]?.stringValue == nil {
            throw APIError.validation("The required attribute failover.region was not specified.", ["failover.region"])
        }
        return body
    }

    static func error(_ error: APIError) -> Response {
        Response(status: error.status, contentType: "application/json", body: error.body)
    }

    /// Path and decoded query parameters of a request target.
    static func split(_ target: String) -> (path: String, query: [String: String]) {
        guard let mark = target.firstIndex(of: "?") else { return (target, [:]) }
        var query: [String: String] = [:]
        for pair in target[target.index(after: mark)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = PathSegment.decode(parts[0]) ?? String(parts[0])
            query[key] = parts.count > 1 ? PathSegment.decode(parts[1]) ?? String(parts[1]) : ""
        }
        return (String(target[..<mark]), query)
    }
}
