/// `JSON.stringify` and `JSON.parse`, keeping key order.
extension Interpreter {
    func installJSON() {
        let json = JSObject(kind: .ordinary)
        defineMethod(json, "stringify", 3) { call in
            let interpreter = call.interpreter
            var indent = ""
            switch call.argument(2) {
            case .number(let count): indent = String(repeating: " ", count: Int(max(0, min(count, 10))))
            case .string(let text): indent = String(text.prefix(10))
            default: break
            }
            let replacer = call.argument(1).asObject?.isCallable == true ? call.argument(1) : nil
            var stack: [JSObject] = []
            let wrapper = JSObject.makeObject([("", call.argument(0))])
            guard
                let text = try interpreter.serialize(
                    call.argument(0), key: "", holder: wrapper, replacer: replacer, indent: indent, currentIndent: "",
                    stack: &stack)
            else { return .undefined }
            return .string(text)
        }
        defineMethod(json, "parse", 2) { call in
            var parser = JSONParser(text: Array(try call.interpreter.toString(call.argument(0)).utf16))
            let value = try parser.parseDocument()
            guard case .object(let reviver) = call.argument(1), reviver.isCallable else { return value }
            let root = JSObject.makeObject([("", value)])
            return try call.interpreter.revive(root, key: "", reviver: reviver)
        }
        defineGlobal("JSON", .object(json))
    }

    func revive(_ holder: JSObject, key: String, reviver: JSObject) throws -> JSValue {
        let value = try getProperty(holder, key)
        if case .object(let object) = value {
            for childKey in object.ownKeys {
                let revived = try revive(object, key: childKey, reviver: reviver)
                if revived.isUndefined { object.delete(childKey) } else { object.set(childKey, revived) }
            }
        }
        return try callFunction(reviver, this: .object(holder), arguments: [.string(key), value])
    }

    /// The JSON text of `value`, or nil when it has none (undefined, functions).
    func serialize(
        _ original: JSValue, key: String, holder: JSObject, replacer: JSValue?, indent: String, currentIndent: String,
        stack: inout [JSObject]
    ) throws -> String? {
        var value = original
        if case .object(let object) = value, case .object(let toJSON) = try getProperty(object, "toJSON"),
            toJSON.isCallable
        {
            value = try callFunction(toJSON, this: value, arguments: [.string(key)])
        }
        if let replacer { value = try call(replacer, this: .object(holder), arguments: [.string(key), value]) }
        switch value {
        case .undefined: return nil
        case .null: return "null"
        case .bool(let bool): return bool ? "true" : "false"
        case .number(let number): return number.isFinite ? JSNumber.format(number) : "null"
        case .string(let string): return Self.quoteJSON(string)
        case .object(let object):
            if object.isCallable { return nil }
            if object.kind == .boxedPrimitive, let primitive = object.primitiveValue {
                return try serialize(
                    primitive, key: key, holder: holder, replacer: nil, indent: indent, currentIndent: currentIndent,
                    stack: &stack)
            }
            guard !stack.contains(where: { $0 === object }) else {
                throw JSError.typeError("Converting circular structure to JSON")
            }
            guard stack.count < 1000, !isStackExhausted else {
                throw JSError.rangeError("Maximum call stack size exceeded")
            }
            stack.append(object)
            defer { stack.removeLast() }
            let inner = currentIndent + indent
            let separator = indent.isEmpty ? "," : ",\n" + inner
            let open = indent.isEmpty ? "" : "\n" + inner
            let close = indent.isEmpty ? "" : "\n" + currentIndent
            if object.kind == .array {
                var parts: [String] = []
                for (index, element) in object.elements.enumerated() {
                    parts.append(
                        try serialize(
                            element, key: String(index), holder: object, replacer: replacer, indent: indent,
                            currentIndent: inner, stack: &stack) ?? "null")
                }
                return parts.isEmpty ? "[]" : "[" + open + parts.joined(separator: separator) + close + "]"
            }
            var parts: [String] = []
            for childKey in object.ownKeys {
                let child = try getProperty(object, childKey)
                guard
                    let text = try serialize(
                        child, key: childKey, holder: object, replacer: replacer, indent: indent, currentIndent: inner,
                        stack: &stack)
                else { continue }
                parts.append(Self.quoteJSON(childKey) + (indent.isEmpty ? ":" : ": ") + text)
            }
            return parts.isEmpty ? "{}" : "{" + open + parts.joined(separator: separator) + close + "}"
        }
    }

    /// A JSON string literal for `string`.
    static func quoteJSON(_ string: String) -> String {
        var result = "\""
        for unit in string.unicodeScalars {
            switch unit {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{8}": result += "\\b"
            case "\u{C}": result += "\\f"
            default:
                if unit.value < 0x20 {
                    let hex = String(unit.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(unit)
                }
            }
        }
        return result + "\""
    }
}

/// A strict JSON parser over UTF-16 code units, with V8's error messages.
struct JSONParser {
    let text: [UInt16]
    var position = 0

    init(text: [UInt16]) { self.text = text }

    mutating func parseDocument() throws -> JSValue {
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard position == text.count else { throw unexpected() }
        return value
    }

    func unexpected() -> JSError {
        guard position < text.count else { return .syntaxError("Unexpected end of JSON input") }
        let character = String(decoding: [text[position]], as: UTF16.self)
        return .syntaxError("Unexpected token '\(character)' in JSON at position \(position)")
    }

    mutating func skipWhitespace() {
        while position < text.count, [0x20, 0x09, 0x0A, 0x0D].contains(text[position]) { position += 1 }
    }

    mutating func expectLiteral(_ literal: String, _ value: JSValue) throws -> JSValue {
        for unit in literal.utf16 {
            guard position < text.count, text[position] == unit else { throw unexpected() }
            position += 1
        }
        return value
    }

    mutating func parseValue(depth: Int) throws -> JSValue {
        guard depth < 512 else { throw JSError.rangeError("JSON nested too deeply") }
        skipWhitespace()
        guard position < text.count else { throw unexpected() }
        switch text[position] {
        case UInt16(UInt8(ascii: "{")):
            position += 1
            let object = JSObject(kind: .ordinary)
            skipWhitespace()
            if position < text.count, text[position] == UInt16(UInt8(ascii: "}")) {
                position += 1
                return .object(object)
            }
            while true {
                skipWhitespace()
                guard position < text.count, text[position] == UInt16(UInt8(ascii: "\"")) else { throw unexpected() }
                let key = try parseString()
                skipWhitespace()
                guard position < text.count, text[position] == UInt16(UInt8(ascii: ":")) else { throw unexpected() }
                position += 1
                object.set(key, try parseValue(depth: depth + 1))
                skipWhitespace()
                guard position < text.count else { throw unexpected() }
                if text[position] == UInt16(UInt8(ascii: ",")) {
                    position += 1
                    continue
                }
                guard text[position] == UInt16(UInt8(ascii: "}")) else { throw unexpected() }
                position += 1
                return .object(object)
            }
        case UInt16(UInt8(ascii: "[")):
            position += 1
            var elements: [JSValue] = []
            skipWhitespace()
            if position < text.count, text[position] == UInt16(UInt8(ascii: "]")) {
                position += 1
                return .object(JSObject.makeArray(elements))
            }
            while true {
                elements.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                guard position < text.count else { throw unexpected() }
                if text[position] == UInt16(UInt8(ascii: ",")) {
                    position += 1
                    continue
                }
                guard text[position] == UInt16(UInt8(ascii: "]")) else { throw unexpected() }
                position += 1
                return .object(JSObject.makeArray(elements))
            }
        case UInt16(UInt8(ascii: "\"")):
            return .string(try parseString())
        case UInt16(UInt8(ascii: "t")): return try expectLiteral("true", .bool(true))
        case UInt16(UInt8(ascii: "f")): return try expectLiteral("false", .bool(false))
        case UInt16(UInt8(ascii: "n")): return try expectLiteral("null", .null)
        default:
            return .number(try parseNumber())
        }
    }

    mutating func parseNumber() throws -> Double {
        let start = position
        func isDigit(_ unit: UInt16) -> Bool { unit >= 48 && unit <= 57 }
        if position < text.count, text[position] == UInt16(UInt8(ascii: "-")) { position += 1 }
        guard position < text.count, isDigit(text[position]) else { throw unexpected() }
        if text[position] == 48 {
            position += 1
        } else {
            while position < text.count, isDigit(text[position]) { position += 1 }
        }
        if position < text.count, text[position] == UInt16(UInt8(ascii: ".")) {
            position += 1
            guard position < text.count, isDigit(text[position]) else { throw unexpected() }
            while position < text.count, isDigit(text[position]) { position += 1 }
        }
        if position < text.count, text[position] | 0x20 == UInt16(UInt8(ascii: "e")) {
            position += 1
            if position < text.count,
                text[position] == UInt16(UInt8(ascii: "+")) || text[position] == UInt16(UInt8(ascii: "-"))
            {
                position += 1
            }
            guard position < text.count, isDigit(text[position]) else { throw unexpected() }
            while position < text.count, isDigit(text[position]) { position += 1 }
        }
        return Double(String(decoding: text[start..<position], as: UTF16.self)) ?? .nan
    }

    mutating func parseString() throws -> String {
        position += 1
        var units: [UInt16] = []
        while true {
            guard position < text.count else {
                throw JSError.syntaxError("Unterminated string in JSON at position \(position)")
            }
            let unit = text[position]
            position += 1
            switch unit {
            case UInt16(UInt8(ascii: "\"")):
                return String(decoding: units, as: UTF16.self)
            case UInt16(UInt8(ascii: "\\")):
                guard position < text.count else { throw unexpected() }
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
                    guard position + 4 <= text.count,
                        let code = UInt16(String(decoding: text[position..<position + 4], as: UTF16.self), radix: 16)
                    else { throw JSError.syntaxError("Bad Unicode escape in JSON at position \(position)") }
                    units.append(code)
                    position += 4
                default:
                    position -= 1
                    throw JSError.syntaxError("Bad escaped character in JSON at position \(position)")
                }
            default:
                guard unit >= 0x20 else {
                    position -= 1
                    throw JSError.syntaxError("Bad control character in string literal in JSON at position \(position)")
                }
                units.append(unit)
            }
        }
    }
}
