/// An Atlas Admin API error answer: HTTP status plus the `ApiError` body
/// `{detail, error, errorCode, parameters, reason}` (atlas-api.md §7).
///
/// Codes marked "reference" are the ones atlas-api.md §7 lists; the others are this server's choice where the
/// reference names none, spelled in Atlas's style, and are listed in one place here so a client can match them.
package struct APIError: Error, Equatable, Sendable {
    package var status: Int
    package var errorCode: String
    package var detail: String
    package var parameters: [JSONValue]

    package init(status: Int, errorCode: String, detail: String, parameters: [JSONValue] = []) {
        self.status = status
        self.errorCode = errorCode
        self.detail = detail
        self.parameters = parameters
    }

    /// The HTTP reason phrase Atlas puts in `reason`.
    package var reason: String {
        switch status {
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 406: return "Not Acceptable"
        case 409: return "Conflict"
        case 415: return "Unsupported Media Type"
        default: return "Internal Server Error"
        }
    }

    /// The JSON body, keys in Atlas's order.
    package var body: JSONValue {
        .object([
            ("detail", .string(detail)), ("error", .int(status)), ("errorCode", .string(errorCode)),
            ("parameters", .array(parameters)), ("reason", .string(reason)),
        ])
    }
}

extension APIError {
    // MARK: 400

    /// 400 `VALIDATION_ERROR` (reference: the spec's example code): a body field is missing or has the wrong type.
    package static func validation(_ detail: String, _ parameters: [JSONValue] = []) -> APIError {
        APIError(status: 400, errorCode: "VALIDATION_ERROR", detail: detail, parameters: parameters)
    }

    /// 400 `INVALID_JSON` (this server's choice): the body is not JSON at all.
    package static func invalidJSON(_ detail: String) -> APIError {
        APIError(status: 400, errorCode: "INVALID_JSON", detail: "Invalid JSON: \(detail).")
    }

    /// 400 `INVALID_STREAM_CONNECTION_TYPE` (this server's choice): `type` is not one the spec's enum names.
    package static func unknownConnectionType(_ type: String) -> APIError {
        APIError(
            status: 400, errorCode: "INVALID_STREAM_CONNECTION_TYPE",
            detail:
                "Invalid stream connection type \(type). Expected one of: \(Connection.types.joined(separator: ", ")).",
            parameters: [.string(type)])
    }

    /// 400 `STREAM_PROCESSOR_GENERIC_ERROR` (reference): Atlas's pipeline error, with its detail wording
    /// "Streams Processor with this name (X) had a problem occur: …".
    package static func processorProblem(_ name: String, _ problem: String) -> APIError {
        APIError(
            status: 400, errorCode: "STREAM_PROCESSOR_GENERIC_ERROR",
            detail: "Streams Processor with this name (\(name)) had a problem occur: \(problem)",
            parameters: [.string(name), .string(problem)])
    }

    // MARK: 401

    /// 401 `USER_UNAUTHORIZED` (reference: third-party reports): digest credentials missing or wrong.
    package static let unauthorized = APIError(
        status: 401, errorCode: "USER_UNAUTHORIZED", detail: "You are not authorized for this resource.")

    // MARK: 403

    /// 403 `STREAM_CONNECTION_HAS_STREAM_PROCESSORS` (reference): the connection is named by processors.
    package static func connectionInUse(_ connection: String, by processors: [String]) -> APIError {
        APIError(
            status: 403, errorCode: "STREAM_CONNECTION_HAS_STREAM_PROCESSORS",
            detail:
                "Stream connection with name \(connection) is used by stream processors "
                + "(\(processors.joined(separator: ", "))) and cannot be changed.",
            parameters: [.string(connection)] + processors.map { .string($0) })
    }

    /// 403 `STREAM_TENANT_HAS_STREAM_PROCESSORS` (reference): the workspace still has processors.
    package static func workspaceHasProcessors(_ workspace: String) -> APIError {
        APIError(
            status: 403, errorCode: "STREAM_TENANT_HAS_STREAM_PROCESSORS",
            detail: "Stream workspace with name \(workspace) has active processors, and cannot be changed.",
            parameters: [.string(workspace)])
    }

    /// 403 `STREAM_PROCESSOR_INVALID_STATE` (this server's choice; the spec declares no 400/409 on `:start`,
    /// `:stop`, so a state-machine refusal uses 403 like Atlas's other "cannot be changed" answers).
    package static func invalidState(_ name: String, state: String, action: String) -> APIError {
        APIError(
            status: 403, errorCode: "STREAM_PROCESSOR_INVALID_STATE",
            detail: "Cannot \(action) stream processor \(name) in state \(state).",
            parameters: [.string(name), .string(state)])
    }

    // MARK: 404

    /// 404 `STREAM_TENANT_NOT_FOUND_FOR_NAME` (reference, with its wording).
    package static func workspaceNotFound(group: String, name: String) -> APIError {
        APIError(
            status: 404, errorCode: "STREAM_TENANT_NOT_FOUND_FOR_NAME",
            detail: "Stream instance for project \(group) and name \(name) not found.",
            parameters: [.string(group), .string(name)])
    }

    /// 404 `STREAM_CONNECTION_NOT_FOUND_FOR_NAME` (reference).
    package static func connectionNotFound(workspace: String, name: String) -> APIError {
        APIError(
            status: 404, errorCode: "STREAM_CONNECTION_NOT_FOUND_FOR_NAME",
            detail: "Stream connection with name \(name) in stream instance \(workspace) not found.",
            parameters: [.string(name), .string(workspace)])
    }

    /// 404 `STREAM_PROCESSOR_NOT_FOUND` (this server's choice: no public processor code exists; clients key on
    /// 404 + `/processor/`). The detail reuses the engine's text "stream processor does not exist: <name>".
    package static func processorNotFound(workspace: String, name: String) -> APIError {
        APIError(
            status: 404, errorCode: "STREAM_PROCESSOR_NOT_FOUND",
            detail: "stream processor does not exist: \(name)", parameters: [.string(name), .string(workspace)])
    }

    /// 404 `RESOURCE_NOT_FOUND` (reference: the spec's example): no route for this path and method.
    package static func noRoute(_ method: String, _ path: String) -> APIError {
        APIError(
            status: 404, errorCode: "RESOURCE_NOT_FOUND", detail: "Cannot find resource \(method) \(path).",
            parameters: [.string(path)])
    }

    // MARK: 406 / 409

    /// 406 `INVALID_VERSION_DATE` (this server's choice): the Accept header names a version this operation lacks.
    package static func unsupportedVersion(_ accept: String, expected: String) -> APIError {
        APIError(
            status: 406, errorCode: "INVALID_VERSION_DATE",
            detail: "Accept \(accept) is not supported by this resource; use application/vnd.atlas.\(expected)+json.",
            parameters: [.string(accept)])
    }

    /// 409 `STREAM_CONNECTION_NAME_ALREADY_EXISTS` (this server's choice; the reference publishes no code).
    package static func duplicateConnection(workspace: String, name: String) -> APIError {
        APIError(
            status: 409, errorCode: "STREAM_CONNECTION_NAME_ALREADY_EXISTS",
            detail: "Stream connection with name \(name) already exists in stream instance \(workspace).",
            parameters: [.string(name), .string(workspace)])
    }

    /// 409 `STREAM_PROCESSOR_NAME_ALREADY_EXISTS` (this server's choice; the reference publishes no code).
    package static func duplicateProcessor(workspace: String, name: String) -> APIError {
        APIError(
            status: 409, errorCode: "STREAM_PROCESSOR_NAME_ALREADY_EXISTS",
            detail: "Stream processor with name \(name) already exists in stream instance \(workspace).",
            parameters: [.string(name), .string(workspace)])
    }

    /// 409 `STREAM_TENANT_NAME_ALREADY_EXISTS` (this server's choice).
    package static func duplicateWorkspace(_ name: String) -> APIError {
        APIError(
            status: 409, errorCode: "STREAM_TENANT_NAME_ALREADY_EXISTS",
            detail: "Stream instance with name \(name) already exists.", parameters: [.string(name)])
    }

    /// 500 `UNEXPECTED_ERROR` (reference): a bug or an I/O failure in this server.
    package static func unexpected(_ detail: String) -> APIError {
        APIError(status: 500, errorCode: "UNEXPECTED_ERROR", detail: detail)
    }
}
