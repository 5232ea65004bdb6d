import Foundation

extension AtlasAPIError {
    /// The error an Atlas error response stands for: its `ApiError` body (`error`, `errorCode`, `detail`, `reason`,
    /// `parameters`) when it is JSON, else the status and the start of the body (gateways answer 502/504 with
    /// HTML), plus a hint for the statuses users hit.
    package static func fromResponse(_ response: HTTPResponse, endpoint: Endpoint) -> AtlasAPIError {
        var error = AtlasAPIError(kind: .api, status: response.status, detail: nil, operation: endpoint.description)
        let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        if let object {
            error.errorCode = object["errorCode"] as? String
            let detail = (object["detail"] as? String) ?? (object["reason"] as? String)
            error.detail = detail.map(trimmed)
            error.parameters = ((object["parameters"] as? [Any]) ?? []).map { "\($0)" }
        }
        if error.detail == nil {
            let reason = reasonPhrase(response.status)
            let text = response.bodyText.trimmingCharacters(in: .whitespacesAndNewlines)
            let excerpt = text.isEmpty ? "" : ": " + String(text.replacingOccurrences(of: "\n", with: " ").prefix(120))
            error.detail = reason + excerpt
        }
        error.hint = hint(status: response.status, errorCode: error.errorCode, endpoint: endpoint, response: response)
        return error
    }

    /// The standard reason phrase of the statuses the Admin API answers with.
    static func reasonPhrase(_ status: Int) -> String {
        let phrases = [
            400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
            409: "Conflict", 410: "Gone", 415: "Unsupported Media Type", 429: "Too Many Requests",
            500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
        ]
        return phrases[status] ?? "HTTP status \(status)"
    }

    private static func trimmed(_ text: String) -> String {
        var text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// What to do about an error status, or nil when there is nothing useful to say.
    static func hint(status: Int, errorCode: String?, endpoint: Endpoint, response: HTTPResponse) -> String? {
        switch status {
        case 401:
            return
                "Check the API keys (or service account) and that this machine's IP address is on the API access list"
        case 403:
            switch errorCode {
            case "STREAM_CONNECTION_HAS_STREAM_PROCESSORS":
                return "Drop the processors that use this connection first"
            case "STREAM_TENANT_HAS_STREAM_PROCESSORS": return "Drop the workspace's processors first"
            case "STREAM_PROCESSOR_INVALID_STATE":
                return nil  // the detail names the processor's state; the keys and access list are fine
            default:
                return
                    "Check the API keys' project roles (Project Stream Processing Manager) and that this machine's IP address is on the API access list"
            }
        case 404: return notFoundHint(errorCode: errorCode, endpoint: endpoint)
        case 409:
            guard let resource = endpoint.resource else { return "The request conflicts with the current state" }
            let (kind, name) = resource.kindAndName
            return endpoint.method == .post && endpoint.operationID.hasPrefix("create")
                ? "A \(kind) named '\(name)' already exists" : "The \(kind) '\(name)' is in a conflicting state"
        case 429:
            let after = response.header("Retry-After").map { " (the server asked to wait \($0) s)" } ?? ""
            return "Atlas rate-limited this client; wait and try again\(after)"
        case 500...599:
            return "The server had a problem; if a connection was just created it may still be deploying, try again"
        default: return nil
        }
    }

    private static func notFoundHint(errorCode: String?, endpoint: Endpoint) -> String? {
        if errorCode == "STREAM_TENANT_NOT_FOUND_FOR_NAME" || errorCode == "STREAM_TENANT_NOT_FOUND" {
            return workspaceName(in: endpoint).map { "Unknown workspace '\($0)'" } ?? "Unknown workspace"
        }
        guard let resource = endpoint.resource else { return nil }
        if endpoint.operationID.hasPrefix("create") {
            return "The workspace, or a connection the request names, does not exist"
        }
        let (kind, name) = resource.kindAndName
        return "Unknown \(kind) '\(name)'"
    }

    /// The decoded workspace name in an endpoint's path (`…/streams/<name>[/…]`).
    static func workspaceName(in endpoint: Endpoint) -> String? {
        guard let range = endpoint.path.range(of: "/streams/") else {
            if case .workspace(let name)? = endpoint.resource { return name }
            return nil
        }
        let rest = endpoint.path[range.upperBound...]
        let segment = rest.prefix { $0 != "/" && $0 != ":" }
        return String(segment).removingPercentEncoding
    }
}

extension NamedResource {
    /// `("processor", "p1")`.
    package var kindAndName: (kind: String, name: String) {
        switch self {
        case .workspace(let name): ("workspace", name)
        case .connection(let name): ("connection", name)
        case .processor(let name): ("processor", name)
        }
    }
}
