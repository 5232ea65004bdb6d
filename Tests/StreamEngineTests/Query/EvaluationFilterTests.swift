import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

@Suite("Query filters: $regex, $mod, $expr", .tags(.small))
struct EvaluationFilterTests {
    static let regexes: [FilterCase] = [
        FilterCase.table(
            #"{"a": {"$regex": "^ab"}}"#,
            [
                (#"{"a": "abc"}"#, true), (#"{"a": "xab"}"#, false), (#"{"a": ["x", "abc"]}"#, true),
                (#"{"a": 5}"#, false),
                (#"{}"#, false), (#"{"a": {"$symbol": "abc"}}"#, true), (#"{"a": "ABC"}"#, false),
            ]),
        FilterCase.table(#"{"a": {"$regex": "b"}}"#, [(#"{"a": "abc"}"#, true)]),
        FilterCase.table(
            #"{"a": {"$regex": "^AB", "$options": "i"}}"#, [(#"{"a": "abc"}"#, true), (#"{"a": "xabc"}"#, false)]),
        FilterCase.table(#"{"a": {"$options": "i", "$regex": "^ab"}}"#, [(#"{"a": "AB"}"#, true)]),
        FilterCase.table(#"{"a": {"$regex": "^b$", "$options": "m"}}"#, [(#"{"a": "a\nb\nc"}"#, true)]),
        FilterCase.table(#"{"a": {"$regex": "^b$"}}"#, [(#"{"a": "a\nb\nc"}"#, false), (#"{"a": "b"}"#, true)]),
        FilterCase.table(#"{"a": {"$regex": "a.b", "$options": "s"}}"#, [(#"{"a": "a\nb"}"#, true)]),
        FilterCase.table(#"{"a": {"$regex": "a.b"}}"#, [(#"{"a": "a\nb"}"#, false), (#"{"a": "a-b"}"#, true)]),
        FilterCase.table(
            #"{"a": {"$regex": "a b # comment", "$options": "x"}}"#,
            [(#"{"a": "ab"}"#, true), (#"{"a": "a b"}"#, false)]),
        FilterCase.table(#"{"a": {"$regex": "é+"}}"#, [(#"{"a": "caféé"}"#, true), (#"{"a": "cafe"}"#, false)]),
        FilterCase.table(
            #"{"a": {"$regex": {"$regularExpression": {"pattern": "^ab", "options": "i"}}}}"#,
            [(#"{"a": "ABc"}"#, true)]),
        FilterCase.table(
            #"{"a": {"$regex": {"$regularExpression": {"pattern": "^ab", "options": ""}}, "$options": "i"}}"#,
            [(#"{"a": "ABc"}"#, true)]),
        FilterCase.table(
            #"{"a": {"$regularExpression": {"pattern": "^a", "options": ""}}}"#,
            [
                (#"{"a": "abc"}"#, true), (#"{"a": "bac"}"#, false),
                (#"{"a": {"$regularExpression": {"pattern": "^a", "options": ""}}}"#, true),
                (#"{"a": {"$regularExpression": {"pattern": "^a", "options": "i"}}}"#, false),
            ]),
        FilterCase.table(
            #"{"a": {"$regex": "^ab$"}}"#,
            [(#"{"a": "ab\n"}"#, true), (#"{"a": "ab\nc"}"#, false), (#"{"a": "ab"}"#, true)]),
        FilterCase.table(
            #"{"a": {"$regex": "b$|^x"}}"#,
            [(#"{"a": "ab"}"#, true), (#"{"a": "xa"}"#, true), (#"{"a": "ba"}"#, false)]),
        FilterCase.table(#"{"a": {"$regex": "[$]"}}"#, [(#"{"a": "a$b"}"#, true), (#"{"a": "ab"}"#, false)]),
        FilterCase.table(#"{"a": {"$regex": "\\$"}}"#, [(#"{"a": "5$"}"#, true), (#"{"a": "5"}"#, false)]),
        FilterCase.table(
            #"{"a": {"$regex": "café"}}"#, [(#"{"a": "un café noir"}"#, true), (#"{"a": "un cafe noir"}"#, false)]),
        FilterCase.table(
            #"{"a": {"$regex": "^ZV"}}"#,
            [(#"{"a": "ZV1"}"#, true), (#"{"a": "AZV"}"#, false), (#"{"a": "Z"}"#, false)]),
        FilterCase.table(
            #"{"a": {"$regex": ""}}"#, [(#"{"a": "x"}"#, true), (#"{"a": ""}"#, true), (#"{"a": 5}"#, false)]),
        FilterCase.table(#"{"a": {"$regex": "^"}}"#, [(#"{"a": ""}"#, true)]),
        FilterCase.table(#"{"a": {"$regex": "a+b"}}"#, [(#"{"a": "xaab"}"#, true), (#"{"a": "a+b"}"#, false)]),
        FilterCase.table(#"{"a": {"$regex": "a\\+b"}}"#, [(#"{"a": "a+b"}"#, true)]),
        FilterCase.table(#"{"a.b": {"$regex": "^x"}}"#, [(#"{"a": [{"b": "y"}, {"b": "xy"}]}"#, true)]),
    ].flatMap { $0 }

    static let modulo: [FilterCase] = [
        FilterCase.table(
            #"{"a": {"$mod": [4, 0]}}"#,
            [
                (#"{"a": 8}"#, true), (#"{"a": 9}"#, false), (#"{"a": 8.9}"#, true), (#"{"a": -8}"#, true),
                (#"{"a": "8"}"#, false),
                (#"{}"#, false), (#"{"a": [1, 8]}"#, true), (#"{"a": {"$numberLong": "12"}}"#, true),
                (#"{"a": {"$numberDecimal": "8"}}"#, true), (#"{"a": {"$numberDouble": "NaN"}}"#, false),
                (#"{"a": {"$numberDouble": "Infinity"}}"#, false),
            ]),
        FilterCase.table(#"{"a": {"$mod": [4, 1]}}"#, [(#"{"a": -7}"#, false), (#"{"a": 5}"#, true)]),
        FilterCase.table(#"{"a": {"$mod": [4, -3]}}"#, [(#"{"a": -7}"#, true)]),
        FilterCase.table(#"{"a": {"$mod": [-1, 0]}}"#, [(#"{"a": {"$numberLong": "-9223372036854775808"}}"#, true)]),
        FilterCase.table(#"{"a": {"$mod": [2.5, 1]}}"#, [(#"{"a": 5}"#, true), (#"{"a": 4}"#, false)]),
    ].flatMap { $0 }

    static let expressions: [FilterCase] = [
        FilterCase.table(
            #"{"$expr": "$flag"}"#, [(#"{"flag": true}"#, true), (#"{"flag": 0}"#, false), (#"{}"#, false)]),
        FilterCase.table(
            #"{"$expr": "$a.b"}"#,
            [(#"{"a": {"b": "x"}}"#, true), (#"{"a": {"b": null}}"#, false), (#"{"a": [{"b": 0}]}"#, true)]),
        FilterCase.table(#"{"$expr": {"$literal": 0}}"#, [(#"{}"#, false)]),
        FilterCase.table(#"{"$expr": [0]}"#, [(#"{}"#, true)]),
        FilterCase.table(#"{"$expr": "$$ROOT"}"#, [(#"{}"#, true)]),
        FilterCase.table(
            #"{"a": 1, "$expr": "$b"}"#,
            [(#"{"a": 1, "b": 1}"#, true), (#"{"a": 1, "b": 0}"#, false), (#"{"b": 1}"#, false)]),
        FilterCase.table(
            #"{"$or": [{"$expr": "$b"}, {"c": 1}]}"#,
            [(#"{"c": 1}"#, true), (#"{"b": {"$numberDecimal": "0"}}"#, false)]),
    ].flatMap { $0 }

    @Test("$regex and regular expression values, with i, m, s, x", arguments: regexes)
    func regexMatches(row: FilterCase) throws {
        #expect(try row.run() == row.expected)
    }

    @Test("$mod truncates toward zero; the remainder takes the dividend's sign", arguments: modulo)
    func modMatches(row: FilterCase) throws {
        #expect(try row.run() == row.expected)
    }

    @Test("$expr: truthiness of the expression on the document", arguments: expressions)
    func exprMatches(row: FilterCase) throws {
        #expect(try row.run() == row.expected)
    }

    @Test("$expr sees the matched document even when the context was built for another")
    func exprUsesTheMatchedDocument() throws {
        let filter = try QueryFilter(try ExtendedJSON.parseDocument(#"{"$expr": "$flag"}"#))
        var context = EvaluationContext(root: try ExtendedJSON.parseDocument(#"{"flag": false}"#))
        #expect(try filter.matches(try ExtendedJSON.parseDocument(#"{"flag": 1}"#), &context))
        #expect(context.root["flag"] == .bool(false))
    }

    @Test(
        "Evaluation operator errors carry the server's messages",
        arguments: [
            FilterErrorCase(#"{"$expr": {"$nosuch": 1}}"#, "Unrecognized expression '$nosuch'"),
            FilterErrorCase(#"{"$expr": "$$nope"}"#, "Use of undefined variable: nope"),
            FilterErrorCase(#"{"a": {"$regex": 5}}"#, "$regex has to be a string"),
            FilterErrorCase(#"{"a": {"$options": "i"}}"#, "$options needs a $regex"),
            FilterErrorCase(#"{"a": {"$regex": "a", "$options": 1}}"#, "$options has to be a string"),
            FilterErrorCase(#"{"a": {"$regex": "a", "$options": "z"}}"#, "invalid flag in regex options: z"),
            FilterErrorCase(
                #"{"a": {"$regex": {"$regularExpression": {"pattern": "a", "options": "i"}}, "$options": "m"}}"#,
                "options set in both $regex and $options"),
            FilterErrorCase(#"{"a": {"$mod": 4}}"#, "malformed mod, needs to be an array"),
            FilterErrorCase(#"{"a": {"$mod": [4]}}"#, "malformed mod, not enough elements"),
            FilterErrorCase(#"{"a": {"$mod": [4, 1, 2]}}"#, "malformed mod, too many elements"),
            FilterErrorCase(#"{"a": {"$mod": ["a", 1]}}"#, "malformed mod, divisor not a number"),
            FilterErrorCase(#"{"a": {"$mod": [4, "b"]}}"#, "malformed mod, remainder not a number"),
            FilterErrorCase(#"{"a": {"$mod": [0, 1]}}"#, "divisor cannot be 0"),
        ])
    func errors(row: FilterErrorCase) throws {
        #expect(try row.compileError() == row.message)
    }

    @Test("An invalid pattern is rejected at compile time")
    func invalidPattern() throws {
        let message = try FilterErrorCase(#"{"a": {"$regex": "a("}}"#, "").compileError()
        #expect(message?.hasPrefix("Regular expression is invalid: ") == true)
    }
}
