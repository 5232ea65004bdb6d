/// Splits script text into tokens, deciding between division and regular expressions from the previous token.
///
/// Not thread-safe: a value used by one parse.
package struct Lexer {
    let bytes: [UInt8]
    var position = 0
    var line = 1
    var column = 1
    /// Whether a `/` at this point starts a regular expression rather than a division.
    var isRegexAllowed = true
    /// How many template substitutions (`${`) enclose the current position; limited like the parser's nesting.
    var templateDepth = 0

    /// Creates a lexer over `source`.
    package init(_ source: String) {
        bytes = Array(source.utf8)
        if bytes.starts(with: [UInt8(ascii: "#"), UInt8(ascii: "!")]) {
            while position < bytes.count, bytes[position] != 0x0A { advance() }
        }
    }

    /// All tokens of `source`, ending with one `.eof` token.
    package static func tokenize(_ source: String) throws(SyntaxError) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .eof { return tokens }
        }
    }

    var location: SourceLocation { SourceLocation(line: line, column: column, offset: position) }

    func peek(_ ahead: Int = 0) -> UInt8 {
        position + ahead < bytes.count ? bytes[position + ahead] : 0
    }

    mutating func advance() {
        let byte = bytes[position]
        position += 1
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    func error(_ kind: SyntaxError.Kind, _ message: String, from start: SourceLocation) -> SyntaxError {
        SyntaxError(kind: kind, message: message, range: SourceRange(start: start, end: location))
    }

    /// Skips white space and comments; returns whether a line break was skipped.
    mutating func skipTrivia() throws(SyntaxError) -> Bool {
        var sawNewline = false
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case 0x0A, 0x0D:
                sawNewline = true
                advance()
            case 0x20, 0x09, 0x0B, 0x0C:
                advance()
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
                while position < bytes.count, bytes[position] != 0x0A { advance() }
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
                let start = location
                advance()
                advance()
                while true {
                    guard position < bytes.count else {
                        throw error(.unexpectedEndOfInput, "Unterminated comment", from: start)
                    }
                    if bytes[position] == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                        advance()
                        advance()
                        break
                    }
                    if bytes[position] == 0x0A { sawNewline = true }
                    advance()
                }
            case 0xC2 where peek(1) == 0xA0:  // no-break space
                advance()
                advance()
            case 0xEF where peek(1) == 0xBB && peek(2) == 0xBF:  // byte order mark
                advance()
                advance()
                advance()
            case 0xE2 where peek(1) == 0x80 && (peek(2) == 0xA8 || peek(2) == 0xA9):  // LS, PS
                sawNewline = true
                advance()
                advance()
                advance()
            default:
                return sawNewline
            }
        }
        return sawNewline
    }

    /// The next token; `.eof` at the end and after it.
    package mutating func next() throws(SyntaxError) -> Token {
        let newline = try skipTrivia()
        let start = location
        guard position < bytes.count else {
            return Token(kind: .eof, range: SourceRange(start: start, end: start), isAfterNewline: newline)
        }
        let byte = bytes[position]
        let kind: Token.Kind
        if isIdentifierStart(byte) {
            let name = scanIdentifier()
            if reservedWords.contains(name) {
                kind = .keyword(name)
                isRegexAllowed = !["this", "super", "true", "false", "null"].contains(name)
            } else {
                kind = .identifier(name)
                isRegexAllowed = false
            }
        } else if isDigit(byte) || (byte == UInt8(ascii: ".") && isDigit(peek(1))) {
            kind = .number(try scanNumber(from: start))
            isRegexAllowed = false
        } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            kind = .string(try scanString(quote: byte, from: start))
            isRegexAllowed = false
        } else if byte == UInt8(ascii: "`") {
            kind = .template(try scanTemplate(from: start))
            isRegexAllowed = false
        } else if byte == UInt8(ascii: "/") && isRegexAllowed {
            kind = try scanRegex(from: start)
            isRegexAllowed = false
        } else if let punctuator = scanPunctuator() {
            kind = .punctuator(punctuator)
            isRegexAllowed = ![")", "]", "}", "++", "--"].contains(punctuator)
        } else {
            let scalarStart = location
            advance()
            while position < bytes.count, bytes[position] & 0xC0 == 0x80 { advance() }
            let text = String(decoding: bytes[scalarStart.offset..<position], as: UTF8.self)
            throw error(.invalidCharacter, "Unexpected character '\(text)'", from: scalarStart)
        }
        return Token(kind: kind, range: SourceRange(start: start, end: location), isAfterNewline: newline)
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "$") || byte == UInt8(ascii: "_") || (byte >= 0x80 && !isUnicodeSpace)
    }

    /// Whether the bytes at the position are a no-break space, byte order mark or line/paragraph separator.
    var isUnicodeSpace: Bool {
        (peek() == 0xC2 && peek(1) == 0xA0) || (peek() == 0xEF && peek(1) == 0xBB)
            || (peek() == 0xE2 && peek(1) == 0x80 && (peek(2) == 0xA8 || peek(2) == 0xA9))
    }

    func isIdentifierPart(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }

    mutating func scanIdentifier() -> String {
        let start = position
        while position < bytes.count, isIdentifierPart(bytes[position]) { advance() }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    static let punctuators: [[String]] = [
        [">>>="],
        ["...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??="],
        [
            "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=",
            "^=", "**", "<<", ">>",
        ],
        [
            "{", "}", "(", ")", "[", "]", ";", ",", "<", ">", "+", "-", "*", "/", "%", "&", "|", "^", "!", "~", "?",
            ":", "=", ".", "@", "#",
        ],
    ]

    mutating func scanPunctuator() -> String? {
        for group in Self.punctuators {
            let length = group[0].utf8.count
            guard position + length <= bytes.count else { continue }
            let candidate = bytes[position..<position + length]
            for punctuator in group where punctuator.utf8.elementsEqual(candidate) {
                // `a?.5:b` is a conditional, not optional chaining.
                if punctuator == "?." && isDigit(peek(2)) { continue }
                for _ in 0..<length { advance() }
                return punctuator
            }
        }
        return nil
    }
}
