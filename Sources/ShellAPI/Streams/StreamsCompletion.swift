/// Tab completion after `sp`, which mongosh leaves at method names: here processor names complete too, as
/// `sp.kafka_stock_trade_processor` or, when the name is not an identifier, `sp["Kafka stock trade processor"]`.
///
/// | line ends with | word replaced | candidates |
/// | --- | --- | --- |
/// | `sp.<p>` | `sp.<p>` | `sp.<method>`, `sp.<name>` or `sp["<name>"]` |
/// | `sp["<p>` / `sp['<p>` | the same | `sp["<name>"]` (the quote the user typed) |
/// | `sp.<name>.<p>`, `sp["…"].<p>` | `<p>` | the processor methods |
/// | `sp.getProcessor('<p>` | `'<p>` | `'<name>')`; `getConnection` and `dropConnection` complete connection names |
///
/// Candidates match case-insensitively, so the word may be replaced rather than extended (the REPL's line
/// editor does either). Pure: the names arrive as arguments.
package enum StreamsCompletion {
    /// The word and candidates for `line` (the text up to the cursor), or nil when it is not an `sp` context.
    package static func complete(
        line: String, methods: [String], processorMethods: [String], processorNames: () -> [String],
        connectionNames: () -> [String]
    ) -> (word: String, candidates: [String])? {
        if let match = line.firstMatch(of: /(?:^|[^\w$.])(sp\.([\w$]*))$/) {
            let prefix = String(match.output.2)
            let names = processorNames().filter { !$0.hasPrefix("_") && !methods.contains($0) }
            let all = methods.map { "sp." + $0 } + names.map(expression(for:))
            let candidates = all.filter { key(of: $0).lowercased().hasPrefix(prefix.lowercased()) }
            return (String(match.output.1), sorted(candidates, except: String(match.output.1)))
        }
        if let match = line.firstMatch(of: /(?:^|[^\w$.])(sp\[(["'])([^"'\\]*))$/) {
            let quote = String(match.output.2)
            let prefix = String(match.output.3)
            let candidates = processorNames().filter { $0.lowercased().hasPrefix(prefix.lowercased()) }.map {
                "sp[" + quoted($0, quote: quote) + "]"
            }
            return (String(match.output.1), candidates.sorted())
        }
        if let match = line.firstMatch(
            of: /(?:^|[^\w$.])sp(?:\.[\w$]+|\[(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\])\.([\w$]*)$/)
        {
            let prefix = String(match.output.1)
            let candidates = processorMethods.filter { $0.lowercased().hasPrefix(prefix.lowercased()) }
            return (prefix, sorted(candidates, except: prefix))
        }
        if let match = line.firstMatch(
            of: /(?:^|[^\w$.])sp\.(getProcessor|getConnection|dropConnection)\(\s*((["'])([^"'\\]*))$/)
        {
            let quote = String(match.output.3)
            let prefix = String(match.output.4)
            let names = match.output.1 == "getProcessor" ? processorNames() : connectionNames()
            let candidates = names.filter { $0.lowercased().hasPrefix(prefix.lowercased()) }.map {
                quoted($0, quote: quote) + ")"
            }
            return (String(match.output.2), candidates.sorted())
        }
        return nil
    }

    /// `sp.name` when `name` is a plain identifier, else `sp["name"]`.
    static func expression(for name: String) -> String {
        isIdentifier(name) ? "sp." + name : "sp[" + quoted(name, quote: "\"") + "]"
    }

    /// A JavaScript identifier (ASCII letters, digits, `_`, `$`; not starting with a digit).
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || "0123456789_$".unicodeScalars.contains($0))
        }
    }

    /// A string literal of `text` in `quote`s, escaping the quote and backslashes.
    static func quoted(_ text: String, quote: String) -> String {
        var literal = quote
        for character in text {
            if character == "\\" || String(character) == quote { literal.append("\\") }
            literal.append(character)
        }
        return literal + quote
    }

    /// The part of a `sp.` candidate that the typed prefix is compared with: the member or the name.
    private static func key(of candidate: String) -> String {
        if candidate.hasPrefix("sp.") { return String(candidate.dropFirst(3)) }
        return String(candidate.dropFirst(4).dropLast(2))  // sp["…"]
    }

    private static func sorted(_ candidates: [String], except word: String) -> [String] {
        candidates.filter { $0 != word }.sorted()
    }
}
