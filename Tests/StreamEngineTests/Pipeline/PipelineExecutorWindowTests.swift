import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

@Suite("Pipeline executor: window driving, watermarks, checkpoints (§3.2, §8)", .tags(.small))
struct PipelineExecutorWindowTests {
    let harness = ExecutorHarness()
    static let window =
        #"{"$tumblingWindow": {"interval": {"size": 10, "unit": "second"}, "pipeline": [{"$group": {"_id": null}}]}}"#

    private func message(_ time: Int64, partition: Int = 0) -> SourceMessage {
        SourceMessage(document: ["t": .datetime(time)], partition: partition)
    }

    private func make(_ after: String = "", window: TestTumblingWindow) throws -> PipelineExecutor {
        let tail = after.isEmpty ? "" : ", " + after
        return try harness.make(
            #"[{"$source": {"documents": [], "timeField": "$t"}}, \#(Self.window)\#(tail)]"#, window: window)
    }

    @Test("A batch reaches the window sorted by event time, then the watermark moves, then windows close")
    func batchOrder() throws {
        let window = TestTumblingWindow(size: 10_000)
        let executor = try make(window: window)
        var out = executor.receive([message(3_000), message(1_000), message(2_000)])
        #expect(window.batches == [[1_000, 2_000, 3_000]])
        #expect(window.advances == [2_999])
        #expect(out.documents.isEmpty)
        #expect(executor.stats.watermark == 2_999)
        #expect(executor.stats.stateSize == 16)
        out = executor.receive([message(10_001)])
        #expect(window.advances == [2_999, 10_000])
        let output = try #require(out.documents.first)
        #expect(out.documents.count == 1)
        #expect(
            output.document
                == (try doc(
                    #"""
                    {"count": 3, "_stream_meta": {"source": {"type": "generated"},
                      "window": {"start": {"$date": {"$numberLong": "0"}}, "end": {"$date": {"$numberLong": "10000"}}}}}
                    """#)))
        #expect(
            output.replayKey == [
                "processor": .string("p"), "start": .datetime(0), "end": .datetime(10_000), "key": .int32(0),
            ])
        let remaining = executor.finish()
        #expect(remaining.documents.map { $0.document["count"] } == [.int32(1)])
        #expect(executor.stats.stateSize == 0)
        #expect(executor.stats.outputMessageCount == 2)
    }

    @Test("The combined watermark is the minimum over partitions and only goes forward; DLQ'd documents do not move it")
    func watermarks() throws {
        let window = TestTumblingWindow(size: 10_000)
        let executor = try make(window: window)
        _ = executor.receive([message(5_000, partition: 0), message(2_000, partition: 1)])
        #expect(window.advances == [1_999])
        _ = executor.receive([message(1_000, partition: 1)])
        #expect(window.advances == [1_999])
        _ = executor.receive([SourceMessage(document: ["t": .string("late")], partition: 1)])
        #expect(window.advances == [1_999])
        _ = executor.receive([message(8_000, partition: 1)])
        #expect(window.advances == [1_999, 4_999])
        #expect(executor.stats.watermark == 4_999)
        #expect(executor.stats.dlqMessageCount == 1)
    }

    @Test("Stages after the window run on its output; _stream_meta written on window output when they need it")
    func postWindow() throws {
        let window = TestTumblingWindow(size: 10)
        let executor = try make(#"{"$addFields": {"c2": "$count"}}, {"$project": {"_stream_meta": 0}}"#, window: window)
        _ = executor.receive([message(1)])
        let out = executor.receive([message(20)])
        #expect(out.documents.map(\.document) == [["count": .int32(1), "c2": .int32(1)]])
    }

    @Test("Checkpoint and restore: stats, watermarks and window state round-trip (§8)")
    func checkpointRoundTrip() throws {
        let first = TestTumblingWindow(size: 10_000)
        let executor = try make(window: first)
        _ = executor.receive([message(1_000), message(2_000)])
        _ = executor.receive([SourceMessage(document: ["t": .int32(1)])])
        let saved = executor.checkpoint()

        let second = TestTumblingWindow(size: 10_000)
        let restored = try make(window: second)
        try restored.restore(from: saved)
        #expect(restored.stats == executor.stats)
        #expect(restored.checkpoint() == saved)
        #expect(second.open.map(\.count) == [2])
        let out = restored.receive([message(12_000)])
        #expect(out.documents.map { $0.document["count"] } == [.int32(2)])
        #expect(restored.stats.inputMessageCount == 4)
        #expect(restored.stats.dlqMessageCount == 1)

        let plain = try harness.make(#"[{"$source": {"documents": []}}]"#)
        #expect(throws: StreamEngineError.invalid("Checkpoint has window state, but the pipeline has no window")) {
            try plain.restore(from: saved)
        }
    }
}
