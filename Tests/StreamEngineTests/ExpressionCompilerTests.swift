import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

@Suite("Expression compiler core", .tags(.small))
struct ExpressionCompilerTests {
    private func evaluate(_ expression: String, on document: String) throws -> BSONValue? {
        var compiler = ExpressionCompiler()
        let compiled = try compiler.compile(try ExtendedJSON.parse(expression))
        var context = EvaluationContext(root: try ExtendedJSON.parseDocument(document))
        return try compiled.evaluate(&context)
    }

    @Test(
        "Field paths, variables, objects and literals",
        arguments: [
            (#""$a.b""#, #"{"a": {"b": 5}}"#, "5"),
            (#""$a.b""#, #"{"a": [{"b": 1}, {"c": 2}, {"b": 3}]}"#, "[1,3]"),
            (#""$$ROOT.a""#, #"{"a": "x"}"#, #""x""#),
            (#"{"x": "$a", "y": "$missing"}"#, #"{"a": 1}"#, #"{"x":1}"#),
            (#"["$a", "$missing"]"#, #"{"a": 1}"#, "[1,null]"),
            (#"{"$literal": "$a"}"#, #"{"a": 1}"#, #""$a""#),
        ])
    func evaluates(expression: String, document: String, expected: String) throws {
        let result = try evaluate(expression, on: document)
        #expect(result.map { ExtendedJSON.serialize($0, mode: .relaxed) } == expected)
    }

    @Test("A missing path is missing, not null")
    func missingIsNil() throws {
        #expect(try evaluate(#""$nope""#, on: #"{"a": 1}"#) == nil)
    }

    @Test(
        "Compile errors carry the server's message",
        arguments: [
            (#""$$undefinedVar""#, "Use of undefined variable: undefinedVar"),
            (#"{"$nosuch": 1}"#, "Unrecognized expression '$nosuch'"),
            (#""$a..b""#, "FieldPath field names may not be empty strings."),
        ])
    func compileErrors(expression: String, message: String) throws {
        var compiler = ExpressionCompiler()
        #expect(throws: ExpressionError.self) { _ = try compiler.compile(try ExtendedJSON.parse(expression)) }
        do {
            _ = try compiler.compile(try ExtendedJSON.parse(expression))
        } catch let error as ExpressionError {
            #expect(error.message == message)
        }
    }
}
