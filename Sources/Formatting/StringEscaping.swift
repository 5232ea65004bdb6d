/// Node's string quoting, key quoting and width measuring (`strEscape`, `keyStrRegExp`, `getStringWidth`).
enum StringEscaping {
    /// True for keys Node prints bare: `/^[a-zA-Z_][a-zA-Z_0-9]*$/`.
    static func isIdentifierKey(_ key: String) -> Bool {
        var first = true
        for byte in key.utf8 {
            let isLetter = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
            let isDigit = byte >= 0x30 && byte <= 0x39
            if first ? !isLetter : !(isLetter || isDigit) { return false }
            first = false
        }
        return !first
    }

    /// Quotes a string as Node's `strEscape` does: single quotes; double quotes if it holds `'`; backticks if
    /// it holds both (and no backtick or `${`); control characters, the chosen quote and `\` escaped.
    static func quote(_ string: String) -> String {
        var quote: Character = "'"
        var hasSingle = false
        var hasDouble = false
        var hasBacktick = false
        var hasDollarBrace = false
        var needsEscape = false
        var previous: UInt8 = 0
        for byte in string.utf8 {
            switch byte {
            case 0x27: hasSingle = true
            case 0x22: hasDouble = true
            case 0x60: hasBacktick = true
            case 0x7B where previous == 0x24: hasDollarBrace = true
            case 0x00..<0x20, 0x5C, 0x7F, 0xC2: needsEscape = true  // 0xC2 leads U+0080...U+00BF
            default: break
            }
            previous = byte
        }
        var escapesQuote = hasSingle
        if hasSingle {
            if !hasDouble {
                quote = "\""
                escapesQuote = false
            } else if !hasBacktick && !hasDollarBrace {
                quote = "`"
                escapesQuote = false
            }
        }
        guard needsEscape || escapesQuote else { return "\(quote)\(string)\(quote)" }
        var result = String(quote)
        result.reserveCapacity(string.utf8.count + 8)
        for scalar in string.unicodeScalars {
            let value = scalar.value
            if value < 0x20 || (value >= 0x7F && value <= 0x9F) {
                result += escape(value)
            } else if value == 0x5C {
                result += "\\\\"
            } else if value == 0x27 && escapesQuote {
                result += "\\'"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        result.append(quote)
        return result
    }

    private static func escape(_ value: UInt32) -> String {
        switch value {
        case 0x08: return "\\b"
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0C: return "\\f"
        case 0x0D: return "\\r"
        default:
            let hex = String(value, radix: 16, uppercase: true)
            return "\\x" + (hex.count < 2 ? "0" + hex : hex)
        }
    }

    /// The first `count` UTF-16 units of `string` (JavaScript's `slice(0, count)`), never splitting a
    /// surrogate pair.
    static func prefix(_ string: String, utf16Count count: Int) -> String {
        let utf16 = string.utf16
        var index = utf16.index(utf16.startIndex, offsetBy: count, limitedBy: utf16.endIndex) ?? utf16.endIndex
        while String.Index(index, within: string.unicodeScalars) == nil, index > utf16.startIndex {
            index = utf16.index(before: index)
        }
        return String(string.unicodeScalars[..<index])
    }

    /// Whether the text holds a line feed (also inside a `\r\n` pair, which Swift counts as one Character).
    static func hasNewline(_ string: String) -> Bool { string.utf8.contains(0x0A) }

    /// Adds `count` spaces after every line feed, as Node does to custom inspect text.
    static func indentingNewlines(_ string: String, by count: Int) -> String {
        let indentation = String(repeating: " ", count: count)
        var result = ""
        result.reserveCapacity(string.utf8.count + count * 4)
        for scalar in string.unicodeScalars {
            result.unicodeScalars.append(scalar)
            if scalar == "\n" { result += indentation }
        }
        return result
    }

    /// Splits after each newline, keeping it (`split(/(?<=\n)/)`).
    static func linesKeepingNewlines(_ string: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for character in string.unicodeScalars {
            current.unicodeScalars.append(character)
            if character == "\n" {
                lines.append(current)
                current = ""
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// The text without ANSI SGR sequences (`ESC [ … m`).
    static func removingColors(_ string: String) -> String {
        guard string.utf8.contains(0x1B) else { return string }
        var result = ""
        var inEscape = false
        for scalar in string.unicodeScalars {
            if inEscape {
                if scalar == "m" { inEscape = false }
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Columns the text takes on a terminal (Node's `getStringWidth`): colors removed, wide East Asian
    /// characters count two, combining and control characters zero.
    static func displayWidth(_ string: String, colors: Bool) -> Int {
        let text = colors ? removingColors(string) : string
        var isASCII = true
        var width = 0
        for byte in text.utf8 {
            if byte >= 0x80 {
                isASCII = false
                break
            }
            if byte >= 0x20 && byte != 0x7F { width += 1 }
        }
        if isASCII { return width }
        width = 0
        for scalar in text.unicodeScalars {
            let code = scalar.value
            if isZeroWidth(code) {
                continue
            } else if isFullWidth(code) {
                width += 2
            } else {
                width += 1
            }
        }
        return width
    }

    private static func isZeroWidth(_ code: UInt32) -> Bool {
        code <= 0x1F || (0x7F...0x9F).contains(code) || (0x300...0x36F).contains(code)
            || (0x200B...0x200F).contains(code) || (0x20D0...0x20FF).contains(code)
            || (0xFE00...0xFE0F).contains(code) || (0xFE20...0xFE2F).contains(code)
            || (0xE0100...0xE01EF).contains(code)
    }

    private static func isFullWidth(_ code: UInt32) -> Bool {
        guard code >= 0x1100 else { return false }
        return code <= 0x115F || code == 0x2329 || code == 0x232A
            || ((0x2E80...0x3247).contains(code) && code != 0x303F) || (0x3250...0x4DBF).contains(code)
            || (0x4E00...0xA4C6).contains(code) || (0xA960...0xA97C).contains(code)
            || (0xAC00...0xD7A3).contains(code) || (0xF900...0xFAFF).contains(code)
            || (0xFE10...0xFE19).contains(code) || (0xFE30...0xFE6B).contains(code)
            || (0xFF01...0xFF60).contains(code) || (0xFFE0...0xFFE6).contains(code)
            || (0x1B000...0x1B001).contains(code) || (0x1F200...0x1F251).contains(code)
            || (0x1F300...0x1F64F).contains(code) || (0x1F900...0x1F9FF).contains(code)
            || (0x20000...0x3FFFD).contains(code)
    }
}
