import TestSupport
import Testing

/// `$eq $ne $gt $gte $lt $lte $cmp` (§11.1), `$and $or $not` (§11.2), `$cond $ifNull $switch` (§11.5).
@Suite("Comparison, boolean and conditional operators", .tags(.small))
struct ComparisonBooleanConditionalTests {
    static let document = #"{"a": 1, "b": 0, "n": null, "s": "abc", "arr": [1, 2], "o": {"x": 1}}"#

    static let comparison: [(String, String, String)] = [
        (#"{"$eq": [1, 1.0]}"#, document, "true"),
        (#"{"$eq": [1, {"$numberLong": "1"}]}"#, document, "true"),
        (#"{"$eq": [1, {"$numberDecimal": "1.00"}]}"#, document, "true"),
        (#"{"$eq": [0.1, {"$numberDecimal": "0.1"}]}"#, document, "false"),
        (#"{"$eq": ["$missing", null]}"#, document, "false"),
        (#"{"$eq": ["$missing", "$alsoMissing"]}"#, document, "true"),
        (#"{"$eq": ["$n", null]}"#, document, "true"),
        (#"{"$eq": [{"$numberDouble": "NaN"}, {"$numberDouble": "NaN"}]}"#, document, "true"),
        (#"{"$eq": ["$arr", [1, 2]]}"#, document, "true"),
        (#"{"$eq": ["$o", {"x": 1.0}]}"#, document, "true"),
        (#"{"$ne": ["$a", 2]}"#, document, "true"),
        (#"{"$ne": ["$missing", null]}"#, document, "true"),
        (#"{"$gt": ["abc", 5]}"#, document, "true"),
        (#"{"$gt": [{"$date": "2024-01-01T00:00:00Z"}, 99]}"#, document, "true"),
        (#"{"$gt": [{"$numberDouble": "NaN"}, -1e308]}"#, document, "false"),
        (#"{"$gt": [true, false]}"#, document, "true"),
        (#"{"$gt": [[1], {"a": 1}]}"#, document, "true"),
        (#"{"$gt": ["b", "abc"]}"#, document, "true"),
        (#"{"$gt": ["B", "a"]}"#, document, "false"),
        (#"{"$gte": [2, 2.0]}"#, document, "true"),
        (#"{"$lt": ["$missing", null]}"#, document, "true"),
        (#"{"$lt": [null, 0]}"#, document, "true"),
        (#"{"$lt": [{"$numberLong": "9007199254740993"}, 9007199254740992.0]}"#, document, "false"),
        (#"{"$lte": [1, 1]}"#, document, "true"),
        (#"{"$cmp": [1, 2]}"#, document, "-1"),
        (#"{"$cmp": ["b", "a"]}"#, document, "1"),
        (#"{"$cmp": [2, 2.0]}"#, document, "0"),
        (#"{"$cmp": [{"$oid": "000000000000000000000001"}, "zzz"]}"#, document, "1"),
        (#"{"$eq": [1]}"#, document, "error: Expression $eq takes exactly 2 arguments. 1 were passed in."),
        (#"{"$eq": 1}"#, document, "error: Expression $eq takes exactly 2 arguments. 1 were passed in."),
    ]

    static let boolean: [(String, String, String)] = [
        (#"{"$and": [true, 1]}"#, document, "true"),
        (#"{"$and": [true, 0]}"#, document, "false"),
        (#"{"$and": []}"#, document, "true"),
        (#"{"$and": ["$missing"]}"#, document, "false"),
        (#"{"$and": [1, ""]}"#, document, "true"),
        (#"{"$and": [[], {}]}"#, document, "true"),
        (#"{"$and": [{"$numberDecimal": "0"}]}"#, document, "false"),
        (#"{"$and": [{"$numberDecimal": "0.0001"}]}"#, document, "true"),
        (#"{"$and": [false, {"$divide": [1, 0]}]}"#, document, "false"),
        (#"{"$or": []}"#, document, "false"),
        (#"{"$or": [null, 0, false]}"#, document, "false"),
        (#"{"$or": [null, "false"]}"#, document, "true"),
        (#"{"$or": [true, {"$divide": [1, 0]}]}"#, document, "true"),
        (#"{"$or": [{"$numberDouble": "NaN"}]}"#, document, "true"),
        (#"{"$or": [{"$numberLong": "0"}, {"$undefined": true}]}"#, document, "false"),
        (#"{"$not": [true]}"#, document, "false"),
        (#"{"$not": "$missing"}"#, document, "true"),
        (#"{"$not": [0.0]}"#, document, "true"),
        (#"{"$not": [[false]]}"#, document, "false"),
        (#"{"$not": [1, 2]}"#, document, "error: Expression $not takes exactly 1 arguments. 2 were passed in."),
    ]

    static let conditional: [(String, String, String)] = [
        (#"{"$cond": [true, 1, 2]}"#, document, "1"),
        (#"{"$cond": [0, 1, 2]}"#, document, "2"),
        (#"{"$cond": ["$missing", 1, 2]}"#, document, "2"),
        (#"{"$cond": {"if": "$a", "then": "yes", "else": "no"}}"#, document, #""yes""#),
        (#"{"$cond": {"if": "$b", "then": "yes", "else": "no"}}"#, document, #""no""#),
        (#"{"$cond": [{"$eq": ["$b", 0]}, null, {"$divide": ["$a", "$b"]}]}"#, document, "null"),
        (#"{"$cond": [{"$ne": ["$b", 0]}, {"$divide": ["$a", "$b"]}, -1]}"#, document, "-1"),
        (#"{"$cond": [true, "$missing", 1]}"#, document, "missing"),
        (#"{"$cond": {"then": 1, "else": 2}}"#, document, "error: Missing 'if' parameter to $cond"),
        (#"{"$cond": {"if": 1, "else": 2}}"#, document, "error: Missing 'then' parameter to $cond"),
        (#"{"$cond": {"if": 1, "then": 2}}"#, document, "error: Missing 'else' parameter to $cond"),
        (#"{"$cond": {"if": 1, "then": 2, "else": 3, "x": 4}}"#, document, "error: Unrecognized parameter to $cond: x"),
        (#"{"$cond": [true, 1]}"#, document, "error: Expression $cond takes exactly 3 arguments. 2 were passed in."),
        (#"{"$ifNull": ["$missing", "d"]}"#, document, #""d""#),
        (#"{"$ifNull": ["$n", "d"]}"#, document, #""d""#),
        (#"{"$ifNull": ["$a", "d"]}"#, document, "1"),
        (#"{"$ifNull": ["$missing", "$n", "$s", "d"]}"#, document, #""abc""#),
        (#"{"$ifNull": ["$missing", "$alsoMissing"]}"#, document, "missing"),
        (#"{"$ifNull": [false, 1]}"#, document, "false"),
        (#"{"$ifNull": ["$missing"]}"#, document, "error: $ifNull needs at least two arguments, had: 1"),
        (
            #"{"$switch": {"branches": [{"case": {"$eq": ["$a", 1]}, "then": "one"}], "default": "other"}}"#, document,
            #""one""#
        ),
        (
            #"{"$switch": {"branches": [{"case": {"$eq": ["$a", 2]}, "then": "two"}], "default": "other"}}"#, document,
            #""other""#
        ),
        (#"{"$switch": {"branches": [{"case": false, "then": 1}, {"case": "$s", "then": 2}]}}"#, document, "2"),
        (
            #"{"$switch": {"branches": [{"case": false, "then": 1}]}}"#, document,
            "error: $switch could not find a matching branch for an input, and no default was specified."
        ),
        (#"{"$switch": {"branches": []}}"#, document, "error: $switch requires at least one branch"),
        (
            #"{"$switch": {"branches": [{"case": true}]}}"#, document,
            "error: $switch requires each branch have a 'then' expression."
        ),
        (
            #"{"$switch": {"branches": [{"then": 1}]}}"#, document,
            "error: $switch requires each branch have a 'case' expression"
        ),
        (
            #"{"$switch": {"branches": [{"case": true, "then": 1, "x": 1}]}}"#, document,
            "error: $switch found an unknown argument to a branch: x"
        ),
        (
            #"{"$switch": {"branches": [1]}}"#, document,
            "error: $switch expected each branch to be an object, found: int"
        ),
        (#"{"$switch": {"branches": 1}}"#, document, "error: $switch expected an array for 'branches', found: int"),
        (
            #"{"$switch": {"branches": [{"case": true, "then": 1}], "other": 1}}"#, document,
            "error: $switch found an unknown argument: other"
        ),
        (#"{"$switch": [1]}"#, document, "error: $switch requires an object as an argument, found: array"),
    ]

    @Test("Comparison on BSON order without type bracketing", arguments: comparison)
    func compare(expression: String, document: String, expected: String) throws {
        try ExpressionCase.check(expression, document, expected)
    }

    @Test("$and $or $not truthiness", arguments: boolean)
    func booleans(expression: String, document: String, expected: String) throws {
        try ExpressionCase.check(expression, document, expected)
    }

    @Test("$cond $ifNull $switch", arguments: conditional)
    func conditionals(expression: String, document: String, expected: String) throws {
        try ExpressionCase.check(expression, document, expected)
    }
}
