import AtlasClient
import BSONCore
import Foundation
import TestSupport
import Testing

@testable import spsh

/// Test data that should have been a JSON array.
private struct NotAnArray: Error { var json: String }

/// The real client (`AtlasStreamsClient` over `CurlTransport`, through the shell's `AtlasAdminAdapter`) against a
/// real `spsh serve` process over loopback HTTP: every operation the shell uses, with and without digest auth,
/// every error the client explains, and names that need percent-encoding.
@Suite(.tags(.large)) struct AtlasClientAgainstServeTests {
    static let keys: WorkspaceServe.APIKey = (publicKey: "spshtestkey", privateKey: "5e1f-private-0a9b")

    /// The seed's two connections (atlas-api.md §"Connection"): Kafka SASL_SSL PLAIN, and an Atlas cluster.
    static let kafka = """
        {"name":"confluent_cloud","type":"Kafka","bootstrapServers":"pkc-1.us-west2.gcp.confluent.cloud:9092",
         "security":{"protocol":"SASL_SSL"},
         "authentication":{"mechanism":"PLAIN","username":"ckey","password":"kafka-pass-123"}}
        """
    static let cluster = """
        {"name":"stock trade sample data collection","type":"Cluster","clusterName":"Cluster0",
         "dbRoleToExecute":{"role":"readWriteAnyDatabase","type":"BUILT_IN"}}
        """
    /// Reads the seed's Kafka topic and merges into the seed's cluster connection.
    static let pipeline = """
        [{"$source":{"connectionName":"confluent_cloud","topic":"sample_data_stock_trades"}},
         {"$merge":{"into":{"connectionName":"stock trade sample data collection","db":"confluent_cloud",
                            "coll":"stock_prices"}}}]
        """

    /// A pipeline that runs locally until stopped: the solar sample into the built-in test log (§5.2a). (The
    /// seed's Kafka source needs a Kafka broker: a processor reading it goes to FAILED when started here.)
    static let runnablePipeline = """
        [{"$source":{"connectionName":"sample_stream_solar"}},{"$emit":{"connectionName":"__testLog"}}]
        """

    /// A JSON object as a document (field order kept).
    static func document(_ json: String) throws -> BSONDocument { try AtlasAdminAdapter.document(Data(json.utf8)) }

    /// A JSON array as BSON values.
    static func array(_ json: String) throws -> [BSONValue] {
        guard case .array(let values)? = try document(#"{"a":"# + json + "}")["a"] else {
            throw NotAnArray(json: json)
        }
        return values
    }

    /// The shell's adapter over a fresh client and curl transport for `serve`.
    static func admin(
        _ serve: WorkspaceServe, workspace: String = "local", credentials: AtlasCredentials = .none,
        itemsPerPage: Int = 100
    ) -> AtlasAdminAdapter {
        AtlasAdminAdapter(
            client: AtlasStreamsClient(
                configuration: .init(
                    baseURL: serve.baseURL, groupID: LocalWorkspace.groupID, workspace: workspace,
                    credentials: credentials, retryPolicy: .never, itemsPerPage: itemsPerPage),
                transport: CurlTransport()))
    }

    static func digest(_ key: WorkspaceServe.APIKey) -> AtlasCredentials {
        .apiKeys(publicKey: key.publicKey, privateKey: Secret(key.privateKey))
    }

    static func string(_ document: BSONDocument, _ key: String) -> String? {
        if case .string(let text)? = document[key] { return text }
        return nil
    }

    static func names(_ documents: [BSONDocument]) -> [String] { documents.compactMap { string($0, "name") } }

    static func state(_ admin: AtlasAdminAdapter, _ name: String) throws -> String? {
        string(try admin.getProcessor(name: name, includeStats: false), "state")
    }

    // MARK: - Every operation

    @Test(arguments: [false, true])
    func everyOperation(digestAuth: Bool) throws {
        let serve = try WorkspaceServe(apiKeys: digestAuth ? [Self.keys] : [])
        defer { serve.stop() }
        let admin = Self.admin(serve, credentials: digestAuth ? Self.digest(Self.keys) : .none, itemsPerPage: 2)
        let client = admin.client

        // Workspaces: list (one page) and get.
        let workspaces = try client.listWorkspaces()
        #expect(AtlasStreamsClient.names(inPages: workspaces) == ["local"])
        let workspace = try Self.document(String(decoding: try client.getWorkspace(), as: UTF8.self))
        #expect(Self.string(workspace, "name") == "local")
        #expect(Self.string(workspace, "groupId") == LocalWorkspace.groupID)

        // Connections: create (the secret is not echoed), more than one page's worth, get, update, delete.
        let kafka = try admin.createConnection(try Self.document(Self.kafka))
        #expect(Self.string(kafka, "type") == "Kafka")
        #expect(
            kafka["authentication"]
                == .document(BSONDocument([("mechanism", .string("PLAIN")), ("username", .string("ckey"))])))
        _ = try admin.createConnection(try Self.document(Self.cluster))
        for index in 1...4 {
            _ = try admin.createConnection(
                BSONDocument([("name", .string("sample \(index)")), ("type", .string("Sample"))]))
        }
        let expected =
            ["sample_stream_solar", "confluent_cloud", "stock trade sample data collection"]
            + (1...4).map { "sample \($0)" }
        #expect(try client.listConnections().count == 4)  // 7 connections, 2 a page
        #expect(Self.names(try admin.listConnections()) == expected)
        let cluster = try admin.getConnection(name: "stock trade sample data collection")
        #expect(
            cluster["dbRoleToExecute"]
                == .document(BSONDocument([("role", .string("readWriteAnyDatabase")), ("type", .string("BUILT_IN"))])))
        var changed = try Self.document(Self.kafka)
        changed["bootstrapServers"] = .string("pkc-2.us-west2.gcp.confluent.cloud:9092")
        let updated = try admin.updateConnection(name: "confluent_cloud", changed)
        #expect(Self.string(updated, "bootstrapServers") == "pkc-2.us-west2.gcp.confluent.cloud:9092")
        #expect(
            Self.string(try admin.getConnection(name: "confluent_cloud"), "bootstrapServers")
                == "pkc-2.us-west2.gcp.confluent.cloud:9092")
        try admin.deleteConnection(name: "sample 4")
        #expect(Self.names(try admin.listConnections()) == Array(expected.dropLast()))

        // Processors: create three (two pages), list, get with and without stats, modify.
        let pipeline = try Self.array(Self.pipeline)
        let options = try Self.document(
            #"{"dlq":{"connectionName":"stock trade sample data collection","db":"d","coll":"dlq"}}"#)
        let runnable = try Self.array(Self.runnablePipeline)
        let created = try admin.createProcessor(name: "p1", pipeline: runnable, options: options)
        #expect(created["pipeline"] == .array(runnable))
        #expect(created["options"] == .document(options))
        for name in ["p2", "p3"] { _ = try admin.createProcessor(name: name, pipeline: pipeline, options: nil) }
        #expect(try client.listProcessors().count == 2)
        let listed = try admin.listProcessors()
        #expect(Self.names(listed) == ["p1", "p2", "p3"])
        #expect(listed.dropFirst().allSatisfy { $0["pipeline"] == .array(pipeline) })
        #expect(listed.allSatisfy { Self.string($0, "state") == "CREATED" && $0["stats"] != nil })
        let withStats = try admin.getProcessor(name: "p1", includeStats: true)
        guard case .document(let stats)? = withStats["stats"] else {
            Issue.record("no stats in \(withStats)")
            return
        }
        #expect(Self.string(stats, "name") == "p1")
        #expect(stats["inputMessageCount"] != nil)
        #expect(try admin.getProcessor(name: "p1", includeStats: false)["stats"] == nil)
        let otherTopic = try Self.array(Self.pipeline.replacingOccurrences(of: "sample_data_stock_trades", with: "t2"))
        let modified = try admin.modifyProcessor(name: "p2", pipeline: otherTopic, options: nil)
        #expect(modified["pipeline"] == .array(otherTopic))
        #expect(try admin.getProcessor(name: "p2", includeStats: false)["pipeline"] == .array(otherTopic))

        // The state machine: start, stop, start with options, stop, delete.
        try admin.startProcessor(name: "p1", options: nil)
        #expect(try Self.state(admin, "p1") == "STARTED")
        try admin.stopProcessor(name: "p1")
        #expect(try Self.state(admin, "p1") == "STOPPED")
        try admin.startProcessor(name: "p1", options: BSONDocument([("resumeFromCheckpoint", .bool(false))]))
        #expect(try Self.state(admin, "p1") == "STARTED")
        try admin.stopProcessor(name: "p1")
        try admin.deleteProcessor(name: "p1")
        #expect(Self.names(try admin.listProcessors()) == ["p2", "p3"])
    }

    // MARK: - Errors

    /// One error the client must explain: what to do against the seeded server, and the error it gives.
    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var label: String
        var status: Int
        var errorCode: String
        var message: String
        var suggestion: String? = nil
        var workspace = "local"
        var action: @Sendable (AtlasAdminAdapter) throws -> Void
        var testDescription: String { label }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(
            label: "400 a connection without a type", status: 400, errorCode: "VALIDATION_ERROR",
            message: "Atlas API error 400 (VALIDATION_ERROR): The required attribute type was not specified"
        ) { admin in _ = try admin.createConnection(BSONDocument([("name", .string("no type"))])) },
        ErrorCase(
            label: "400 a body that is not JSON", status: 400, errorCode: "INVALID_JSON",
            message: "Atlas API error 400 (INVALID_JSON): Invalid JSON: "
        ) { admin in _ = try admin.client.createConnection(name: "x", json: Data(#"{"name":"x","#.utf8)) },
        ErrorCase(
            label: "400 a pipeline naming an unknown connection", status: 400,
            errorCode: "STREAM_PROCESSOR_GENERIC_ERROR",
            message:
                "Atlas API error 400 (STREAM_PROCESSOR_GENERIC_ERROR): Streams Processor with this name (bad) had a "
                + "problem occur: Connection 'nowhere' not found in the connection registry of workspace local"
        ) { admin in
            _ = try admin.createProcessor(
                name: "bad", pipeline: try array(#"[{"$source":{"connectionName":"nowhere"}}]"#), options: nil)
        },
        ErrorCase(
            label: "404 unknown workspace", status: 404, errorCode: "STREAM_TENANT_NOT_FOUND_FOR_NAME",
            message:
                "Atlas API error 404 (STREAM_TENANT_NOT_FOUND_FOR_NAME): Stream instance for project "
                + "\(LocalWorkspace.groupID) and name locl not found. Unknown workspace 'locl'; did you mean 'local'?",
            suggestion: "local", workspace: "locl"
        ) { admin in _ = try admin.listProcessors() },
        ErrorCase(
            label: "404 unknown connection", status: 404, errorCode: "STREAM_CONNECTION_NOT_FOUND_FOR_NAME",
            message:
                "Atlas API error 404 (STREAM_CONNECTION_NOT_FOUND_FOR_NAME): Stream connection with name "
                + "confluent_clod in stream instance local not found. Unknown connection 'confluent_clod'; "
                + "did you mean 'confluent_cloud'?",
            suggestion: "confluent_cloud"
        ) { admin in _ = try admin.getConnection(name: "confluent_clod") },
        ErrorCase(
            label: "404 unknown connection on delete", status: 404, errorCode: "STREAM_CONNECTION_NOT_FOUND_FOR_NAME",
            message:
                "Atlas API error 404 (STREAM_CONNECTION_NOT_FOUND_FOR_NAME): Stream connection with name "
                + "sample_stream_sola in stream instance local not found. Unknown connection 'sample_stream_sola'; "
                + "did you mean 'sample_stream_solar'?",
            suggestion: "sample_stream_solar"
        ) { admin in try admin.deleteConnection(name: "sample_stream_sola") },
        ErrorCase(
            label: "404 unknown processor", status: 404, errorCode: "STREAM_PROCESSOR_NOT_FOUND",
            message:
                "Atlas API error 404 (STREAM_PROCESSOR_NOT_FOUND): stream processor does not exist: Kafka stock trade "
                + "processr. Unknown processor 'Kafka stock trade processr'; did you mean 'Kafka stock trade processor'?",
            suggestion: "Kafka stock trade processor"
        ) { admin in _ = try admin.getProcessor(name: "Kafka stock trade processr", includeStats: true) },
        ErrorCase(
            label: "404 unknown processor on start", status: 404, errorCode: "STREAM_PROCESSOR_NOT_FOUND",
            message:
                "Atlas API error 404 (STREAM_PROCESSOR_NOT_FOUND): stream processor does not exist: runing one. "
                + "Unknown processor 'runing one'; did you mean 'running one'?",
            suggestion: "running one"
        ) { admin in try admin.startProcessor(name: "runing one", options: nil) },
        ErrorCase(
            label: "409 connection already exists", status: 409, errorCode: "STREAM_CONNECTION_NAME_ALREADY_EXISTS",
            message:
                "Atlas API error 409 (STREAM_CONNECTION_NAME_ALREADY_EXISTS): Stream connection with name "
                + "confluent_cloud already exists in stream instance local. A connection named 'confluent_cloud' "
                + "already exists"
        ) { admin in _ = try admin.createConnection(try document(kafka)) },
        ErrorCase(
            label: "409 processor already exists", status: 409, errorCode: "STREAM_PROCESSOR_NAME_ALREADY_EXISTS",
            message:
                "Atlas API error 409 (STREAM_PROCESSOR_NAME_ALREADY_EXISTS): Stream processor with name running one "
                + "already exists in stream instance local. A processor named 'running one' already exists"
        ) { admin in _ = try admin.createProcessor(name: "running one", pipeline: try array(pipeline), options: nil) },
        ErrorCase(
            label: "stop a CREATED processor", status: 403, errorCode: "STREAM_PROCESSOR_INVALID_STATE",
            message:
                "Atlas API error 403 (STREAM_PROCESSOR_INVALID_STATE): Cannot stop stream processor Kafka stock trade "
                + "processor in state CREATED"
        ) { admin in try admin.stopProcessor(name: "Kafka stock trade processor") },
        ErrorCase(
            label: "start a STARTED processor", status: 403, errorCode: "STREAM_PROCESSOR_INVALID_STATE",
            message:
                "Atlas API error 403 (STREAM_PROCESSOR_INVALID_STATE): Cannot start stream processor running one in "
                + "state STARTED"
        ) { admin in try admin.startProcessor(name: "running one", options: nil) },
        ErrorCase(
            label: "modify a STARTED processor", status: 403, errorCode: "STREAM_PROCESSOR_INVALID_STATE",
            message:
                "Atlas API error 403 (STREAM_PROCESSOR_INVALID_STATE): Cannot modify stream processor running one in "
                + "state STARTED"
        ) { admin in _ = try admin.modifyProcessor(name: "running one", pipeline: try array(pipeline), options: nil) },
        ErrorCase(
            label: "delete a connection a processor uses", status: 403,
            errorCode: "STREAM_CONNECTION_HAS_STREAM_PROCESSORS",
            message:
                "Atlas API error 403 (STREAM_CONNECTION_HAS_STREAM_PROCESSORS): Stream connection with name "
                + "confluent_cloud is used by stream processors (Kafka stock trade processor) and cannot be changed. "
                + "Drop the processors that use this connection first"
        ) { admin in try admin.deleteConnection(name: "confluent_cloud") },
    ]

    /// The seed's connections, a CREATED processor `Kafka stock trade processor` and a STARTED `running one`.
    static func seeded(_ serve: WorkspaceServe) throws {
        let admin = admin(serve)
        _ = try admin.createConnection(try document(kafka))
        _ = try admin.createConnection(try document(cluster))
        _ = try admin.createProcessor(name: "Kafka stock trade processor", pipeline: try array(pipeline), options: nil)
        _ = try admin.createProcessor(name: "running one", pipeline: try array(runnablePipeline), options: nil)
        try admin.startProcessor(name: "running one", options: nil)
    }

    @Test(arguments: errorCases)
    func errorsAreExplained(_ errorCase: ErrorCase) throws {
        let serve = try WorkspaceServe()
        defer { serve.stop() }
        try Self.seeded(serve)
        let admin = Self.admin(serve, workspace: errorCase.workspace)
        let error = try #require(throws: AtlasAPIError.self) { try errorCase.action(admin) }
        #expect(error.kind == .api)
        #expect(error.status == errorCase.status)
        #expect(error.errorCode == errorCase.errorCode)
        #expect(error.message.hasPrefix(errorCase.message), "\(error.message)")
        if errorCase.errorCode != "INVALID_JSON" { #expect(error.message == errorCase.message) }
        #expect(error.suggestion == errorCase.suggestion)
        // Nothing changed: the seeded processors are where they were.
        let states = try Self.admin(serve).listProcessors().map {
            "\(Self.string($0, "name") ?? "?")=\(Self.string($0, "state") ?? "?")"
        }
        #expect(states == ["Kafka stock trade processor=CREATED", "running one=STARTED"])
    }

    // MARK: - Digest authentication

    @Test(arguments: [
        ("wrong private key", digest((publicKey: keys.publicKey, privateKey: "not-the-key"))),
        ("unknown public key", digest((publicKey: "someoneelse", privateKey: keys.privateKey))),
        ("no credentials", AtlasCredentials.none),
    ])
    func wrongKeysAreRefusedWithAHint(label: String, credentials: AtlasCredentials) throws {
        let serve = try WorkspaceServe(apiKeys: [Self.keys])
        defer { serve.stop() }
        let refused = Self.admin(serve, credentials: credentials)
        let error = try #require(throws: AtlasAPIError.self) { _ = try refused.listProcessors() }
        #expect(
            error.message
                == "Atlas API error 401 (USER_UNAUTHORIZED): You are not authorized for this resource. Check the API "
                + "keys (or service account) and that this machine's IP address is on the API access list", "\(label)")
        #expect(!error.message.contains(Self.keys.privateKey) && !error.message.contains("not-the-key"))
        // A write is refused too, and changes nothing.
        #expect(throws: AtlasAPIError.self) { _ = try refused.createConnection(try Self.document(Self.kafka)) }
        let accepted = Self.admin(serve, credentials: Self.digest(Self.keys))
        #expect(Self.names(try accepted.listConnections()) == ["sample_stream_solar"])
    }

    // MARK: - Names that need encoding

    @Test(arguments: [
        "Kafka stock trade processor", "ünïcødé 処理 😀", "a/b", "a/b/../c", "100% sure", #"quote" and 'single'"#,
        "name:start", "plus+sign?x=1&y#z",
    ])
    func namesRoundTrip(name: String) throws {
        let serve = try WorkspaceServe(apiKeys: [Self.keys])
        defer { serve.stop() }
        let admin = Self.admin(serve, credentials: Self.digest(Self.keys))
        // A connection of that name, and a processor of that name reading from it.
        let connection = try admin.createConnection(
            BSONDocument([("name", .string(name)), ("type", .string("Sample"))]))
        #expect(Self.string(connection, "name") == name)
        #expect(Self.string(try admin.getConnection(name: name), "name") == name)
        let source: BSONDocument = ["$source": .document(["connectionName": .string(name)])]
        let emit: BSONDocument = ["$emit": .document(["connectionName": .string("__testLog")])]
        let pipeline: [BSONValue] = [
            .document(source), .document(["$match": .document(["x": .int32(1)])]), .document(emit),
        ]
        _ = try admin.createProcessor(name: name, pipeline: pipeline, options: nil)
        let got = try admin.getProcessor(name: name, includeStats: true)
        #expect(Self.string(got, "name") == name)
        #expect(Self.names(try admin.listProcessors()) == [name])
        try admin.startProcessor(name: name, options: nil)
        #expect(try Self.state(admin, name) == "STARTED")
        try admin.stopProcessor(name: name)
        #expect(try Self.state(admin, name) == "STOPPED")
        try admin.deleteProcessor(name: name)
        #expect(try admin.listProcessors().isEmpty)
        try admin.deleteConnection(name: name)
        #expect(Self.names(try admin.listConnections()) == ["sample_stream_solar"])
    }

    @Test(arguments: [".", ".."])
    func dotSegmentsAreRefusedBeforeSending(name: String) throws {
        let serve = try WorkspaceServe()
        defer { serve.stop() }
        let error = try #require(throws: AtlasAPIError.self) {
            _ = try Self.admin(serve).getProcessor(name: name, includeStats: false)
        }
        #expect(error.kind == .invalidArgument)
    }
}
