import AtlasClient
import BSONCore
import Foundation
import ShellAPI
import TestSupport
import Testing

@testable import spsh

/// Answers each request with the next canned JSON body (status 200) and records the requests: enough to check
/// what the adapter sends and how it reads replies, without a server. Not thread-safe: use from one test.
private final class CannedTransport: HTTPTransport {
    var bodies: [String]
    var requests: [HTTPRequest] = []

    init(_ bodies: [String]) { self.bodies = bodies }

    func send(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse {
        requests.append(request)
        return HTTPResponse(status: 200, body: Data((bodies.isEmpty ? "" : bodies.removeFirst()).utf8))
    }
}

@Suite(.tags(.small)) struct AtlasAdminAdapterTests {
    private func adapter(_ transport: CannedTransport, baseURL: String = "http://127.0.0.1:9443") -> AtlasAdminAdapter {
        AtlasAdminAdapter(
            client: AtlasStreamsClient(
                configuration: .init(baseURL: baseURL, groupID: "g1", workspace: "local", credentials: .none),
                transport: transport))
    }

    @Test func createSendsTheDocumentInOrderAndReadsTheReply() throws {
        let reply = #"{"_id":"65a0","name":"p 1","pipeline":[{"$source":{"connectionName":"k","topic":"t"}}]}"#
        let transport = CannedTransport([reply])
        let pipeline: [BSONValue] = [
            .document(
                BSONDocument([
                    ("$source", .document(BSONDocument([("connectionName", .string("k")), ("topic", .string("t"))])))
                ])),
            .document(
                BSONDocument([
                    (
                        "$merge",
                        .document(
                            BSONDocument([
                                ("into", .document(BSONDocument([("coll", .string("c")), ("db", .string("d"))])))
                            ]))
                    )
                ])),
        ]
        let options = BSONDocument([
            (
                "dlq",
                .document(
                    BSONDocument([("connectionName", .string("c0")), ("db", .string("d")), ("coll", .string("dlq"))]))
            )
        ])
        let created = try adapter(transport).createProcessor(name: "p 1", pipeline: pipeline, options: options)
        #expect(created.keys == ["_id", "name", "pipeline"])
        let request = try #require(transport.requests.first)
        #expect(request.url == "http://127.0.0.1:9443/api/atlas/v2/groups/g1/streams/local/processor")
        #expect(
            String(decoding: request.body ?? Data(), as: UTF8.self)
                == #"{"name":"p 1","pipeline":[{"$source":{"connectionName":"k","topic":"t"}},{"$merge":{"into":{"coll":"c","db":"d"}}}],"options":{"dlq":{"connectionName":"c0","db":"d","coll":"dlq"}}}"#
        )
    }

    @Test func listsJoinTheResultsOfEveryPage() throws {
        let transport = CannedTransport([
            #"{"results":[{"name":"a","state":"STARTED","stats":{"inputMessageCount":5}}],"totalCount":1}"#
        ])
        let processors = try adapter(transport).listProcessors()
        #expect(processors.map { $0["name"] } == [.string("a")])
        #expect(processors.first?["stats"] == .document(BSONDocument([("inputMessageCount", .int32(5))])))
    }

    @Test func statsAreLeftOutUnlessAskedFor() throws {
        let body = #"{"_id":"1","name":"p","pipeline":[],"state":"CREATED","stats":{"status":"created"}}"#
        let transport = CannedTransport([body, body])
        let admin = adapter(transport)
        #expect(try admin.getProcessor(name: "p", includeStats: false).keys == ["_id", "name", "pipeline", "state"])
        #expect(
            try admin.getProcessor(name: "p", includeStats: true).keys == ["_id", "name", "pipeline", "state", "stats"])
    }

    @Test func startWithOptionsUsesStartWith() throws {
        let transport = CannedTransport([""])
        try adapter(transport).startProcessor(
            name: "p", options: BSONDocument([("resumeFromCheckpoint", .bool(false))]))
        #expect(transport.requests.first?.url.hasSuffix("/processor/p:startWith") == true)
        #expect(transport.requests.first?.body == Data(#"{"resumeFromCheckpoint":false}"#.utf8))
    }

    @Test(arguments: [
        ("http://127.0.0.1:9443", "local workspace http://127.0.0.1:9443 (workspace 'local')"),
        ("https://cloud.mongodb.com", "Atlas project g1 workspace 'local'"),
        ("https://atlas.example.com", "Atlas project g1 workspace 'local' at https://atlas.example.com"),
    ])
    func describesTheTarget(baseURL: String, description: String) {
        #expect(adapter(CannedTransport([]), baseURL: baseURL).targetDescription == description)
    }

    @Test func errorsAreServerErrorsForTheShell() {
        let error = AtlasAPIError(
            kind: .api, status: 404, errorCode: "STREAM_TENANT_NOT_FOUND_FOR_NAME", detail: "Not found",
            hint: "Unknown workspace 'wx'", suggestion: "ws")
        let described: any ServerErrorDescribing = error
        #expect(described.errorName == "AtlasAPIError")
        #expect(described.codeName == "STREAM_TENANT_NOT_FOUND_FOR_NAME")
        #expect(
            described.errorMessage
                == "Atlas API error 404 (STREAM_TENANT_NOT_FOUND_FOR_NAME): Not found. Unknown workspace 'wx'; did you mean 'ws'?"
        )
        #expect(error.jsErrorProperties.map(\.0) == ["status", "errorCode", "suggestion"])
        #expect(
            AtlasAPIError.transport(TransportError(kind: .timedOut, message: "t"), operation: "GET x").errorName
                == "AtlasNetworkError")
    }
}
