import Foundation
import Interpreter
import ShellAPI

extension Session {
    /// A session for a person: the rc file (nil with `--norc`), then the prompt on a terminal or the
    /// statements piped on stdin. `isInteractive()` is true throughout. Returns the exit status.
    package func runForPerson(rcFile: URL?, terminal: Bool) -> Int32 {
        isInteractive = true
        if let rcFile {
            let outcome = runRCFile(at: rcFile)
            if outcome != .completed { return outcome.status }
        }
        return terminal ? runInteractive(historyFile: HistoryFile(url: HistoryFile.defaultURL())) : runPiped()
    }

    /// The interactive prompt: `<db>> `, `... ` while input is incomplete, history in `historyFile`.
    /// Returns the exit status (0 on Ctrl-D, `exit` or `quit`).
    package func runInteractive(historyFile: HistoryFile) -> Int32 {
        InterruptSignal.install()
        guard let editor = LineEditor(programName: "spsh", historySize: historyFile.limit) else {
            errors.write("spsh: cannot start line editing; reading plain lines\n")
            return runPiped()
        }
        var entries = historyFile.load()
        for entry in entries { editor.addHistory(HistoryEntry.singleLine(entry, parses: parses)) }
        editor.complete = { [shell] line in Completer(shell: shell).complete(line: line) }
        var pending = ""
        defer { try? historyFile.save(entries) }
        while true {
            let prompt = pending.isEmpty ? shell.prompt : "... "
            switch editor.readLine(prompt: prompt) {
            case .endOfInput:
                output.write("\n")
                return 0
            case .interrupted:
                output.write("\n")
                pending = ""
            case .line(let line):
                pending += pending.isEmpty ? line : "\n" + line
                if isIncomplete(pending) { continue }
                let input = pending
                pending = ""
                if input.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                if !HistoryFile.mayHoldSecret(input) {
                    entries.append(input)
                    if entries.count > historyFile.limit { entries.removeFirst(entries.count - historyFile.limit) }
                    editor.addHistory(HistoryEntry.singleLine(input, parses: parses))
                    try? historyFile.save(entries)  // before running it: a crash or a forced quit keeps it
                }
                if let code = evaluateAndPrint(input, fileName: "<repl>") { return code }
            }
        }
    }

    /// Statements from a non-terminal stdin, evaluated and printed as the prompt would, without prompts.
    package func runPiped(_ readLine: () -> String? = { Swift.readLine(strippingNewline: true) }) -> Int32 {
        var pending = ""
        while let line = readLine() {
            pending += pending.isEmpty ? line : "\n" + line
            if isIncomplete(pending) { continue }
            let input = pending
            pending = ""
            if input.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { continue }
            if let code = evaluateAndPrint(input, fileName: "<stdin>") { return code }
        }
        if !pending.isEmpty, let code = evaluateAndPrint(pending, fileName: "<stdin>") { return code }
        return 0
    }

    private func parses(_ text: String) -> Bool {
        (try? shell.interpreter.parse(text, fileName: "<history>")) != nil
    }
}

/// Multi-line inputs become one history line, as mongosh stores them.
enum HistoryEntry {
    /// Joins the lines of `entry` with a space where the statement goes on and `; ` where a line ended one,
    /// when the result still parses; otherwise keeps the entry as it is.
    static func singleLine(_ entry: String, parses: (String) -> Bool) -> String {
        let lines = entry.split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard lines.count > 1 else { return lines.first ?? entry }
        var joined = lines[0]
        for line in lines.dropFirst() {
            let continues =
                "{[(,.+-*/=&|?:!<>".contains(joined.last ?? ";")
                || ".)]},?:+*/=&|".contains(line.first ?? ";") || joined.hasSuffix(";")
            joined += continues ? " " + line : "; " + line
        }
        return parses(joined) ? joined : entry
    }
}
