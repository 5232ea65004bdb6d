import Foundation
import TestSupport
import Testing

@testable import AtlasClient

@Suite(.tags(.small)) struct AtlasAPIErrorTests {
    private static let endpoints = StreamsEndpoints(groupID: "g1")

    @Test(arguments: [
        (
            401,
            #"{"error":401,"errorCode":"USER_UNAUTHORIZED","detail":"You are not authorized for this resource.","reason":"Unauthorized"}"#,
            "Atlas API error 401 (USER_UNAUTHORIZED): You are not authorized for this resource. Check the API keys (or service account) and that this machine's IP address is on the API access list"
        ),
        (
            403,
            #"{"error":403,"errorCode":"IP_ADDRESS_NOT_ON_ACCESS_LIST","detail":"IP address 1.2.3.4 is not allowed.","parameters":["1.2.3.4"]}"#,
            "Atlas API error 403 (IP_ADDRESS_NOT_ON_ACCESS_LIST): IP address 1.2.3.4 is not allowed. Check the API keys' project roles (Project Stream Processing Manager) and that this machine's IP address is on the API access list"
        ),
        (
            403,
            #"{"error":403,"errorCode":"STREAM_PROCESSOR_INVALID_STATE","detail":"Cannot stop stream processor p in state CREATED."}"#,
            "Atlas API error 403 (STREAM_PROCESSOR_INVALID_STATE): Cannot stop stream processor p in state CREATED"
        ),
        (
            404, #"{"error":404,"errorCode":"RESOURCE_NOT_FOUND","reason":"Not Found"}"#,
            "Atlas API error 404 (RESOURCE_NOT_FOUND): Not Found. Unknown processor 'Kafka stock trade processor'"
        ),
        (
            404,
            #"{"error":404,"errorCode":"STREAM_TENANT_NOT_FOUND_FOR_NAME","detail":"Stream instance for project g1 and name my ws not found.","parameters":["g1","my ws"]}"#,
            "Atlas API error 404 (STREAM_TENANT_NOT_FOUND_FOR_NAME): Stream instance for project g1 and name my ws not found. Unknown workspace 'my ws'"
        ),
        (
            429,
            #"{"detail":"Resource /api/atlas is limited to 100 requests every 1 minutes.","error":429,"errorCode":"RATE_LIMITED","parameters":["/api/atlas",100,1],"reason":"Too Many Requests"}"#,
            "Atlas API error 429 (RATE_LIMITED): Resource /api/atlas is limited to 100 requests every 1 minutes. Atlas rate-limited this client; wait and try again"
        ),
        (
            504, "<html><body>Gateway Timeout</body></html>",
            "Atlas API error 504: Gateway Timeout: <html><body>Gateway Timeout</body></html>. The server had a problem; if a connection was just created it may still be deploying, try again"
        ),
        (
            400,
            #"{"error":400,"errorCode":"STREAM_PROCESSOR_GENERIC_ERROR","detail":"Streams Processor with this name (p) had a problem occur: bad stage."}"#,
            "Atlas API error 400 (STREAM_PROCESSOR_GENERIC_ERROR): Streams Processor with this name (p) had a problem occur: bad stage"
        ),
    ])
    func oneReadableLine(status: Int, body: String, message: String) throws {
        let endpoint = try Self.endpoints.getProcessor(workspace: "my ws", name: "Kafka stock trade processor")
        let error = AtlasAPIError.fromResponse(HTTPResponse(status: status, body: Data(body.utf8)), endpoint: endpoint)
        #expect(error.message == message)
        #expect(error.status == status)
        #expect(
            error.operation == "GET /api/atlas/v2/groups/g1/streams/my%20ws/processor/Kafka%20stock%20trade%20processor"
        )
    }

    @Test func parametersAndCodeAreKept() throws {
        let body =
            #"{"error":403,"errorCode":"STREAM_CONNECTION_HAS_STREAM_PROCESSORS","detail":"In use","parameters":["kafkaprod",2]}"#
        let endpoint = try Self.endpoints.deleteConnection(workspace: "ws", name: "kafkaprod")
        let error = AtlasAPIError.fromResponse(HTTPResponse(status: 403, body: Data(body.utf8)), endpoint: endpoint)
        #expect(error.errorCode == "STREAM_CONNECTION_HAS_STREAM_PROCESSORS")
        #expect(error.parameters == ["kafkaprod", "2"])
        #expect(
            error.message
                == "Atlas API error 403 (STREAM_CONNECTION_HAS_STREAM_PROCESSORS): In use. Drop the processors that use this connection first"
        )
    }

    @Test func conflictOnCreateSaysItExists() throws {
        let endpoint = try Self.endpoints.createConnection(workspace: "ws", name: "kafkaprod", body: Data("{}".utf8))
        let body = #"{"error":409,"errorCode":"DUPLICATE_STREAM_CONNECTION","detail":"Duplicate."}"#
        let error = AtlasAPIError.fromResponse(HTTPResponse(status: 409, body: Data(body.utf8)), endpoint: endpoint)
        #expect(
            error.message
                == "Atlas API error 409 (DUPLICATE_STREAM_CONNECTION): Duplicate. A connection named 'kafkaprod' already exists"
        )
    }

    @Test func rateLimitHintNamesRetryAfter() throws {
        let endpoint = try Self.endpoints.listWorkspaces(page: 1, itemsPerPage: 100)
        let response = HTTPResponse(status: 429, headers: [("Retry-After", "30")], body: Data())
        #expect(
            AtlasAPIError.fromResponse(response, endpoint: endpoint).message
                == "Atlas API error 429: Too Many Requests. Atlas rate-limited this client; wait and try again (the server asked to wait 30 s)"
        )
    }

    @Test func suggestionEndsTheLine() {
        var error = AtlasAPIError(
            kind: .api, status: 404, errorCode: "X", detail: "Missing", hint: "Unknown processor 'p2'")
        error.suggestion = "p1"
        #expect(error.description == "Atlas API error 404 (X): Missing. Unknown processor 'p2'; did you mean 'p1'?")
    }

    @Test func transportErrorsNameTheRequest() {
        let error = AtlasAPIError.transport(
            TransportError(kind: .couldNotConnect, message: "Couldn't connect to server"),
            operation: "GET http://127.0.0.1:1/x")
        #expect(
            error.message
                == "Could not reach the Atlas API for GET http://127.0.0.1:1/x: Couldn't connect to server. Check the Atlas base URL and that the server is running"
        )
    }
}
