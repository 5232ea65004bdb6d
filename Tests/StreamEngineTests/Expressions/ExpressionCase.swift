import BSONCore
import Testing

@testable import StreamEngine

/// Runs one expression table case: compiles `expression` (Extended JSON), evaluates it on `document`, and checks
/// the result against `expected`: an Extended JSON value compared by exact type through canonical Extended JSON
/// (so Int32, Int64, Double and Decimal128 differ), `missing`, or `error: <message>` for the exact server message
/// of a compile or evaluation error.
enum ExpressionCase {
    /// The outcome as text: canonical Extended JSON, `missing`, or `error: <message>`.
    static func outcome(_ expression: String, on document: String) throws -> String {
        let parsed = try ExtendedJSON.parse(expression)
        let root = try ExtendedJSON.parseDocument(document)
        do {
            var compiler = ExpressionCompiler()
            let compiled = try compiler.compile(parsed)
            var context = EvaluationContext(
                root: root, metadata: StreamMetadata(window: WindowMetadata(start: 1000, end: 2000)), now: { 42 })
            guard let result = try compiled.evaluate(&context) else { return "missing" }
            return ExtendedJSON.serialize(result, mode: .canonical)
        } catch {
            return "error: \(error.message)"
        }
    }

    /// The server error code of the compile or evaluation error `expression` raises on `{}`, or `nil`.
    static func errorCode(_ expression: String) throws -> Int? {
        let parsed = try ExtendedJSON.parse(expression)
        do {
            var compiler = ExpressionCompiler()
            let compiled = try compiler.compile(parsed)
            var context = EvaluationContext(root: BSONDocument())
            _ = try compiled.evaluate(&context)
            return nil
        } catch {
            return error.code
        }
    }

    /// The expected outcome normalised like `outcome`.
    static func expected(_ text: String) throws -> String {
        if text == "missing" || text.hasPrefix("error: ") { return text }
        return ExtendedJSON.serialize(try ExtendedJSON.parse(text), mode: .canonical)
    }

    /// Checks one case.
    static func check(_ expression: String, _ document: String, _ expected: String) throws {
        #expect(try outcome(expression, on: document) == (try Self.expected(expected)), "\(expression) on \(document)")
    }
}
