import TestSupport
import Testing

@testable import StreamEngine

@Suite("$match / $unwind (§4)", .tags(.small))
struct MatchUnwindStageTests {
    @Test(
        "$match keeps what its filter matches",
        arguments: [
            (#"{"$match": {"a": 1}}"#, #"{"a": 1}"#, #"[{"a":1}]"#),
            (#"{"$match": {"a": 1}}"#, #"{"a": 2}"#, "[]"),
            (#"{"$match": {}}"#, #"{"a": 2}"#, #"[{"a":2}]"#),
            (#"{"$match": 1}"#, "{}", "420: the match filter must be an expression in an object"),
        ])
    func match(stage: String, input: String, expected: String) throws {
        #expect(try runStage(stage, on: input) == expected)
    }

    @Test(
        "$unwind with all its options",
        arguments: [
            (#"{"$unwind": "$a"}"#, #"{"_id": 1, "a": [1, 2]}"#, #"[{"_id":1,"a":1},{"_id":1,"a":2}]"#),
            (
                #"{"$unwind": {"path": "$a", "includeArrayIndex": "i"}}"#, #"{"_id": 1, "a": [1, 2]}"#,
                #"[{"_id":1,"a":1,"i":0},{"_id":1,"a":2,"i":1}]"#
            ),
            (#"{"$unwind": "$a"}"#, #"{"_id": 1, "a": []}"#, "[]"),
            (
                #"{"$unwind": {"path": "$a", "preserveNullAndEmptyArrays": true}}"#, #"{"_id": 1, "a": []}"#,
                #"[{"_id":1}]"#
            ),
            (
                #"{"$unwind": {"path": "$a", "preserveNullAndEmptyArrays": true, "includeArrayIndex": "i"}}"#,
                #"{"_id": 1, "a": []}"#, #"[{"_id":1,"i":null}]"#
            ),
            (
                #"{"$unwind": {"path": "$a", "preserveNullAndEmptyArrays": true}}"#, #"{"_id": 1, "a": null}"#,
                #"[{"_id":1,"a":null}]"#
            ),
            (#"{"$unwind": {"path": "$a", "preserveNullAndEmptyArrays": true}}"#, #"{"_id": 1}"#, #"[{"_id":1}]"#),
            (#"{"$unwind": "$a"}"#, #"{"_id": 1, "a": null}"#, "[]"),
            (#"{"$unwind": "$a"}"#, #"{"_id": 1}"#, "[]"),
            (#"{"$unwind": "$a"}"#, #"{"_id": 1, "a": 5}"#, #"[{"_id":1,"a":5}]"#),
            (#"{"$unwind": {"path": "$a", "includeArrayIndex": "i"}}"#, #"{"a": 5}"#, #"[{"a":5,"i":null}]"#),
            (#"{"$unwind": "$x.y"}"#, #"{"x": {"y": [1, 2], "z": 0}}"#, #"[{"x":{"y":1,"z":0}},{"x":{"y":2,"z":0}}]"#),
            (#"{"$unwind": "$x.y"}"#, #"{"x": [{"y": [1]}]}"#, "[]"),
            (#"{"$unwind": "a"}"#, "{}", "420: path option to $unwind stage should be prefixed with a '$': a"),
            (
                #"{"$unwind": 1}"#, "{}",
                "420: expected either a string or an object as specification for $unwind stage, got int"
            ),
            (#"{"$unwind": {}}"#, "{}", "420: no path specified to $unwind stage"),
            (#"{"$unwind": {"path": 1}}"#, "{}", "420: expected a string as the path for $unwind stage, got int"),
            (#"{"$unwind": {"path": "$a", "foo": 1}}"#, "{}", "420: unrecognized option to $unwind stage: foo"),
            (
                #"{"$unwind": {"path": "$a", "includeArrayIndex": "$i"}}"#, "{}",
                "420: includeArrayIndex option to $unwind stage should not be prefixed with a '$': $i"
            ),
            (
                #"{"$unwind": {"path": "$a", "includeArrayIndex": ""}}"#, "{}",
                "420: expected a non-empty string for the includeArrayIndex option to $unwind stage, got string"
            ),
            (
                #"{"$unwind": {"path": "$a", "preserveNullAndEmptyArrays": 1}}"#, "{}",
                "420: expected a boolean for the preserveNullAndEmptyArrays option to $unwind stage, got int"
            ),
        ])
    func unwind(stage: String, input: String, expected: String) throws {
        #expect(try runStage(stage, on: input) == expected)
    }
}
