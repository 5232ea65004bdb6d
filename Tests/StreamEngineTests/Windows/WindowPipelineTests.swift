import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

/// What happens inside a window: `$group` keys and output shape, per-document failures, and windows without a
/// `$group` (documents unchanged plus window metadata), `$sort`, `$limit`, `$count` (§3.1, §3.4, §11.3).
@Suite("Window inner pipelines", .tags(.small))
struct WindowPipelineTests {
    private static func window(_ pipeline: String) -> String {
        #"{"$tumblingWindow": {"interval": {"size": 10, "unit": "second"}, "allowedLateness": 0, "pipeline": \#(pipeline)}}"#
    }

    @Test("$group: numerically equal keys share a group, missing _id is null, _id first then accumulators as written")
    func groupKeys() throws {
        let driver = try WindowDriver(
            Self.window(#"[{"$group": {"_id": "$k", "z": {"$sum": 1}, "a": {"$first": "$i"}}}]"#))
        let documents = [
            #"{"k": 1, "i": 1}"#, #"{"k": {"$numberLong": "1"}, "i": 2}"#, #"{"k": 1.0, "i": 3}"#, #"{"i": 4}"#,
            #"{"k": null, "i": 5}"#, #"{"k": {"a": 1}, "i": 6}"#, #"{"k": {"a": 1.0}, "i": 7}"#, #"{"k": "1", "i": 8}"#,
        ]
        for (index, document) in documents.enumerated() { try driver.send(document, at: Int64(index)) }
        driver.take(driver.window.closeAll())
        #expect(
            driver.documents == [
                #"{"_id":1,"z":3,"a":1}"#, #"{"_id":null,"z":2,"a":4}"#, #"{"_id":{"a":1},"z":2,"a":6}"#,
                #"{"_id":"1","z":1,"a":8}"#,
            ])
        #expect(driver.outputs.map(\.outputKey) == [.int32(1), .null, .document(["a": .int32(1)]), .string("1")])
    }

    @Test("$group output keeps only source.type of the metadata (§2.3)")
    func groupMetadata() throws {
        let driver = try WindowDriver(Self.window(#"[{"$group": {"_id": null, "n": {"$sum": 1}}}]"#))
        try driver.send(
            "{}", at: 0, source: ["type": .string("kafka"), "topic": .string("t"), "offset": .int64(5)])
        driver.take(driver.window.closeAll())
        let metadata = try #require(driver.outputs.first?.metadata)
        #expect(metadata.source == ["type": .string("kafka")])
        #expect(metadata.window == WindowMetadata(start: WindowDriver.t0, end: WindowDriver.t0 + 10_000))
    }

    @Test("A document whose accumulator fails goes to the DLQ as GroupOperator; the window carries on without it")
    func groupFailure() throws {
        let driver = try WindowDriver(
            Self.window(#"[{"$group": {"_id": null, "n": {"$sum": 1}, "m": {"$mergeObjects": "$o"}}}]"#))
        try driver.send(#"{"o": {"a": 1}}"#, at: 0)
        try driver.send(#"{"o": 5}"#, at: 1)
        try driver.send(#"{"o": {"b": 2}}"#, at: 2)
        driver.take(driver.window.closeAll())
        #expect(driver.documents == [#"{"_id":null,"n":2,"m":{"a":1,"b":2}}"#])
        let failure = try #require(driver.deadLetters.first)
        #expect(failure.operatorName == "GroupOperator")
        #expect(
            failure.reason
                == "Failed to process input document in GroupOperator with error: $mergeObjects requires object inputs, but input 5 is of type int"
        )
        #expect(failure.record.document.description == #"{"o":5}"#)
        #expect(failure.record.metadata.window?.start == WindowDriver.t0)
    }

    @Test("No $group: documents come out unchanged, in arrival order, with the window in their metadata")
    func noGroup() throws {
        let driver = try WindowDriver(Self.window("[]"))
        try driver.send(#"{"a": 1, "_stream_meta": {"source": {"type": "generated"}}}"#, at: 5)
        try driver.send(#"{"a": 2}"#, at: 3)
        try driver.send(#"{"a": 3}"#, at: 10_001)
        #expect(
            driver.documents == [
                #"{"a":1,"_stream_meta":{"source":{"type":"generated"},"window":{"start":{"$date":"2024-01-01T00:00:00Z"},"end":{"$date":"2024-01-01T00:00:10Z"}}}}"#,
                #"{"a":2}"#,
            ])
        #expect(driver.outputs.map(\.outputKey) == [.int64(0), .int64(1)])
        #expect(driver.outputs.map(\.eventTime) == [WindowDriver.t0 + 5, WindowDriver.t0 + 3])
        #expect(driver.windows == [[0, 10_000], [0, 10_000]])
    }

    @Test(
        "Batch stages run over the whole window when it closes",
        arguments: [
            (#"[{"$sort": {"a": -1}}, {"$limit": 2}]"#, [#"{"a":3}"#, #"{"a":2}"#], [BSONValue.int64(1), .int64(3)]),
            (#"[{"$count": "n"}]"#, [#"{"n":4}"#], [BSONValue.null]),
            (
                #"[{"$sort": {"a": 1}}, {"$group": {"_id": null, "f": {"$first": "$a"}, "l": {"$last": "$a"}}}]"#,
                [#"{"_id":null,"f":null,"l":3}"#], [BSONValue.null]
            ),
            (
                #"[{"$group": {"_id": "$a", "n": {"$sum": 1}}}, {"$sort": {"_id": -1}}, {"$limit": 1}]"#,
                [#"{"_id":3,"n":1}"#], [BSONValue.int32(3)]
            ),
        ])
    func batchStages(pipeline: String, expected: [String], keys: [BSONValue]) throws {
        let driver = try WindowDriver(Self.window(pipeline))
        for (offset, document) in [#"{"a": 1}"#, #"{"a": 3}"#, #"{}"#, #"{"a": 2}"#].enumerated() {
            try driver.send(document, at: Int64(offset))
        }
        driver.take(driver.window.closeAll())
        #expect(driver.documents == expected)
        #expect(driver.outputs.map(\.outputKey) == keys)
    }

    @Test("An empty window produces nothing")
    func emptyWindow() throws {
        let driver = try WindowDriver(Self.window(#"[{"$count": "n"}]"#))
        driver.take(driver.window.closeAll())
        #expect(driver.outputs.isEmpty)
    }

    @Test("stateSize is bounded by windows × groups, not by the number of documents")
    func stateSizeBounded() throws {
        let driver = try WindowDriver(
            #"""
            {"$tumblingWindow": {"interval": {"size": 1, "unit": "day"}, "pipeline": [{"$group": {"_id": "$s",
              "n": {"$sum": 1}, "q": {"$sum": "$q"}, "avg": {"$avg": "$p"}, "min": {"$min": "$p"}, "max": {"$max": "$p"},
              "first": {"$first": "$p"}, "last": {"$last": "$p"}, "sd": {"$stdDevPop": "$p"},
              "top": {"$top": {"sortBy": {"p": -1}, "output": "$p"}}, "maxN": {"$maxN": {"input": "$p", "n": 3}}}}]}}
            """#)
        func feed(_ range: Range<Int>) throws {
            for index in range {
                try driver.send(
                    #"{"s": "S\#(index % 10)", "q": \#(index % 100), "p": \#(index % 1_000)}"#, at: Int64(index))
            }
        }
        try feed(0..<2_000)
        let early = driver.window.stateSize
        try feed(2_000..<20_000)
        #expect(driver.window.stateSize == early)
        #expect(early > 0 && early < 64_000)
    }
}
