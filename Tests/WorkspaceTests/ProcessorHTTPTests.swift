import Foundation
import TestSupport
import Testing
import Workspace

/// Processors over real HTTP on loopback: every operation, the state machine and its errors.
@Suite(.tags(.medium)) struct ProcessorHTTPTests {
    func state(_ server: InProcessServer, _ name: String) async throws -> String? {
        try await HTTPTestClient.send("GET", server.processorURL(name), version: V.processors).json?["state"]?
            .stringValue
    }

    @Test func lifecycle() async throws {
        try await withServer { server in
            try await server.seedConnections()
            let name = "kafka_stock_trade_processor"
            let created = try await HTTPTestClient.send(
                "POST", server.streams + "/local/processor", version: V.processors, body: Seed.processor(name))
            #expect(created.status == 200)
            #expect(created.contentType == "application/vnd.atlas.2024-05-30+json")
            #expect(created.json?["state"] == nil)  // StreamsProcessor has no state
            #expect(created.json?["_id"]?.stringValue?.count == 24)
            // The pipeline comes back byte for byte, field order included.
            #expect(created.text.contains(#""pipeline":[{"$source":{"connectionName":"kafkaprod","topic":"trades"}}"#))

            let got = try await HTTPTestClient.send("GET", server.processorURL(name), version: V.processors)
            #expect(got.json?["state"] == .string("CREATED"))
            let stats = got.json?["stats"]
            #expect(stats?["name"] == .string(name))
            #expect(stats?["processorId"] == created.json?["_id"])
            for key in [
                "inputMessageCount", "inputMessageSize", "outputMessageCount", "outputMessageSize", "dlqMessageCount",
                "dlqMessageSize", "stateSize",
            ] {
                #expect(stats?[key] == .int(0), "\(key)")
            }

            let transitions:
                [(method: String, action: String, version: String, body: String?, status: Int, state: String)] = [
                    ("POST", ":start", V.processors, nil, 200, "STARTED"),
                    ("POST", ":stop", V.processors, nil, 200, "STOPPED"),
                    (
                        "PATCH", "", V.processors,
                        #"{"pipeline":[{"$source":{"connectionName":"sample_stream_solar"}},{"$merge":{"into":{"connectionName":"c0","db":"d","coll":"s"}}}]}"#,
                        200, "STOPPED"
                    ),
                    (
                        "POST", ":startWith", V.startWith,
                        #"{"resumeFromCheckpoint":false,"tier":"SP30","startAtOperationTime":"2026-01-01T00:00:00Z"}"#,
                        200, "STARTED"
                    ),
                    ("POST", ":stop", V.processors, nil, 200, "STOPPED"),
                    ("POST", ":start", V.processors, nil, 200, "STARTED"),
                ]
            for step in transitions {
                let answer = try await HTTPTestClient.send(
                    step.method, server.processorURL(name, step.action), version: step.version, body: step.body)
                #expect(answer.status == step.status, "\(step.method) \(step.action): \(answer.text)")
                #expect(try await state(server, name) == step.state, "\(step.method) \(step.action)")
            }
            let after = try await HTTPTestClient.send("GET", server.processorURL(name), version: V.processors)
            #expect(after.json?["tier"] == .string("SP30"))
            #expect(
                after.json?["pipeline"]?.arrayValue?.first?["$source"]?["connectionName"]
                    == .string("sample_stream_solar"))
            #expect(after.json?["options"]?["dlq"]?["coll"] == .string("dlq"))

            // Drop while STARTED: allowed (204, no body), then it is gone.
            let dropped = try await HTTPTestClient.send("DELETE", server.processorURL(name), version: V.processors)
            #expect(dropped.status == 204)
            #expect(dropped.text.isEmpty)
            let gone = try await HTTPTestClient.send("GET", server.processorURL(name), version: V.processors)
            #expect(gone.status == 404)
            #expect(gone.errorCode == "STREAM_PROCESSOR_NOT_FOUND")
            #expect(gone.json?["detail"] == .string("stream processor does not exist: \(name)"))
        }
    }

    @Test func stateMachineRefusals() async throws {
        try await withServer { server in
            try await server.seedConnections()
            let name = "p1"
            _ = try await HTTPTestClient.send(
                "POST", server.streams + "/local/processor", version: V.processors, body: Seed.processor(name))
            let cases: [(method: String, action: String, body: String?, before: String, detail: String)] = [
                ("POST", ":stop", nil, "CREATED", "Cannot stop stream processor p1 in state CREATED."),
                ("POST", ":start", nil, "CREATED", ""),
                ("POST", ":start", nil, "STARTED", "Cannot start stream processor p1 in state STARTED."),
                ("PATCH", "", #"{"tier":"SP5"}"#, "STARTED", "Cannot modify stream processor p1 in state STARTED."),
                ("POST", ":stop", nil, "STARTED", ""),
                ("POST", ":stop", nil, "STOPPED", "Cannot stop stream processor p1 in state STOPPED."),
            ]
            for item in cases {
                #expect(try await state(server, name) == item.before)
                let answer = try await HTTPTestClient.send(
                    item.method, server.processorURL(name, item.action), version: V.processors, body: item.body)
                if item.detail.isEmpty {
                    #expect(answer.status == 200, "\(item.action) from \(item.before)")
                } else {
                    #expect(answer.status == 403, "\(item.action) from \(item.before)")
                    #expect(answer.errorCode == "STREAM_PROCESSOR_INVALID_STATE")
                    #expect(answer.json?["detail"] == .string(item.detail))
                }
            }
        }
    }

    @Test func failedProcessorHasErrorAndRecovers() async throws {
        try await withServer { server in
            try await server.seedConnections()
            let body =
                #"{"name":"bad","pipeline":[{"$source":{"connectionName":"c0"}},"#
                + #"{"$merge":{"into":{"connectionName":"kafkaprod","db":"d","coll":"c"}}}]}"#
            #expect(
                try await HTTPTestClient.send(
                    "POST", server.streams + "/local/processor", version: V.processors, body: body
                ).status == 200)
            #expect(
                try await HTTPTestClient.send("POST", server.processorURL("bad", ":start"), version: V.processors)
                    .status == 200)
            let failed = try await HTTPTestClient.send("GET", server.processorURL("bad"), version: V.processors)
            #expect(failed.json?["state"] == .string("FAILED"))
            #expect(
                failed.json?["errorMsg"]
                    == .string("$merge can only write into a Cluster connection, not a Kafka connection"))
            let fix =
                #"{"pipeline":[{"$source":{"connectionName":"kafkaprod"}},{"$merge":{"into":{"connectionName":"c0","db":"d","coll":"c"}}}]}"#
            let modified = try await HTTPTestClient.send(
                "PATCH", server.processorURL("bad"), version: V.processors, body: fix)
            #expect(modified.json?["state"] == .string("STOPPED"))
            #expect(modified.json?["errorMsg"] == nil)
            _ = try await HTTPTestClient.send("POST", server.processorURL("bad", ":start"), version: V.processors)
            #expect(try await state(server, "bad") == "STARTED")
        }
    }

    @Test func createAndModifyErrors() async throws {
        try await withServer { server in
            try await server.seedConnections()
            let url = server.streams + "/local/processor"
            _ = try await HTTPTestClient.send("POST", url, version: V.processors, body: Seed.processor("taken"))
            _ = try await HTTPTestClient.send("POST", url, version: V.processors, body: Seed.processor("other"))
            let source = #"{"$source":{"connectionName":"kafkaprod"}}"#
            let cases: [(String, String, Int, String)] = [
                ("POST", #"{"pipeline":[\#(source)]}"#, 400, "VALIDATION_ERROR"),
                ("POST", #"{"name":7,"pipeline":[\#(source)]}"#, 400, "VALIDATION_ERROR"),
                ("POST", #"{"name":"n"}"#, 400, "VALIDATION_ERROR"),
                ("POST", #"{"name":"n","pipeline":{"$source":{}}}"#, 400, "VALIDATION_ERROR"),
                ("POST", #"{"name":"n","pipeline":[]}"#, 400, "STREAM_PROCESSOR_GENERIC_ERROR"),
                ("POST", #"{"name":"n","pipeline":[{"$match":{}}]}"#, 400, "STREAM_PROCESSOR_GENERIC_ERROR"),
                (
                    "POST", #"{"name":"n","pipeline":[{"$source":{},"$match":{}}]}"#, 400,
                    "STREAM_PROCESSOR_GENERIC_ERROR"
                ),
                (
                    "POST", #"{"name":"n","pipeline":[{"$source":{"connectionName":"ghost"}}]}"#, 400,
                    "STREAM_PROCESSOR_GENERIC_ERROR"
                ),
                (
                    "POST", #"{"name":"n","pipeline":[\#(source),{"$emit":{"connectionName":"ghost","topic":"t"}}]}"#,
                    400, "STREAM_PROCESSOR_GENERIC_ERROR"
                ),
                (
                    "POST",
                    #"{"name":"n","pipeline":[\#(source)],"options":{"dlq":{"connectionName":"kafkaprod","db":"d","coll":"c"}}}"#,
                    400, "STREAM_PROCESSOR_GENERIC_ERROR"
                ),
                (
                    "POST", #"{"name":"n","pipeline":[\#(source)],"options":{"dlq":{"connectionName":"c0"}}}"#, 400,
                    "VALIDATION_ERROR"
                ),
                ("POST", #"{"name":"n","pipeline":[\#(source)],"tier":"SP1000"}"#, 400, "VALIDATION_ERROR"),
                ("POST", Seed.processor("taken"), 409, "STREAM_PROCESSOR_NAME_ALREADY_EXISTS"),
                ("PATCH", #"{"pipeline":"$source"}"#, 400, "VALIDATION_ERROR"),
                ("PATCH", #"{"name":"other"}"#, 400, "STREAM_PROCESSOR_NAME_ALREADY_EXISTS"),
                (
                    "PATCH", #"{"pipeline":[{"$source":{"connectionName":"ghost"}}]}"#, 400,
                    "STREAM_PROCESSOR_GENERIC_ERROR"
                ),
            ]
            for (method, body, status, code) in cases {
                let target = method == "POST" ? url : server.processorURL("taken")
                let answer = try await HTTPTestClient.send(method, target, version: V.processors, body: body)
                #expect(answer.status == status, "\(method) \(body): \(answer.text)")
                #expect(answer.errorCode == code, "\(method) \(body)")
            }
            let ghost = try await HTTPTestClient.send(
                "POST", url, version: V.processors,
                body: #"{"name":"n","pipeline":[{"$source":{"connectionName":"ghost"}}]}"#)
            #expect(
                ghost.json?["detail"]
                    == .string(
                        "Streams Processor with this name (n) had a problem occur: Connection 'ghost' not found in the "
                            + "connection registry of workspace local"))
            let badStart = try await HTTPTestClient.send(
                "POST", server.processorURL("taken", ":startWith"), version: V.startWith,
                body: #"{"startAtOperationTime":"yesterday"}"#)
            #expect(badStart.status == 400)
            #expect(badStart.errorCode == "VALIDATION_ERROR")
            for action in [":start", ":stop", ":startWith", ""] {
                let method = action.isEmpty ? "DELETE" : "POST"
                let version = action == ":startWith" ? V.startWith : V.processors
                let missing = try await HTTPTestClient.send(
                    method, server.processorURL("ghost", action), version: version)
                #expect(missing.status == 404, "\(action)")
                #expect(missing.errorCode == "STREAM_PROCESSOR_NOT_FOUND", "\(action)")
            }
            let wrongVersion = try await HTTPTestClient.send(
                "GET", server.processorURL("taken"), version: V.connections)
            #expect(wrongVersion.status == 406)
            #expect(wrongVersion.errorCode == "INVALID_VERSION_DATE")
        }
    }

    @Test func connectionInUseCannotBeDeleted() async throws {
        try await withServer { server in
            try await server.seedConnections()
            _ = try await HTTPTestClient.send(
                "POST", server.streams + "/local/processor", version: V.processors, body: Seed.processor("user"))
            for connection in ["kafkaprod", "c0"] {
                let answer = try await HTTPTestClient.send(
                    "DELETE", server.streams + "/local/connections/" + connection, version: V.connections)
                #expect(answer.status == 403)
                #expect(answer.errorCode == "STREAM_CONNECTION_HAS_STREAM_PROCESSORS")
                #expect(answer.json?["parameters"] == .array([.string(connection), .string("user")]))
            }
            let rename = try await HTTPTestClient.send(
                "PATCH", server.streams + "/local/connections/c0", version: V.connections,
                body: #"{"name":"c1","type":"Cluster","clusterName":"Cluster0"}"#)
            #expect(rename.errorCode == "STREAM_CONNECTION_HAS_STREAM_PROCESSORS")
            let workspace = try await HTTPTestClient.send("DELETE", server.streams + "/local", version: V.connections)
            #expect(workspace.status == 403)
            #expect(workspace.errorCode == "STREAM_TENANT_HAS_STREAM_PROCESSORS")
            _ = try await HTTPTestClient.send("DELETE", server.processorURL("user"), version: V.processors)
            let freed = try await HTTPTestClient.send(
                "DELETE", server.streams + "/local/connections/kafkaprod", version: V.connections)
            #expect(freed.status == 202)
        }
    }

    @Test func processorPaging() async throws {
        try await withServer { server in
            try await server.seedConnections()
            for index in 1...3 {
                _ = try await HTTPTestClient.send(
                    "POST", server.streams + "/local/processor", version: V.processors,
                    body: Seed.processor("p\(index)"))
            }
            let list = server.streams + "/local/processors"
            let page2 = try await HTTPTestClient.send("GET", list + "?pageNum=2&itemsPerPage=2", version: V.processors)
            #expect(page2.json?["results"]?.arrayValue?.map { $0["name"] } == [.string("p3")])
            #expect(page2.json?["results"]?.arrayValue?.first?["state"] == .string("CREATED"))
            #expect(page2.json?["totalCount"] == .int(3))
            let noCount = try await HTTPTestClient.send("GET", list + "?includeCount=false", version: V.processors)
            #expect(noCount.json?["totalCount"] == nil)
            #expect(noCount.json?["results"]?.arrayValue?.count == 3)
            for query in ["itemsPerPage=0", "itemsPerPage=501", "pageNum=0", "pageNum=x", "includeCount=maybe"] {
                let bad = try await HTTPTestClient.send("GET", list + "?" + query, version: V.processors)
                #expect(bad.status == 400, "\(query)")
                #expect(bad.errorCode == "VALIDATION_ERROR", "\(query)")
            }
        }
    }

    @Test(arguments: [
        "Kafka stock trade processor", "ünïcødé 処理 😀", "a/b/../c", "100% sure", #"quote" and 'single'"#,
        "name:start", "plus+sign",
    ])
    func processorNamesRoundTrip(name: String) async throws {
        try await withServer { server in
            try await server.seedConnections()
            let created = try await HTTPTestClient.send(
                "POST", server.streams + "/local/processor", version: V.processors, body: Seed.processor(name))
            #expect(created.json?["name"] == .string(name))
            let steps: [(String, String, Int, String?)] = [
                ("GET", "", 200, "CREATED"), ("POST", ":start", 200, "STARTED"), ("POST", ":stop", 200, "STOPPED"),
                ("DELETE", "", 204, nil),
            ]
            for (method, action, status, expected) in steps {
                let answer = try await HTTPTestClient.send(
                    method, server.processorURL(name, action), version: V.processors)
                #expect(answer.status == status, "\(method) \(action)")
                if let expected { #expect(try await state(server, name) == expected) }
            }
            let list = try await HTTPTestClient.send("GET", server.streams + "/local/processors", version: V.processors)
            #expect(list.json?["results"] == .array([]))
        }
    }
}
