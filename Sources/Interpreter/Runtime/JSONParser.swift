/// A strict JSON parser over UTF-16 code units, with the error messages of V8 as Node 20 prints them
/// (`Expected ',' or ']' after array element in JSON at position 5`, `Unexpected token 'a', "abc" is not valid JSON`).
struct JSONParser {
    let text: [UInt16]
    var position = 0

    init(text: [UInt16]) { self.text = text }

    /// The one value the whole text holds.
    mutating func parseDocument() throws -> JSValue {
        if ["NaN", "Infinity", "undefined", "[object Object]"].contains(String(decoding: text, as: UTF16.self)) {
            throw JSError.syntaxError("\"\(String(decoding: text, as: UTF16.self))\" is not valid JSON")
        }
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard position == text.count else {
            throw JSError.syntaxError("Unexpected non-whitespace character after JSON at position \(position)")
        }
        return value
    }

    /// `expected … in JSON at position N`, or V8's generic message for the token at the current position.
    func unexpected(_ expected: String? = nil) -> JSError {
        if let expected { return .syntaxError("\(expected) in JSON at position \(position)") }
        guard position < text.count else { return .syntaxError("Unexpected end of JSON input") }
        let unit = text[position]
        if unit == UInt16(UInt8(ascii: "-")) || (unit >= 48 && unit <= 57) {
            return .syntaxError("Unexpected number in JSON at position \(position)")
        }
        if unit == UInt16(UInt8(ascii: "\"")) {
            return .syntaxError("Unexpected string in JSON at position \(position)")
        }
        let character = String(decoding: [unit], as: UTF16.self)
        return .syntaxError("Unexpected token '\(character)', \(context) is not valid JSON")
    }

    /// The quoted source around the current position: whole when short, else 10 characters either side with
    /// ellipses, as V8 shows it.
    var context: String {
        let reach = 10
        func quoted(_ range: Range<Int>) -> String { "\"" + String(decoding: text[range], as: UTF16.self) + "\"" }
        if text.count <= reach * 2 { return quoted(0..<text.count) }
        if position < reach { return quoted(0..<position + reach) + "..." }
        if position < text.count - reach { return "..." + quoted(position - reach..<position + reach) + "..." }
        return "..." + quoted(position - reach..<text.count)
    }

    mutating func skipWhitespace() {
        while position < text.count, [0x20, 0x09, 0x0A, 0x0D].contains(text[position]) { position += 1 }
    }

    /// Whether the current unit is `character`.
    func isAt(_ character: Unicode.Scalar) -> Bool {
        position < text.count && text[position] == UInt16(character.value)
    }

    mutating func expectLiteral(_ literal: String, _ value: JSValue) throws -> JSValue {
        for unit in literal.utf16 {
            guard position < text.count, text[position] == unit else { throw unexpected() }
            position += 1
        }
        return value
    }

    mutating func parseValue(depth: Int) throws -> JSValue {
        guard depth < 512 else { throw JSError.rangeError("Maximum call stack size exceeded") }
        skipWhitespace()
        guard position < text.count else { throw unexpected() }
        switch text[position] {
        case UInt16(UInt8(ascii: "{")):
            return try parseObject(depth: depth)
        case UInt16(UInt8(ascii: "[")):
            return try parseArray(depth: depth)
        case UInt16(UInt8(ascii: "\"")):
            return .string(try parseString())
        case UInt16(UInt8(ascii: "t")): return try expectLiteral("true", .bool(true))
        case UInt16(UInt8(ascii: "f")): return try expectLiteral("false", .bool(false))
        case UInt16(UInt8(ascii: "n")): return try expectLiteral("null", .null)
        case UInt16(UInt8(ascii: "-")), 48...57:
            return .number(try parseNumber())
        default:
            throw unexpected()
        }
    }

    mutating func parseObject(depth: Int) throws -> JSValue {
        position += 1
        let object = JSObject(kind: .ordinary)
        skipWhitespace()
        if isAt("}") {
            position += 1
            return .object(object)
        }
        var expectedKey = "Expected property name or '}'"
        while true {
            skipWhitespace()
            guard isAt("\"") else { throw unexpected(expectedKey) }
            let key = try parseString()
            skipWhitespace()
            guard isAt(":") else { throw unexpected("Expected ':' after property name") }
            position += 1
            object.set(key, try parseValue(depth: depth + 1))
            skipWhitespace()
            if isAt(",") {
                position += 1
                expectedKey = "Expected double-quoted property name"
                continue
            }
            guard isAt("}") else { throw unexpected("Expected ',' or '}' after property value") }
            position += 1
            return .object(object)
        }
    }

    mutating func parseArray(depth: Int) throws -> JSValue {
        position += 1
        var elements: [JSValue] = []
        skipWhitespace()
        if isAt("]") {
            position += 1
            return .object(JSObject.makeArray(elements))
        }
        while true {
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            if isAt(",") {
                position += 1
                continue
            }
            guard isAt("]") else { throw unexpected("Expected ',' or ']' after array element") }
            position += 1
            return .object(JSObject.makeArray(elements))
        }
    }

    mutating func parseNumber() throws -> Double {
        let start = position
        func isDigit(_ unit: UInt16) -> Bool { unit >= 48 && unit <= 57 }
        func atDigit() -> Bool { position < text.count && isDigit(text[position]) }
        if isAt("-") {
            position += 1
            guard atDigit() else { throw unexpected("No number after minus sign") }
        }
        if text[position] == 48 {
            position += 1
            if atDigit() { throw unexpected() }
        } else {
            while atDigit() { position += 1 }
        }
        if isAt(".") {
            position += 1
            guard atDigit() else { throw unexpected("Unterminated fractional number") }
            while atDigit() { position += 1 }
        }
        if position < text.count, text[position] | 0x20 == UInt16(UInt8(ascii: "e")) {
            position += 1
            if isAt("+") || isAt("-") { position += 1 }
            guard atDigit() else { throw unexpected("Exponent part is missing a number") }
            while atDigit() { position += 1 }
        }
        return Double(String(decoding: text[start..<position], as: UTF16.self)) ?? .nan
    }

    mutating func parseString() throws -> String {
        position += 1
        var units: [UInt16] = []
        while true {
            guard position < text.count else { throw unexpected("Unterminated string") }
            let unit = text[position]
            position += 1
            switch unit {
            case UInt16(UInt8(ascii: "\"")):
                return String(decoding: units, as: UTF16.self)
            case UInt16(UInt8(ascii: "\\")):
                guard position < text.count else { throw unexpected("Unterminated string") }
                let escape = text[position]
                position += 1
                switch escape {
                case UInt16(UInt8(ascii: "n")): units.append(0x0A)
                case UInt16(UInt8(ascii: "t")): units.append(0x09)
                case UInt16(UInt8(ascii: "r")): units.append(0x0D)
                case UInt16(UInt8(ascii: "b")): units.append(0x08)
                case UInt16(UInt8(ascii: "f")): units.append(0x0C)
                case UInt16(UInt8(ascii: "/")), UInt16(UInt8(ascii: "\\")), UInt16(UInt8(ascii: "\"")):
                    units.append(escape)
                case UInt16(UInt8(ascii: "u")):
                    var code: UInt16 = 0
                    for _ in 0..<4 {
                        guard position < text.count, let digit = Self.hexValue(text[position]) else {
                            throw unexpected("Bad Unicode escape")
                        }
                        code = code << 4 | digit
                        position += 1
                    }
                    units.append(code)
                default:
                    position -= 1
                    throw unexpected("Bad escaped character")
                }
            default:
                guard unit >= 0x20 else {
                    position -= 1
                    throw unexpected("Bad control character in string literal")
                }
                units.append(unit)
            }
        }
    }

    /// The value of a hexadecimal digit, or nil.
    static func hexValue(_ unit: UInt16) -> UInt16? {
        switch unit {
        case 48...57: unit - 48
        case 65...70: unit - 55
        case 97...102: unit - 87
        default: nil
        }
    }
}
