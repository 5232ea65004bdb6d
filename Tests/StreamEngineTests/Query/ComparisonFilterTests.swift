import TestSupport
import Testing

@testable import StreamEngine

@Suite("Query filters: equality, comparison, $in/$nin, paths", .tags(.small))
struct ComparisonFilterTests {
    static let equality: [FilterCase] = [
        FilterCase.table(
            #"{"a": 1}"#,
            [
                (#"{"a": 1}"#, true), (#"{"a": 1.0}"#, true), (#"{"a": {"$numberLong": "1"}}"#, true),
                (#"{"a": {"$numberDecimal": "1.0"}}"#, true), (#"{"a": "1"}"#, false), (#"{}"#, false),
                (#"{"a": true}"#, false), (#"{"a": [1, 2]}"#, true), (#"{"a": [[1], 2]}"#, false),
                (#"{"a": {"b": 1}}"#, false), (#"{"a": null}"#, false),
            ]),
        FilterCase.table(
            #"{"a": [1, 2]}"#,
            [
                (#"{"a": [1, 2]}"#, true), (#"{"a": [2, 1]}"#, false), (#"{"a": [[1, 2], 3]}"#, true),
                (#"{"a": [1, 2, 3]}"#, false), (#"{"a": [1.0, {"$numberLong": "2"}]}"#, true), (#"{"a": 1}"#, false),
            ]),
        FilterCase.table(
            #"{"a": {"b": 1, "c": 2}}"#,
            [
                (#"{"a": {"b": 1, "c": 2}}"#, true), (#"{"a": {"c": 2, "b": 1}}"#, false),
                (#"{"a": {"b": 1.0, "c": 2}}"#, true), (#"{"a": {"b": 1}}"#, false),
                (#"{"a": [{"b": 1, "c": 2}]}"#, true), (#"{"a": {"b": 1, "c": 2, "d": 3}}"#, false),
            ]),
        FilterCase.table(
            #"{"a": null}"#,
            [
                (#"{}"#, true), (#"{"a": null}"#, true), (#"{"a": {"$undefined": true}}"#, true), (#"{"a": 0}"#, false),
                (#"{"a": false}"#, false), (#"{"a": []}"#, false), (#"{"a": [null]}"#, true), (#"{"a": [1]}"#, false),
                (#"{"a": ""}"#, false),
            ]),
        FilterCase.table(
            #"{"a": true}"#, [(#"{"a": true}"#, true), (#"{"a": 1}"#, false), (#"{"a": "true"}"#, false)]),
        FilterCase.table(
            #"{"a": "x", "b": 2}"#,
            [(#"{"a": "x", "b": 2}"#, true), (#"{"a": "x", "b": 3}"#, false), (#"{"b": 2}"#, false)]),
        FilterCase.table(
            #"{"_id": {"$oid": "65a1b2c3d4e5f60718293a4b"}}"#,
            [
                (#"{"_id": {"$oid": "65a1b2c3d4e5f60718293a4b"}}"#, true),
                (#"{"_id": {"$oid": "65a1b2c3d4e5f60718293a4c"}}"#, false),
                (#"{"_id": "65a1b2c3d4e5f60718293a4b"}"#, false),
            ]),
        FilterCase.table(
            #"{"a": {"$date": "2024-01-01T00:00:00Z"}}"#,
            [
                (#"{"a": {"$date": "2024-01-01T00:00:00Z"}}"#, true),
                (#"{"a": {"$date": "2024-01-01T00:00:00.001Z"}}"#, false),
                (#"{"a": 1704067200000}"#, false),
            ]),
        FilterCase.table(
            #"{"a": {"$numberDecimal": "2.50"}}"#,
            [(#"{"a": 2.5}"#, true), (#"{"a": {"$numberDecimal": "2.5"}}"#, true), (#"{"a": 2}"#, false)]),
        FilterCase.table(#"{"a": {"$eq": {"$gt": 1}}}"#, [(#"{"a": {"$gt": 1}}"#, true), (#"{"a": 2}"#, false)]),
        FilterCase.table(
            #"{"a": {"$eq": {"$regularExpression": {"pattern": "^a", "options": ""}}}}"#,
            [(#"{"a": "abc"}"#, false), (#"{"a": {"$regularExpression": {"pattern": "^a", "options": ""}}}"#, true)]),
        FilterCase.table(
            #"{"a": {"$ref": "c", "$id": 1}}"#,
            [(#"{"a": {"$ref": "c", "$id": 1}}"#, true), (#"{"a": {"$ref": "c", "$id": 2}}"#, false)]),
    ].flatMap { $0 }

    static let paths: [FilterCase] = [
        FilterCase.table(
            #"{"a.b": 1}"#,
            [
                (#"{"a": {"b": 1}}"#, true), (#"{"a": [{"b": 1}]}"#, true), (#"{"a": [{"b": 2}, {"b": 1}]}"#, true),
                (#"{"a": [{"b": [1]}]}"#, true), (#"{"a": {"b": [0, 1]}}"#, true), (#"{"a": [[{"b": 1}]]}"#, false),
                (#"{"a": 1}"#, false), (#"{"a": [1, {"c": 1}]}"#, false), (#"{"a.b": 1}"#, false),
            ]),
        FilterCase.table(
            #"{"a.b": null}"#,
            [
                (#"{"a": 1}"#, true), (#"{"a": [1, 2]}"#, false), (#"{"a": [{"c": 1}]}"#, true),
                (#"{"a": [{"b": 1}]}"#, false), (#"{"a": {"b": null}}"#, true), (#"{}"#, true), (#"{"a": []}"#, false),
            ]),
        FilterCase.table(
            #"{"a.0": 5}"#,
            [
                (#"{"a": [5, 6]}"#, true), (#"{"a": [6, 5]}"#, false), (#"{"a": [[5]]}"#, false),
                (#"{"a": {"0": 5}}"#, true),
                (#"{"a": [{"0": 5}]}"#, true), (#"{"a": []}"#, false),
            ]),
        FilterCase.table(#"{"a.1": 5}"#, [(#"{"a": [5, 6]}"#, false), (#"{"a": [4, 5]}"#, true)]),
        FilterCase.table(
            #"{"a.0.b": 1}"#,
            [(#"{"a": [{"b": 1}]}"#, true), (#"{"a": [{"b": 2}, {"b": 1}]}"#, false), (#"{"a": [[{"b": 1}]]}"#, true)]),
        FilterCase.table(#"{"a.1.b": 1}"#, [(#"{"a": [{"b": 2}, {"b": 1}]}"#, true)]),
        FilterCase.table(#"{"a.0.1": 7}"#, [(#"{"a": [[6, 7]]}"#, true), (#"{"a": [[7, 6]]}"#, false)]),
        FilterCase.table(#"{"a.01": 5}"#, [(#"{"a": [5]}"#, false), (#"{"a": {"01": 5}}"#, true)]),
        FilterCase.table(
            #"{"a.b.c": 1}"#,
            [
                (#"{"a": [{"b": [{"c": 1}]}]}"#, true), (#"{"a": {"b": {"c": [2, 1]}}}"#, true),
                (#"{"a": [{"b": [{"c": 2}]}, {"b": {"c": 1}}]}"#, true), (#"{"a": {"b": 1}}"#, false),
            ]),
        FilterCase.table(
            #"{"a.b": [1, 2]}"#, [(#"{"a": [{"b": [1, 2]}]}"#, true), (#"{"a": [{"b": 1}, {"b": 2}]}"#, false)]),
    ].flatMap { $0 }

    static let comparisons: [FilterCase] = [
        FilterCase.table(
            #"{"a": {"$gt": 5}}"#,
            [
                (#"{"a": 6}"#, true), (#"{"a": 5}"#, false), (#"{"a": "6"}"#, false), (#"{"a": [1, 7]}"#, true),
                (#"{"a": [1, 2]}"#, false), (#"{}"#, false), (#"{"a": null}"#, false),
                (#"{"a": {"$numberDecimal": "5.0000001"}}"#, true),
                (#"{"a": {"$numberLong": "9007199254740993"}}"#, true),
                (#"{"a": 5.5}"#, true), (#"{"a": {"$date": "2024-01-01T00:00:00Z"}}"#, false), (#"{"a": true}"#, false),
                (#"{"a": {"$numberDouble": "Infinity"}}"#, true), (#"{"a": {"$numberDouble": "NaN"}}"#, false),
                (#"{"a": [[6]]}"#, false),
            ]),
        FilterCase.table(
            #"{"a": {"$gte": 5}}"#,
            [(#"{"a": 5.0}"#, true), (#"{"a": 4.999}"#, false), (#"{"a": {"$numberLong": "5"}}"#, true)]),
        FilterCase.table(
            #"{"a": {"$lt": 5}}"#,
            [
                (#"{"a": 4.9}"#, true), (#"{"a": null}"#, false), (#"{}"#, false),
                (#"{"a": {"$numberDouble": "-Infinity"}}"#, true),
                (#"{"a": "4"}"#, false),
            ]),
        FilterCase.table(
            #"{"a": {"$lte": 5}}"#, [(#"{"a": 5}"#, true), (#"{"a": [9, 5]}"#, true), (#"{"a": 6}"#, false)]),
        FilterCase.table(#"{"a": {"$lte": null}}"#, [(#"{}"#, true), (#"{"a": null}"#, true), (#"{"a": 0}"#, false)]),
        FilterCase.table(#"{"a": {"$gte": null}}"#, [(#"{}"#, true), (#"{"a": null}"#, true), (#"{"a": 1}"#, false)]),
        FilterCase.table(#"{"a": {"$lt": null}}"#, [(#"{}"#, false), (#"{"a": null}"#, false)]),
        FilterCase.table(#"{"a": {"$gt": null}}"#, [(#"{"a": 1}"#, false), (#"{"a": null}"#, false)]),
        FilterCase.table(
            #"{"a": {"$gt": "abc"}}"#,
            [(#"{"a": "abd"}"#, true), (#"{"a": "abc"}"#, false), (#"{"a": 5}"#, false), (#"{"a": "b"}"#, true)]),
        FilterCase.table(#"{"a": {"$gt": "B"}}"#, [(#"{"a": "a"}"#, true), (#"{"a": "A"}"#, false)]),
        FilterCase.table(
            #"{"a": {"$lt": {"$date": "2024-01-01T00:00:00Z"}}}"#,
            [
                (#"{"a": {"$date": "2023-06-01T00:00:00Z"}}"#, true),
                (#"{"a": {"$date": "2024-06-01T00:00:00Z"}}"#, false),
                (#"{"a": 5}"#, false), (#"{"a": {"$date": {"$numberLong": "-86400000"}}}"#, true),
            ]),
        FilterCase.table(
            #"{"a": {"$gt": {"$date": "1960-01-01T00:00:00Z"}}}"#,
            [
                (#"{"a": {"$date": {"$numberLong": "-1000"}}}"#, true),
                (#"{"a": {"$date": {"$numberLong": "-400000000000"}}}"#, false),
            ]),
        FilterCase.table(
            #"{"a": {"$gt": {"$minKey": 1}}}"#,
            [(#"{}"#, true), (#"{"a": "x"}"#, true), (#"{"a": null}"#, true), (#"{"a": {"$minKey": 1}}"#, false)]),
        FilterCase.table(
            #"{"a": {"$lt": {"$maxKey": 1}}}"#,
            [(#"{"a": 1}"#, true), (#"{}"#, true), (#"{"a": {"$maxKey": 1}}"#, false)]),
        FilterCase.table(
            #"{"a": {"$eq": {"$maxKey": 1}}}"#, [(#"{"a": 1}"#, false), (#"{"a": {"$maxKey": 1}}"#, true)]),
        FilterCase.table(
            #"{"a": {"$eq": {"$numberDouble": "NaN"}}}"#,
            [
                (#"{"a": {"$numberDouble": "NaN"}}"#, true), (#"{"a": {"$numberDecimal": "NaN"}}"#, true),
                (#"{"a": 1}"#, false),
            ]),
        FilterCase.table(#"{"a": {"$gte": {"$numberDouble": "NaN"}}}"#, [(#"{"a": {"$numberDouble": "NaN"}}"#, true)]),
        FilterCase.table(
            #"{"a": {"$lt": 0}}"#,
            [(#"{"a": {"$numberDouble": "NaN"}}"#, false), (#"{"a": {"$numberDecimal": "-0.5"}}"#, true)]),
        FilterCase.table(#"{"a": {"$lte": {"$numberDouble": "NaN"}}}"#, [(#"{"a": 1}"#, false)]),
        FilterCase.table(
            #"{"a": {"$gt": {"$numberDecimal": "1.5"}}}"#,
            [(#"{"a": 2}"#, true), (#"{"a": 1}"#, false), (#"{"a": {"$numberDecimal": "1.50"}}"#, false)]),
        FilterCase.table(#"{"a": {"$gt": false}}"#, [(#"{"a": true}"#, true), (#"{"a": 1}"#, false)]),
        FilterCase.table(
            #"{"a": {"$gt": {"$timestamp": {"t": 10, "i": 1}}}}"#,
            [
                (#"{"a": {"$timestamp": {"t": 10, "i": 2}}}"#, true),
                (#"{"a": {"$date": "2024-01-01T00:00:00Z"}}"#, false),
            ]),
        FilterCase.table(#"{"a": {"$gt": [1]}}"#, [(#"{"a": [1, 2]}"#, true), (#"{"a": [0, 5]}"#, false)]),
        FilterCase.table(
            #"{"a": {"$gt": {"b": 1}}}"#,
            [(#"{"a": {"b": 2}}"#, true), (#"{"a": {"b": 0}}"#, false), (#"{"a": 5}"#, false)]),
        FilterCase.table(
            #"{"a": {"$gt": 1, "$lt": 5}}"#,
            [(#"{"a": 3}"#, true), (#"{"a": [0, 6]}"#, true), (#"{"a": 6}"#, false), (#"{"a": [0, 1]}"#, false)]),
        FilterCase.table(
            #"{"a": {"$ne": 1}}"#,
            [
                (#"{"a": 2}"#, true), (#"{"a": 1}"#, false), (#"{}"#, true), (#"{"a": [1, 2]}"#, false),
                (#"{"a": [2, 3]}"#, true), (#"{"a": "1"}"#, true), (#"{"a": 1.0}"#, false),
            ]),
        FilterCase.table(#"{"a": {"$ne": null}}"#, [(#"{}"#, false), (#"{"a": 0}"#, true), (#"{"a": null}"#, false)]),
        FilterCase.table(
            #"{"a.b": {"$ne": 1}}"#, [(#"{"a": [{"b": 1}, {"b": 2}]}"#, false), (#"{"a": [{"b": 2}]}"#, true)]),
    ].flatMap { $0 }

    static let inLists: [FilterCase] = [
        FilterCase.table(
            #"{"a": {"$in": [1, 2]}}"#,
            [
                (#"{"a": 2.0}"#, true), (#"{"a": 3}"#, false), (#"{"a": [3, 1]}"#, true), (#"{}"#, false),
                (#"{"a": "1"}"#, false),
            ]),
        FilterCase.table(
            #"{"a": {"$in": [null]}}"#,
            [(#"{}"#, true), (#"{"a": null}"#, true), (#"{"a": {"$undefined": true}}"#, true), (#"{"a": 0}"#, false)]),
        FilterCase.table(#"{"a": {"$in": []}}"#, [(#"{"a": 1}"#, false), (#"{}"#, false)]),
        FilterCase.table(
            #"{"a": {"$in": [{"$regularExpression": {"pattern": "^ab", "options": "i"}}, 5]}}"#,
            [
                (#"{"a": "ABc"}"#, true), (#"{"a": "xab"}"#, false), (#"{"a": 5}"#, true),
                (#"{"a": ["x", "abz"]}"#, true),
            ]),
        FilterCase.table(#"{"a": {"$in": [[1, 2]]}}"#, [(#"{"a": [1, 2]}"#, true), (#"{"a": [1]}"#, false)]),
        FilterCase.table(#"{"a": {"$in": [{"b": 1}]}}"#, [(#"{"a": {"b": 1}}"#, true), (#"{"a": [{"b": 1}]}"#, true)]),
        FilterCase.table(
            #"{"a": {"$nin": [1, 2]}}"#,
            [
                (#"{"a": 3}"#, true), (#"{"a": 1}"#, false), (#"{}"#, true), (#"{"a": [3, 2]}"#, false),
                (#"{"a": [3, 4]}"#, true),
            ]),
        FilterCase.table(#"{"a": {"$nin": [null]}}"#, [(#"{}"#, false), (#"{"a": 1}"#, true)]),
        FilterCase.table(
            #"{"a": {"$in": ["k", 3, "b", null, 1.5, {"$numberLong": "7"}, [1], {"x": 1}, true, "a", {"$numberDouble": "NaN"}]}}"#,
            [
                (#"{"a": "k"}"#, true), (#"{"a": "a"}"#, true), (#"{"a": "c"}"#, false), (#"{"a": 3.0}"#, true),
                (#"{"a": 7}"#, true), (#"{"a": {"$numberDecimal": "1.5"}}"#, true), (#"{"a": 2}"#, false),
                (#"{}"#, true),
                (#"{"a": [[1]]}"#, true), (#"{"a": [1]}"#, true), (#"{"a": [2]}"#, false),
                (#"{"a": {"x": 1.0}}"#, true),
                (#"{"a": true}"#, true), (#"{"a": false}"#, false), (#"{"a": {"$numberDouble": "NaN"}}"#, true),
                (#"{"a": {"$symbol": "b"}}"#, true),
            ]),
        FilterCase.table(#"{"a.b": {"$in": [2]}}"#, [(#"{"a": [{"b": 1}, {"b": 2}]}"#, true)]),
    ].flatMap { $0 }

    @Test("Equality: numbers across types, documents and arrays exact, null matches missing", arguments: equality)
    func equalityMatches(row: FilterCase) throws {
        #expect(try row.run() == row.expected)
    }

    @Test("Dotted paths through arrays and array positions", arguments: paths)
    func pathMatches(row: FilterCase) throws {
        #expect(try row.run() == row.expected)
    }

    @Test("$gt $gte $lt $lte $ne with type bracketing, NaN, MinKey/MaxKey", arguments: comparisons)
    func comparisonMatches(row: FilterCase) throws {
        #expect(try row.run() == row.expected)
    }

    @Test("$in and $nin, with regexes and null", arguments: inLists)
    func inMatches(row: FilterCase) throws {
        #expect(try row.run() == row.expected)
    }

    @Test(
        "Comparison errors carry the server's messages",
        arguments: [
            FilterErrorCase(#"{"a": {"$in": 5}}"#, "$in needs an array"),
            FilterErrorCase(#"{"a": {"$nin": {}}}"#, "$nin needs an array"),
            FilterErrorCase(#"{"a": {"$in": [{"$gt": 1}]}}"#, "cannot nest $ under $in"),
            FilterErrorCase(
                #"{"a": {"$gt": {"$regularExpression": {"pattern": "a", "options": ""}}}}"#,
                "Can't have RegEx as arg to predicate over field 'a'."),
            FilterErrorCase(
                #"{"a": {"$ne": {"$regularExpression": {"pattern": "a", "options": ""}}}}"#,
                "Can't have regex as arg to $ne."),
            FilterErrorCase(#"{"a": {"$eq": {"$undefined": true}}}"#, "cannot compare to undefined"),
            FilterErrorCase(#"{"a": {"$foo": 1}}"#, "unknown operator: $foo"),
            FilterErrorCase(#"{"a": {"$gt": 1, "b": 2}}"#, "unknown operator: b"),
        ])
    func errors(row: FilterErrorCase) throws {
        #expect(try row.compileError() == row.message)
    }
}
