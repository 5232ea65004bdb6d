import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

/// One table per accumulator (§11.3): each row is the accumulator spec, the documents and the expected result
/// (Extended JSON, so types are checked: `{"$numberLong": "3"}` is an Int64, `3` an Int32, `3.0` a Double).
@Suite("Accumulators", .tags(.small))
struct AccumulatorTests {
    private func check(_ spec: String, _ documents: String, _ expected: String) throws {
        let outcome = try AccumulatorRun.run(spec, over: documents)
        let want = try ExtendedJSON.parse(expected)
        #expect(outcome.direct == want, "\(spec) over \(documents): got \(outcome.direct)")
        #expect(outcome.restored == want, "restored \(spec): got \(outcome.restored)")
        #expect(outcome.merged == want, "merged \(spec): got \(outcome.merged)")
    }

    @Test(
        "$sum: widest type, compensated doubles, Int32 0 for nothing numeric",
        arguments: [
            (#"[{"v": 1}, {"v": 2}]"#, "3"),
            (#"[{"v": 2147483647}, {"v": 1}]"#, #"{"$numberLong": "2147483648"}"#),
            (#"[{"v": {"$numberLong": "1"}}, {"v": 2}]"#, #"{"$numberLong": "3"}"#),
            (
                #"[{"v": {"$numberLong": "9223372036854775807"}}, {"v": {"$numberLong": "1"}}]"#,
                #"{"$numberDouble": "9.223372036854775808E18"}"#
            ),
            ("[" + Array(repeating: #"{"v": 0.1}"#, count: 10).joined(separator: ",") + "]", "1.0"),
            (#"[{"v": 0.1}, {"v": 0.2}, {"v": 0.3}]"#, "0.6"),
            (#"[{"v": 1}, {"v": 2.5}]"#, "3.5"),
            (#"[{"v": "a"}, {"v": null}, {}, {"v": true}, {"v": [1, 2]}]"#, "0"),
            ("[]", "0"),
            (#"[{"v": 1}, {"v": {"$numberDouble": "NaN"}}]"#, #"{"$numberDouble": "NaN"}"#),
            (#"[{"v": {"$numberDecimal": "1.5"}}, {"v": 1}]"#, #"{"$numberDecimal": "2.5"}"#),
            (#"[{"v": -2147483648}, {"v": -1}]"#, #"{"$numberLong": "-2147483649"}"#),
            (
                #"[{"v": {"$numberDecimal": "0.1"}}, {"v": {"$numberDecimal": "0.2"}}, {"v": {"$numberLong": "3"}}]"#,
                #"{"$numberDecimal": "3.3"}"#
            ),
        ])
    func sum(documents: String, expected: String) throws {
        try check(#"{"$sum": "$v"}"#, documents, expected)
    }

    @Test(
        "$sum: 1 and $count: {} count documents as Int32",
        arguments: [(#"{"$sum": 1}"#, "3"), (#"{"$count": {}}"#, "3")])
    func count(spec: String, expected: String) throws {
        try check(spec, #"[{"v": 1}, {}, {"v": null}]"#, expected)
    }

    @Test(
        "$avg: Double, null with no number",
        arguments: [
            (#"[{"v": 2}, {"v": 4}]"#, "3.0"),
            (#"[{"v": 1}, {"v": 2}]"#, "1.5"),
            ("[]", "null"),
            (#"[{"v": "a"}, {"v": null}, {}]"#, "null"),
            (#"[{"v": {"$numberLong": "1"}}, {"v": 2.0}, {"v": "x"}]"#, "1.5"),
            (#"[{"v": {"$numberDecimal": "1"}}, {"v": 2}]"#, #"{"$numberDecimal": "1.5"}"#),
            (#"[{"v": {"$numberDecimal": "0.1"}}, {"v": {"$numberDecimal": "0.2"}}]"#, #"{"$numberDecimal": "0.15"}"#),
        ])
    func average(documents: String, expected: String) throws {
        try check(#"{"$avg": "$v"}"#, documents, expected)
    }

    @Test(
        "$min and $max: null and missing ignored, BSON order across types, original type kept",
        arguments: [
            (
                #"{"$min": "$v"}"#, #"[{"v": 5}, {"v": "a"}, {"v": null}, {"v": {"$date": "2024-01-01T00:00:00Z"}}]"#,
                "5"
            ),
            (
                #"{"$max": "$v"}"#, #"[{"v": 5}, {"v": "a"}, {"v": null}, {"v": {"$date": "2024-01-01T00:00:00Z"}}]"#,
                #"{"$date": "2024-01-01T00:00:00Z"}"#
            ),
            (#"{"$max": "$v"}"#, #"[{"v": 1}, {"v": 2.5}, {"v": {"$numberLong": "3"}}]"#, #"{"$numberLong": "3"}"#),
            (#"{"$min": "$v"}"#, #"[{"v": null}, {}, {"v": 3}]"#, "3"),
            (#"{"$max": "$v"}"#, #"[{"v": null}, {}]"#, "null"),
            (#"{"$min": "$v"}"#, "[]", "null"),
        ])
    func extremum(spec: String, documents: String, expected: String) throws {
        try check(spec, documents, expected)
    }

    @Test(
        "$first and $last: window order, missing gives null",
        arguments: [
            (#"{"$first": "$v"}"#, #"[{}, {"v": 2}]"#, "null"),
            (#"{"$last": "$v"}"#, #"[{}, {"v": 2}]"#, "2"),
            (#"{"$last": "$v"}"#, #"[{"v": 1}, {}]"#, "null"),
            (#"{"$first": "$v"}"#, #"[{"v": "a"}, {"v": "b"}, {"v": "c"}]"#, #""a""#),
            (#"{"$first": "$v"}"#, "[]", "null"),
        ])
    func firstLast(spec: String, documents: String, expected: String) throws {
        try check(spec, documents, expected)
    }

    @Test(
        "$push skips missing; $addToSet keeps distinct values (1, 1.0 and Long(1) are one)",
        arguments: [
            (#"{"$push": "$v"}"#, #"[{"v": 1}, {}, {"v": null}, {"v": "a"}]"#, #"[1, null, "a"]"#),
            (#"{"$push": "$v"}"#, "[]", "[]"),
            (
                #"{"$addToSet": "$v"}"#, #"[{"v": 1}, {"v": 1.0}, {"v": {"$numberLong": "1"}}, {"v": 2}, {}]"#,
                "[1, 2]"
            ),
            (#"{"$addToSet": "$v"}"#, #"[{"v": {"a": 1}}, {"v": {"a": 1.0}}, {"v": null}]"#, #"[{"a": 1}, null]"#),
        ])
    func collections(spec: String, documents: String, expected: String) throws {
        try check(spec, documents, expected)
    }

    @Test(
        "$stdDevPop and $stdDevSamp: numbers only, null when undefined",
        arguments: [
            (#"{"$stdDevPop": "$v"}"#, #"[{"v": 1}, {"v": 2}, {"v": 3}, {"v": 4}, {"v": "x"}]"#, "1.118033988749895"),
            (#"{"$stdDevSamp": "$v"}"#, #"[{"v": 1}, {"v": 2}, {"v": 3}, {"v": 4}]"#, "1.2909944487358056"),
            (#"{"$stdDevSamp": "$v"}"#, #"[{"v": 1}]"#, "null"),
            (#"{"$stdDevPop": "$v"}"#, #"[{"v": 7}]"#, "0.0"),
            (#"{"$stdDevPop": "$v"}"#, "[]", "null"),
        ])
    func standardDeviation(spec: String, documents: String, expected: String) throws {
        try check(spec, documents, expected)
    }

    @Test(
        "$median and $percentile",
        arguments: [
            (
                #"{"$median": {"input": "$v", "method": "approximate"}}"#,
                #"[{"v": 5}, {"v": 1}, {"v": 3}, {"v": 2}, {"v": 4}]"#, "3.0"
            ),
            (
                #"{"$percentile": {"input": "$v", "p": [0.5, 0.9, 0], "method": "approximate"}}"#,
                #"[{"v": 1}, {"v": 2}, {"v": 3}, {"v": 4}, {"v": 5}, {"v": 6}, {"v": 7}, {"v": 8}, {"v": 9}, {"v": 10}]"#,
                "[5.0, 9.0, 1.0]"
            ),
            (
                #"{"$median": {"input": "$v", "method": "continuous"}}"#,
                #"[{"v": 1}, {"v": 2}, {"v": 3}, {"v": 4}]"#, "2.5"
            ),
            (#"{"$median": {"input": "$v", "method": "approximate"}}"#, #"[{"v": "a"}, {}]"#, "null"),
        ])
    func percentile(spec: String, documents: String, expected: String) throws {
        try check(spec, documents, expected)
    }

    @Test(
        "$top, $bottom, $topN, $bottomN",
        arguments: [
            (#"{"$top": {"sortBy": {"s": 1}, "output": "$v"}}"#, #""a""#),
            (#"{"$bottom": {"sortBy": {"s": 1}, "output": "$v"}}"#, #""c""#),
            (#"{"$top": {"sortBy": {"s": -1}, "output": "$v"}}"#, #""c""#),
            (#"{"$topN": {"sortBy": {"s": 1}, "output": "$v", "n": 2}}"#, #"["a", "b"]"#),
            (#"{"$bottomN": {"sortBy": {"s": 1}, "output": "$v", "n": 2}}"#, #"["b", "c"]"#),
            (#"{"$topN": {"sortBy": {"s": 1}, "output": "$w", "n": 5}}"#, "[null, null, null]"),
        ])
    func topBottom(spec: String, expected: String) throws {
        try check(spec, #"[{"s": 3, "v": "c"}, {"s": 1, "v": "a"}, {"s": 2, "v": "b"}]"#, expected)
    }

    @Test(
        "$firstN, $lastN, $maxN, $minN and $mergeObjects",
        arguments: [
            (#"{"$firstN": {"input": "$v", "n": 2}}"#, #"[{"v": 1}, {}, {"v": 3}]"#, "[1, null]"),
            (#"{"$lastN": {"input": "$v", "n": 2}}"#, #"[{"v": 1}, {}, {"v": 3}]"#, "[null, 3]"),
            (#"{"$maxN": {"input": "$v", "n": 2}}"#, #"[{"v": 3}, {"v": null}, {"v": 1}, {"v": 5}]"#, "[5, 3]"),
            (#"{"$minN": {"input": "$v", "n": 2}}"#, #"[{"v": 3}, {"v": null}, {"v": 1}, {"v": 5}]"#, "[1, 3]"),
            (
                #"{"$mergeObjects": "$v"}"#, #"[{"v": {"a": 1}}, {"v": {"b": 2}}, {"v": null}, {}, {"v": {"a": 3}}]"#,
                #"{"a": 3, "b": 2}"#
            ),
        ])
    func others(spec: String, documents: String, expected: String) throws {
        try check(spec, documents, expected)
    }

    @Test(
        "Bad accumulator specs fail with the server's message",
        arguments: [
            (#"{"$nope": 1}"#, "unknown group operator '$nope'"),
            (#"{"$sum": [1, 2]}"#, "The $sum accumulator is a unary operator"),
            (#"{"$count": 1}"#, "$count takes no arguments, i.e. $count:{}"),
            (#"{"$topN": {"sortBy": {"s": 1}, "output": "$v", "n": 0}}"#, "'n' must be greater than 0, found 0"),
            (#"{"$median": {"input": "$v"}}"#, "BSON field '$median.method' is missing but a required field"),
        ])
    func badSpecs(spec: String, message: String) throws {
        var compiler = ExpressionCompiler()
        #expect {
            _ = try AccumulatorFactory.compile(field: "r", spec: try ExtendedJSON.parse(spec), compiler: &compiler)
        } throws: { error in
            (error as? ExpressionError)?.message == message
        }
    }

    @Test("$mergeObjects rejects a non-object input")
    func mergeObjectsError() throws {
        #expect(throws: ExpressionError.self) {
            try AccumulatorRun.run(#"{"$mergeObjects": "$v"}"#, over: #"[{"v": 1}]"#)
        }
    }
}
