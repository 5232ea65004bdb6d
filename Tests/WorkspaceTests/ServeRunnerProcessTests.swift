import BSONCore
import Foundation
import TestSupport
import Testing
import Workspace

/// The built binary runs started processors: counts through the API, `:sample`, stop and start, and a `kill -9`
/// that resumes from the last checkpoint without replaying what it had already delivered. Needs the engine's
/// `documents` source and `__testLog` sink (SourceFactory, SinkFactory).
@Suite(.tags(.large), .serialized) struct ServeRunnerProcessTests {
    static func streams(_ serve: ServeProcess) -> String {
        serve.baseURL + "/api/atlas/v2/groups/\(ServeProcessTests.group)/streams/local"
    }

    static func url(_ serve: ServeProcess, _ name: String, _ action: String = "") -> String {
        streams(serve) + "/processor/" + PathSegment.encode(name) + action
    }

    static func stats(_ serve: ServeProcess, _ name: String) async throws -> JSONValue? {
        try await HTTPTestClient.send("GET", url(serve, name), version: V.processors).json
    }

    static func count(_ view: JSONValue?, _ field: String) -> Int { Int(view?["stats"]?[field]?.text ?? "") ?? -1 }

    /// Polls GET until the processor has delivered `outputs` documents, or 20 s pass.
    static func waitForOutputs(_ serve: ServeProcess, _ name: String, _ outputs: Int) async throws -> JSONValue? {
        let deadline = Date().addingTimeInterval(20)
        var view = try await stats(serve, name)
        while count(view, "outputMessageCount") < outputs, view?["state"] == .string("STARTED"), Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
            view = try await stats(serve, name)
        }
        return view
    }

    static func sample(_ serve: ServeProcess, _ name: String) async throws -> [JSONValue] {
        let answer = try await HTTPTestClient.send("GET", url(serve, name, ":sample"), version: V.processors)
        #expect(answer.status == 200)
        return answer.json?["results"]?.arrayValue ?? []
    }

    static func create(_ serve: ServeProcess, _ name: String, count: Int) async throws {
        let created = try await HTTPTestClient.send(
            "POST", streams(serve) + "/processor", version: V.processors, body: Seed.runnable(name, count: count))
        #expect(created.status == 200)
        #expect(try await HTTPTestClient.send("POST", url(serve, name, ":start"), version: V.processors).status == 200)
    }

    @Test func runsAStartedProcessorAndCountsThroughTheAPI() async throws {
        let directory = ServeProcessTests.freshDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let serve = try ServeProcess(arguments: ["--state-dir", directory.path])
        defer { serve.stop() }
        try await Self.create(serve, "five", count: 5)
        let view = try await Self.waitForOutputs(serve, "five", 5)
        #expect(view?["state"] == .string("STARTED"), "\(view?.text ?? "no answer")")
        #expect(view?["stats"]?["status"] == .string("running"))
        #expect(Self.count(view, "inputMessageCount") == 5)
        #expect(Self.count(view, "outputMessageCount") == 5)
        #expect(Self.count(view, "inputMessageSize") > 0)
        let samples = try await Self.sample(serve, "five")
        #expect(samples.compactMap { $0["n"]?["$numberInt"]?.stringValue } == ["0", "1", "2", "3", "4"])
        #expect(try await Self.sample(serve, "five").isEmpty)
        // Stop keeps the counts; a start resumes after the fifth document, so nothing comes out twice.
        #expect(
            try await HTTPTestClient.send("POST", Self.url(serve, "five", ":stop"), version: V.processors).status == 200
        )
        let stopped = try await Self.stats(serve, "five")
        #expect(stopped?["state"] == .string("STOPPED"))
        #expect(Self.count(stopped, "outputMessageCount") == 5)
        #expect(
            try await HTTPTestClient.send("POST", Self.url(serve, "five", ":start"), version: V.processors).status
                == 200)
        try await Task.sleep(for: .milliseconds(300))
        let resumed = try await Self.stats(serve, "five")
        #expect(resumed?["state"] == .string("STARTED"))
        #expect(Self.count(resumed, "outputMessageCount") == 5)
        #expect(try await Self.sample(serve, "five").isEmpty)
    }

    @Test func killDashNineResumesFromTheLastCheckpoint() async throws {
        let directory = ServeProcessTests.freshDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try ServeProcess(arguments: ["--state-dir", directory.path])
        let id: String
        do {
            try await Self.create(first, "survivor", count: 4)
            let view = try await Self.waitForOutputs(first, "survivor", 4)
            #expect(Self.count(view, "outputMessageCount") == 4, "\(view?.text ?? "no answer")")
            id = view?["_id"]?.stringValue ?? ""
            // Wait for the periodic checkpoint (every second) to cover all four documents, then kill -9.
            let checkpoints = CheckpointStore(url: directory.appendingPathComponent("checkpoints"))
            let deadline = Date().addingTimeInterval(10)
            while (try? checkpoints.load(workspace: "local", processorId: id))??.sourcePosition?.int64Value != 4,
                Date() < deadline
            {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(try checkpoints.load(workspace: "local", processorId: id)?.stats.outputMessageCount == 4)
        } catch {
            first.kill()
            throw error
        }
        first.kill()
        let second = try ServeProcess(arguments: ["--state-dir", directory.path])
        defer { second.stop() }
        try await Task.sleep(for: .milliseconds(300))
        let view = try await Self.stats(second, "survivor")
        #expect(view?["state"] == .string("STARTED"))
        #expect(view?["_id"] == .string(id))
        #expect(Self.count(view, "outputMessageCount") == 4)
        #expect(try await Self.sample(second, "survivor").isEmpty, "the restart replayed documents")
    }
}
