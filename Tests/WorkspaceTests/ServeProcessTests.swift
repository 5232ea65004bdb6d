import Foundation
import TestSupport
import Testing
import Workspace

/// The built binary: `spsh serve` restarts (graceful and `kill -9`) keep every object and state; a non-loopback
/// bind is refused; start time and GET throughput are measured and printed.
@Suite(.tags(.large), .serialized) struct ServeProcessTests {
    static let group = "0123456789abcdef01234567"

    static func streams(_ serve: ServeProcess) -> String { serve.baseURL + "/api/atlas/v2/groups/\(group)/streams" }

    static func freshDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("spsh-serve-large-\(UUID().uuidString)")
    }

    /// Connections, and processors left in each state: CREATED, STARTED, STOPPED, FAILED.
    static func populate(_ serve: ServeProcess) async throws {
        let base = streams(serve) + "/local"
        for body in [Seed.kafka, Seed.cluster] {
            #expect(
                try await HTTPTestClient.send("POST", base + "/connections", version: V.connections, body: body).status
                    == 200)
        }
        let failing =
            #"{"name":"failing one","pipeline":[{"$source":{"connectionName":"c0"}},"#
            + #"{"$merge":{"into":{"connectionName":"kafkaprod","db":"d","coll":"c"}}}]}"#
        // The started and stopped ones run for real (a `documents` source into `__testLog`); a Kafka source cannot.
        for body in [
            Seed.processor("created"), Seed.runnable("Kafka stock trade processor"), Seed.runnable("stopped ü/%"),
            failing,
        ] {
            #expect(
                try await HTTPTestClient.send("POST", base + "/processor", version: V.processors, body: body).status
                    == 200)
        }
        for (name, actions) in [
            ("Kafka stock trade processor", [":start"]), ("stopped ü/%", [":start", ":stop"]),
            ("failing one", [":start"]),
        ] {
            for action in actions {
                let url = base + "/processor/" + PathSegment.encode(name) + action
                #expect(try await HTTPTestClient.send("POST", url, version: V.processors).status == 200)
            }
        }
    }

    static func snapshot(_ serve: ServeProcess) async throws -> [String: String] {
        let base = streams(serve) + "/local"
        let processors = try await HTTPTestClient.send("GET", base + "/processors", version: V.processors)
        let connections = try await HTTPTestClient.send("GET", base + "/connections", version: V.connections)
        var result: [String: String] = [:]
        for item in processors.json?["results"]?.arrayValue ?? [] {
            result["processor " + (item["name"]?.stringValue ?? "?")] =
                (item["state"]?.stringValue ?? "?")
                + (item["errorMsg"].map { " " + $0.text } ?? "")
        }
        for item in connections.json?["results"]?.arrayValue ?? [] {
            result["connection " + (item["name"]?.stringValue ?? "?")] = item["type"]?.stringValue
        }
        return result
    }

    static let expected = [
        "processor created": "CREATED", "processor Kafka stock trade processor": "STARTED",
        "processor stopped ü/%": "STOPPED",
        "processor failing one": #"FAILED "$merge can only write into a Cluster connection, not a Kafka connection""#,
        "connection sample_stream_solar": "Sample", "connection kafkaprod": "Kafka", "connection c0": "Cluster",
    ]

    @Test(arguments: ["graceful", "kill -9"])
    func stateSurvivesRestart(how: String) async throws {
        let directory = Self.freshDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try ServeProcess(arguments: ["--state-dir", directory.path])
        do {
            try await Self.populate(first)
            #expect(try await Self.snapshot(first) == Self.expected)
        } catch {
            first.kill()
            throw error
        }
        if how == "graceful" { first.stop() } else { first.kill() }
        #expect(first.process.terminationReason == (how == "graceful" ? .exit : .uncaughtSignal))
        let second = try ServeProcess(arguments: ["--state-dir", directory.path])
        defer { second.stop() }
        #expect(try await Self.snapshot(second) == Self.expected)
        // The restored processors keep their ids, pipelines and options.
        let again = try await HTTPTestClient.send(
            "GET", Self.streams(second) + "/local/processor/created", version: V.processors)
        #expect(again.json?["options"]?["dlq"]?["coll"] == .string("dlq"))
        #expect(again.json?["_id"]?.stringValue?.count == 24)
    }

    @Test func killDuringWritesLeavesReadableState() async throws {
        let directory = Self.freshDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A temp file as a kill -9 in the middle of a write leaves it: ignored, then removed at start.
        let workspaces = directory.appendingPathComponent("workspaces")
        try FileManager.default.createDirectory(at: workspaces, withIntermediateDirectories: true)
        try Data("{\"_id\":".utf8).write(to: workspaces.appendingPathComponent("local.json.tmp-99999"))
        let serve = try ServeProcess(arguments: ["--state-dir", directory.path])
        let base = Self.streams(serve) + "/local/connections"
        // Fire creates one after another, then kill -9 in the middle of them; the writer stops at its first failed
        // request. (It is not cancelled: cancelling a URLSession request can deadlock FoundationNetworking.)
        let writers = Task {
            for index in 0..<5000 {
                do {
                    _ = try await HTTPTestClient.send(
                        "POST", base, version: V.connections,
                        body: #"{"name":"h\#(index)","type":"Https","url":"https://x"}"#)
                } catch {
                    return index
                }
            }
            return 5000
        }
        try await Task.sleep(for: .milliseconds(150))
        serve.kill()
        let sent = await writers.value
        #expect(sent < 5000, "the kill came after every write; nothing was interrupted")
        let restarted = try ServeProcess(arguments: ["--state-dir", directory.path])
        defer { restarted.stop() }
        var names: [String] = []
        for page in 1...20 {
            let list = try await HTTPTestClient.send(
                "GET", Self.streams(restarted) + "/local/connections?itemsPerPage=500&pageNum=\(page)",
                version: V.connections)
            #expect(list.status == 200)
            let results = list.json?["results"]?.arrayValue ?? []
            names += results.compactMap { $0["name"]?.stringValue }
            if results.count < 500 { break }
        }
        // Every acknowledged write survived (the one in flight may or may not have).
        #expect(names.count - 1 >= sent)
        // Whatever got in is a prefix h0…hN, in order, after the sample connection.
        #expect(names.first == "sample_stream_solar")
        #expect(Array(names.dropFirst()) == (0..<(names.count - 1)).map { "h\($0)" })
        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: directory.appendingPathComponent("workspaces").path)
        #expect(leftovers == ["local.json"])
    }

    @Test(arguments: [["--bind", "0.0.0.0"], ["--bind", "192.0.2.1"], ["--bind", "example.com"]])
    func nonLoopbackBindIsRefused(arguments: [String]) throws {
        let result = try SpshProcess.run(
            ["serve", "--port", "0", "--state-dir", Self.freshDirectory().path] + arguments)
        #expect(result.status == 1)
        #expect(
            result.stderr == "spsh serve: Refusing to listen on '\(arguments[1])': not a loopback address. The local "
                + "workspace has no TLS; pass --allow-remote to listen there anyway\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func remoteBindWithAllowRemote() async throws {
        let directory = Self.freshDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // 0.0.0.0 with --allow-remote listens on every interface, loopback included.
        let serve = try ServeProcess(arguments: ["--state-dir", directory.path, "--bind", "0.0.0.0", "--allow-remote"])
        defer { serve.stop() }
        #expect(try await HTTPTestClient.send("GET", Self.streams(serve), version: V.connections).status == 200)
    }

    /// Cold start until the first answer, and GET processor requests per second over one keep-alive session.
    @Test func startTimeAndThroughput() async throws {
        let directory = Self.freshDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var starts: [Double] = []
        for _ in 0..<3 {
            let began = Date()
            let serve = try ServeProcess(arguments: ["--state-dir", directory.path])
            let first = try await HTTPTestClient.send("GET", Self.streams(serve), version: V.connections)
            starts.append(Date().timeIntervalSince(began))
            #expect(first.status == 200)
            serve.stop()
        }
        let serve = try ServeProcess(arguments: ["--state-dir", directory.path])
        defer { serve.stop() }
        try await Self.populate(serve)
        let url = Self.streams(serve) + "/local/processor/Kafka%20stock%20trade%20processor"
        let count = 2000
        let began = Date()
        for _ in 0..<count {
            let answer = try await HTTPTestClient.send("GET", url, version: V.processors)
            if answer.status != 200 { Issue.record("GET answered \(answer.status)") }
        }
        let seconds = Date().timeIntervalSince(began)
        let median = starts.sorted()[1]
        print(
            "spsh serve figures: cold start to first answer \(Int(median * 1000)) ms (median of 3: "
                + "\(starts.map { Int($0 * 1000) }) ms); GET processor \(Int(Double(count) / seconds)) requests/s "
                + "(\(count) sequential requests, one URLSession, loopback)")
        #expect(median < 5)
    }
}
