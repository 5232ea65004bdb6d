import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

@Suite("$addFields / $set (§4)", .tags(.small))
struct AddFieldsStageTests {
    @Test(
        "Server semantics, edge cases included",
        arguments: [
            (#"{"$addFields": {"b": "$a"}}"#, #"{"a": 1}"#, #"[{"a":1,"b":1}]"#),
            (#"{"$set": {"a": 2}}"#, #"{"a": 1, "c": 3}"#, #"[{"a":2,"c":3}]"#),
            (#"{"$addFields": {"a": "$nope"}}"#, #"{"a": 1, "c": 3}"#, #"[{"c":3}]"#),
            (#"{"$addFields": {"c": "$$REMOVE", "d": null}}"#, #"{"a": 1, "c": 3}"#, #"[{"a":1,"d":null}]"#),
            (#"{"$addFields": {"x.y": 1}}"#, #"{"x": {"z": 0}}"#, #"[{"x":{"z":0,"y":1}}]"#),
            (#"{"$addFields": {"x": {"y": "$a"}}}"#, #"{"a": 5, "x": {"z": 0}}"#, #"[{"a":5,"x":{"z":0,"y":5}}]"#),
            (#"{"$addFields": {"x.y": 1}}"#, #"{"x": [{"z": 0}, 7]}"#, #"[{"x":[{"z":0,"y":1},{"y":1}]}]"#),
            (#"{"$addFields": {"x.y": 1}}"#, #"{"x": 5}"#, #"[{"x":{"y":1}}]"#),
            (#"{"$addFields": {"a": "$b", "b": "$a"}}"#, #"{"a": 1, "b": 2}"#, #"[{"a":2,"b":1}]"#),
            (#"{"$addFields": {"r": "$$ROOT"}}"#, #"{"a": 1}"#, #"[{"a":1,"r":{"a":1}}]"#),
            (#"{"$addFields": {"s": {"$literal": "$a"}}}"#, #"{"a": 1}"#, #"[{"a":1,"s":"$a"}]"#),
            (#"{"$addFields": {"e": {}}}"#, #"{"a": 1}"#, #"[{"a":1,"e":{}}]"#),
            (#"{"$addFields": {"x.y": 1, "x.z": "$a"}}"#, #"{"a": 2}"#, #"[{"a":2,"x":{"y":1,"z":2}}]"#),
            (#"{"$addFields": 1}"#, "{}", "420: $addFields specification stage must be an object, got int"),
            (#"{"$set": {}}"#, "{}", "420: Invalid $set :: caused by :: specification must have at least one field"),
            (
                #"{"$addFields": {"a": 1, "a.b": 2}}"#, "{}",
                "420: Invalid $addFields :: caused by :: Path collision at a"
            ),
            (
                #"{"$addFields": {"$a": 1}}"#, "{}",
                "420: Invalid $addFields :: caused by :: FieldPath field names may not start with '$'. Consider using $getField or $setField."
            ),
            (
                #"{"$addFields": {"a": "$$nope"}}"#, "{}",
                "420: Invalid $addFields :: caused by :: Use of undefined variable: nope"
            ),
        ])
    func addFields(stage: String, input: String, expected: String) throws {
        #expect(try runStage(stage, on: input) == expected)
    }

    @Test("Operator names: AddFieldsOperator and SetOperator (§4 table)")
    func operatorNames() throws {
        let options = ProcessorOptions(name: "p")
        #expect(
            try StageFactory.makeStage(name: "$addFields", spec: .document(["a": .int32(1)]), options: options)
                .operatorName == "AddFieldsOperator")
        #expect(
            try StageFactory.makeStage(name: "$set", spec: .document(["a": .int32(1)]), options: options).operatorName
                == "SetOperator")
    }
}
