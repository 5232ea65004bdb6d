import BSONCore

@testable import StreamEngine

/// Runs date expressions for the table tests: compiles and evaluates Extended JSON, returning the result as
/// canonical Extended JSON, `missing`, or `error: <message>` (compile or evaluation errors alike).
enum DateTestSupport {
    /// The result of `expression` on `document`.
    static func run(_ expression: String, on document: String = "{}") -> String {
        do {
            var compiler = ExpressionCompiler()
            let compiled = try compiler.compile(try ExtendedJSON.parse(expression))
            var context = EvaluationContext(root: try ExtendedJSON.parseDocument(document))
            guard let value = try compiled.evaluate(&context) else { return "missing" }
            return ExtendedJSON.serialize(value, mode: .canonical)
        } catch let error as ExpressionError {
            return "error: " + error.message
        } catch {
            return "test input does not parse: \(error)"
        }
    }

    /// An expected value written as (relaxed or canonical) Extended JSON, in canonical form; `error: …` as is.
    static func expected(_ text: String) -> String {
        if text.hasPrefix("error: ") || text == "missing" { return text }
        do {
            return ExtendedJSON.serialize(try ExtendedJSON.parse(text), mode: .canonical)
        } catch {
            return "expected value does not parse: \(error)"
        }
    }

    /// `{"$date": "<iso>"}`.
    static func date(_ iso: String) -> String { #"{"$date": "\#(iso)"}"# }
}
