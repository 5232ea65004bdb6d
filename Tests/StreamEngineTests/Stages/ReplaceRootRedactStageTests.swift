import TestSupport
import Testing

@testable import StreamEngine

@Suite("$replaceRoot / $replaceWith / $redact (§4.2)", .tags(.small))
struct ReplaceRootRedactStageTests {
    @Test(
        "$replaceRoot and $replaceWith",
        arguments: [
            (#"{"$replaceRoot": {"newRoot": "$x"}}"#, #"{"x": {"a": 1}, "_ts": 5}"#, #"[{"a":1}]"#),
            (#"{"$replaceWith": "$x"}"#, #"{"x": {"a": 1}}"#, #"[{"a":1}]"#),
            (#"{"$replaceWith": {"k": "$x", "t": "$_ts"}}"#, #"{"x": 1, "_ts": 2}"#, #"[{"k":1,"t":2}]"#),
            (
                #"{"$replaceRoot": {"newRoot": "$x"}}"#, #"{"x": 5}"#,
                #"DLQ ReplaceRootOperator: Failed to process input document in ReplaceRootOperator with error: 'newRoot' expression  must evaluate to an object, but resulting value was: 5. Type of resulting value: 'int'. Input document: {"x":5}"#
            ),
            (
                #"{"$replaceWith": "$x"}"#, #"{"y": 5}"#,
                #"DLQ ReplaceRootOperator: Failed to process input document in ReplaceRootOperator with error: 'replacement document' must evaluate to an object, but resulting value was: MISSING. Type of resulting value: 'missing'. Input document: {"y":5}"#
            ),
            (#"{"$replaceRoot": {}}"#, "{}", "420: no newRoot specified for the $replaceRoot stage"),
            (
                #"{"$replaceRoot": {"newRoot": "$x", "y": 1}}"#, "{}",
                "420: unrecognized option to $replaceRoot stage: y"
            ),
            (
                #"{"$replaceRoot": "$x"}"#, "{}",
                "420: expected an object as specification for $replaceRoot stage, got string"
            ),
        ])
    func replaceRoot(stage: String, input: String, expected: String) throws {
        #expect(try runStage(stage, on: input) == expected)
    }

    @Test(
        "$redact with $$KEEP, $$PRUNE and $$DESCEND at each level",
        arguments: [
            (#"{"$redact": "$$KEEP"}"#, #"{"a": {"b": 1}}"#, #"[{"a":{"b":1}}]"#),
            (#"{"$redact": "$$PRUNE"}"#, #"{"a": 1}"#, "[]"),
            (#"{"$redact": "$$DESCEND"}"#, #"{"a": {"b": [1, {"c": 2}]}}"#, #"[{"a":{"b":[1,{"c":2}]}}]"#),
            (
                #"{"$redact": "$level"}"#,
                #"{"level": "descend", "a": {"level": "prune", "x": 1}, "b": [{"level": "keep", "y": 2}, {"level": "prune"}, 3], "c": 4}"#,
                #"[{"level":"descend","b":[{"level":"keep","y":2},3],"c":4}]"#
            ),
            (
                #"{"$redact": "$level"}"#, #"{"level": "x"}"#,
                #"DLQ RedactOperator: Failed to process input document in RedactOperator with error: $redact's expression should not return anything aside from the variables $$KEEP, $$DESCEND, and $$PRUNE, but returned "x""#
            ),
            (#"{"$redact": "$$NOPE"}"#, "{}", "420: Use of undefined variable: NOPE"),
        ])
    func redact(stage: String, input: String, expected: String) throws {
        #expect(try runStage(stage, on: input) == expected)
    }
}
