import Foundation
import TestSupport
import Testing
import Workspace

/// Workspaces and connections over real HTTP on loopback.
@Suite(.tags(.medium)) struct ConnectionHTTPTests {
    @Test func workspacesListGetCreateDelete() async throws {
        try await withServer { server in
            let list = try await HTTPTestClient.send("GET", server.streams, version: V.connections)
            #expect(list.status == 200)
            #expect(list.contentType == "application/vnd.atlas.2023-02-01+json")
            #expect(list.json?["results"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["local"])
            #expect(list.json?["totalCount"] == .int(1))

            let local = try await HTTPTestClient.send(
                "GET", server.streams + "/local?includeConnections=true", version: V.connections)
            #expect(local.json?["groupId"] == .string(InProcessServer.group))
            #expect(local.json?["connections"]?.arrayValue?.first?["name"] == .string("sample_stream_solar"))

            let body = #"{"name":"ws two","dataProcessRegion":{"cloudProvider":"AWS","region":"DUBLIN_IRL"}}"#
            let created = try await HTTPTestClient.send("POST", server.streams, version: V.connections, body: body)
            #expect(created.status == 200)
            #expect(created.json?["dataProcessRegion"]?["region"] == .string("DUBLIN_IRL"))
            let again = try await HTTPTestClient.send("POST", server.streams, version: V.connections, body: body)
            #expect(again.status == 400)
            #expect(again.errorCode == "STREAM_TENANT_NAME_ALREADY_EXISTS")

            let deleted = try await HTTPTestClient.send("DELETE", server.streams + "/ws%20two", version: V.connections)
            #expect(deleted.status == 202)
            let gone = try await HTTPTestClient.send("GET", server.streams + "/ws%20two", version: V.connections)
            #expect(gone.status == 404)
            #expect(gone.contentType == "application/json")
            #expect(
                gone.text == #"{"detail":"Stream instance for project 0123456789abcdef01234567 and name ws two "#
                    + #"not found.","error":404,"errorCode":"STREAM_TENANT_NOT_FOUND_FOR_NAME","#
                    + #""parameters":["0123456789abcdef01234567","ws two"],"reason":"Not Found"}"#)
        }
    }

    @Test func connectionCreateGetUpdateDelete() async throws {
        try await withServer { server in
            let url = server.streams + "/local/connections"
            let created = try await HTTPTestClient.send("POST", url, version: V.connections, body: Seed.kafka)
            #expect(created.status == 200)
            #expect(created.json?["state"] == .string("READY"))
            #expect(created.json?["authentication"]?["password"] == nil)  // write-only
            #expect(created.json?["authentication"]?["username"] == .string("u"))
            #expect(created.json?["config"]?["auto.offset.reset"] == .string("earliest"))

            let got = try await HTTPTestClient.send("GET", url + "/kafkaprod", version: V.connections)
            #expect(got.text == created.text)

            let patch = #"{"name":"kafkaprod","type":"Kafka","bootstrapServers":"b3:9092"}"#
            let updated = try await HTTPTestClient.send(
                "PATCH", url + "/kafkaprod", version: V.connections, body: patch)
            #expect(updated.status == 200)
            #expect(updated.json?["bootstrapServers"] == .string("b3:9092"))
            #expect(updated.json?["id"] == created.json?["id"])

            let deleted = try await HTTPTestClient.send("DELETE", url + "/kafkaprod", version: V.connections)
            #expect(deleted.status == 202)
            let gone = try await HTTPTestClient.send("GET", url + "/kafkaprod", version: V.connections)
            #expect(gone.status == 404)
            #expect(gone.errorCode == "STREAM_CONNECTION_NOT_FOUND_FOR_NAME")
        }
    }

    @Test func connectionErrors() async throws {
        try await withServer { server in
            let url = server.streams + "/local/connections"
            _ = try await HTTPTestClient.send("POST", url, version: V.connections, body: Seed.cluster)
            let cases: [(method: String, path: String, body: String?, status: Int, code: String)] = [
                ("POST", "", #"{"type":"Cluster","clusterName":"x"}"#, 400, "VALIDATION_ERROR"),
                ("POST", "", #"{"name":"","type":"Cluster","clusterName":"x"}"#, 400, "VALIDATION_ERROR"),
                ("POST", "", #"{"name":"x","type":"Carrier"}"#, 400, "INVALID_STREAM_CONNECTION_TYPE"),
                ("POST", "", #"{"name":"x"}"#, 400, "VALIDATION_ERROR"),
                ("POST", "", #"{"name":"x","type":"Kafka"}"#, 400, "VALIDATION_ERROR"),
                ("POST", "", #"{"name":"x","type":"Https"}"#, 400, "VALIDATION_ERROR"),
                ("POST", "", #"["not an object"]"#, 400, "VALIDATION_ERROR"),
                ("POST", "", #"{"name":"x",#"#, 400, "INVALID_JSON"),
                ("POST", "", nil, 400, "VALIDATION_ERROR"),
                ("POST", "", Seed.cluster, 409, "STREAM_CONNECTION_NAME_ALREADY_EXISTS"),
                ("GET", "/nope", nil, 404, "STREAM_CONNECTION_NOT_FOUND_FOR_NAME"),
                ("PATCH", "/nope", #"{"type":"Sample"}"#, 404, "STREAM_CONNECTION_NOT_FOUND_FOR_NAME"),
                ("DELETE", "/nope", nil, 404, "STREAM_CONNECTION_NOT_FOUND_FOR_NAME"),
            ]
            for item in cases {
                let answer = try await HTTPTestClient.send(
                    item.method, url + item.path, version: V.connections, body: item.body)
                #expect(answer.status == item.status, "\(item.method) \(item.path) \(item.body ?? "")")
                #expect(answer.errorCode == item.code, "\(item.method) \(item.path) \(item.body ?? "")")
                #expect(answer.contentType == "application/json")
                #expect(answer.json?["error"] == .int(item.status))
                #expect(answer.json?["reason"]?.stringValue != nil && answer.json?["detail"]?.stringValue != nil)
                #expect(answer.json?["parameters"]?.arrayValue != nil)
            }
            let unknownWorkspace = try await HTTPTestClient.send("GET", server.streams + "/nowhere/connections")
            #expect(unknownWorkspace.errorCode == "STREAM_TENANT_NOT_FOUND_FOR_NAME")
            let noRoute = try await HTTPTestClient.send("PUT", url + "/c0")
            #expect(noRoute.status == 404)
            #expect(noRoute.errorCode == "RESOURCE_NOT_FOUND")
        }
    }

    @Test func connectionPaging() async throws {
        try await withServer { server in
            let url = server.streams + "/local/connections"
            for index in 1...4 {
                _ = try await HTTPTestClient.send(
                    "POST", url, version: V.connections,
                    body: #"{"name":"h\#(index)","type":"Https","url":"https://x"}"#)
            }
            // sample_stream_solar + h1…h4 = 5 connections; pages of 2.
            var names: [String] = []
            for page in 1...3 {
                let answer = try await HTTPTestClient.send(
                    "GET", url + "?pageNum=\(page)&itemsPerPage=2", version: V.connections)
                #expect(answer.json?["totalCount"] == .int(5))
                let results = answer.json?["results"]?.arrayValue ?? []
                #expect(results.count == (page == 3 ? 1 : 2))
                names += results.compactMap { $0["name"]?.stringValue }
                let rels = answer.json?["links"]?.arrayValue?.compactMap { $0["rel"]?.stringValue }
                #expect(rels == ["self"] + (page > 1 ? ["previous"] : []) + (page < 3 ? ["next"] : []))
            }
            #expect(names == ["sample_stream_solar", "h1", "h2", "h3", "h4"])
            let beyond = try await HTTPTestClient.send("GET", url + "?pageNum=9&itemsPerPage=2", version: V.connections)
            #expect(beyond.json?["results"] == .array([]))
            let next = try await HTTPTestClient.send("GET", url + "?pageNum=1&itemsPerPage=2", version: V.connections)
            let href = next.json?["links"]?.arrayValue?.first { $0["rel"] == .string("next") }?["href"]?.stringValue
            #expect(href == url + "?pageNum=2&itemsPerPage=2")
        }
    }

    @Test(arguments: ["Kafka stock trade processor", "ünïcødé 処理", "a/b", "100%", #"quote" 'single'"#, "c:start"])
    func connectionNamesRoundTrip(name: String) async throws {
        try await withServer { server in
            let body = JSONValue.object([
                ("name", .string(name)), ("type", .string("Https")), ("url", .string("https://example.com")),
            ]).text
            let url = server.streams + "/local/connections"
            let created = try await HTTPTestClient.send("POST", url, version: V.connections, body: body)
            #expect(created.json?["name"] == .string(name))
            let one = url + "/" + PathSegment.encode(name)
            let got = try await HTTPTestClient.send("GET", one, version: V.connections)
            #expect(got.json?["name"] == .string(name))
            #expect(try await HTTPTestClient.send("DELETE", one, version: V.connections).status == 202)
            #expect(try await HTTPTestClient.send("GET", one, version: V.connections).status == 404)
        }
    }
}
