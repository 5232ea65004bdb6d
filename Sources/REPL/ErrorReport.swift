import Formatting
import Interpreter
import ShellAPI

/// How an error reads to the user: `Name: message`, then for scripts where it happened and the source line
/// with a caret. Server errors keep their code name: `MongoServerError[DuplicateKey]: ...`.
package enum ErrorReport {
    /// The one-line head: `ReferenceError: x is not defined`.
    package static func headline(_ error: any Error) -> String {
        switch error {
        case let error as ScriptError:
            if let underlying = error.underlying { return headline(underlying) }
            // A thrown value that is not an Error (`throw 5`) has no name; Node shows it as `Uncaught 5`.
            return error.name.isEmpty ? "Uncaught \(error.message)" : "\(error.name): \(error.message)"
        case let error as SyntaxError:
            return "SyntaxError: \(error.message)"
        case let error as ShellError:
            return "\(error.name): \(error.codedMessage)"
        case let error as any ServerErrorDescribing:
            let code = error.codeName.map { "[\($0)]" } ?? ""
            return "\(error.errorName)\(code): \(error.errorMessage)"
        default:
            return "Error: \(error)"
        }
    }

    /// The headline, and, when `withLocation`, `    at file:line:col` plus the source line and a caret.
    package static func render(_ error: any Error, source: String?, fileName: String, withLocation: Bool) -> String {
        var text = headline(error)
        guard withLocation, let range = location(of: error) else { return text }
        text += "\n    at \(fileName):\(range.start.line):\(range.start.column)"
        if let source, let line = sourceLine(source, number: range.start.line) {
            text += "\n    \(line)\n    " + String(repeating: " ", count: max(0, range.start.column - 1)) + "^"
        }
        return text
    }

    private static func location(of error: any Error) -> SourceRange? {
        switch error {
        case let error as ScriptError: return error.range
        case let error as SyntaxError: return error.range
        default: return nil
        }
    }

    private static func sourceLine(_ source: String, number: Int) -> String? {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard number >= 1, number <= lines.count else { return nil }
        return String(lines[number - 1])
    }
}
