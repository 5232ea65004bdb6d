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
        case let error as any JSErrorConvertible:
            return "\(error.jsErrorName): \(error.jsErrorMessage)"
        default:
            return "Error: \(error)"
        }
    }

    /// The headline, then `    at file:line:col`, the source line and a caret: when `withLocation`, and
    /// always when the error happened in another file than `fileName` (a file that `load()` ran), whose
    /// line is then read from that file.
    package static func render(_ error: any Error, source: String?, fileName: String, withLocation: Bool) -> String {
        var text = headline(error)
        guard let (errorFile, range) = location(of: error) else { return text + details(error) }
        let file = errorFile ?? fileName
        let elsewhere = file != fileName
        guard withLocation || elsewhere else { return text + details(error) }
        text += "\n    at \(file):\(range.start.line):\(range.start.column)"
        let fileSource = elsewhere ? try? ScriptFile.read(file) : source
        if let fileSource, let line = sourceLine(fileSource, number: range.start.line) {
            text += "\n    \(line)\n    " + String(repeating: " ", count: max(0, range.start.column - 1)) + "^"
        }
        return text + details(error)
    }

    /// The lines mongosh adds under a server error (`format-output.ts`): `Additional information:` for the
    /// server's `errInfo` (why a document failed validation), `Result:`, `Write Errors:` and `Violations:`.
    static func details(_ error: any Error) -> String {
        let properties: [(String, JSValue)]
        switch error {
        case let error as ScriptError:
            if let underlying = error.underlying { return details(underlying) }
            guard case .object(let object)? = error.thrownValue else { return "" }
            properties = object.ownKeys.compactMap { key in object.ownProperty(key).map { (key, $0) } }
        case let error as any JSErrorConvertible:
            properties = error.jsErrorProperties
        default:
            return ""
        }
        let labels = [
            ("errInfo", "Additional information"), ("result", "Result"), ("writeErrors", "Write Errors"),
            ("violations", "Violations"),
        ]
        var text = ""
        for (key, label) in labels {
            guard let value = properties.first(where: { $0.0 == key })?.1, !value.isUndefined else { continue }
            text += "\n\(label): " + Inspector.inspect(value, options: .shell)
        }
        return text
    }

    /// `Name: message` and `    at file:line:col`, as a JavaScript `stack` reads.
    package static func stack(_ error: any Error, fileName: String) -> String {
        guard let (file, range) = location(of: error) else { return headline(error) }
        return headline(error) + "\n    at \(file ?? fileName):\(range.start.line):\(range.start.column)"
    }

    /// Where the error points: its file (nil when it is the input being run) and range.
    private static func location(of error: any Error) -> (String?, SourceRange)? {
        switch error {
        case let error as ScriptError:
            if let loaded = error.underlying as? LoadedFileSyntaxError {
                return (loaded.fileName, loaded.syntaxError.range)
            }
            return (error.fileName.isEmpty ? nil : error.fileName, error.range)
        case let error as LoadedFileSyntaxError: return (error.fileName, error.syntaxError.range)
        case let error as SyntaxError: return (nil, error.range)
        default: return nil
        }
    }

    private static func sourceLine(_ source: String, number: Int) -> String? {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard number >= 1, number <= lines.count else { return nil }
        return String(lines[number - 1])
    }
}
