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
            var replacer = call.argument(1).asObject?.isCallable == true ? call.argument(1) : nil
            if let names = call.argument(1).asObject?.arrayElements {
                // An array replacer lists the object keys to keep (array elements are always kept).
                let allowed = Set(
                    try names.compactMap { name -> String? in
                        switch name {
                        case .string(let text): text
                        case .number: try interpreter.toString(name)
                        default: nil
                        }
                    })
                replacer = JSValue.makeFunction(name: "replacer", length: 2) { filter in
                    let key = try filter.interpreter.toString(filter.argument(0))
                    if key.isEmpty || allowed.contains(key) || filter.this.asObject?.kind == .array {
                        return filter.argument(1)
                    }
                    return .undefined
                }
            }
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
