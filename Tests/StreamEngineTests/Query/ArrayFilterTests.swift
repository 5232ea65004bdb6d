import TestSupport
import Testing

@testable import StreamEngine

@Suite("Query filters: $size, $elemMatch, $all", .tags(.small))
struct ArrayFilterTests {
    static let cases: [FilterCase] = [
        FilterCase.table(
            #"{"a": {"$size": 2}}"#,
            [
                (#"{"a": [1, 2]}"#, true), (#"{"a": [1]}"#, false), (#"{"a": 2}"#, false), (#"{}"#, false),
                (#"{"a": [[1, 2]]}"#, false), (#"{"a": [[1], [2]]}"#, true),
            ]),
        FilterCase.table(#"{"a": {"$size": 0}}"#, [(#"{"a": []}"#, true), (#"{"a": null}"#, false)]),
        FilterCase.table(#"{"a": {"$size": 2.0}}"#, [(#"{"a": [1, 2]}"#, true)]),
        FilterCase.table(#"{"a": {"$size": {"$numberLong": "1"}}}"#, [(#"{"a": [1]}"#, true)]),
        FilterCase.table(
            #"{"a.b": {"$size": 1}}"#,
            [
                (#"{"a": [{"b": [1]}]}"#, true), (#"{"a": [{"b": [1, 2]}, {"b": [3]}]}"#, true),
                (#"{"a": {"b": 1}}"#, false),
            ]),
        FilterCase.table(
            #"{"a": {"$elemMatch": {"$gt": 1, "$lt": 3}}}"#,
            [(#"{"a": [0, 2]}"#, true), (#"{"a": [0, 5]}"#, false), (#"{"a": 2}"#, false), (#"{"a": []}"#, false)]),
        FilterCase.table(
            #"{"a": {"$elemMatch": {"b": 1, "c": 2}}}"#,
            [
                (#"{"a": [{"b": 1, "c": 2}]}"#, true), (#"{"a": [{"b": 1}, {"c": 2}]}"#, false),
                (#"{"a": {"b": 1, "c": 2}}"#, false), (#"{"a": [{"b": [1], "c": 2}]}"#, true),
            ]),
        FilterCase.table(#"{"a.b": 1, "a.c": 2}"#, [(#"{"a": [{"b": 1}, {"c": 2}]}"#, true)]),
        FilterCase.table(
            #"{"a": {"$elemMatch": {"$eq": 1}}}"#, [(#"{"a": [[1]]}"#, false), (#"{"a": [2, 1]}"#, true)]),
        FilterCase.table(
            #"{"a": {"$elemMatch": {"b": {"$gt": 1}}}}"#,
            [(#"{"a": [{"b": [0, 5]}]}"#, true), (#"{"a": [{"b": 0}]}"#, false)]),
        FilterCase.table(
            #"{"a": {"$elemMatch": {"$or": [{"b": 1}, {"c": 1}]}}}"#,
            [(#"{"a": [{"c": 1}]}"#, true), (#"{"a": [{"d": 1}]}"#, false)]),
        FilterCase.table(
            #"{"a": {"$elemMatch": {"0": 1}}}"#, [(#"{"a": [[1, 2]]}"#, true), (#"{"a": [[2, 1]]}"#, false)]),
        FilterCase.table(
            #"{"a": {"$elemMatch": {}}}"#,
            [(#"{"a": [{"x": 1}]}"#, true), (#"{"a": [1]}"#, false), (#"{"a": [[]]}"#, true)]),
        FilterCase.table(
            #"{"a": {"$elemMatch": {"$not": {"$gt": 5}}}}"#,
            [(#"{"a": [6, 3]}"#, true), (#"{"a": [6, 7]}"#, false)]),
        FilterCase.table(
            #"{"a": {"$elemMatch": {"$in": [1, 5]}}}"#, [(#"{"a": [0, 5]}"#, true), (#"{"a": [0]}"#, false)]),
        FilterCase.table(
            #"{"a": {"$elemMatch": {"$type": "string"}}}"#,
            [(#"{"a": [1, "x"]}"#, true), (#"{"a": [[ "x" ]]}"#, false)]),
        FilterCase.table(
            #"{"a": {"$elemMatch": {"$elemMatch": {"$gt": 1}}}}"#,
            [(#"{"a": [[0, 2]]}"#, true), (#"{"a": [2]}"#, false)]),
        FilterCase.table(
            #"{"a.b": {"$elemMatch": {"$gt": 1}}}"#, [(#"{"a": [{"b": [2]}]}"#, true), (#"{"a": [{"b": 2}]}"#, false)]),
        FilterCase.table(
            #"{"a": {"$elemMatch": {"$regex": "^x"}}}"#, [(#"{"a": ["ax", "xa"]}"#, true), (#"{"a": ["ax"]}"#, false)]),
        FilterCase.table(
            #"{"a": {"$elemMatch": {"$exists": true}}}"#, [(#"{"a": [null]}"#, true), (#"{"a": []}"#, false)]),
        FilterCase.table(
            #"{"a": {"$elemMatch": {"b.c": 1}}}"#,
            [(#"{"a": [{"b": [{"c": 1}]}]}"#, true), (#"{"a": [{"b": {"c": 2}}]}"#, false)]),
        FilterCase.table(
            #"{"a": {"$elemMatch": {"b": null}}}"#,
            [(#"{"a": [{"c": 1}]}"#, true), (#"{"a": [{"b": 1}]}"#, false), (#"{"a": [1]}"#, false)]),
        FilterCase.table(
            #"{"a": {"$all": [1, 2]}}"#,
            [(#"{"a": [2, 1, 3]}"#, true), (#"{"a": [1]}"#, false), (#"{"a": 1}"#, false), (#"{}"#, false)]),
        FilterCase.table(#"{"a": {"$all": [1]}}"#, [(#"{"a": 1}"#, true), (#"{"a": [1.0]}"#, true)]),
        FilterCase.table(#"{"a": {"$all": []}}"#, [(#"{"a": []}"#, false), (#"{"a": [1]}"#, false)]),
        FilterCase.table(
            #"{"a": {"$all": [[1, 2]]}}"#,
            [(#"{"a": [[1, 2], 3]}"#, true), (#"{"a": [1, 2]}"#, true), (#"{"a": [2, 1]}"#, false)]),
        FilterCase.table(
            #"{"a": {"$all": [{"$regularExpression": {"pattern": "^a", "options": ""}}, "bz"]}}"#,
            [(#"{"a": ["ax", "bz"]}"#, true), (#"{"a": ["bz"]}"#, false)]),
        FilterCase.table(
            #"{"a": {"$all": [{"$elemMatch": {"b": 1}}, {"$elemMatch": {"c": 1}}]}}"#,
            [(#"{"a": [{"b": 1}, {"c": 1}]}"#, true), (#"{"a": [{"b": 1}]}"#, false)]),
        FilterCase.table(
            #"{"a": {"$all": [{"$elemMatch": {"$gt": 5}}]}}"#,
            [(#"{"a": [1, 6]}"#, true), (#"{"a": [1]}"#, false)]),
        FilterCase.table(
            #"{"a.b": {"$all": [1, 2]}}"#, [(#"{"a": [{"b": 1}, {"b": 2}]}"#, true), (#"{"a": [{"b": 1}]}"#, false)]),
        FilterCase.table(#"{"a": {"$all": [{"b": 1}]}}"#, [(#"{"a": [{"b": 1}]}"#, true)]),
    ].flatMap { $0 }

    @Test("Whole-array operators and $all", arguments: cases)
    func matches(row: FilterCase) throws {
        #expect(try row.run() == row.expected)
    }

    @Test(
        "Array operator errors carry the server's messages",
        arguments: [
            FilterErrorCase(#"{"a": {"$size": "2"}}"#, "$size needs a number"),
            FilterErrorCase(#"{"a": {"$size": -1}}"#, "$size may not be negative"),
            FilterErrorCase(#"{"a": {"$size": 1.5}}"#, "$size must be a whole number"),
            FilterErrorCase(
                #"{"a": {"$size": {"$numberLong": "5000000000"}}}"#, "$size must be representable as a 32-bit integer"),
            FilterErrorCase(#"{"a": {"$elemMatch": 1}}"#, "$elemMatch needs an Object"),
            FilterErrorCase(#"{"a": {"$all": 1}}"#, "$all needs an array"),
            FilterErrorCase(#"{"a": {"$all": [{"$elemMatch": {}}, 1]}}"#, "$all/$elemMatch has to be consistent"),
            FilterErrorCase(#"{"a": {"$all": [{"$gt": 1}]}}"#, "no $ expressions in $all"),
            FilterErrorCase(
                #"{"a": {"$elemMatch": {"$expr": "$b"}}}"#, "$expr can only be applied to the top-level document"),
            FilterErrorCase(#"{"a": {"$elemMatch": {"$foo": 1}}}"#, "unknown operator: $foo"),
            FilterErrorCase(#"{"a": {"$elemMatch": {"b": {"$bad": 1}}}}"#, "unknown operator: $bad"),
        ])
    func errors(row: FilterErrorCase) throws {
        #expect(try row.compileError() == row.message)
    }
}
