import Foundation

/// An HTTP method the Atlas Admin API uses.
package enum HTTPMethod: String, Sendable, Equatable {
    case get = "GET"
    case post = "POST"
    case patch = "PATCH"
    case delete = "DELETE"
}

/// How a request authenticates. The secrets are `Secret`s, so printing a request never shows them.
package enum HTTPAuth: Sendable, Equatable {
    /// No credentials (the local workspace without auth).
    case none
    /// HTTP Digest (RFC 7616), answered by the transport after the server's challenge: Atlas API keys.
    case digest(user: String, password: Secret)
    /// HTTP Basic: the service-account token request.
    case basic(user: String, password: Secret)
    /// `Authorization: Bearer <token>`: calls made with a service account's access token.
    case bearer(Secret)
}

/// One HTTP request: an absolute URL, headers in order, an optional body and its authentication.
package struct HTTPRequest: Sendable, Equatable, CustomStringConvertible {
    package var method: HTTPMethod
    package var url: String
    package var headers: [(name: String, value: String)]
    package var body: Data?
    package var auth: HTTPAuth

    /// A request; `headers` are sent in the order given.
    package init(
        method: HTTPMethod, url: String, headers: [(name: String, value: String)] = [], body: Data? = nil,
        auth: HTTPAuth = .none
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.auth = auth
    }

    /// The value of the first header named `name` (case-insensitive).
    package func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// `POST https://…/processor` plus the auth kind; never a secret.
    package var description: String {
        let kind: String
        switch auth {
        case .none: kind = "no auth"
        case .digest: kind = "digest auth"
        case .basic: kind = "basic auth"
        case .bearer: kind = "bearer token"
        }
        return "\(method.rawValue) \(url) (\(kind))"
    }

    package static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
        lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body && lhs.auth == rhs.auth
            && lhs.headers.map { "\($0.name): \($0.value)" } == rhs.headers.map { "\($0.name): \($0.value)" }
    }
}

/// One HTTP response: status, headers (names as the server sent them, in order) and body.
package struct HTTPResponse: Sendable, Equatable {
    package var status: Int
    package var headers: [(name: String, value: String)]
    package var body: Data

    /// A response.
    package init(status: Int, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The value of the last header named `name` (case-insensitive): after a digest challenge the final
    /// response's headers come last.
    package func header(_ name: String) -> String? {
        headers.last { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The body as UTF-8 text (invalid bytes replaced).
    package var bodyText: String { String(decoding: body, as: UTF8.self) }

    package static func == (lhs: HTTPResponse, rhs: HTTPResponse) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body
            && lhs.headers.map { "\($0.name): \($0.value)" } == rhs.headers.map { "\($0.name): \($0.value)" }
    }
}

/// A request that got no HTTP response: the host could not be reached, TLS failed, or it timed out.
package struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure, which decides whether a retry is safe.
    package enum Kind: Sendable, Equatable {
        /// Nothing was sent (DNS, refused connection): safe to retry any request.
        case couldNotConnect
        /// Sent, but no answer in time: only idempotent requests may be retried.
        case timedOut
        /// TLS handshake or certificate verification failed: never retried.
        case tls
        /// Anything else (a reset connection, a malformed URL): retried only when idempotent.
        case other
    }

    package var kind: Kind
    /// The library's message, e.g. `Couldn't connect to server`.
    package var message: String

    /// A transport error.
    package init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    package var description: String { message }
}

/// Sends one HTTP request and returns the response. `CurlTransport` is the real one; tests may script one.
///
/// Implementations are not required to be thread-safe: use from one task.
package protocol HTTPTransport: AnyObject {
    /// Sends `request` and waits for the whole response. Throws only when there is no HTTP response.
    func send(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse
}
