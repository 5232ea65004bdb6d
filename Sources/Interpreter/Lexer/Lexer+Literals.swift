/// Number, string, template and regular-expression literals.
extension Lexer {
    mutating func scanNumber(from start: SourceLocation) throws(SyntaxError) -> Double {
        var value: Double
        let first = bytes[position]
        let second = peek(1) | 0x20
        if first == UInt8(ascii: "0"),
            second == UInt8(ascii: "x") || second == UInt8(ascii: "o") || second == UInt8(ascii: "b")
        {
            let radix: Double = second == UInt8(ascii: "x") ? 16 : second == UInt8(ascii: "o") ? 8 : 2
            advance()
            advance()
            var digits: [UInt8] = []
            try scanDigits(into: &digits, from: start) { Self.digitValue($0).map { Double($0) < radix } ?? false }
            guard !digits.isEmpty else { throw error(.invalidNumber, "Invalid number: missing digits", from: start) }
            value = digits.reduce(0) { $0 * radix + Double(Self.digitValue($1) ?? 0) }
        } else {
            var text: [UInt8] = []
            try scanDigits(into: &text, from: start, Self.isDecimalDigit)
            if peek() == UInt8(ascii: ".") {
                text.append(bytes[position])
                advance()
                try scanDigits(into: &text, from: start, Self.isDecimalDigit)
            }
            if peek() | 0x20 == UInt8(ascii: "e") {
                let signOffset = peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-") ? 1 : 0
                if isDigit(peek(1 + signOffset)) {
                    for _ in 0...signOffset {
                        text.append(bytes[position])
                        advance()
                    }
                    try scanDigits(into: &text, from: start, Self.isDecimalDigit)
                } else {
                    advance()
                    throw error(.invalidNumber, "Invalid number: missing exponent", from: start)
                }
            }
            let literal = String(decoding: text, as: UTF8.self)
            guard let parsed = Double(literal) else {
                throw error(.invalidNumber, "Invalid number '\(literal)'", from: start)
            }
            value = parsed
        }
        if position < bytes.count, isIdentifierPart(bytes[position]) {
            advance()
            throw error(.invalidNumber, "Invalid number: identifier starts immediately after it", from: start)
        }
        return value
    }

    /// Appends the digits at the current position to `text`, skipping single `_` separators between digits
    /// (`1_000_000`), with V8's errors for a doubled or trailing separator.
    mutating func scanDigits(
        into text: inout [UInt8], from start: SourceLocation, _ isValid: (UInt8) -> Bool
    ) throws(SyntaxError) {
        var sawDigit = false
        while position < bytes.count {
            let byte = bytes[position]
            if isValid(byte) {
                text.append(byte)
                sawDigit = true
                advance()
                continue
            }
            guard byte == UInt8(ascii: "_"), sawDigit else { return }
            advance()
            guard position < bytes.count, isValid(bytes[position]) else {
                let message =
                    peek() == UInt8(ascii: "_")
                    ? "Only one underscore is allowed as numeric separator"
                    : "Numeric separators are not allowed at the end of numeric literals"
                throw error(.invalidNumber, message, from: start)
            }
        }
    }

    /// Whether `byte` is `0`…`9`.
    static func isDecimalDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }

    mutating func scanString(quote: UInt8, from start: SourceLocation) throws(SyntaxError) -> String {
        advance()
        var buffer: [UInt8] = []
        while true {
            guard position < bytes.count else {
                throw error(.unexpectedEndOfInput, "Unterminated string literal", from: start)
            }
            let byte = bytes[position]
            if byte == quote {
                advance()
                return String(decoding: buffer, as: UTF8.self)
            }
            if byte == 0x0A || byte == 0x0D {
                throw error(.unterminatedString, "Unterminated string literal", from: start)
            }
            if byte == UInt8(ascii: "\\") {
                try scanEscape(into: &buffer, literalStart: start)
            } else {
                buffer.append(byte)
                advance()
            }
        }
    }

    /// Decodes one escape sequence at the backslash and appends its UTF-8 bytes.
    mutating func scanEscape(into buffer: inout [UInt8], literalStart: SourceLocation) throws(SyntaxError) {
        let escapeStart = location
        advance()
        guard position < bytes.count else {
            throw error(.unexpectedEndOfInput, "Unterminated string literal", from: literalStart)
        }
        let byte = bytes[position]
        advance()
        switch byte {
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "v"): buffer.append(0x0B)
        case UInt8(ascii: "0") where !isDigit(peek()): buffer.append(0)
        case 0x0A: break
        case 0x0D:
            if peek() == 0x0A { advance() }
        case UInt8(ascii: "x"):
            guard let high = Self.digitValue(peek()), let low = Self.digitValue(peek(1)) else {
                throw error(.invalidEscape, "Invalid hexadecimal escape sequence", from: escapeStart)
            }
            advance()
            advance()
            appendScalar(UInt32(high * 16 + low), to: &buffer)
        case UInt8(ascii: "u"):
            var code = try scanUnicodeEscape(from: escapeStart)
            if (0xD800..<0xDC00).contains(code), peek() == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "u") {
                let saved = self
                advance()
                advance()
                let low = try scanUnicodeEscape(from: escapeStart)
                if (0xDC00..<0xE000).contains(low) {
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    self = saved
                }
            }
            appendScalar(code, to: &buffer)
        default:
            buffer.append(byte)
            while position < bytes.count, bytes[position] & 0xC0 == 0x80 {
                buffer.append(bytes[position])
                advance()
            }
        }
    }

    /// The code point of `XXXX` or `{X…}` after `\u`.
    mutating func scanUnicodeEscape(from start: SourceLocation) throws(SyntaxError) -> UInt32 {
        var code: UInt32 = 0
        if peek() == UInt8(ascii: "{") {
            advance()
            var digits = 0
            while let digit = Self.digitValue(peek()) {
                code = code * 16 + UInt32(digit)
                digits += 1
                advance()
                guard code <= 0x10FFFF else { break }
            }
            guard digits > 0, code <= 0x10FFFF, peek() == UInt8(ascii: "}") else {
                throw error(.invalidEscape, "Invalid Unicode escape sequence", from: start)
            }
            advance()
            return code
        }
        for _ in 0..<4 {
            guard let digit = Self.digitValue(peek()) else {
                throw error(.invalidEscape, "Invalid Unicode escape sequence", from: start)
            }
            code = code * 16 + UInt32(digit)
            advance()
        }
        return code
    }

    func appendScalar(_ code: UInt32, to buffer: inout [UInt8]) {
        let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
        buffer.append(contentsOf: String(Character(scalar)).utf8)
    }

    mutating func scanTemplate(from start: SourceLocation) throws(SyntaxError) -> TemplateToken {
        advance()
        var strings: [String] = []
        var expressions: [[Token]] = []
        var buffer: [UInt8] = []
        while true {
            guard position < bytes.count else {
                throw error(.unexpectedEndOfInput, "Unterminated template literal", from: start)
            }
            let byte = bytes[position]
            if byte == UInt8(ascii: "`") {
                advance()
                strings.append(String(decoding: buffer, as: UTF8.self))
                return TemplateToken(strings: strings, expressions: expressions)
            }
            if byte == UInt8(ascii: "$"), peek(1) == UInt8(ascii: "{") {
                advance()
                advance()
                strings.append(String(decoding: buffer, as: UTF8.self))
                buffer.removeAll()
                expressions.append(try scanSubstitution(templateStart: start))
            } else if byte == UInt8(ascii: "\\") {
                try scanEscape(into: &buffer, literalStart: start)
            } else if byte == 0x0D {
                advance()
                if peek() == 0x0A { advance() }
                buffer.append(0x0A)
            } else {
                buffer.append(byte)
                advance()
            }
        }
    }

    /// The tokens of one `${…}` substitution, up to its closing brace, followed by an `.eof` token.
    mutating func scanSubstitution(templateStart: SourceLocation) throws(SyntaxError) -> [Token] {
        templateDepth += 1
        defer { templateDepth -= 1 }
        guard templateDepth <= Parser.nestingLimit else {
            throw SyntaxError(
                kind: .nestingTooDeep, message: "Nesting too deep: more than \(Parser.nestingLimit) levels",
                range: SourceRange(start: templateStart, end: location))
        }
        var tokens: [Token] = []
        var depth = 0
        isRegexAllowed = true
        while true {
            let token = try next()
            switch token.kind {
            case .eof:
                throw error(.unexpectedEndOfInput, "Unterminated template literal", from: templateStart)
            case .punctuator("{"):
                depth += 1
            case .punctuator("}"):
                if depth == 0 {
                    tokens.append(Token(kind: .eof, range: token.range, isAfterNewline: token.isAfterNewline))
                    return tokens
                }
                depth -= 1
            default:
                break
            }
            tokens.append(token)
        }
    }

    mutating func scanRegex(from start: SourceLocation) throws(SyntaxError) -> Token.Kind {
        advance()
        let bodyStart = position
        var inClass = false
        while true {
            guard position < bytes.count else {
                // A regular expression cannot continue on another line, so more input would not help.
                throw error(.invalidRegularExpression, "Unterminated regular expression", from: start)
            }
            let byte = bytes[position]
            if byte == 0x0A || byte == 0x0D {
                throw error(.invalidRegularExpression, "Unterminated regular expression", from: start)
            }
            if byte == UInt8(ascii: "\\") {
                advance()
                if position < bytes.count, bytes[position] != 0x0A { advance() }
                continue
            }
            if byte == UInt8(ascii: "[") { inClass = true }
            if byte == UInt8(ascii: "]") { inClass = false }
            if byte == UInt8(ascii: "/") && !inClass { break }
            advance()
        }
        let pattern = String(decoding: bytes[bodyStart..<position], as: UTF8.self)
        advance()
        let flags = scanIdentifier()
        for flag in flags where !"dgimsuvy".contains(flag) {
            throw error(.invalidRegularExpression, "Invalid regular expression flags '\(flags)'", from: start)
        }
        return .regex(pattern: pattern, flags: flags)
    }
}
