import Foundation

/// The Atlas Admin API client for one workspace of one project: sends `Endpoint`s with the configured
/// credentials, retries what is safe to retry, follows list pages, and turns error responses into
/// `AtlasAPIError`s with hints and "did you mean" suggestions. Bodies are JSON `Data`, passed through untouched,
/// so field order (which matters in pipelines) is kept.
///
/// Not thread-safe: use from one task.
package final class AtlasStreamsClient {
    /// What the client talks to and as whom.
    package struct Configuration: Sendable {
        /// `https://cloud.mongodb.com`, or a local workspace such as `http://127.0.0.1:9443`.
        package var baseURL: String
        /// The project id (`groupId`).
        package var groupID: String
        /// The workspace (`tenantName`) the processor and connection operations use.
        package var workspace: String
        package var credentials: AtlasCredentials
        package var retryPolicy: RetryPolicy
        /// Page size for lists (1…500).
        package var itemsPerPage: Int
        /// Whether a 404 on a name lists the known names to suggest the nearest one.
        package var suggestsNames: Bool

        /// A configuration; the defaults are Atlas's base URL, 4 attempts and pages of 100.
        package init(
            baseURL: String = AtlasSettings.defaultBaseURL, groupID: String, workspace: String,
            credentials: AtlasCredentials, retryPolicy: RetryPolicy = RetryPolicy(), itemsPerPage: Int = 100,
            suggestsNames: Bool = true
        ) {
            self.baseURL = baseURL
            self.groupID = groupID
            self.workspace = workspace
            self.credentials = credentials
            self.retryPolicy = retryPolicy
            self.itemsPerPage = itemsPerPage
            self.suggestsNames = suggestsNames
        }
    }

    package let configuration: Configuration
    /// The endpoints of the configured project.
    package let endpoints: StreamsEndpoints
    private let sender: RetryingSender
    private let tokens: ServiceAccountTokens?

    /// A client sending through `transport`, waiting on `clock`, with jitter from `random` (0..<1).
    package init(
        configuration: Configuration, transport: any HTTPTransport, clock: any AtlasClock = SystemClock(),
        random: @escaping () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.configuration = configuration
        self.endpoints = StreamsEndpoints(groupID: configuration.groupID)
        self.sender = RetryingSender(
            transport: transport, clock: clock, policy: configuration.retryPolicy, random: random)
        if case .serviceAccount(let id, let secret) = configuration.credentials {
            tokens = ServiceAccountTokens(
                clientID: id, clientSecret: secret, baseURL: configuration.baseURL, sender: sender)
        } else {
            tokens = nil
        }
    }

    /// Sends `endpoint` and returns the response of a 2xx status; any other status throws its `AtlasAPIError`.
    @discardableResult
    package func send(_ endpoint: Endpoint) throws(AtlasAPIError) -> HTTPResponse {
        var response = try sendOnce(endpoint)
        if response.status == 401, let tokens {
            tokens.invalidate()  // an expired or revoked token: mint a new one, once
            response = try sendOnce(endpoint)
        }
        guard (200..<300).contains(response.status) else {
            var error = AtlasAPIError.fromResponse(response, endpoint: endpoint)
            if response.status == 404, configuration.suggestsNames {
                error.suggestion = suggestion(for: endpoint, error)
            }
            throw error
        }
        return response
    }

    private func sendOnce(_ endpoint: Endpoint) throws(AtlasAPIError) -> HTTPResponse {
        let url = endpoint.url(baseURL: configuration.baseURL)
        return try sender.send(idempotent: endpoint.isIdempotent) { () throws(AtlasAPIError) -> HTTPRequest in
            HTTPRequest(
                method: endpoint.method, url: url, headers: endpoint.headers, body: endpoint.body, auth: try auth())
        }
    }

    private func auth() throws(AtlasAPIError) -> HTTPAuth {
        switch configuration.credentials {
        case .none: return .none
        case .apiKeys(let publicKey, let privateKey): return .digest(user: publicKey, password: privateKey)
        case .serviceAccount: return .bearer(try tokens?.token() ?? Secret(""))
        }
    }

    /// Every page of a list, as the raw bodies: page 1, 2, … until a page is short, empty, or `totalCount` items
    /// have been read. `makeEndpoint(page, itemsPerPage)` builds each page's request.
    package func allPages(_ makeEndpoint: (Int, Int) throws(AtlasAPIError) -> Endpoint) throws(AtlasAPIError) -> [Data]
    {
        let perPage = configuration.itemsPerPage
        var pages: [Data] = []
        var read = 0
        for page in 1...100_000 {
            let endpoint = try makeEndpoint(page, perPage)
            let body = try send(endpoint).body
            guard let envelope = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any],
                let results = envelope["results"] as? [Any]
            else { throw .invalidResponse("a list page without 'results'", operation: endpoint.description) }
            pages.append(body)
            read += results.count
            let total = (envelope["totalCount"] as? NSNumber)?.intValue
            if results.isEmpty || results.count < perPage || total.map({ read >= $0 }) == true { break }
        }
        return pages
    }

    /// The `name` of every item on the given pages.
    package static func names(inPages pages: [Data]) -> [String] {
        pages.flatMap { page -> [String] in
            let envelope = (try? JSONSerialization.jsonObject(with: page)) as? [String: Any]
            let results = envelope?["results"] as? [[String: Any]] ?? []
            return results.compactMap { $0["name"] as? String }
        }
    }

    /// The nearest existing name to the one a 404 was about, from a fresh list; nil when listing fails too.
    private func suggestion(for endpoint: Endpoint, _ error: AtlasAPIError) -> String? {
        let workspace = configuration.workspace
        let list: (Int, Int) throws(AtlasAPIError) -> Endpoint
        let name: String
        if let code = error.errorCode, code.hasPrefix("STREAM_TENANT_NOT_FOUND") {
            guard let missing = AtlasAPIError.workspaceName(in: endpoint) else { return nil }
            (list, name) = (
                { [endpoints] (page, size) throws(AtlasAPIError) in
                    try endpoints.listWorkspaces(page: page, itemsPerPage: size)
                }, missing
            )
        } else if endpoint.method != .post || !endpoint.operationID.hasPrefix("create") {
            switch endpoint.resource {
            case .processor(let missing)?:
                (list, name) = (
                    { [endpoints] (page, size) throws(AtlasAPIError) in
                        try endpoints.listProcessors(workspace: workspace, page: page, itemsPerPage: size)
                    }, missing
                )
            case .connection(let missing)?:
                (list, name) = (
                    { [endpoints] (page, size) throws(AtlasAPIError) in
                        try endpoints.listConnections(workspace: workspace, page: page, itemsPerPage: size)
                    }, missing
                )
            case .workspace, nil: return nil
            }
        } else {
            return nil
        }
        guard let pages = try? allPages(list) else { return nil }
        return NameSuggestion.nearest(to: name, in: Self.names(inPages: pages))
    }
}
