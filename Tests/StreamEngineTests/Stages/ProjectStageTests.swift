import TestSupport
import Testing

@testable import StreamEngine

@Suite("$project / $unset (§4)", .tags(.small))
struct ProjectStageTests {
    @Test(
        "Inclusion, exclusion, computed fields and _id",
        arguments: [
            (#"{"$project": {"a": 1}}"#, #"{"_id": 1, "a": 2, "b": 3}"#, #"[{"_id":1,"a":2}]"#),
            (#"{"$project": {"b": 1, "a": true}}"#, #"{"a": 1, "b": 2, "c": 3}"#, #"[{"a":1,"b":2}]"#),
            (#"{"$project": {"_id": 0, "a": 1}}"#, #"{"_id": 1, "a": 2, "b": 3}"#, #"[{"a":2}]"#),
            (#"{"$project": {"b": 0}}"#, #"{"_id": 1, "a": 2, "b": 3}"#, #"[{"_id":1,"a":2}]"#),
            (#"{"$project": {"_id": 0}}"#, #"{"_id": 1, "a": 2, "b": 3}"#, #"[{"a":2,"b":3}]"#),
            (#"{"$project": {"_id": 1}}"#, #"{"_id": 1, "a": 2}"#, #"[{"_id":1}]"#),
            (#"{"$project": {"x": "$a", "a": 1}}"#, #"{"_id": 1, "a": 2, "b": 3}"#, #"[{"_id":1,"a":2,"x":2}]"#),
            (#"{"$project": {"x": "$nope"}}"#, #"{"_id": 1}"#, #"[{"_id":1}]"#),
            (#"{"$project": {"_id": "$a"}}"#, #"{"_id": 1, "a": 2}"#, #"[{"_id":2}]"#),
            (#"{"$project": {"x.y": 1}}"#, #"{"x": {"y": 1, "z": 2}, "w": 0}"#, #"[{"x":{"y":1}}]"#),
            (#"{"$project": {"x": {"y": 1}}}"#, #"{"x": 5}"#, "[{}]"),
            (#"{"$project": {"x.y": 1}}"#, #"{"x": [{"y": 1, "z": 2}, 5, {"z": 3}]}"#, #"[{"x":[{"y":1},{}]}]"#),
            (#"{"$project": {"x.y": 0}}"#, #"{"x": [{"y": 1, "z": 2}, 5]}"#, #"[{"x":[{"z":2},5]}]"#),
            (
                #"{"$project": {"x": {"y": 1, "c": "$a"}}}"#, #"{"a": 7, "x": {"y": 1, "z": 2}}"#,
                #"[{"x":{"y":1,"c":7}}]"#
            ),
            (#"{"$project": {"s": "lit", "n": {"$literal": 1}}}"#, #"{"_id": 1}"#, #"[{"_id":1,"s":"lit","n":1}]"#),
            (
                #"{"$project": {"a": 1, "b": 0}}"#, "{}",
                "420: Invalid $project :: caused by :: Cannot do exclusion on field b in inclusion projection"
            ),
            (
                #"{"$project": {"a": 0, "b": 1}}"#, "{}",
                "420: Invalid $project :: caused by :: Cannot do inclusion on field b in exclusion projection"
            ),
            (
                #"{"$project": {"a": 0, "b": "$x"}}"#, "{}",
                "420: Invalid $project :: caused by :: Cannot do inclusion on field b in exclusion projection"
            ),
            (
                #"{"$project": {}}"#, "{}",
                "420: Invalid $project :: caused by :: projection specification must have at least one field"
            ),
            (
                #"{"$project": {"a": {}}}"#, "{}",
                "420: Invalid $project :: caused by :: An empty sub-projection is not a valid value. Found empty object at path"
            ),
            (#"{"$project": {"a": 1, "a.b": 1}}"#, "{}", "420: Invalid $project :: caused by :: Path collision at a.b"),
            (#"{"$project": 1}"#, "{}", "420: $project specification must be an object"),
        ])
    func project(stage: String, input: String, expected: String) throws {
        #expect(try runStage(stage, on: input) == expected)
    }

    @Test(
        "$unset is an exclusion",
        arguments: [
            (#"{"$unset": "a"}"#, #"{"_id": 1, "a": 2, "b": 3}"#, #"[{"_id":1,"b":3}]"#),
            (#"{"$unset": ["a", "x.y"]}"#, #"{"a": 1, "x": {"y": 1, "z": 2}}"#, #"[{"x":{"z":2}}]"#),
            (#"{"$unset": "_id"}"#, #"{"_id": 1, "a": 2}"#, #"[{"a":2}]"#),
            (#"{"$unset": 1}"#, "{}", "420: $unset specification must be a string or an array"),
            (
                #"{"$unset": []}"#, "{}",
                "420: $unset specification must be a string or an array with at least one field"
            ),
            (
                #"{"$unset": [1]}"#, "{}",
                "420: $unset specification must be a string or an array containing only string values"
            ),
        ])
    func unset(stage: String, input: String, expected: String) throws {
        #expect(try runStage(stage, on: input) == expected)
    }
}
