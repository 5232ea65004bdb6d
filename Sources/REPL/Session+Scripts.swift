import BSONCore
import Foundation
import Interpreter
import ShellAPI

/// How running command-line code (`--eval`, `--file`, the rc file) ended.
package enum ScriptOutcome: Equatable {
    /// It ran to the end.
    case completed
    /// It threw; the error was printed.
    case failed
    /// It called `quit(code)` or `exit(code)`.
    case exited(Int32)

    /// The process exit status: 0, 1 or the code given to `quit`.
    package var status: Int32 {
        switch self {
        case .completed: 0
        case .failed: 1
        case .exited(let code): code
        }
    }
}

/// An error from one `--eval` snippet, with the snippet it came from.
struct EvalFailure: Error {
    var error: any Error
    var source: String
    var fileName: String
}

extension Session {
    /// `--eval` code, then the `--file` scripts in order, as mongosh runs them: the last `--eval` value is
    /// printed in full (as Extended JSON with `json`), script values are not printed, and the first error or
    /// `quit()` ends the run. Returns the exit status.
    package func runScripts(eval sources: [String], files: [String], json: ExtendedJSONMode? = nil) -> Int32 {
        if !sources.isEmpty {
            let outcome = json.map { runEvalAsJSON(sources, mode: $0) } ?? runEval(sources)
            if outcome != .completed { return outcome.status }
        }
        for path in files {
            let outcome = runFile(path)
            if outcome != .completed { return outcome.status }
        }
        return 0
    }

    /// `--eval` code, in order; the last value is printed in full. An error goes to stderr with its place.
    package func runEval(_ sources: [String]) -> ScriptOutcome {
        let last: JSValue
        do {
            last = try evaluateAll(sources)
        } catch {
            if let request = ExitRequest.carried(by: error.error) { return .exited(request.code) }
            errors.write(
                ErrorReport.render(error.error, source: error.source, fileName: error.fileName, withLocation: true)
                    + "\n")
            return .failed
        }
        do {
            let shown = try withInterruptWatch { try shell.present(last) }
            if case .changeStream(let stream) = shown { try printEvents(stream) }
            if case .value(let value, _) = shown {
                output.write(renderer.renderFull(value) + "\n")
            } else if let text = renderer.render(shown) {
                output.write(text + "\n")
            }
        } catch {
            errors.write(ErrorReport.render(error, source: nil, fileName: "<eval>", withLocation: false) + "\n")
            return .failed
        }
        return .completed
    }

    /// `--eval` code with `--json`: the last value as one Extended JSON text on stdout (a cursor as the array
    /// of its documents). An error is printed the same way, as mongosh does (`{ message, stack, name }` and
    /// the error's own fields), and the status is 1.
    package func runEvalAsJSON(_ sources: [String], mode: ExtendedJSONMode) -> ScriptOutcome {
        let value: JSValue
        do {
            value = try evaluateAll(sources)
        } catch {
            if let request = ExitRequest.carried(by: error.error) { return .exited(request.code) }
            writeErrorAsJSON(error.error, fileName: error.fileName, mode: mode)
            return .failed
        }
        do {
            if let text = try withInterruptWatch({ try shell.extendedJSON(of: value, mode: mode) }) {
                output.write(text + "\n")
            }
            return .completed
        } catch {
            writeErrorAsJSON(error, fileName: "<eval>", mode: mode)
            return .failed
        }
    }

    /// Runs a script file; its values are not printed (only `print`/`printjson`). An error goes to stderr
    /// with the file, line, column, source line and caret.
    package func runFile(_ path: String, reportingTo sink: TextSink? = nil) -> ScriptOutcome {
        let errors = sink ?? errors
        let source: String
        do {
            source = try ScriptFile.read(path)
        } catch {
            errors.write(ErrorReport.headline(error) + "\n")
            return .failed
        }
        do {
            _ = try withInterruptWatch {
                try ScriptFile.withFileGlobals(path, in: shell.interpreter) {
                    try shell.interpreter.evaluate(source, fileName: path)
                }
            }
        } catch {
            if let request = ExitRequest.carried(by: error) { return .exited(request.code) }
            errors.write(ErrorReport.render(error, source: source, fileName: path, withLocation: true) + "\n")
            return .failed
        }
        return .completed
    }

    /// Runs the rc file (`~/.spshrc.js`) when it exists, before the prompt. An error in it is reported and
    /// the shell carries on, as mongosh does with `~/.mongoshrc.js`; `quit()` in it ends the shell.
    package func runRCFile(at url: URL, displayName: String = "~/.spshrc.js") -> ScriptOutcome {
        guard FileManager.default.fileExists(atPath: url.path) else { return .completed }
        let report = TextSink.capture()
        let outcome = runFile(url.path, reportingTo: report)
        if outcome == .failed { errors.write("Error while running \(displayName):\n" + report.buffer) }
        return outcome == .failed ? .completed : outcome
    }

    private func evaluateAll(_ sources: [String]) throws(EvalFailure) -> JSValue {
        var last: JSValue = .undefined
        for (index, source) in sources.enumerated() {
            let fileName = sources.count == 1 ? "<eval>" : "<eval \(index + 1)>"
            do {
                last = try withInterruptWatch { try shell.interpreter.evaluate(source, fileName: fileName) }
            } catch {
                throw EvalFailure(error: error, source: source, fileName: fileName)
            }
        }
        return last
    }

    private func writeErrorAsJSON(_ error: any Error, fileName: String, mode: ExtendedJSONMode) {
        let value = Self.errorValue(error, fileName: fileName)
        if let text = try? shell.extendedJSON(of: value, mode: mode) {
            output.write(text + "\n")
        } else {
            errors.write(ErrorReport.headline(error) + "\n")
        }
    }

    /// An error as mongosh's `--json` shows it: the error's own fields, then `message`, `stack` and `name`.
    /// A thrown value that is not an Error (`throw 5`) is shown as it is.
    static func errorValue(_ error: any Error, fileName: String) -> JSValue {
        var fields: [(String, JSValue)] = []
        var name = "Error"
        var message = "\(error)"
        switch error {
        case let error as ScriptError:
            if let thrown = error.thrownValue {
                guard !error.name.isEmpty, case .object(let object) = thrown else { return thrown }
                for key in object.ownKeys where !["message", "stack", "name"].contains(key) {
                    fields.append((key, object.get(key) ?? .undefined))
                }
            } else if let convertible = error.underlying as? any JSErrorConvertible {
                fields = convertible.jsErrorProperties
            }
            (name, message) = (error.name, error.message)
        case let error as SyntaxError:
            (name, message) = ("SyntaxError", error.message)
        case let error as any JSErrorConvertible:
            (name, message) = (error.jsErrorName, error.jsErrorMessage)
            fields = error.jsErrorProperties
        default:
            break
        }
        fields += [
            ("message", .string(message)), ("stack", .string(ErrorReport.stack(error, fileName: fileName))),
            ("name", .string(name)),
        ]
        return .object(JSObject.makeObject(fields))
    }
}
