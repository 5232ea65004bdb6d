import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

/// Builds executors from JSON pipelines on a `ManualClock`, with an optional test window.
struct ExecutorHarness {
    let clock = ManualClock(1_000)
    var options = ProcessorOptions(name: "p", isEphemeral: true)

    func make(_ json: String, window: TestTumblingWindow? = nil) throws -> PipelineExecutor {
        let pipeline = try #require(ExtendedJSON.parse(json).arrayValue).map { try #require($0.documentValue) }
        return try PipelineExecutor(
            pipeline: pipeline, options: options, services: EngineServices(clock: clock),
            makeWindow: { name, spec, options, _ throws(StreamEngineError) in
                if let window { return window }
                return try WindowFactory.makeWindow(name: name, spec: spec, options: options)
            })
    }

    /// Feeds the `documents` of the executor's source one per batch (§2.1) and gathers everything.
    func runDocuments(_ executor: PipelineExecutor) throws -> EngineOutput {
        guard case .documents(let documents) = executor.source.kind else {
            Issue.record("not a documents source")
            return EngineOutput()
        }
        var output = EngineOutput()
        for document in documents { output.append(executor.receive([SourceMessage(document: document)])) }
        return output
    }
}

func doc(_ json: String) throws -> BSONDocument { try ExtendedJSON.parseDocument(json) }

@Suite("Pipeline executor (§2, §3.2, §5, §6, §7.3, §8)", .tags(.small))
struct PipelineExecutorTests {
    let harness = ExecutorHarness()
    static let generated = #"{"source": {"type": "generated"}}"#

    @Test("_ts from the clock, the message's timestamp, in place or appended, and tsFieldName (§2.2)")
    func timestamps() throws {
        let executor = try harness.make(#"[{"$source": {"documents": []}}]"#)
        let out = executor.receive([
            SourceMessage(document: ["a": .int32(1)]),
            SourceMessage(document: ["_ts": .int32(5), "a": .int32(1)]),
            SourceMessage(document: ["a": .int32(1)], timestamp: 42),
        ])
        #expect(
            out.documents.map(\.document) == [
                try doc(#"{"a": 1, "_ts": {"$date": {"$numberLong": "1000"}}, "_stream_meta": \#(Self.generated)}"#),
                try doc(#"{"_ts": {"$date": {"$numberLong": "1000"}}, "a": 1, "_stream_meta": \#(Self.generated)}"#),
                try doc(#"{"a": 1, "_ts": {"$date": {"$numberLong": "42"}}, "_stream_meta": \#(Self.generated)}"#),
            ])
        let named = try harness.make(#"[{"$source": {"documents": [{"a": 1}], "tsFieldName": "ingest"}}]"#)
        #expect(
            try harness.runDocuments(named).documents.map(\.document) == [
                try doc(#"{"a": 1, "ingest": {"$date": {"$numberLong": "1000"}}, "_stream_meta": \#(Self.generated)}"#)
            ])
    }

    @Test("timeField gives event time; anything but a Date goes to the DLQ with §6's shape (§2.2)")
    func timeField() throws {
        let executor = try harness.make(
            #"[{"$source": {"documents": [{"t": {"$date": {"$numberLong": "7"}}}, {"t": "abc"}, {"u": 1}], "timeField": "$t"}}]"#
        )
        let out = try harness.runDocuments(executor)
        #expect(
            out.documents.map(\.document) == [
                try doc(
                    #"{"t": {"$date": {"$numberLong": "7"}}, "_ts": {"$date": {"$numberLong": "7"}}, "_stream_meta": \#(Self.generated)}"#
                )
            ])
        #expect(out.deadLetters.count == 2)
        let entry = try #require(out.deadLetters.first)
        #expect(
            entry.keys == [
                "_stream_meta", "errInfo", "operatorName", "doc", "processorName", "instanceName", "dlqTime",
            ])
        #expect(
            entry
                == (try doc(
                    #"""
                    {"_stream_meta": \#(Self.generated),
                     "errInfo": {"reason": "Failed to extract timestamp from document, extracted timestampVal: \"abc\""},
                     "operatorName": "DocumentsDataSourceOperator", "doc": {"t": "abc"}, "processorName": "p",
                     "instanceName": "local", "dlqTime": {"$date": {"$numberLong": "1000"}}}
                    """#)))
        #expect(
            out.deadLetters.last?["errInfo"]
                == .document([
                    "reason": .string("Failed to extract timestamp from document, extracted timestampVal: MISSING")
                ]))
        #expect(executor.stats.inputMessageCount == 3)
        #expect(executor.stats.dlqMessageCount == 2)
        #expect(executor.stats.outputMessageCount == 1)
    }

    @Test("§6's example: $divide by zero in $addFields goes to the DLQ from AddFieldsOperator")
    func divideByZero() throws {
        let executor = try harness.make(
            #"[{"$source": {"documents": [{"_id": 0, "a": 0, "b": 0}]}}, {"$addFields": {"r": {"$divide": ["$a", "$b"]}}}]"#
        )
        let entry = try #require(try harness.runDocuments(executor).deadLetters.first)
        #expect(
            entry["errInfo"]
                == .document([
                    "reason": .string(
                        "Failed to process input document in AddFieldsOperator with error: can't $divide by zero")
                ]))
        #expect(entry["operatorName"] == .string("AddFieldsOperator"))
        #expect(
            entry["doc"]
                == .document(try doc(#"{"_id": 0, "a": 0, "b": 0, "_ts": {"$date": {"$numberLong": "1000"}}}"#)))
    }

    @Test("A stage's runtime error goes to the DLQ with the document as it reached the stage (§4, §6)")
    func stageFailure() throws {
        let executor = try harness.make(
            #"[{"$source": {"documents": [{"x": 5}, {"x": {"k": 1}}]}}, {"$replaceWith": "$x"}]"#)
        let out = try harness.runDocuments(executor)
        #expect(out.documents.map(\.document) == [try doc(#"{"k": 1, "_stream_meta": \#(Self.generated)}"#)])
        let entry = try #require(out.deadLetters.first)
        #expect(entry["operatorName"] == .string("ReplaceRootOperator"))
        #expect(entry["doc"] == .document(try doc(#"{"x": 5, "_ts": {"$date": {"$numberLong": "1000"}}}"#)))
        #expect(entry["_stream_meta"] == .document(try doc(Self.generated)))
    }

    @Test(
        "_stream_meta is written at the source or at the sink (§2.3)",
        arguments: [
            (#"{"$project": {"a": 1}}"#, #"{"a": 1, "_stream_meta": \#(generated)}"#),
            (#"{"$project": {"_ts": 0, "_stream_meta": 0}}"#, #"{"a": 1, "b": 2}"#),
            (#"{"$unset": "_stream_meta"}"#, #"{"a": 1, "b": 2, "_ts": {"$date": {"$numberLong": "1000"}}}"#),
            (
                #"{"$addFields": {"t": "$_stream_meta.source.type"}}"#,
                #"{"a": 1, "b": 2, "_ts": {"$date": {"$numberLong": "1000"}}, "_stream_meta": \#(generated), "t": "generated"}"#
            ),
            (#"{"$replaceWith": {"r": "$$ROOT.a", "m": "$_stream_meta"}}"#, #"{"r": 1, "m": \#(generated)}"#),
            (#"{"$replaceWith": {"r": "$a"}}"#, #"{"r": 1, "_stream_meta": \#(generated)}"#),
        ])
    func streamMeta(stage: String, expected: String) throws {
        let executor = try harness.make(#"[{"$source": {"documents": [{"a": 1, "b": 2}]}}, \#(stage)]"#)
        #expect(try harness.runDocuments(executor).documents.map(\.document) == [try doc(expected)])
    }

    @Test("An existing _stream_meta object gets the metadata merged into it (§2.3)")
    func streamMetaMerge() throws {
        let executor = try harness.make(#"[{"$source": {"documents": [{"_stream_meta": {"x": 1}}]}}]"#)
        #expect(
            try harness.runDocuments(executor).documents.map(\.document) == [
                try doc(
                    #"{"_stream_meta": {"x": 1, "source": {"type": "generated"}}, "_ts": {"$date": {"$numberLong": "1000"}}}"#
                )
            ])
    }

    @Test("§7.1's example: sp.process with $match prints a: 2 with _ts and _stream_meta")
    func processExample() throws {
        let executor = try harness.make(#"[{"$source": {"documents": [{"a": 1}, {"a": 2}]}}, {"$match": {"a": 2}}]"#)
        let out = try harness.runDocuments(executor)
        #expect(
            out.documents.map(\.document) == [
                try doc(
                    #"{"a": 2, "_ts": {"$date": {"$numberLong": "1000"}}, "_stream_meta": {"source": {"type": "generated"}}}"#
                )
            ])
        #expect(out.documents.first?.namespace == nil)
        #expect(out.documents.first?.replayKey == nil)
        #expect(executor.stats.inputMessageCount == 2)
        #expect(executor.stats.outputMessageCount == 1)
        #expect(executor.stats.watermark == nil)
    }

    @Test("Dynamic $merge namespaces per document; a non-string goes to the DLQ from MergeOperator (§5.1)")
    func dynamicMerge() throws {
        var harness = self.harness
        harness.options.isEphemeral = false
        let executor = try harness.make(
            #"[{"$source": {"documents": [{"d": "x"}, {"d": 5}]}}, {"$merge": {"into": {"connectionName": "c", "db": "$d", "coll": "fixed"}}}]"#
        )
        let out = try harness.runDocuments(executor)
        #expect(out.documents.count == 1)
        #expect(out.documents.first?.namespace?.db == "x")
        #expect(out.documents.first?.namespace?.coll == "fixed")
        let entry = try #require(out.deadLetters.first)
        #expect(entry["operatorName"] == .string("MergeOperator"))
        #expect(
            entry["errInfo"]
                == .document([
                    "reason": .string(
                        "Failed to evaluate target namespace in MergeOperator with error: "
                            + "$merge.into.db must evaluate to a non-empty string, got int")
                ]))
        #expect(executor.stats.dlqMessageCount == 1)
        #expect(executor.stats.outputMessageCount == 1)
    }

    @Test("Stats: input size before _ts, output size as written, DLQ counted without a DLQ (§7.3)")
    func stats() throws {
        let executor = try harness.make(#"[{"$source": {"documents": []}}, {"$replaceWith": "$x"}]"#)
        let input: BSONDocument = ["x": .document(["k": .int32(1)])]
        let bad: BSONDocument = ["x": .int32(1)]
        var out = executor.receive([SourceMessage(document: input), SourceMessage(document: bad)])
        out.append(executor.receive([SourceMessage(document: bad, size: 100)]))
        #expect(executor.stats.inputMessageCount == 3)
        #expect(executor.stats.inputMessageSize == Int64(BSONSize.of(input) + BSONSize.of(bad) + 100))
        #expect(executor.stats.outputMessageCount == 1)
        #expect(executor.stats.outputMessageSize == Int64(BSONSize.of(try #require(out.documents.first).document)))
        #expect(executor.stats.dlqMessageCount == 2)
        #expect(executor.stats.dlqMessageSize == Int64(out.deadLetters.map { BSONSize.of($0) }.reduce(0, +)))
        #expect(BSONSize.of(input) == input.encoded().count)
    }

    @Test("A stage that emits several records feeds each through the rest of the chain")
    func fanOut() throws {
        let executor = try harness.make(
            #"[{"$source": {"documents": [{"a": [1, 2, 3]}]}}, {"$unwind": "$a"}, {"$match": {"a": 2}}, {"$project": {"_id": 0, "b": "$a"}}]"#
        )
        #expect(
            try harness.runDocuments(executor).documents.map(\.document) == [
                try doc(#"{"b": 2, "_stream_meta": \#(Self.generated)}"#)
            ])
    }

    @Test("documents may be an expression evaluated once at start (§2.1)")
    func documentsExpression() throws {
        let executor = try harness.make(#"[{"$source": {"documents": {"$literal": [{"a": 1}, {"a": 2}]}}}]"#)
        guard case .documents(let documents) = executor.source.kind else {
            Issue.record("not a documents source")
            return
        }
        #expect(documents == [["a": .int32(1)], ["a": .int32(2)]])
    }

    @Test("$validate with action dlq and a failed $lookup both give §6 entries through the executor")
    func stageDeadLetters() throws {
        let options = ProcessorOptions(
            name: "p", deadLetterQueue: DeadLetterQueueTarget(connectionName: "a", db: "d", coll: "c"),
            isEphemeral: true)
        let pipeline = try #require(
            ExtendedJSON.parse(
                #"""
                [{"$source": {"documents": [{"a": 1}, {"a": 2}]}},
                 {"$validate": {"validator": {"a": 1}, "validationAction": "dlq"}},
                 {"$lookup": {"from": {"connectionName": "a", "db": "d", "coll": "x"}, "localField": "a", "foreignField": "b", "as": "j"}}]
                """#
            ).arrayValue
        ).compactMap(\.documentValue)
        let services = EngineServices(clock: harness.clock, lookup: RecordingLookupResolver(failure: "no route"))
        let executor = try PipelineExecutor(pipeline: pipeline, options: options, services: services)
        var out = EngineOutput()
        for document in [["a": BSONValue.int32(1)], ["a": .int32(2)]] as [BSONDocument] {
            out.append(executor.receive([SourceMessage(document: document)]))
        }
        #expect(out.documents.isEmpty)
        #expect(out.deadLetters.map { $0["operatorName"] } == [.string("LookUpOperator"), .string("ValidateOperator")])
        #expect(
            out.deadLetters.map { $0["errInfo"] } == [
                .document(["reason": .string("Failed to process input document in LookUpOperator with error: no route")]
                ),
                .document(["reason": .string("Input document found to be invalid in $validate stage")]),
            ])
        #expect(executor.stats.dlqMessageCount == 2)
    }
}
