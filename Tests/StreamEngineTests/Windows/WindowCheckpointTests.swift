import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

/// Checkpoints (§8): a window restored from a checkpoint (through BSON bytes) and fed the rest of the stream
/// gives exactly the output of an uninterrupted run.
@Suite("Window checkpoints", .tags(.small))
struct WindowCheckpointTests {
    private static let documents: [(String, Int64)] = [
        (#"{"k": "a", "p": 10, "i": 1}"#, 100), (#"{"k": "b", "p": 7, "i": 2}"#, 900),
        (#"{"k": "a", "p": 12, "i": 3}"#, 1_500), (#"{"k": "a", "p": 1.5, "i": 4}"#, 1_200),
        (#"{"k": "b", "p": 3, "i": 5}"#, 2_600), (#"{"k": "c", "p": 4, "i": 6}"#, 2_700),
        (#"{"k": "a", "p": 9, "i": 7}"#, 4_100), (#"{"k": "b", "p": 8, "i": 8}"#, 2_000),
        (#"{"k": "c", "p": 2, "i": 9}"#, 5_500), (#"{"k": "a", "p": 5, "i": 10}"#, 7_900),
    ]

    @Test(
        "Restore, then continue: same output as without the interruption",
        arguments: [
            #"""
            {"$tumblingWindow": {"interval": {"size": 2, "unit": "second"}, "allowedLateness": {"size": 1, "unit": "second"},
              "pipeline": [{"$group": {"_id": "$k", "n": {"$sum": 1}, "avg": {"$avg": "$p"}, "min": {"$min": "$p"},
                "last": {"$last": "$i"}, "ids": {"$addToSet": "$i"}, "top": {"$topN": {"n": 2, "sortBy": {"p": -1}, "output": "$i"}},
                "med": {"$median": {"input": "$p", "method": "approximate"}}, "sd": {"$stdDevSamp": "$p"}}},
                {"$sort": {"_id": 1}}]}}
            """#,
            #"""
            {"$hoppingWindow": {"interval": {"size": 3, "unit": "second"}, "hopSize": {"size": 1, "unit": "second"},
              "allowedLateness": 0, "pipeline": [{"$sort": {"p": 1}}, {"$limit": 3}]}}
            """#,
            #"""
            {"$sessionWindow": {"partitionBy": "$k", "gap": {"size": 1500, "unit": "ms"}, "allowedLateness": 0,
              "pipeline": [{"$group": {"_id": "$k", "ids": {"$push": "$i"}, "max": {"$maxN": {"input": "$p", "n": 2}}}}]}}
            """#,
        ])
    func roundTrip(stage: String) throws {
        let straight = try WindowDriver(stage)
        for (document, time) in Self.documents { try straight.send(document, at: time) }
        straight.take(straight.window.closeAll())
        #expect(!straight.outputs.isEmpty)

        for cut in [1, 4, 7] {
            let first = try WindowDriver(stage)
            for (document, time) in Self.documents.prefix(cut) { try first.send(document, at: time) }
            let bytes = first.window.checkpoint().encoded()
            let second = try WindowDriver(stage)
            try second.window.restore(from: try BSONDocument(bytes: bytes))
            #expect(second.window.stateSize == first.window.stateSize)
            for (document, time) in Self.documents.dropFirst(cut) { try second.send(document, at: time) }
            second.take(second.window.closeAll())
            #expect(first.documents + second.documents == straight.documents, "cut after \(cut)")
            #expect(first.windows + second.windows == straight.windows, "cut after \(cut)")
            #expect(
                (first.outputs + second.outputs).map(\.outputKey) == straight.outputs.map(\.outputKey), "cut \(cut)")
            #expect(
                (first.deadLetters + second.deadLetters).map(\.missedWindowStartTimes)
                    == straight.deadLetters.map(\.missedWindowStartTimes))
        }
    }

    @Test("A checkpoint of another window kind is rejected")
    func wrongKind() throws {
        let tumbling = try WindowDriver(
            #"{"$tumblingWindow": {"interval": {"size": 1, "unit": "second"}, "pipeline": []}}"#)
        let session = try WindowDriver(
            #"{"$sessionWindow": {"partitionBy": "$k", "gap": {"size": 1, "unit": "second"}, "pipeline": [{"$sort": {"k": 1}}]}}"#
        )
        #expect(throws: StreamEngineError.self) { try tumbling.window.restore(from: session.window.checkpoint()) }
    }
}
