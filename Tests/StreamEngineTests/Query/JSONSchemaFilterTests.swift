import TestSupport
import Testing

@testable import StreamEngine

@Suite("Query filters: $jsonSchema", .tags(.small))
struct JSONSchemaFilterTests {
    private static func schema(_ body: String, _ rows: [(String, Bool)]) -> [FilterCase] {
        FilterCase.table(#"{"$jsonSchema": "# + body + "}", rows)
    }

    static let cases: [FilterCase] = [
        schema(#"{}"#, [(#"{"a": 1}"#, true)]),
        schema(#"{"title": "t", "description": "d"}"#, [(#"{}"#, true)]),
        schema(#"{"required": ["a"]}"#, [(#"{"a": 1}"#, true), (#"{}"#, false), (#"{"a": null}"#, true)]),
        schema(#"{"required": ["a", "b"]}"#, [(#"{"a": 1}"#, false), (#"{"b": 1, "a": 1}"#, true)]),
        schema(
            #"{"properties": {"a": {"bsonType": "int"}}}"#,
            [
                (#"{"a": 1}"#, true), (#"{"a": "x"}"#, false), (#"{}"#, true), (#"{"a": 1.5}"#, false),
                (#"{"a": [1]}"#, false),
            ]),
        schema(
            #"{"properties": {"a": {"bsonType": "number"}}}"#,
            [(#"{"a": 1.5}"#, true), (#"{"a": {"$numberDecimal": "1"}}"#, true), (#"{"a": "1"}"#, false)]),
        schema(
            #"{"properties": {"a": {"bsonType": ["string", "null"]}}}"#,
            [(#"{"a": null}"#, true), (#"{"a": 1}"#, false)]),
        schema(
            #"{"properties": {"a": {"type": "number"}}}"#,
            [(#"{"a": {"$numberLong": "3"}}"#, true), (#"{"a": true}"#, false)]),
        schema(#"{"properties": {"a": {"type": "boolean"}}}"#, [(#"{"a": true}"#, true), (#"{"a": 1}"#, false)]),
        schema(#"{"properties": {"a": {"type": "null"}}}"#, [(#"{"a": null}"#, true)]),
        schema(
            #"{"properties": {"a": {"type": ["array", "object"]}}}"#,
            [(#"{"a": []}"#, true), (#"{"a": {}}"#, true), (#"{"a": ""}"#, false)]),
        schema(
            #"{"properties": {"a": {"bsonType": "date"}}}"#,
            [(#"{"a": {"$date": "1969-07-20T20:17:00Z"}}"#, true), (#"{"a": "1969-07-20"}"#, false)]),
        schema(
            #"{"properties": {"a": {"bsonType": "decimal"}}}"#,
            [(#"{"a": {"$numberDecimal": "1"}}"#, true), (#"{"a": 1}"#, false)]),
        schema(
            #"{"properties": {"a": {"bsonType": "objectId"}}}"#,
            [(#"{"a": {"$oid": "65a1b2c3d4e5f60718293a4b"}}"#, true)]),
        schema(
            #"{"properties": {"a": {"type": "string", "minLength": 2, "maxLength": 3}}}"#,
            [
                (#"{"a": "ab"}"#, true), (#"{"a": "a"}"#, false), (#"{"a": "abcd"}"#, false), (#"{"a": "éé"}"#, true),
                (#"{"a": 12}"#, false),
            ]),
        schema(#"{"properties": {"a": {"minLength": 2}}}"#, [(#"{"a": 5}"#, true), (#"{"a": "x"}"#, false)]),
        schema(
            #"{"properties": {"a": {"pattern": "^x"}}}"#,
            [(#"{"a": "xy"}"#, true), (#"{"a": "yx"}"#, false), (#"{"a": 5}"#, true)]),
        schema(
            #"{"properties": {"a": {"minimum": 0, "maximum": 10}}}"#,
            [
                (#"{"a": 5}"#, true), (#"{"a": -1}"#, false), (#"{"a": 11}"#, false), (#"{"a": 10}"#, true),
                (#"{"a": "x"}"#, true),
                (#"{"a": {"$numberDecimal": "10.0001"}}"#, false),
            ]),
        schema(
            #"{"properties": {"a": {"minimum": 0, "exclusiveMinimum": true}}}"#,
            [(#"{"a": 0}"#, false), (#"{"a": 0.1}"#, true)]),
        schema(
            #"{"properties": {"a": {"maximum": 10, "exclusiveMaximum": true}}}"#,
            [(#"{"a": 10}"#, false), (#"{"a": 9.99}"#, true)]),
        schema(#"{"properties": {"a": {"maximum": 10, "exclusiveMaximum": false}}}"#, [(#"{"a": 10}"#, true)]),
        schema(
            #"{"properties": {"a": {"multipleOf": 3}}}"#,
            [(#"{"a": 9}"#, true), (#"{"a": 10}"#, false), (#"{"a": "x"}"#, true)]),
        schema(
            #"{"properties": {"a": {"enum": [1, "x", {"b": 1, "c": 2}]}}}"#,
            [
                (#"{"a": 1.0}"#, true), (#"{"a": "x"}"#, true), (#"{"a": {"c": 2, "b": 1}}"#, true),
                (#"{"a": 2}"#, false), (#"{}"#, true),
            ]),
        schema(#"{"enum": [{"a": 1}, 5]}"#, [(#"{"a": 1}"#, true), (#"{"a": 2}"#, false)]),
        schema(
            #"{"properties": {"a": {"bsonType": "array", "minItems": 1, "maxItems": 2}}}"#,
            [(#"{"a": []}"#, false), (#"{"a": [1]}"#, true), (#"{"a": [1, 2, 3]}"#, false), (#"{"a": 1}"#, false)]),
        schema(
            #"{"properties": {"a": {"uniqueItems": true}}}"#,
            [
                (#"{"a": [1, 2]}"#, true), (#"{"a": [1, 1.0]}"#, false),
                (#"{"a": [{"x": 1, "y": 2}, {"y": 2, "x": 1}]}"#, false),
                (#"{"a": "aa"}"#, true),
            ]),
        schema(#"{"properties": {"a": {"uniqueItems": false}}}"#, [(#"{"a": [1, 1]}"#, true)]),
        schema(
            #"{"properties": {"a": {"items": {"bsonType": "int"}}}}"#,
            [(#"{"a": [1, 2]}"#, true), (#"{"a": [1, "x"]}"#, false), (#"{"a": "x"}"#, true), (#"{"a": []}"#, true)]),
        schema(
            #"{"properties": {"a": {"items": [{"bsonType": "int"}, {"bsonType": "string"}]}}}"#,
            [
                (#"{"a": [1, "x"]}"#, true), (#"{"a": [1]}"#, true), (#"{"a": ["x"]}"#, false),
                (#"{"a": [1, "x", 3]}"#, true),
            ]),
        schema(
            #"{"properties": {"a": {"items": [{"bsonType": "int"}], "additionalItems": false}}}"#,
            [(#"{"a": [1, 2]}"#, false), (#"{"a": [1]}"#, true)]),
        schema(
            #"{"properties": {"a": {"items": [{}], "additionalItems": {"bsonType": "bool"}}}}"#,
            [(#"{"a": [1, true]}"#, true), (#"{"a": [1, 2]}"#, false)]),
        schema(#"{"properties": {"a": {"additionalItems": false}}}"#, [(#"{"a": [1, 2]}"#, true)]),
        schema(
            #"{"properties": {"_id": {}, "a": {}}, "additionalProperties": false}"#,
            [(#"{"a": 1}"#, true), (#"{"a": 1, "b": 2}"#, false), (#"{"_id": 1}"#, true)]),
        schema(
            #"{"additionalProperties": {"bsonType": "int"}}"#, [(#"{"a": 1, "b": 2}"#, true), (#"{"a": "x"}"#, false)]),
        schema(#"{"additionalProperties": true}"#, [(#"{"a": "x"}"#, true)]),
        schema(
            #"{"patternProperties": {"^s_": {"bsonType": "string"}}}"#,
            [(#"{"s_a": "x"}"#, true), (#"{"s_a": 1}"#, false), (#"{"n": 1}"#, true)]),
        schema(
            #"{"patternProperties": {"^s_": {}}, "additionalProperties": false}"#,
            [(#"{"s_a": 1}"#, true), (#"{"b": 1}"#, false)]),
        schema(#"{"minProperties": 2}"#, [(#"{"a": 1}"#, false), (#"{"a": 1, "b": 2}"#, true)]),
        schema(#"{"maxProperties": 1}"#, [(#"{"a": 1}"#, true), (#"{"a": 1, "b": 2}"#, false)]),
        schema(
            #"{"properties": {"a": {"properties": {"b": {"bsonType": "string"}}, "required": ["b"]}}}"#,
            [
                (#"{"a": {"b": "x"}}"#, true), (#"{"a": {}}"#, false), (#"{"a": 5}"#, true),
                (#"{"a": [{"b": 1}]}"#, true),
                (#"{"a": {"b": 1}}"#, false),
            ]),
        schema(#"{"properties": {"a": {"bsonType": "object", "required": ["b"]}}}"#, [(#"{"a": [{"b": 1}]}"#, false)]),
        schema(
            #"{"properties": {"a": {"minProperties": 1}}}"#,
            [(#"{"a": {}}"#, false), (#"{"a": {"x": 1}}"#, true), (#"{"a": 1}"#, true)]),
        schema(#"{"anyOf": [{"required": ["a"]}, {"required": ["b"]}]}"#, [(#"{"b": 1}"#, true), (#"{}"#, false)]),
        schema(
            #"{"allOf": [{"required": ["a"]}, {"required": ["b"]}]}"#,
            [(#"{"b": 1}"#, false), (#"{"a": 1, "b": 1}"#, true)]),
        schema(
            #"{"oneOf": [{"required": ["a"]}, {"required": ["b"]}]}"#,
            [(#"{"a": 1}"#, true), (#"{"a": 1, "b": 1}"#, false), (#"{}"#, false)]),
        schema(#"{"not": {"required": ["a"]}}"#, [(#"{}"#, true), (#"{"a": 1}"#, false)]),
        schema(
            #"{"properties": {"a": {"not": {"bsonType": "string"}}}}"#, [(#"{"a": 1}"#, true), (#"{"a": "x"}"#, false)]),
        schema(
            #"{"properties": {"a": {"anyOf": [{"bsonType": "int"}, {"bsonType": "string", "maxLength": 1}]}}}"#,
            [(#"{"a": 1}"#, true), (#"{"a": "x"}"#, true), (#"{"a": "xy"}"#, false)]),
        schema(#"{"bsonType": "object"}"#, [(#"{"a": 1}"#, true)]),
        schema(#"{"bsonType": "string"}"#, [(#"{"a": 1}"#, false)]),
        schema(#"{"type": "object"}"#, [(#"{}"#, true)]),
        schema(#"{"bsonType": ["object", "array"]}"#, [(#"{}"#, true)]),
        schema(#"{"minLength": 5, "minimum": 3, "items": {"bsonType": "int"}}"#, [(#"{"a": "x"}"#, true)]),
        schema(
            #"{"dependencies": {"a": ["b"]}}"#, [(#"{"a": 1}"#, false), (#"{"a": 1, "b": 1}"#, true), (#"{}"#, true)]),
        schema(
            #"{"dependencies": {"a": {"required": ["c"]}}}"#,
            [(#"{"a": 1}"#, false), (#"{"a": 1, "c": 1}"#, true), (#"{"b": 1}"#, true)]),
        FilterCase.table(
            #"{"$jsonSchema": {"required": ["a"]}, "a": {"$gt": 1}}"#,
            [(#"{"a": 2}"#, true), (#"{"a": 1}"#, false), (#"{}"#, false)]),
        FilterCase.table(
            #"{"$or": [{"$jsonSchema": {"required": ["a"]}}, {"b": 1}]}"#,
            [(#"{"b": 1}"#, true), (#"{"c": 1}"#, false)]),
    ].flatMap { $0 }

    @Test("$jsonSchema keywords on documents, properties and array items", arguments: cases)
    func matches(row: FilterCase) throws {
        #expect(try row.run() == row.expected)
        #expect(try row.run(for: .validate) == row.expected)
    }

    @Test(
        "$jsonSchema errors carry the server's messages",
        arguments: [
            FilterErrorCase(#"{"$jsonSchema": 1}"#, "$jsonSchema must be an object"),
            FilterErrorCase(#"{"$jsonSchema": {"foo": 1}}"#, "Unknown $jsonSchema keyword: foo"),
            FilterErrorCase(#"{"$jsonSchema": {"properties": {"a": {"foo": 1}}}}"#, "Unknown $jsonSchema keyword: foo"),
            FilterErrorCase(
                #"{"$jsonSchema": {"$ref": "x"}}"#, "$jsonSchema keyword '$ref' is not currently supported"),
            FilterErrorCase(
                #"{"$jsonSchema": {"format": "email"}}"#, "$jsonSchema keyword 'format' is not currently supported"),
            FilterErrorCase(#"{"$jsonSchema": {"bsonType": "foo"}}"#, "Unknown type name alias: foo"),
            FilterErrorCase(#"{"$jsonSchema": {"type": "int"}}"#, "Unknown type name alias: int"),
            FilterErrorCase(
                #"{"$jsonSchema": {"type": "integer"}}"#, "$jsonSchema type 'integer' is not currently supported."),
            FilterErrorCase(
                #"{"$jsonSchema": {"bsonType": 2}}"#,
                "$jsonSchema keyword 'bsonType' must be either a string or an array of strings"),
            FilterErrorCase(
                #"{"$jsonSchema": {"bsonType": []}}"#, "$jsonSchema keyword 'bsonType' must name at least one type"),
            FilterErrorCase(
                #"{"$jsonSchema": {"bsonType": ["int", "int"]}}"#,
                "$jsonSchema keyword 'bsonType' has duplicate value: int"),
            FilterErrorCase(
                #"{"$jsonSchema": {"type": "object", "bsonType": "object"}}"#,
                "Cannot specify both $jsonSchema keywords 'type' and 'bsonType'"),
            FilterErrorCase(
                #"{"$jsonSchema": {"required": "a"}}"#,
                "$jsonSchema keyword 'required' must be an array, but found an element of type string"),
            FilterErrorCase(
                #"{"$jsonSchema": {"required": []}}"#, "$jsonSchema keyword 'required' cannot be an empty array"),
            FilterErrorCase(
                #"{"$jsonSchema": {"required": ["a", "a"]}}"#,
                "$jsonSchema keyword 'required' array cannot contain duplicate values"),
            FilterErrorCase(
                #"{"$jsonSchema": {"properties": 1}}"#, "$jsonSchema keyword 'properties' must be an object"),
            FilterErrorCase(
                #"{"$jsonSchema": {"properties": {"a": 1}}}"#,
                "Nested schema for $jsonSchema property 'a' must be an object"),
            FilterErrorCase(#"{"$jsonSchema": {"minLength": -1}}"#, "Expected a positive number in: minLength: -1"),
            FilterErrorCase(#"{"$jsonSchema": {"minLength": "x"}}"#, #"Expected a number in: minLength: "x""#),
            FilterErrorCase(#"{"$jsonSchema": {"maxItems": 1.5}}"#, "Expected an integer: maxItems: 1.5"),
            FilterErrorCase(#"{"$jsonSchema": {"minimum": "x"}}"#, "$jsonSchema keyword 'minimum' must be a number"),
            FilterErrorCase(
                #"{"$jsonSchema": {"exclusiveMinimum": true}}"#,
                "$jsonSchema keyword 'minimum' must be a present if exclusiveMinimum is present"),
            FilterErrorCase(
                #"{"$jsonSchema": {"maximum": 1, "exclusiveMaximum": 1}}"#,
                "$jsonSchema keyword 'exclusiveMaximum' must be a boolean"),
            FilterErrorCase(#"{"$jsonSchema": {"pattern": 1}}"#, "$jsonSchema keyword 'pattern' must be a string"),
            FilterErrorCase(
                #"{"$jsonSchema": {"multipleOf": 0}}"#, "$jsonSchema keyword 'multipleOf' must have a positive value"),
            FilterErrorCase(#"{"$jsonSchema": {"enum": []}}"#, "$jsonSchema keyword 'enum' cannot be an empty array"),
            FilterErrorCase(
                #"{"$jsonSchema": {"enum": [1, 1.0]}}"#,
                "$jsonSchema keyword 'enum' array cannot contain duplicate values."),
            FilterErrorCase(
                #"{"$jsonSchema": {"anyOf": []}}"#, "$jsonSchema keyword 'anyOf' must be a non-empty array"),
            FilterErrorCase(#"{"$jsonSchema": {"allOf": {}}}"#, "$jsonSchema keyword 'allOf' must be an array"),
            FilterErrorCase(
                #"{"$jsonSchema": {"oneOf": [1]}}"#,
                "$jsonSchema keyword 'oneOf' must be an array of objects, but found an element of type int"),
            FilterErrorCase(
                #"{"$jsonSchema": {"not": 1}}"#,
                "$jsonSchema keyword 'not' must be an object, but found an element of type int"),
            FilterErrorCase(
                #"{"$jsonSchema": {"additionalProperties": 1}}"#,
                "$jsonSchema keyword 'additionalProperties' must be an object or a boolean"),
            FilterErrorCase(
                #"{"$jsonSchema": {"items": 1}}"#, "$jsonSchema keyword 'items' must be an array or an object, not int"),
            FilterErrorCase(
                #"{"$jsonSchema": {"uniqueItems": 1}}"#, "$jsonSchema keyword 'uniqueItems' must be a boolean"),
            FilterErrorCase(#"{"$jsonSchema": {"title": 1}}"#, "$jsonSchema keyword 'title' must be of type string"),
            FilterErrorCase(
                #"{"$jsonSchema": {"patternProperties": {"^a": 1}}}"#,
                "$jsonSchema keyword 'patternProperties' has property '^a' which is not an object"),
        ])
    func errors(row: FilterErrorCase) throws {
        #expect(try row.compileError() == row.message)
    }
}
