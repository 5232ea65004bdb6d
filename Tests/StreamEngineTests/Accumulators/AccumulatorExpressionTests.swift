import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

/// The expression forms of the accumulators (`{$sum: [...]}`, `{$first: <array>}`, …).
@Suite("Accumulator expressions", .tags(.small))
struct AccumulatorExpressionTests {
    private func evaluate(_ expression: String, on document: String) throws -> BSONValue? {
        var compiler = ExpressionCompiler()
        let compiled = try compiler.compile(try ExtendedJSON.parse(expression))
        var context = EvaluationContext(root: try ExtendedJSON.parseDocument(document))
        return try compiled.evaluate(&context)
    }

    @Test(
        "Array and variadic forms",
        arguments: [
            (#"{"$sum": "$a"}"#, "3"),
            (#"{"$sum": ["$x", "$y", "$missing", "$s"]}"#, "3.5"),
            (#"{"$sum": ["$a", 1]}"#, "1"),
            (#"{"$avg": "$a"}"#, "1.0"),
            (#"{"$avg": "$s"}"#, "null"),
            (#"{"$min": "$a"}"#, "0"),
            (#"{"$max": ["$x", "$y", "$s"]}"#, #""t""#),
            (#"{"$stdDevPop": "$a"}"#, "0.816496580927726"),
            (#"{"$stdDevSamp": "$x"}"#, "null"),
            (#"{"$median": {"input": "$a", "method": "approximate"}}"#, "1.0"),
            (#"{"$firstN": {"input": "$a", "n": 2}}"#, "[0, 1]"),
            (#"{"$lastN": {"input": "$a", "n": 2}}"#, "[1, 2]"),
            (#"{"$maxN": {"input": "$a", "n": 2}}"#, "[2, 1]"),
            (#"{"$minN": {"input": "$a", "n": 2}}"#, "[0, 1]"),
            (#"{"$minN": {"input": "$missing", "n": 2}}"#, "null"),
        ])
    func forms(expression: String, expected: String) throws {
        let result = try evaluate(expression, on: #"{"a": [0, 1, 2], "x": 1, "y": 2.5, "s": "t", "e": []}"#)
        #expect(result == (try ExtendedJSON.parse(expected)), "\(expression): got \(String(describing: result))")
    }
}
