import BSONCore
import Foundation
import StreamEngine
import TestSupport
import Testing
import Workspace

/// Started processors run for real in the store: counts, stop and start from the checkpoint, FAILED with the
/// error, resume when the store opens again, samples, validation at start.
@Suite(.tags(.medium)) struct ProcessorRunnerTests {
    static let group = "0123456789abcdef01234567"

    /// A fresh state folder and a store over it with `components`.
    static func store(_ components: TestRunComponents, at directory: URL? = nil) throws -> (WorkspaceStore, URL) {
        let directory =
            directory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("spsh-runner-\(UUID().uuidString)")
        return (try WorkspaceStore(directory: directory, runtime: .testing(components)), directory)
    }

    /// A processor over `count` documents `{n: i}` ending in `__testLog`.
    static func create(_ store: WorkspaceStore, _ name: String, count: Int) throws {
        let documents = (0..<count).map { "{\"n\":\($0)}" }.joined(separator: ",")
        let body = try JSONValue.parse(
            #"{"name":"\#(name)","pipeline":[{"$source":{"documents":[\#(documents)]}},"#
                + #"{"$emit":{"connectionName":"__testLog"}}]}"#)
        _ = try store.createProcessor(group: group, workspace: "local", body: body)
    }

    static func view(_ store: WorkspaceStore, _ name: String) throws -> JSONValue {
        try store.processor(group: group, workspace: "local", name: name)
    }

    static func count(_ store: WorkspaceStore, _ name: String, _ field: String) throws -> Int {
        Int(try view(store, name)["stats"]?[field]?.text ?? "") ?? -1
    }

    /// The `n` of every document the sinks received.
    static func numbers(_ ledger: RunLedger) -> [Int64] { ledger.written.compactMap { $0["n"]?.int64Value } }

    @Test func startRunsTheProcessorAndCountsWhatItProcessed() async throws {
        let components = TestRunComponents()
        let (store, directory) = try Self.store(components)
        defer {
            store.shutdown()
            try? FileManager.default.removeItem(at: directory)
        }
        try Self.create(store, "counted", count: 5)
        try store.startProcessor(group: Self.group, workspace: "local", name: "counted")
        #expect(try await eventually { try Self.count(store, "counted", "outputMessageCount") == 5 })
        let stats = try Self.view(store, "counted")["stats"]
        #expect(stats?["inputMessageCount"] == .int(5))
        #expect(stats?["status"] == .string("running"))
        #expect(Int(stats?["inputMessageSize"]?.text ?? "") ?? 0 > 0)
        #expect(Self.numbers(components.ledger) == [0, 1, 2, 3, 4])
        // The list shows the same counts.
        let list = try store.listProcessors(
            group: Self.group, workspace: "local", page: try Page(query: [:], selfURL: "x"))
        #expect(list["results"]?.arrayValue?.first?["stats"]?["outputMessageCount"] == .int(5))
    }

    @Test func stopAndStartResumeFromTheCheckpointWithoutLossOrDuplicates() async throws {
        let components = TestRunComponents(ledger: RunLedger(released: 3))
        let (store, directory) = try Self.store(components)
        defer {
            store.shutdown()
            try? FileManager.default.removeItem(at: directory)
        }
        try Self.create(store, "resumed", count: 8)
        try store.startProcessor(group: Self.group, workspace: "local", name: "resumed")
        #expect(await eventually { components.ledger.written.count == 3 })
        try store.stopProcessor(group: Self.group, workspace: "local", name: "resumed")
        store.waitUntilStopped(workspace: "local", processor: "resumed")
        #expect(try Self.view(store, "resumed")["stats"]?["status"] == .string("stopped"))
        let flushesAtStop = components.ledger.flushes
        #expect(flushesAtStop > 0, "the stop flushed the sink before its checkpoint")
        components.ledger.release(upTo: 8)
        try store.startProcessor(group: Self.group, workspace: "local", name: "resumed")
        #expect(await eventually { components.ledger.written.count >= 8 })
        #expect(Self.numbers(components.ledger) == Array(0..<8))
    }

    @Test func startWithoutResumeBeginsAgain() async throws {
        let components = TestRunComponents(ledger: RunLedger(released: 2))
        let (store, directory) = try Self.store(components)
        defer {
            store.shutdown()
            try? FileManager.default.removeItem(at: directory)
        }
        try Self.create(store, "again", count: 4)
        try store.startProcessor(group: Self.group, workspace: "local", name: "again")
        #expect(await eventually { components.ledger.written.count == 2 })
        try store.stopProcessor(group: Self.group, workspace: "local", name: "again")
        store.waitUntilStopped(workspace: "local", processor: "again")
        try store.startProcessor(
            group: Self.group, workspace: "local", name: "again",
            options: try JSONValue.parse(#"{"resumeFromCheckpoint":false}"#))
        #expect(await eventually { components.ledger.written.count == 4 })
        #expect(Self.numbers(components.ledger) == [0, 1, 0, 1])
    }

    @Test func aThrowingSinkMakesTheProcessorFailedWithTheError() async throws {
        let components = TestRunComponents()
        components.ledger.sinkFailure.withLock { $0 = "the sink exploded" }
        let (store, directory) = try Self.store(components)
        defer {
            store.shutdown()
            try? FileManager.default.removeItem(at: directory)
        }
        try Self.create(store, "doomed", count: 2)
        try store.startProcessor(group: Self.group, workspace: "local", name: "doomed")
        #expect(try await eventually { try Self.view(store, "doomed")["state"] == .string("FAILED") })
        let view = try Self.view(store, "doomed")
        #expect(view["errorMsg"] == .string("the sink exploded"))
        #expect(view["stats"]?["status"] == .string("error"))
    }

    @Test func aSourceThatCannotBeBuiltFailsTheProcessorAtOnce() throws {
        let (store, directory) = try Self.store(TestRunComponents(failure: "no broker at b1:9092"))
        defer {
            store.shutdown()
            try? FileManager.default.removeItem(at: directory)
        }
        try Self.create(store, "unreachable", count: 1)
        try store.startProcessor(group: Self.group, workspace: "local", name: "unreachable")
        let view = try Self.view(store, "unreachable")
        #expect(view["state"] == .string("FAILED"))
        #expect(view["errorMsg"] == .string("no broker at b1:9092"))
    }

    @Test func anInvalidPipelineFailsTheStartWithASPsMessage() throws {
        let (store, directory) = try Self.store(TestRunComponents())
        defer {
            store.shutdown()
            try? FileManager.default.removeItem(at: directory)
        }
        let body = try JSONValue.parse(
            #"{"name":"invalid","pipeline":[{"$source":{}},{"$emit":{"connectionName":"__testLog"}}]}"#)
        _ = try store.createProcessor(group: Self.group, workspace: "local", body: body)
        #expect {
            try store.startProcessor(group: Self.group, workspace: "local", name: "invalid")
        } throws: { error in
            guard let error = error as? APIError else { return false }
            return error.status == 400 && error.errorCode == "STREAM_PROCESSOR_GENERIC_ERROR"
                && error.detail.contains("StreamProcessorInvalidOptions: $source must contain 'connectionName'")
        }
        #expect(try Self.view(store, "invalid")["state"] == .string("CREATED"))
    }

    @Test func aReopenedStoreResumesStartedProcessors() async throws {
        let components = TestRunComponents(ledger: RunLedger(released: 2))
        let (first, directory) = try Self.store(components)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.create(first, "survivor", count: 6)
        try Self.create(first, "idle", count: 6)
        try first.startProcessor(group: Self.group, workspace: "local", name: "survivor")
        #expect(await eventually { components.ledger.written.count == 2 })
        first.shutdown()
        #expect(try Self.view(first, "survivor")["state"] == .string("STARTED"))
        components.ledger.release(upTo: 6)
        let (second, _) = try Self.store(components, at: directory)
        defer { second.shutdown() }
        #expect(await eventually { components.ledger.written.count >= 6 })
        #expect(Self.numbers(components.ledger) == Array(0..<6))
        #expect(try Self.view(second, "survivor")["state"] == .string("STARTED"))
        #expect(try Self.view(second, "idle")["state"] == .string("CREATED"))
    }

    @Test func sampleReturnsWhatCameOutSinceTheLastCall() async throws {
        let components = TestRunComponents(ledger: RunLedger(released: 2))
        let (store, directory) = try Self.store(components)
        defer {
            store.shutdown()
            try? FileManager.default.removeItem(at: directory)
        }
        try Self.create(store, "sampled", count: 3)
        try store.startProcessor(group: Self.group, workspace: "local", name: "sampled")
        #expect(await eventually { components.ledger.written.count == 2 })
        let first = try store.sampleProcessor(group: Self.group, workspace: "local", name: "sampled")
        #expect(first["state"] == .string("STARTED"))
        #expect(first["results"]?.arrayValue?.compactMap { $0["n"]?["$numberInt"]?.stringValue } == ["0", "1"])
        components.ledger.release(upTo: 3)
        #expect(await eventually { components.ledger.written.count == 3 })
        let second = try store.sampleProcessor(group: Self.group, workspace: "local", name: "sampled")
        #expect(second["results"]?.arrayValue?.compactMap { $0["n"]?["$numberInt"]?.stringValue } == ["2"])
    }

    @Test func dropAndModifyWithoutResumeDeleteTheCheckpoint() async throws {
        let components = TestRunComponents(ledger: RunLedger(released: 1))
        let (store, directory) = try Self.store(components)
        defer {
            store.shutdown()
            try? FileManager.default.removeItem(at: directory)
        }
        let checkpoints = directory.appendingPathComponent("checkpoints/local")
        func files() -> Int {
            ((try? FileManager.default.contentsOfDirectory(atPath: checkpoints.path)) ?? []).filter {
                $0.hasSuffix(".bson")
            }.count
        }
        for name in ["dropped", "modified"] {
            try Self.create(store, name, count: 2)
            try store.startProcessor(group: Self.group, workspace: "local", name: name)
        }
        #expect(await eventually { files() == 2 })
        try store.deleteProcessor(group: Self.group, workspace: "local", name: "dropped")
        try store.stopProcessor(group: Self.group, workspace: "local", name: "modified")
        store.waitUntilStopped(workspace: "local", processor: "modified")
        #expect(await eventually { files() == 1 })
        _ = try store.modifyProcessor(
            group: Self.group, workspace: "local", name: "modified",
            body: try JSONValue.parse(#"{"options":{"resumeFromCheckpoint":false}}"#))
        #expect(files() == 0)
        #expect(try Self.count(store, "modified", "outputMessageCount") == 0)
    }
}
