import Foundation
import Interpreter

/// Evaluates `source` in a fresh interpreter and renders the result for comparison: strings quoted, arrays and
/// objects as JSON, everything else with JavaScript's `String(value)`.
func run(_ source: String, interpreter: Interpreter = Interpreter()) throws -> String {
    render(try interpreter.evaluate(source, fileName: "test.js"))
}

func render(_ value: JSValue) -> String {
    switch value {
    case .string(let string): return "'\(string)'"
    case .object(let object) where object.kind == .array || object.kind == .ordinary:
        let json = Interpreter()
        json.defineGlobal("value", value)
        if let text = try? json.evaluate("JSON.stringify(value)", fileName: "render") { return text.toDisplayString() }
        return value.toDisplayString()
    default: return value.toDisplayString()
    }
}

/// The error `source` raises, as `Name: message`.
func runError(_ source: String, interpreter: Interpreter = Interpreter()) -> String {
    do {
        let value = try interpreter.evaluate(source, fileName: "test.js")
        return "no error: \(value.toDisplayString())"
    } catch let error as ScriptError {
        return error.description
    } catch let error as SyntaxError {
        return "SyntaxError: \(error.message)"
    } catch {
        return "\(error)"
    }
}

/// Splits a source containing one `1️⃣` marker into the source without it and the marker's line and column.
func extractMarker(_ marked: String) -> (source: String, line: Int, column: Int) {
    var line = 1
    var column = 1
    for character in marked {
        if character == "1️⃣" { break }
        if character == "\n" {
            line += 1
            column = 1
        } else {
            column += character.unicodeScalars.count
        }
    }
    return (marked.replacingOccurrences(of: "1️⃣", with: ""), line, column)
}
