import TestSupport
import Testing

@testable import StreamEngine

@Suite("Query filters: $exists and $type", .tags(.small))
struct ElementFilterTests {
    static let exists: [FilterCase] = [
        FilterCase.table(
            #"{"a": {"$exists": true}}"#,
            [(#"{"a": null}"#, true), (#"{}"#, false), (#"{"a": []}"#, true), (#"{"a": {"$undefined": true}}"#, true)]),
        FilterCase.table(
            #"{"a": {"$exists": false}}"#, [(#"{"a": null}"#, false), (#"{}"#, true), (#"{"b": 1}"#, true)]),
        FilterCase.table(#"{"a": {"$exists": 0}}"#, [(#"{}"#, true), (#"{"a": 1}"#, false)]),
        FilterCase.table(#"{"a": {"$exists": 1}}"#, [(#"{}"#, false), (#"{"a": 1}"#, true)]),
        FilterCase.table(
            #"{"a.b": {"$exists": true}}"#,
            [
                (#"{"a": [{"b": null}]}"#, true), (#"{"a": []}"#, false), (#"{"a": [1, {"c": 1}]}"#, false),
                (#"{"a": {"b": 0}}"#, true), (#"{"a": 5}"#, false), (#"{"a": [{"c": 1}, {"b": 1}]}"#, true),
            ]),
        FilterCase.table(#"{"a.b": {"$exists": false}}"#, [(#"{"a": [1, 2]}"#, true), (#"{"a": [{"b": 1}]}"#, false)]),
        FilterCase.table(#"{"a.1": {"$exists": true}}"#, [(#"{"a": [1, 2]}"#, true), (#"{"a": [1]}"#, false)]),
    ].flatMap { $0 }

    static let types: [FilterCase] = [
        FilterCase.table(
            #"{"a": {"$type": "string"}}"#,
            [
                (#"{"a": "x"}"#, true), (#"{"a": 1}"#, false), (#"{}"#, false), (#"{"a": [1, "x"]}"#, true),
                (#"{"a": [[ "x" ]]}"#, false),
            ]),
        FilterCase.table(#"{"a": {"$type": 2}}"#, [(#"{"a": "x"}"#, true), (#"{"a": null}"#, false)]),
        FilterCase.table(
            #"{"a": {"$type": "number"}}"#,
            [
                (#"{"a": 1}"#, true), (#"{"a": {"$numberLong": "1"}}"#, true),
                (#"{"a": {"$numberDouble": "1.5"}}"#, true),
                (#"{"a": {"$numberDecimal": "1"}}"#, true), (#"{"a": "1"}"#, false), (#"{"a": true}"#, false),
            ]),
        FilterCase.table(
            #"{"a": {"$type": "array"}}"#,
            [(#"{"a": []}"#, true), (#"{"a": [1]}"#, true), (#"{"a": 1}"#, false), (#"{"a": {"b": []}}"#, false)]),
        FilterCase.table(
            #"{"a": {"$type": "int"}}"#,
            [
                (#"{"a": [1]}"#, true), (#"{"a": {"$numberLong": "1"}}"#, false),
                (#"{"a": {"$numberDouble": "1"}}"#, false),
            ]),
        FilterCase.table(#"{"a": {"$type": 16}}"#, [(#"{"a": 7}"#, true)]),
        FilterCase.table(
            #"{"a": {"$type": "long"}}"#, [(#"{"a": {"$numberLong": "7"}}"#, true), (#"{"a": 7}"#, false)]),
        FilterCase.table(
            #"{"a": {"$type": "double"}}"#, [(#"{"a": {"$numberDouble": "1"}}"#, true), (#"{"a": 1}"#, false)]),
        FilterCase.table(
            #"{"a": {"$type": "decimal"}}"#, [(#"{"a": {"$numberDecimal": "1"}}"#, true), (#"{"a": 1.5}"#, false)]),
        FilterCase.table(
            #"{"a": {"$type": "null"}}"#, [(#"{}"#, false), (#"{"a": null}"#, true), (#"{"a": [null]}"#, true)]),
        FilterCase.table(#"{"a": {"$type": 10}}"#, [(#"{"a": null}"#, true)]),
        FilterCase.table(
            #"{"a": {"$type": "undefined"}}"#, [(#"{"a": {"$undefined": true}}"#, true), (#"{}"#, false)]),
        FilterCase.table(
            #"{"a": {"$type": ["string", "int"]}}"#,
            [(#"{"a": 5}"#, true), (#"{"a": "x"}"#, true), (#"{"a": 5.5}"#, false)]),
        FilterCase.table(#"{"a": {"$type": [2, "bool"]}}"#, [(#"{"a": false}"#, true), (#"{"a": "x"}"#, true)]),
        FilterCase.table(
            #"{"a": {"$type": "date"}}"#,
            [
                (#"{"a": {"$date": "2024-01-01T00:00:00Z"}}"#, true),
                (#"{"a": {"$timestamp": {"t": 1, "i": 1}}}"#, false),
            ]),
        FilterCase.table(#"{"a": {"$type": "timestamp"}}"#, [(#"{"a": {"$timestamp": {"t": 1, "i": 1}}}"#, true)]),
        FilterCase.table(#"{"a": {"$type": "objectId"}}"#, [(#"{"a": {"$oid": "65a1b2c3d4e5f60718293a4b"}}"#, true)]),
        FilterCase.table(#"{"a": {"$type": "bool"}}"#, [(#"{"a": true}"#, true), (#"{"a": 0}"#, false)]),
        FilterCase.table(
            #"{"a": {"$type": "regex"}}"#,
            [(#"{"a": {"$regularExpression": {"pattern": "x", "options": ""}}}"#, true), (#"{"a": "x"}"#, false)]),
        FilterCase.table(
            #"{"a": {"$type": "object"}}"#, [(#"{"a": {}}"#, true), (#"{"a": [{}]}"#, true), (#"{"a": []}"#, false)]),
        FilterCase.table(
            #"{"a": {"$type": "binData"}}"#,
            [(#"{"a": {"$binary": {"base64": "AQI=", "subType": "00"}}}"#, true)]),
        FilterCase.table(
            #"{"a": {"$type": "minKey"}}"#, [(#"{"a": {"$minKey": 1}}"#, true), (#"{"a": {"$maxKey": 1}}"#, false)]),
        FilterCase.table(#"{"a": {"$type": -1}}"#, [(#"{"a": {"$minKey": 1}}"#, true)]),
        FilterCase.table(#"{"a": {"$type": 127}}"#, [(#"{"a": {"$maxKey": 1}}"#, true)]),
        FilterCase.table(#"{"a": {"$type": {"$numberLong": "2"}}}"#, [(#"{"a": "x"}"#, true)]),
        FilterCase.table(
            #"{"a.b": {"$type": "string"}}"#,
            [(#"{"a": [{"b": 1}, {"b": "x"}]}"#, true), (#"{"a": [{"b": 1}]}"#, false)]),
    ].flatMap { $0 }

    @Test("$exists: present (even null) or not, through arrays", arguments: exists)
    func existsMatches(row: FilterCase) throws {
        #expect(try row.run() == row.expected)
    }

    @Test("$type: names, numbers, \"number\", lists, arrays looked inside", arguments: types)
    func typeMatches(row: FilterCase) throws {
        #expect(try row.run() == row.expected)
    }

    @Test(
        "$type errors carry the server's messages",
        arguments: [
            FilterErrorCase(#"{"a": {"$type": "foo"}}"#, "Unknown type name alias: foo"),
            FilterErrorCase(#"{"a": {"$type": 100}}"#, "Invalid numerical type code: 100"),
            FilterErrorCase(#"{"a": {"$type": 1.5}}"#, "Invalid numerical type code: 1.5"),
            FilterErrorCase(#"{"a": {"$type": true}}"#, "type must be represented as a number or a string"),
            FilterErrorCase(#"{"a": {"$type": []}}"#, "a must match at least one type"),
            FilterErrorCase(#"{"a": {"$type": ["string", "nope"]}}"#, "Unknown type name alias: nope"),
        ])
    func errors(row: FilterErrorCase) throws {
        #expect(try row.compileError() == row.message)
    }
}
