import Foundation

/// Everything AtlasClient throws: an Atlas error response, a transport failure, a bad argument, an unreadable
/// response or a configuration problem. `message` is one readable line; `hint` says what to do, when known.
/// Never holds a secret.
package struct AtlasAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which kind of failure (STYLE.md §3: user input, server, internal).
    package enum Kind: Sendable, Equatable {
        /// The server answered with an error status; `status` and `errorCode` are set.
        case api
        /// No HTTP response (connection refused, timeout, TLS).
        case transport
        /// A name or value that cannot be sent (an empty name, `.`/`..`).
        case invalidArgument
        /// A success status with a body that is not the expected JSON.
        case invalidResponse
        /// Missing or unreadable credentials or settings.
        case configuration
    }

    package var kind: Kind
    /// The HTTP status of an `.api` error.
    package var status: Int?
    /// Atlas's `errorCode`, e.g. `STREAM_TENANT_NOT_FOUND_FOR_NAME`.
    package var errorCode: String?
    /// Atlas's `detail` (or `reason` when there is no detail), without a final period.
    package var detail: String?
    /// Atlas's `parameters`, as text.
    package var parameters: [String]
    /// The request, `GET /api/atlas/v2/…`, when there was one.
    package var operation: String?
    /// What to do about it, e.g. `Check the API keys and the project's IP access list`.
    package var hint: String?
    /// The nearest known name, for a 404 on a name that does not exist.
    package var suggestion: String?

    /// An error of `kind` with its text in `detail`.
    package init(
        kind: Kind, status: Int? = nil, errorCode: String? = nil, detail: String?, parameters: [String] = [],
        operation: String? = nil, hint: String? = nil, suggestion: String? = nil
    ) {
        self.kind = kind
        self.status = status
        self.errorCode = errorCode
        self.detail = detail
        self.parameters = parameters
        self.operation = operation
        self.hint = hint
        self.suggestion = suggestion
    }

    /// A value the caller passed that cannot be sent.
    package static func invalidArgument(_ message: String) -> AtlasAPIError {
        AtlasAPIError(kind: .invalidArgument, detail: message)
    }

    /// A configuration problem (credentials, config file, base URL).
    package static func configuration(_ message: String) -> AtlasAPIError {
        AtlasAPIError(kind: .configuration, detail: message)
    }

    /// A request that got no response.
    package static func transport(_ error: TransportError, operation: String) -> AtlasAPIError {
        let hint: String? =
            switch error.kind {
            case .couldNotConnect: "Check the Atlas base URL and that the server is running"
            case .tls: "TLS verification failed; check the server's certificate"
            case .timedOut, .other: nil
            }
        return AtlasAPIError(kind: .transport, detail: error.message, operation: operation, hint: hint)
    }

    /// A success response whose body could not be read.
    package static func invalidResponse(_ message: String, operation: String) -> AtlasAPIError {
        AtlasAPIError(kind: .invalidResponse, detail: message, operation: operation)
    }

    /// The first part of the line: `Atlas API error 404 (STREAM_TENANT_NOT_FOUND_FOR_NAME): <detail>`, or the
    /// detail alone for errors without a status.
    package var summary: String {
        let text = detail ?? "No details"
        switch kind {
        case .api:
            let code = errorCode.map { " (\($0))" } ?? ""
            return "Atlas API error \(status ?? 0)\(code): \(text)"
        case .transport: return "Could not reach the Atlas API for \(operation ?? "a request"): \(text)"
        case .invalidResponse: return "Unreadable Atlas API response to \(operation ?? "a request"): \(text)"
        case .invalidArgument, .configuration: return text
        }
    }

    /// The whole error on one line: the summary, then the hint and the suggestion.
    package var message: String {
        var line = summary
        if let hint { line += ". " + hint }
        if let suggestion { line += "; did you mean '\(suggestion)'?" }
        return line
    }

    package var description: String { message }
}
