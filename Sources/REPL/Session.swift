import Formatting
import Foundation
import Interpreter
import ShellAPI
import Synchronization

/// Runs the shell: the interactive prompt on libedit, statements piped on stdin, `--eval` code and
/// `--file` scripts. Results go to stdout, diagnostics to stderr.
///
/// Not thread-safe: use from one task.
package final class Session {
    package let shell: Shell
    let renderer: OutputRenderer
    let output: TextSink
    let errors: TextSink
    /// Whether the session reads statements from a person (the prompt or piped stdin) rather than running
    /// `--eval`/`--file` scripts; `isInteractive()` returns it.
    package var isInteractive = false

    package init(shell: Shell, colors: Bool, output: TextSink = .standardOutput, errors: TextSink = .standardError) {
        self.shell = shell
        self.renderer = OutputRenderer(colors: colors)
        self.output = output
        self.errors = errors
        installPrintFunctions()
        shell.documentPrinter = { [output, renderer] document in
            output.write(renderer.renderFull(.object(BSONBridge.jsObject(from: document)), options: .printjson) + "\n")
        }
        shell.textPrinter = { [output] text in output.write(text + "\n") }
    }

    private func installPrintFunctions() {
        let interpreter = shell.interpreter
        let print = JSValue.makeFunction(name: "print") { [output] call in
            output.write(Inspector.printForm(call.arguments) + "\n")
            return .undefined
        }
        interpreter.defineGlobal("print", print)
        // mongosh maps console.log/info/warn/error/debug to print.
        let console = JSObject.makeObject(["log", "info", "warn", "error", "debug"].map { ($0, print) })
        interpreter.defineGlobal("console", .object(console))
        interpreter.defineGlobal(
            "isInteractive",
            .makeFunction(name: "isInteractive") { [weak self] _ in .bool(self?.isInteractive ?? false) })
        interpreter.defineGlobal(
            "printjson",
            .makeFunction(name: "printjson") { [output, renderer] call in
                let text = call.arguments.map { renderer.renderFull($0, options: .printjson) }.joined(separator: " ")
                output.write(text + "\n")
                return .undefined
            })
        for name in ["exit", "quit"] {
            interpreter.defineGlobal(
                name,
                .makeFunction(name: name) { call in
                    var code: Int32 = 0
                    if case .number(let n) = call.argument(0), n.isFinite { code = Int32(clamping: Int(n)) }
                    throw ExitRequest(code: code)
                })
        }
    }

    /// Evaluates one complete input and prints its result or its error; returns the exit code when the
    /// input asked to leave (`exit`), else nil.
    func evaluateAndPrint(_ input: String, fileName: String) -> Int32? {
        do {
            let result = try withInterruptWatch { try shell.evaluate(input, fileName: fileName) }
            if case .changeStream(let stream) = result { try printEvents(stream) }
            if let text = renderer.render(result) { output.write(text + "\n") }
        } catch {
            if let request = ExitRequest.carried(by: error) { return request.code }
            errors.write(
                ErrorReport.render(error, source: input, fileName: fileName, withLocation: input.contains("\n")) + "\n")
        }
        return nil
    }

    /// Whether `text` is a whole input, or needs more lines (an open bracket, an unterminated string).
    func isIncomplete(_ text: String) -> Bool {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return false }
        do {
            _ = try shell.interpreter.parse(text, fileName: "<repl>")
            return false
        } catch {
            return error.isIncomplete
        }
    }

    /// Runs `body` while Ctrl-C sets the interpreter's interrupt flag (a watcher thread copies the signal
    /// handler's flag into it every 20 ms).
    ///
    /// Script code stops at its next step. A server call already under way cannot be stopped that way (the
    /// libmongoc call blocks until the server answers or the socket times out), so a second Ctrl-C while the
    /// first is still unanswered quits spsh with status 130, saying why, rather than leave the user stuck.
    func withInterruptWatch<T>(_ body: () throws -> T) rethrows -> T {
        InterruptSignal.clear()
        let flag = shell.interpreter.interruptFlag
        let done = DoneFlag()
        let watcher = Thread {
            while !done.value.load(ordering: .acquiring) {
                if InterruptSignal.isPending { flag.set() }
                if InterruptSignal.pressCount >= 2, !done.value.load(ordering: .acquiring) {
                    Self.quitStuck()
                }
                usleep(20_000)
            }
        }
        watcher.start()
        defer { done.value.store(true, ordering: .releasing) }
        return try body()
    }
}

extension Session {
    /// Leaves at once, from the watcher thread, while the main thread is blocked in a server call: `_exit`, since
    /// `exit` would run clean-up that may wait on locks the blocked call holds. History is already on disk (it is
    /// appended as each line is entered).
    fileprivate static func quitStuck() -> Never {
        let message = "\nspsh: interrupted twice while waiting for the server; quitting\n"
        _ = message.utf8CString.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
        shm_unlink("/mongoc-\(getpid())")  // what libmongoc's clean-up at exit would remove
        _exit(130)
    }
}

final class DoneFlag: Sendable {
    let value = Atomic<Bool>(false)
}

/// Where text goes: stdout, stderr, or a buffer in tests.
package final class TextSink: @unchecked Sendable {
    // Safe: the handle's writes are atomic per call and the buffer is only used from one task in tests.
    private let handle: FileHandle?
    package private(set) var buffer = ""

    package init(handle: FileHandle?) { self.handle = handle }

    package static let standardOutput = TextSink(handle: .standardOutput)
    package static let standardError = TextSink(handle: .standardError)
    package static func capture() -> TextSink { TextSink(handle: nil) }

    package func write(_ text: String) {
        if let handle { handle.write(Data(text.utf8)) } else { buffer += text }
    }
}
