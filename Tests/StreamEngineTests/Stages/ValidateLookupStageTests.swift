import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

@Suite("$validate (§4.1) / $lookup and $cachedLookup (§4.3)", .tags(.small))
struct ValidateLookupStageTests {
    private static let withDLQ = ProcessorOptions(
        name: "p", deadLetterQueue: DeadLetterQueueTarget(connectionName: "a", db: "d", coll: "c"))

    @Test(
        "$validate discards or dead-letters",
        arguments: [
            (#"{"$validate": {"validator": {"a": 1}}}"#, #"{"a": 1}"#, #"[{"a":1}]"#),
            (#"{"$validate": {"validator": {"a": 1}}}"#, #"{"a": 2}"#, "[]"),
            (#"{"$validate": {"validator": {"a": 1}, "validationAction": "discard"}}"#, #"{"a": 2}"#, "[]"),
            (#"{"$validate": {"validator": {}, "validationAction": "dlq"}}"#, #"{"a": 2}"#, #"[{"a":2}]"#),
            (
                #"{"$validate": {"validator": {"a": 1}, "validationAction": "dlq"}}"#, #"{"a": 2}"#,
                "DLQ ValidateOperator: Input document found to be invalid in $validate stage"
            ),
            (
                #"{"$validate": {"validator": {"a": 1}, "x": 1}}"#, "{}",
                "420: BSON field '$validate.x' is an unknown field."
            ),
            (
                #"{"$validate": {"validator": {"a": 1}, "validationAction": "warn"}}"#, "{}",
                "420: Enumeration value 'warn' for field '$validate.validationAction' is not a valid value."
            ),
            (#"{"$validate": {}}"#, "{}", "420: BSON field '$validate.validator' is missing but a required field"),
            (
                #"{"$validate": {"validator": {"$where": "1"}}}"#, "{}",
                "420: $where is not allowed in the $validate stage's validator"
            ),
            (
                #"{"$validate": {"validator": {"$or": [{"$text": {"$search": "x"}}]}}}"#, "{}",
                "420: $text is not allowed in the $validate stage's validator"
            ),
        ])
    func validate(stage: String, input: String, expected: String) throws {
        #expect(try runStage(stage, on: input, options: Self.withDLQ) == expected)
    }

    private static let from = #""from": {"connectionName": "c", "db": "d", "coll": "x"}"#

    @Test(
        "$lookup builds the query and joins into `as`",
        arguments: [
            (
                #"{"$lookup": {\#(from), "localField": "a", "foreignField": "b", "as": "j"}}"#, #"{"a": 1}"#,
                #"[{"a":1,"j":[{"b":1}]}]"#, #"c d.x [{"$match":{"b":{"$eq":1}}}]"#
            ),
            (
                #"{"$lookup": {\#(from), "localField": "a", "foreignField": "b", "as": "j.k"}}"#, #"{"a": [1, 2]}"#,
                #"[{"a":[1,2],"j":{"k":[{"b":1}]}}]"#, #"c d.x [{"$match":{"b":{"$in":[1,2]}}}]"#
            ),
            (
                #"{"$lookup": {\#(from), "localField": "a", "foreignField": "b", "as": "j"}}"#, "{}",
                #"[{"j":[{"b":1}]}]"#, #"c d.x [{"$match":{"b":{"$eq":null}}}]"#
            ),
            (
                #"{"$lookup": {\#(from), "let": {"v": "$a", "w": "$o"}, "pipeline": [{"$match": {"$expr": ["$$v", "$$w.p", "$$x"]}}, {"$lookup": {"from": "y", "as": "z", "pipeline": []}}], "as": "j"}}"#,
                #"{"a": 1, "o": {"p": 2}}"#, #"[{"a":1,"o":{"p":2},"j":[{"b":1}]}]"#,
                #"c d.x [{"$match":{"$expr":[{"$literal":1},{"$literal":2},"$$x"]}},{"$lookup":{"from":"y","as":"z","pipeline":[]}}]"#
            ),
            (
                #"{"$cachedLookup": {\#(from), "localField": "a", "foreignField": "b", "as": "j", "ttl": {"size": 1, "unit": "minute"}, "maxMemUsageBytes": 1000}}"#,
                #"{"a": 1}"#, #"[{"a":1,"j":[{"b":1}]}]"#, #"c d.x [{"$match":{"b":{"$eq":1}}}]"#
            ),
        ])
    func lookup(stage: String, input: String, expected: String, query: String) throws {
        let resolver = RecordingLookupResolver(results: [["b": .int32(1)]])
        let services = EngineServices(clock: ManualClock(), lookup: resolver)
        #expect(try runStage(stage, on: input, services: services) == expected)
        #expect(resolver.recorded.first == query)
    }

    @Test(
        "$lookup spec errors, no resolver, and failed queries",
        arguments: [
            (
                #"{"$lookup": {\#(from), "localField": "a", "foreignField": "b", "as": "j", "bogus": 1}}"#,
                "420: unknown argument to $lookup: bogus"
            ),
            (
                #"{"$cachedLookup": {\#(from), "pipeline": [], "as": "j"}}"#,
                "420: unknown argument to $cachedLookup: pipeline"
            ),
            (
                #"{"$lookup": {"from": "x", "localField": "a", "foreignField": "b", "as": "j"}}"#,
                "420: $lookup.from must be an object {connectionName, db, coll}"
            ),
            (
                #"{"$lookup": {\#(from), "localField": "a", "as": "j"}}"#,
                "420: $lookup requires both or neither of 'localField' and 'foreignField' as strings"
            ),
            (
                #"{"$lookup": {\#(from), "as": "j"}}"#,
                "420: $lookup requires either 'pipeline' or both 'localField' and 'foreignField'"
            ),
            (
                #"{"$lookup": {\#(from), "localField": "a", "foreignField": "b", "as": "j"}}"#,
                "DLQ LookUpOperator: Failed to process input document in LookUpOperator with error: boom"
            ),
        ])
    func lookupErrors(stage: String, expected: String) throws {
        let services = EngineServices(clock: ManualClock(), lookup: RecordingLookupResolver(failure: "boom"))
        #expect(try runStage(stage, on: #"{"a": 1}"#, services: services) == expected)
    }

    @Test("Without a resolver, $lookup fails at start with code 420")
    func noResolver() throws {
        let stage = #"{"$lookup": {\#(Self.from), "localField": "a", "foreignField": "b", "as": "j"}}"#
        #expect(
            try runStage(stage, on: "{}")
                == "420: $lookup needs a MongoDB connection for 'c', and none is available to this processor")
    }
}
