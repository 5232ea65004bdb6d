import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

@Suite("Pipeline validation (§1, §4.1, §5, §6)", .tags(.small))
struct PipelineValidatorTests {
    private static let source = #"{"$source": {"documents": [{"a": 1}]}}"#
    private static let merge = #"{"$merge": {"into": {"connectionName": "c", "db": "d", "coll": "x"}}}"#

    private func compile(_ stages: String, ephemeral: Bool = false, options: ProcessorOptions? = nil) throws {
        let pipeline = try #require(ExtendedJSON.parse(stages).arrayValue).map { try #require($0.documentValue) }
        var processorOptions = options ?? ProcessorOptions(name: "p")
        processorOptions.isEphemeral = ephemeral || processorOptions.isEphemeral
        _ = try PipelineExecutor(
            pipeline: pipeline, options: processorOptions, services: EngineServices(clock: ManualClock()))
    }

    private func message(_ stages: String, ephemeral: Bool = false, options: ProcessorOptions? = nil) -> String? {
        do {
            try compile(stages, ephemeral: ephemeral, options: options)
            return nil
        } catch let error as StreamEngineError {
            #expect(error.code == 420)
            return error.message
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test(
        "Each rule of §1 in order, with ASP's text",
        arguments: [
            ("[]", "Pipeline must have at least one stage"),
            (#"[{"$match": {}}]"#, "First stage must be $source, found: $match"),
            ("[\(source), {\"$match\": {}}]", "The last stage in the pipeline must be $merge or $emit."),
            (
                "[\(source), {\"$match\": {}, \"$set\": {\"a\": 1}}, \(merge)]",
                "A pipeline stage specification object must contain exactly one field."
            ),
            ("[\(source), {}, \(merge)]", "A pipeline stage specification object must contain exactly one field."),
            ("[\(source), \(merge), \(merge)]", "No stages are allowed after a $merge or $emit stage."),
            (
                "[\(source), {\"$tumblingWindow\": {}}, {\"$hoppingWindow\": {}}, \(merge)]",
                "Only one window stage is allowed in a pipeline."
            ),
            ("[\(source), {\"$skip\": 1}, \(merge)]", "Unsupported stage: $skip"),
            ("[\(source), {\"$facet\": {}}, \(merge)]", "Unsupported stage: $facet"),
            ("[\(source), {\"$source\": {}}, \(merge)]", "Unsupported stage: $source"),
            (
                "[\(source), {\"$group\": {\"_id\": 1}}, \(merge)]",
                "$group stage is only permitted in the inner pipeline of a window stage"
            ),
            (
                "[\(source), {\"$sort\": {\"a\": 1}}, \(merge)]",
                "$sort stage is only permitted in the inner pipeline of a window stage"
            ),
            (
                "[\(source), {\"$match\": {\"$text\": {\"$search\": \"x\"}}}, \(merge)]",
                "Cannot use $text in $match stage in Atlas Stream Processing."
            ),
            (
                "[\(source), {\"$match\": {\"$or\": [{\"$text\": {\"$search\": \"x\"}}]}}, \(merge)]",
                "Cannot use $text in $match stage in Atlas Stream Processing."
            ),
            (
                "[\(source), {\"$tumblingWindow\": {\"pipeline\": [{\"$match\": {\"$text\": {}}}]}}, \(merge)]",
                "Cannot use $text in $match stage in Atlas Stream Processing."
            ),
            (
                "[\(source), {\"$https\": {\"connectionName\": \"h\"}}, \(merge)]",
                "$https is not supported by the local stream engine: it calls an external service"
            ),
            (
                "[\(source), {\"$externalFunction\": {}}, \(merge)]",
                "$externalFunction is not supported by the local stream engine: it calls an external service"
            ),
        ])
    func rules(stages: String, expected: String) {
        #expect(message(stages) == expected)
    }

    @Test("The ephemeral exception: sp.process may end with any allowed stage, or $source alone")
    func ephemeral() throws {
        try compile("[\(Self.source), {\"$match\": {\"a\": 1}}]", ephemeral: true)
        try compile("[\(Self.source)]", ephemeral: true)
        #expect(message("[\(Self.source)]") == "The last stage in the pipeline must be $merge or $emit.")
    }

    @Test("A pipeline over 16 MB is rejected (§1 rule 9)")
    func sizeLimit() {
        let big = String(repeating: "x", count: 16 * 1024 * 1024)
        let result = message("[\(Self.source), {\"$set\": {\"a\": \"\(big)\"}}, \(Self.merge)]")
        #expect(result?.hasPrefix("Pipeline size ") == true)
        #expect(result?.hasSuffix("exceeds the maximum BSON document size of 16777216 bytes.") == true)
    }

    @Test(
        "Inner pipelines of windows (§1 column win)",
        arguments: [
            ("$group", nil), ("$sort", nil), ("$limit", nil), ("$count", nil), ("$match", nil), ("$lookup", nil),
            ("$merge", "$merge stage is not permitted in the inner pipeline of a window stage"),
            ("$emit", "$emit stage is not permitted in the inner pipeline of a window stage"),
            ("$tumblingWindow", "Only one window stage is allowed in a pipeline."),
            ("$skip", "Unsupported stage: $skip"),
            ("$source", "Unsupported stage: $source"),
        ] as [(String, String?)])
    func innerStages(name: String, expected: String?) {
        do {
            try PipelineValidator.checkInnerStage(name: name)
            #expect(expected == nil)
        } catch {
            #expect(error.message == expected)
        }
    }

    @Test("Inner pipelines: one key per stage and no $text")
    func innerPipeline() throws {
        let twoKeys = try ExtendedJSON.parse(#"[{"$match": {}, "$group": {}}]"#).arrayValue ?? []
        #expect(
            throws: StreamEngineError.invalid("A pipeline stage specification object must contain exactly one field.")
        ) {
            try PipelineValidator.validateInnerPipeline(twoKeys)
        }
        let text = try ExtendedJSON.parse(#"[{"$match": {"$text": {"$search": "a"}}}]"#).arrayValue ?? []
        #expect(throws: StreamEngineError.invalid("Cannot use $text in $match stage in Atlas Stream Processing.")) {
            try PipelineValidator.validateInnerPipeline(text)
        }
        let fine = try ExtendedJSON.parse(#"[{"$match": {"a": 1}}, {"$group": {"_id": null}}]"#).arrayValue ?? []
        #expect(try PipelineValidator.validateInnerPipeline(fine).map(\.name) == ["$match", "$group"])
    }

    @Test(
        "$source (§2.1, §2.2)",
        arguments: [
            (
                #"{"$source": {"documents": [{"a": 1}], "connectionName": "k"}}"#,
                "$source cannot have 'connectionName' or 'path' together with 'documents'"
            ),
            (#"{"$source": {}}"#, "$source must contain 'connectionName' field in it"),
            (#"{"$source": {"connectionName": "k", "bogus": 1}}"#, "BSON field '$source.bogus' is an unknown field."),
            (
                #"{"$source": {"documents": "abc"}}"#,
                "$source.documents must evaluate to an array of objects, got string"
            ),
            (
                #"{"$source": {"documents": [1, 2]}}"#,
                "$source.documents must evaluate to an array of objects, found int"
            ),
            (#"{"$source": {"documents": [], "tsFieldName": ""}}"#, "$source.tsFieldName must not be empty"),
            (#"{"$source": {"documents": [], "tsFieldName": "a.b"}}"#, "$source.tsFieldName must not contain '.': a.b"),
            (
                #"{"$source": {"documents": [], "timeField": "$$nope"}}"#,
                "$source.timeField: Use of undefined variable: nope"
            ),
        ])
    func sourceRules(source: String, expected: String) {
        #expect(message("[\(source)]", ephemeral: true) == expected)
    }

    @Test(
        "Sinks (§5.1, §5.2)",
        arguments: [
            (
                #"{"$merge": {"into": {"connectionName": "c", "db": "d", "coll": "x"}, "whenMatched": "fail"}}"#,
                "$merge.whenMatched: 'fail' is not supported in Atlas Stream Processing"
            ),
            (
                #"{"$merge": {"into": {"connectionName": "c", "db": "d", "coll": "x"}, "whenNotMatched": "fail"}}"#,
                "$merge.whenNotMatched: 'fail' is not supported in Atlas Stream Processing"
            ),
            (
                #"{"$merge": {"into": {"connectionName": "c", "db": "d", "coll": "x"}, "parallelism": 17}}"#,
                "$merge.parallelism must be an integer between 1 and 16, got 17"
            ),
            (
                #"{"$merge": {"into": {"connectionName": "c", "db": "d", "coll": "x"}, "parallelism": 0}}"#,
                "$merge.parallelism must be an integer between 1 and 16, got 0"
            ),
            (
                #"{"$merge": {"into": {"connectionName": "c", "db": "$d", "coll": "x"}, "parallelism": 2}}"#,
                "$merge.into.db and $merge.into.coll must be literals if $merge.parallelism is greater than 1"
            ),
            (
                #"{"$merge": {"into": {"connectionName": "c", "db": "d", "coll": {"$literal": "x"}}, "parallelism": 4}}"#,
                "$merge.into.db and $merge.into.coll must be literals if $merge.parallelism is greater than 1"
            ),
            (
                #"{"$merge": {"into": {"connectionName": "c", "db": "d", "coll": "x"}, "on": ["a", "a"]}}"#,
                "Found a duplicate field 'a'"
            ),
            (
                #"{"$merge": {"into": {"connectionName": "c", "db": "d", "coll": "x"}, "extra": 1}}"#,
                "BSON field '$merge.extra' is an unknown field."
            ),
            (
                #"{"$merge": {"into": {"connectionName": "c", "db": "d"}}}"#,
                "BSON field '$merge.into.coll' is missing but a required field"
            ),
            (
                #"{"$emit": {"connectionName": "a", "db": "d", "coll": "c", "timeseries": {"timeField": "t"}, "parallelism": 2}}"#,
                "IDLUnknownField: BSON field 'TimeseriesSinkOptions.parallelism' is an unknown field."
            ),
            (
                #"{"$emit": {"connectionName": "k", "topic": "t", "config": {"key": "$a"}}}"#,
                "Expected config.keyFormat to be specified when config.key is specified"
            ),
        ])
    func sinkRules(sink: String, expected: String) {
        #expect(message("[\(Self.source), \(sink)]") == expected)
    }

    @Test("Sink specs parse into SinkSpec")
    func sinkSpecs() throws {
        func sink(_ stage: String) throws -> SinkSpec {
            let pipeline = [
                try ExtendedJSON.parseDocument(Self.source), try ExtendedJSON.parseDocument(stage),
            ]
            return try PipelineExecutor(
                pipeline: pipeline, options: ProcessorOptions(name: "p"), services: EngineServices(clock: ManualClock())
            ).sink
        }
        guard case .testLog = try sink(#"{"$emit": {"connectionName": "__testLog"}}"#) else {
            Issue.record("__testLog")
            return
        }
        guard case .emit(let spec) = try sink(#"{"$emit": {"connectionName": "k", "topic": "t"}}"#) else {
            Issue.record("emit")
            return
        }
        #expect(spec["topic"] == BSONValue.string("t"))
        let merge = #"""
            {"$merge": {"into": {"connectionName": "c", "db": "d", "coll": "$c"}, "on": "k",
              "whenMatched": "keepExisting", "whenNotMatched": "discard", "parallelism": 1}}
            """#
        guard case .merge(let spec) = try sink(merge) else {
            Issue.record("merge")
            return
        }
        #expect(spec.on == ["k"])
        #expect(!spec.db.isDynamic && spec.coll.isDynamic)
        #expect(!spec.insertWhenNotMatched)
        guard case .keepExisting = spec.whenMatched else {
            Issue.record("whenMatched")
            return
        }
    }

    @Test("DLQ options (§6) and $validate with action dlq (§4.1)")
    func deadLetterQueue() throws {
        let types = ["atlas1": "atlas", "kafka1": "kafka"]
        #expect(
            try PipelineValidator.deadLetterQueue(
                ["connectionName": .string("atlas1"), "db": .string("d"), "coll": .string("c")], connectionTypes: types)
                == DeadLetterQueueTarget(connectionName: "atlas1", db: "d", coll: "c"))
        #expect(throws: StreamEngineError.invalid("BSON field 'dlq.coll' is missing but a required field")) {
            try PipelineValidator.deadLetterQueue(
                ["connectionName": .string("atlas1"), "db": .string("d")], connectionTypes: types)
        }
        #expect(throws: StreamEngineError.invalid("BSON field 'dlq.connectionName' is missing but a required field")) {
            try PipelineValidator.deadLetterQueue(["db": .string("d"), "coll": .string("c")], connectionTypes: types)
        }
        #expect(throws: StreamEngineError.invalid("The DLQ connection 'kafka1' must be an Atlas connection, not kafka"))
        {
            try PipelineValidator.deadLetterQueue(
                ["connectionName": .string("kafka1"), "db": .string("d"), "coll": .string("c")], connectionTypes: types)
        }
        let validate =
            "[\(Self.source), {\"$validate\": {\"validator\": {}, \"validationAction\": \"dlq\"}}, \(Self.merge)]"
        #expect(message(validate) == "DLQ must be specified if validation action is dlq.")
        let withDLQ = ProcessorOptions(
            name: "p", deadLetterQueue: DeadLetterQueueTarget(connectionName: "a", db: "d", coll: "c"))
        try compile(validate, options: withDLQ)
    }
}
