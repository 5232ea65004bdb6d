import BSONCore
import Foundation
import StreamEngine
import TestSupport
import Testing
import Workspace

/// `SinkFactory` choices that need no server, and the `__testLog` sink (§5.2a).
@Suite(.tags(.small)) struct SinkFactoryTests {
    static let connections = RuntimeConnections(
        entries: ["kafka": .init(name: "kafka", type: "Kafka", settings: [:])])

    /// A sink spec the factory must refuse, and the message.
    struct RefusedCase: CustomTestStringConvertible, Sendable {
        let name: String
        let spec: SinkSpec
        let message: String
        var testDescription: String { name }
    }

    static let refused: [RefusedCase] = [
        RefusedCase(
            name: "$emit", spec: .emit(["connectionName": .string("kafka"), "topic": .string("t")]),
            message: "$emit to Kafka or a time-series collection cannot run locally yet: it comes with the Kafka issue"),
        RefusedCase(
            name: "unknown connection",
            spec: .merge(MergeSpec(connectionName: "nope", db: .literal("d"), coll: .literal("c"))),
            message: "Connection 'nope' does not exist"),
        RefusedCase(
            name: "not a cluster",
            spec: .merge(MergeSpec(connectionName: "kafka", db: .literal("d"), coll: .literal("c"))),
            message: "Connection 'kafka' is a Kafka connection; a Cluster connection is needed here"),
    ]

    @Test(arguments: refused) func refusesWithCode420(_ refused: RefusedCase) {
        #expect(throws: StreamEngineError.invalid(refused.message)) {
            _ = try SinkFactory.makeSink(refused.spec, connections: Self.connections)
        }
    }

    @Test func noSinkAndNoDLQ() throws {
        #expect(try SinkFactory.makeSink(.none, connections: Self.connections) is DiscardingSink)
        #expect(try SinkFactory.makeDeadLetterSink(nil, connections: Self.connections) == nil)
    }

    @Test func testLogWritesRelaxedLinesAndKeepsTheLastDocuments() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("testlog-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: url) }
        let log = try TestLogSink(capacity: 2, appendingTo: url)
        let sink = try SinkFactory.makeSink(.testLog, connections: Self.connections, testLog: log)
        let outputs = (1...3).map { index in
            OutputDocument(
                document: ["n": .int32(Int32(index)), "at": .datetime(1_700_000_000_000)], metadata: StreamMetadata())
        }
        #expect(try sink.write(outputs).isEmpty)
        try sink.flush()
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(
            text == (1...3).map { #"{"n":\#($0),"at":{"$date":"2023-11-14T22:13:20Z"}}"# + "\n" }.joined())
        #expect(log.recentDocuments().map { $0["n"] } == [.int32(2), .int32(3)])
    }

    @Test func testLogWithoutAFileOnlyKeepsTheSample() throws {
        let sink = try SinkFactory.makeSink(.testLog, connections: Self.connections)
        let log = try #require(sink as? TestLogSink)
        _ = try log.write([OutputDocument(document: ["n": .int32(1)], metadata: StreamMetadata())])
        #expect(log.recentDocuments().map { $0["n"] } == [.int32(1)])
    }
}
