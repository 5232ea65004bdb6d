import Foundation

/// An Atlas Admin API version date. Each operation has one, sent as `Accept` (and `Content-Type` with a body).
package struct APIVersion: Sendable, Hashable, CustomStringConvertible {
    /// The date, e.g. `2024-05-30`.
    package let date: String

    /// A version from its date.
    package init(_ date: String) { self.date = date }

    /// Workspaces and connections.
    package static let workspacesAndConnections = APIVersion("2023-02-01")
    /// Processors: create, get, list, update, delete, `:start`, `:stop`.
    package static let processors = APIVersion("2024-05-30")
    /// `:startWith`.
    package static let startWith = APIVersion("2025-03-12")

    /// `application/vnd.atlas.<date>+json`.
    package var mediaType: String { "application/vnd.atlas.\(date)+json" }

    package var description: String { date }
}

/// What an endpoint names, so a 404 can say which name was unknown and suggest a known one.
package enum NamedResource: Sendable, Equatable {
    case workspace(String)
    case connection(String)
    case processor(String)
}

/// One Admin API operation as a value: method, encoded path, query, version and JSON body. Build them with
/// `StreamsEndpoints`; send them with `AtlasStreamsClient`.
package struct Endpoint: Sendable, Equatable, CustomStringConvertible {
    /// The spec's `operationId`, e.g. `getGroupStreamProcessor`.
    package var operationID: String
    package var method: HTTPMethod
    /// The percent-encoded path, from `/api/atlas/v2/…`.
    package var path: String
    /// Query parameters, in order; names and values are plain ASCII.
    package var query: [QueryItem]
    package var version: APIVersion
    /// The JSON body, when the operation takes one.
    package var body: Data?
    /// The workspace, connection or processor the operation is about (for a create, the new one).
    package var resource: NamedResource?

    /// An endpoint.
    package init(
        operationID: String, method: HTTPMethod, path: String, query: [QueryItem] = [], version: APIVersion,
        body: Data? = nil, resource: NamedResource? = nil
    ) {
        self.operationID = operationID
        self.method = method
        self.path = path
        self.query = query
        self.version = version
        self.body = body
        self.resource = resource
    }

    /// Whether sending it twice has the effect of sending it once (GET, PATCH, DELETE), so it may be retried
    /// after a 5xx or a timeout. POSTs (create, `:start`, `:stop`) are not.
    package var isIdempotent: Bool { method != .post }

    /// `path?name=value&…`.
    package var pathAndQuery: String {
        query.isEmpty ? path : path + "?" + query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    /// The full URL under `baseURL` (`https://cloud.mongodb.com`, a trailing `/` is ignored).
    package func url(baseURL: String) -> String {
        (baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL) + pathAndQuery
    }

    /// `Accept` with the operation's version, and `Content-Type` with the same version when there is a body.
    package var headers: [(name: String, value: String)] {
        var headers = [(name: "Accept", value: version.mediaType)]
        if body != nil { headers.append((name: "Content-Type", value: version.mediaType)) }
        return headers
    }

    /// `GET /api/…/processor/p1`.
    package var description: String { "\(method.rawValue) \(pathAndQuery)" }
}

/// One query parameter.
package struct QueryItem: Sendable, Equatable {
    package var name: String
    package var value: String

    /// A query parameter.
    package init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// Percent-encodes a name as exactly one RFC 3986 path segment.
package enum PathSegment {
    /// Characters kept as they are: RFC 3986 unreserved ones. Everything else, `/ : % ? # @ ;` and spaces
    /// included, becomes UTF-8 `%XX` (a space is `%20`, never `+`).
    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    /// `name` encoded; `kind` (`processor`, `connection`, …) names it in the error. Empty names and `.`/`..`,
    /// which servers would normalise into another path, are rejected.
    package static func encode(_ name: String, kind: String) throws(AtlasAPIError) -> String {
        if name.isEmpty { throw AtlasAPIError.invalidArgument("Invalid \(kind) name: the name is empty") }
        if name == "." || name == ".." {
            throw AtlasAPIError.invalidArgument(
                "Invalid \(kind) name: '\(name)' cannot be used in a URL path; rename the \(kind)")
        }
        var encoded = ""
        for byte in name.utf8 {
            if unreserved.contains(byte) {
                encoded.append(Character(Unicode.Scalar(byte)))
            } else {
                encoded += String(format: "%%%02X", byte)
            }
        }
        return encoded
    }
}
