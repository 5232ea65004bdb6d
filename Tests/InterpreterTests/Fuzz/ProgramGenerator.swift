/// Generates random inputs for the interpreter: token soups, grammar-aware programs and mutations of real snippets.
struct ProgramGenerator {
    var random: SplitMix64

    /// Names the generated programs read and write; the prelude defines them.
    static let names = ["a", "b", "c", "o", "arr", "f", "g", "i", "s", "m", "x"]
    /// Defines every name in `names`, so generated code mostly runs rather than stopping at a ReferenceError.
    static let prelude = """
        let a = 1, b = 'str', c = [1, 2, 3], o = { p: 1, q: [2], r: { s: 'deep' } }, arr = [3, 1, 2], i = 0, s = 'text';
        let m = new Map([['k', 1]]), x = null;
        function f(p1, p2 = 2, ...rest) { return p1 }
        const g = (v) => v;

        """
    static let tokens =
        [
            "let", "const", "var", "function", "return", "if", "else", "for", "of", "in", "while", "do", "break",
            "continue", "switch", "case", "default", "try", "catch", "finally", "throw", "new", "typeof", "instanceof",
            "delete", "void", "class", "extends", "super", "this", "null", "undefined", "true", "false", "await",
            "async",
            "yield", "(", ")", "{", "}", "[", "]", ";", ",", ".", "?.", "...", "=>", "=", "==", "===", "!=", "!==", "+",
            "-", "*", "/", "%", "**", "++", "--", "+=", "-=", "&&", "||", "??", "??=", "!", "~", "?", ":", "<", ">",
            "<=", ">=", "<<", ">>", ">>>", "&", "|", "^", "`", "${", "'", "\"", "/x/g", "0", "1", "2.5", "-1", "1e3",
            "0x1f", "NaN", "Infinity", "'s'", "\"t\"", "`u${a}`", "#", "@", "\\", "\n", " ", "//c\n", "/*c*/", "é", "😀",
        ] + names + ["Math", "JSON", "Object", "Array", "String", "Number", "Date", "Error", "length", "map", "push"]

    /// Random tokens joined by spaces (or nothing), mostly invalid programs.
    mutating func tokenSoup() -> String {
        let count = random.int(1...40)
        var parts: [String] = []
        for _ in 0..<count { parts.append(random.pick(Self.tokens)) }
        return parts.joined(separator: random.chance(70) ? " " : "")
    }

    /// A syntactically plausible program over the prelude's names.
    mutating func program() -> String {
        var lines: [String] = []
        for _ in 0..<random.int(1...6) { lines.append(statement(depth: 0)) }
        return Self.prelude + lines.joined(separator: "\n")
    }

    /// `snippet` with one to three random edits: deleting, duplicating or replacing a slice, or inserting a token.
    mutating func mutate(_ snippet: String) -> String {
        var characters = Array(snippet)
        for _ in 0..<random.int(1...3) {
            guard !characters.isEmpty else { break }
            let start = random.int(0...characters.count - 1)
            let end = min(characters.count, start + random.int(0...8))
            switch random.int(0...3) {
            case 0: characters.removeSubrange(start..<end)
            case 1: characters.insert(contentsOf: characters[start..<end], at: end)
            case 2: characters.replaceSubrange(start..<end, with: random.pick(Self.tokens))
            default: characters.insert(contentsOf: " " + random.pick(Self.tokens) + " ", at: start)
            }
        }
        return String(characters)
    }

    mutating func statement(depth: Int) -> String {
        let leaf = depth >= 3
        switch random.int(0...(leaf ? 2 : 14)) {
        case 0: return expression(depth: depth + 1) + ";"
        case 1:
            return "\(random.pick(["let", "const", "var"])) v\(random.int(0...3)) = \(expression(depth: depth + 1));"
        case 2: return "\(random.pick(Self.names)) = \(expression(depth: depth + 1));"
        case 3:
            return
                "if (\(expression(depth: depth + 1))) { \(statement(depth: depth + 1)) } else \(statement(depth: depth + 1))"
        case 4: return "for (let k = 0; k < \(random.int(0...20)); k++) { \(statement(depth: depth + 1)) }"
        case 5:
            return
                "for (const e of \(random.pick(["c", "arr", "s", "'abc'", "[1, [2]]", "o.q", "m"]))) { \(statement(depth: depth + 1)) }"
        case 6: return "for (const k in \(random.pick(["o", "c", "s"]))) { \(statement(depth: depth + 1)) }"
        case 7:
            return
                "while (i++ < \(random.int(0...30))) { \(statement(depth: depth + 1)) \(random.pick(["", "break;", "continue;"])) }"
        case 8:
            return
                "function h\(random.int(0...2))(p, q = 1, ...r) { \(statement(depth: depth + 1)) return \(expression(depth: depth + 1)) }"
        case 9:
            return
                "try { \(statement(depth: depth + 1)) } catch (err) { \(statement(depth: depth + 1)) } finally { i++ }"
        case 10: return "throw \(random.chance(50) ? "new Error('e')" : expression(depth: depth + 1));"
        case 11:
            return
                "switch (\(expression(depth: depth + 1))) { case 1: \(statement(depth: depth + 1)) break; default: \(statement(depth: depth + 1)) }"
        case 12:
            return
                "class K\(random.int(0...2)) { constructor(v) { this.v = v } get w() { return this.v } m() { return \(expression(depth: depth + 1)) } }"
        case 13:
            return
                "outer: for (const e of c) { for (const e2 of arr) { if (e2 > e) continue outer; if (e2 === 3) break outer } }"
        default: return "{ \(statement(depth: depth + 1)) \(statement(depth: depth + 1)) }"
        }
    }

    mutating func expression(depth: Int) -> String {
        if depth >= 4 || random.chance(25) { return atom() }
        let next = depth + 1
        switch random.int(0...16) {
        case 0: return "(\(expression(depth: next)) \(random.pick(Self.binaryOperators)) \(expression(depth: next)))"
        case 1: return "\(random.pick(["!", "-", "+", "~", "typeof ", "void "]))\(expression(depth: next))"
        case 2:
            return
                "\(random.pick(["f", "g", "Math.max", "String", "Number", "JSON.stringify", "Object.keys", "Array.from"]))(\(arguments(depth: next)))"
        case 3:
            return
                "\(random.pick(Self.names))\(random.pick([".p", ".q", ".length", "?.p", "?.r?.s", "[0]", "[1]", "['p']"]))"
        case 4: return "[\(arguments(depth: next))]"
        case 5: return "({ k: \(expression(depth: next)), [\(expression(depth: next))]: 1, ...\(atom()) })"
        case 6: return "((p) => \(expression(depth: next)))(\(expression(depth: next)))"
        case 7: return "`t${\(expression(depth: next))}t`"
        case 8: return "(\(expression(depth: next)) ? \(expression(depth: next)) : \(expression(depth: next)))"
        case 9:
            return
                "\(random.pick(["c", "arr", "[1, 2, 3]", "s", "'a,b'"])).\(random.pick(Self.methods))(\(callback(depth: next)))"
        case 10:
            return
                "new \(random.pick(["Date(0)", "Map()", "Set([1])", "Error('x')", "Array(3)", "RegExp('a+')", "K0(1)", "f()"]))"
        case 11:
            return
                "(\(random.pick(Self.names)) \(random.pick(["+=", "-=", "*=", "??=", "||=", "="])) \(expression(depth: next)))"
        case 12: return "\(random.pick(["i++", "++i", "i--", "--i"]))"
        case 13: return "JSON.parse(\(random.pick(["'[1,2]'", "'{\"a\":1}'", "'{bad'", "s", "JSON.stringify(o)"])))"
        case 14: return "(\(expression(depth: next)) \(random.pick(["instanceof Array", "in o", "?? 0", "=== null"])))"
        case 15: return "await \(expression(depth: next))"
        default: return "[...\(random.pick(["c", "s", "arr", "m"]))].length"
        }
    }

    static let binaryOperators = [
        "+", "-", "*", "/", "%", "**", "==", "===", "!=", "<", ">=", "&&", "||", "??", "&", "|", "<<", ">>>",
    ]
    static let methods = [
        "map", "filter", "reduce", "forEach", "find", "some", "every", "sort", "flatMap", "join", "slice", "includes",
        "indexOf", "concat", "split", "replace", "padStart", "repeat", "at", "toUpperCase", "findLast", "flat",
    ]

    mutating func callback(depth: Int) -> String {
        random.chance(60) ? "(v, k) => \(expression(depth: depth))" : arguments(depth: depth)
    }

    mutating func arguments(depth: Int) -> String {
        var parts: [String] = []
        for _ in 0..<random.int(0...3) { parts.append(random.chance(10) ? "...c" : expression(depth: depth)) }
        return parts.joined(separator: ", ")
    }

    mutating func atom() -> String {
        random.pick(
            Self.names + [
                "0", "1", "2", "-1", "1.5", "NaN", "'s'", "''", "'10'", "null", "undefined", "true", "[]", "{}",
                "/a+/g",
                "[1, 'two', null]", "{ p: 1 }", "this", "Infinity", "o.r",
            ])
    }
}
