import ShellAPI

/// Tab completion: the candidates for the word before the cursor. Pure apart from the live names, which
/// come from the shell (collection and database names, fetched once and cached).
struct Completer {
    let shell: Shell

    /// `line` is the text up to the cursor; returns the word being completed and the full candidates for it.
    func complete(line: String) -> (word: String, candidates: [String]) {
        let words = line.split(separator: " ", omittingEmptySubsequences: false)
        if words.count == 2, words[0] == "use" {
            return (String(words[1]), matching(shell.databaseNamesForCompletion(), prefix: String(words[1])))
        }
        if words.count == 2, words[0] == "show" {
            return (
                String(words[1]), matching(["collections", "databases", "dbs", "tables"], prefix: String(words[1]))
            )
        }
        if let streams = shell.streamsCompletion(line: line) { return streams }
        let expression = String(
            line.reversed().prefix(while: { $0.isLetter || $0.isNumber || "_$.".contains($0) }).reversed())
        guard let dot = expression.lastIndex(of: ".") else {
            let names = shell.interpreter.globalNames + ["use", "show", "it", "exit", "quit"]
            return (expression, matching(Array(Set(names)), prefix: expression))
        }
        let base = String(expression[..<dot])
        let word = String(expression[expression.index(after: dot)...])
        return (word, matching(shell.memberNamesForCompletion(of: base), prefix: word))
    }

    private func matching(_ names: [String], prefix: String) -> [String] {
        names.filter { $0.lowercased().hasPrefix(prefix.lowercased()) && $0 != prefix }.sorted()
    }
}
