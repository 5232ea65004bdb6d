/// Prints values the way mongosh does: a port of the layout parts of Node's `util.inspect`
/// (lib/internal/util/inspect.js: `formatValue`, `formatRaw`, `formatProperty`, `reduceToSingleString`,
/// `isBelowBreakLength`, `groupArrayElements`).
///
/// Pure functions of their arguments; safe to call from any task.
package enum Inspector {
    /// Lays out a prepared tree with the given options.
    package static func inspect(_ node: InspectNode, options: InspectOptions) -> String {
        var layout = Layout(options: options)
        return layout.formatValue(node, recurseTimes: 0)
    }
}

/// The state of one `inspect` call: Node's `ctx`.
struct Layout {
    let options: InspectOptions
    var indentationLvl = 0
    /// The depth of the most recently entered container (Node's `ctx.currentDepth`).
    var currentDepth = 0
    /// Identities of the containers being formatted, outermost first.
    var seen: [Int] = []
    /// Circular reference numbers, assigned in the order the references are met.
    var circular: [Int: Int] = [:]

    init(options: InspectOptions) { self.options = options }

    func stylize(_ text: String, _ style: InspectStyle) -> String {
        guard options.colors, let codes = style.ansiCodes else { return text }
        return "\u{1B}[\(codes.open)m\(text)\u{1B}[\(codes.close)m"
    }

    mutating func formatValue(_ node: InspectNode, recurseTimes: Int) -> String {
        switch node {
        case .string(let value): return formatString(value)
        case .number(let text): return stylize(text, .number)
        case .bool(let value): return stylize(value ? "true" : "false", .boolean)
        case .null: return stylize("null", .null)
        case .undefined: return stylize("undefined", .undefined)
        case .regexp(let text): return stylize(text, .regexp)
        case .special(let text): return stylize(text, .special)
        case .function(let name):
            let text = if let name, !name.isEmpty { "[Function: \(name)]" } else { "[Function (anonymous)]" }
            return stylize(text, .special)
        case .printed(let segments):
            var text = ""
            for segment in segments { text += stylize(segment.text, segment.style) }
            guard StringEscaping.hasNewline(text) else { return text }
            return StringEscaping.indentingNewlines(text, by: indentationLvl)
        case .circular(let identity):
            let index: Int
            if let known = circular[identity] {
                index = known
            } else {
                index = circular.count + 1
                circular[identity] = index
            }
            return stylize("[Circular *\(index)]", .special)
        case .object(let entries, let prefix, let identity):
            return formatObject(entries, prefix: prefix, identity: identity, recurseTimes: recurseTimes)
        case .array(let elements, let extra, let identity):
            return formatArray(elements, extra: extra, identity: identity, recurseTimes: recurseTimes)
        }
    }

    private func isPastDepth(_ recurseTimes: Int) -> Bool {
        guard let depth = options.depth else { return false }
        return recurseTimes > depth
    }

    private mutating func formatObject(
        _ entries: [InspectEntry], prefix: String, identity: Int?, recurseTimes: Int
    ) -> String {
        let open = prefix.isEmpty ? "{" : "\(prefix) {"
        if entries.isEmpty { return "\(open)}" }
        if isPastDepth(recurseTimes) { return stylize("[\(prefix.isEmpty ? "Object" : prefix)]", .special) }
        let depth = recurseTimes + 1
        enter(identity, depth: depth)
        var output: [String] = []
        output.reserveCapacity(entries.count)
        for entry in entries { output.append(formatProperty(entry, recurseTimes: depth)) }
        let base = leave(identity)
        return reduceToSingleString(
            output, base: base, open: open, close: "}", array: nil, recurseTimes: depth)
    }

    private mutating func formatArray(
        _ elements: [InspectNode], extra: [InspectEntry], identity: Int?, recurseTimes: Int
    ) -> String {
        if elements.isEmpty && extra.isEmpty { return "[]" }
        if isPastDepth(recurseTimes) { return stylize("[Array]", .special) }
        let depth = recurseTimes + 1
        enter(identity, depth: depth)
        let shown = min(elements.count, options.maxArrayLength ?? Int.max)
        var output: [String] = []
        output.reserveCapacity(shown + extra.count + 1)
        for index in 0..<shown {
            indentationLvl += 2
            output.append(formatValue(elements[index], recurseTimes: depth))
            indentationLvl -= 2
        }
        let remaining = elements.count - shown
        if remaining > 0 { output.append("... \(remaining) more item\(remaining > 1 ? "s" : "")") }
        for entry in extra { output.append(formatProperty(entry, recurseTimes: depth)) }
        let base = leave(identity)
        return reduceToSingleString(
            output, base: base, open: "[", close: "]", array: elements, recurseTimes: depth)
    }

    private mutating func enter(_ identity: Int?, depth: Int) {
        if let identity { seen.append(identity) }
        currentDepth = depth
    }

    /// Pops the container and returns its `<ref *n>` marker if something pointed back at it.
    private mutating func leave(_ identity: Int?) -> String {
        guard let identity else { return "" }
        seen.removeLast()
        guard let index = circular[identity] else { return "" }
        return stylize("<ref *\(index)>", .special)
    }

    private mutating func formatProperty(_ entry: InspectEntry, recurseTimes: Int) -> String {
        indentationLvl += 2
        let value = formatValue(entry.value, recurseTimes: recurseTimes)
        indentationLvl -= 2
        let name =
            if entry.key == "__proto__" {
                "['__proto__']"
            } else if StringEscaping.isIdentifierKey(entry.key) {
                entry.key
            } else {
                stylize(StringEscaping.quote(entry.key), .string)
            }
        return "\(name): \(value)"
    }

    /// Node's `formatPrimitive` for strings: length limit, then long strings split after each newline.
    private func formatString(_ string: String) -> String {
        var value = string
        var trailer = ""
        let length = string.utf16.count
        if let limit = options.maxStringLength, length > limit {
            let remaining = length - limit
            value = StringEscaping.prefix(string, utf16Count: limit)
            trailer = "... \(remaining) more character\(remaining > 1 ? "s" : "")"
        }
        let valueLength = value.utf16.count
        if valueLength > 16 && valueLength > options.breakLength - indentationLvl - 4
            && StringEscaping.hasNewline(value)
        {
            let separator = " +\n" + String(repeating: " ", count: indentationLvl + 2)
            return StringEscaping.linesKeepingNewlines(value)
                .map { stylize(StringEscaping.quote($0), .string) }
                .joined(separator: separator) + trailer
        }
        return stylize(StringEscaping.quote(value), .string) + trailer
    }

    /// Node's `reduceToSingleString`: one line when the entries fit and the nesting is shallow enough,
    /// otherwise one entry per line; arrays of more than six entries may first be grouped into columns.
    private func reduceToSingleString(
        _ output: [String], base: String, open: String, close: String, array: [InspectNode]?, recurseTimes: Int
    ) -> String {
        var output = output
        let basePrefix = base.isEmpty ? "" : base + " "
        if let compact = options.compact, compact >= 1 {
            let entries = output.count
            if let array, entries > 6 {
                output = groupArrayElements(output, array: array, compact: compact)
            }
            if currentDepth - recurseTimes < compact && entries == output.count {
                let start = output.count + indentationLvl + open.utf16.count + base.utf16.count + 10
                if isBelowBreakLength(output, start: start, base: base) {
                    let joined = output.joined(separator: ", ")
                    if !StringEscaping.hasNewline(joined) {
                        return basePrefix + open + " " + joined + " " + close
                    }
                }
            }
        }
        let indentation = "\n" + String(repeating: " ", count: indentationLvl)
        return basePrefix + open + indentation + "  " + output.joined(separator: "," + indentation + "  ")
            + indentation + close
    }

    private func isBelowBreakLength(_ output: [String], start: Int, base: String) -> Bool {
        var totalLength = output.count + start
        if totalLength + output.count > options.breakLength { return false }
        for entry in output {
            totalLength += options.colors ? StringEscaping.removingColors(entry).utf16.count : entry.utf16.count
            if totalLength > options.breakLength { return false }
        }
        return !StringEscaping.hasNewline(base)
    }
}
