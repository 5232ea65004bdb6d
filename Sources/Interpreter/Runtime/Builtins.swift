import Foundation

/// Installs the built-in globals and the helpers that native functions share.
extension Interpreter {
    func installBuiltins() {
        defineGlobal("undefined", .undefined)
        defineGlobal("NaN", .number(.nan))
        defineGlobal("Infinity", .number(.infinity))
        installObject()
        installFunction()
        installErrors()
        installArray()
        installString()
        installNumberAndBoolean()
        installMath()
        installJSON()
        installDate()
        installRegExp()
        installCollections()
        installPromise()
        installGlobalFunctions()
    }

    /// Defines a non-enumerable method on `object`.
    func defineMethod(
        _ object: JSObject, _ name: String, _ length: Int = 0, _ body: @escaping (NativeCall) throws -> JSValue
    ) {
        let method = JSObject(native: NativeFunction(name: name, length: length, isConstructor: false, body: body))
        object.set(name, .object(method), enumerable: false)
    }

    /// A constructor function whose `prototype` is `prototype`, defined as a global.
    @discardableResult
    func defineConstructor(
        _ name: String, _ length: Int, prototype: JSObject, _ body: @escaping (NativeCall) throws -> JSValue
    ) -> JSObject {
        let constructor = JSObject(native: NativeFunction(name: name, length: length, body: body))
        constructor.set("prototype", .object(prototype), enumerable: false)
        prototype.set("constructor", .object(constructor), enumerable: false)
        defineGlobal(name, .object(constructor))
        return constructor
    }

    /// The callable argument at `index`, or a TypeError naming what was passed.
    static func callback(_ call: NativeCall, _ index: Int) throws -> JSValue {
        let value = call.argument(index)
        guard case .object(let object) = value, object.isCallable else {
            throw JSError.typeError(
                "\(value.typeofString == "string" ? "\"\(value.toDisplayString())\"" : value.toDisplayString()) is not a function"
            )
        }
        return value
    }

    func installObject() {
        let prototype = realm.objectPrototype
        let constructor = defineConstructor("Object", 1, prototype: prototype) { call in
            let value = call.argument(0)
            if case .object = value { return value }
            return .object(JSObject(kind: .ordinary))
        }
        defineMethod(constructor, "keys", 1) { call in
            let entries = try call.interpreter.ownEnumerableEntries(try Self.requireObjectCoercible(call.argument(0)))
            return .object(JSObject.makeArray(entries.map { .string($0.0) }))
        }
        defineMethod(constructor, "values", 1) { call in
            let entries = try call.interpreter.ownEnumerableEntries(try Self.requireObjectCoercible(call.argument(0)))
            return .object(JSObject.makeArray(entries.map(\.1)))
        }
        defineMethod(constructor, "entries", 1) { call in
            let entries = try call.interpreter.ownEnumerableEntries(try Self.requireObjectCoercible(call.argument(0)))
            return .object(JSObject.makeArray(entries.map { .object(JSObject.makeArray([.string($0.0), $0.1])) }))
        }
        defineMethod(constructor, "fromEntries", 1) { call in
            let object = JSObject(kind: .ordinary)
            for entry in try call.interpreter.iterateToArray(call.argument(0)) {
                let key = try call.interpreter.getIndexed(entry, .number(0))
                object.set(try call.interpreter.toPropertyKey(key), try call.interpreter.getIndexed(entry, .number(1)))
            }
            return .object(object)
        }
        defineMethod(constructor, "assign", 2) { call in
            guard case .object(let target) = call.argument(0) else {
                throw JSError.typeError("Cannot convert undefined or null to object")
            }
            for source in call.arguments.dropFirst() {
                for (key, value) in try call.interpreter.ownEnumerableEntries(source) {
                    try call.interpreter.setProperty(.object(target), key, value)
                }
            }
            return .object(target)
        }
        defineMethod(constructor, "create", 2) { call in
            let object = JSObject(kind: .ordinary)
            switch call.argument(0) {
            case .object(let prototype): object.prototype = prototype
            case .null: object.prototype = nil
            default:
                throw JSError.typeError(
                    "Object prototype may only be an Object or null: \(call.argument(0).toDisplayString())")
            }
            return .object(object)
        }
        defineMethod(constructor, "getPrototypeOf", 1) { call in
            guard case .object(let object) = call.argument(0) else { return .null }
            return call.interpreter.realm.prototype(of: object).map { .object($0) } ?? .null
        }
        defineMethod(constructor, "setPrototypeOf", 2) { call in
            if case .object(let object) = call.argument(0) {
                if case .object(let prototype) = call.argument(1) {
                    object.prototype = prototype
                } else {
                    object.prototype = nil
                }
            }
            return call.argument(0)
        }
        defineMethod(constructor, "getOwnPropertyNames", 1) { call in
            guard case .object(let object) = call.argument(0) else { return .object(JSObject.makeArray([])) }
            var keys = object.kind == .array ? object.elements.indices.map(String.init) + ["length"] : []
            keys += object.properties.orderedKeys(enumerableOnly: false)
            return .object(JSObject.makeArray(keys.map { .string($0) }))
        }
        defineMethod(constructor, "defineProperty", 3) { call in
            guard case .object(let object) = call.argument(0), case .object(let descriptor) = call.argument(2) else {
                throw JSError.typeError("Object.defineProperty called on non-object")
            }
            let interpreter = call.interpreter
            let key = try interpreter.toPropertyKey(call.argument(1))
            let getter = try interpreter.getProperty(descriptor, "get").asObject.flatMap { $0.isCallable ? $0 : nil }
            let setter = try interpreter.getProperty(descriptor, "set").asObject.flatMap { $0.isCallable ? $0 : nil }
            if getter != nil || setter != nil {
                object.defineAccessor(key, getter: getter, setter: setter)
            } else {
                let enumerable = try interpreter.getProperty(descriptor, "enumerable").isTruthy
                object.set(key, try interpreter.getProperty(descriptor, "value"), enumerable: enumerable)
            }
            return call.argument(0)
        }
        defineMethod(constructor, "is", 2) { call in
            switch (call.argument(0), call.argument(1)) {
            case (.number(let a), .number(let b)):
                return .bool((a.isNaN && b.isNaN) || (a == b && a.sign == b.sign))
            case (let a, let b):
                return .bool(call.interpreter.strictEquals(a, b))
            }
        }
        defineMethod(constructor, "freeze", 1) { call in
            if case .object(let object) = call.argument(0) { object.freeze() }
            return call.argument(0)
        }
        defineMethod(constructor, "isFrozen", 1) { call in
            guard case .object(let object) = call.argument(0) else { return .bool(true) }
            return .bool(object.isFrozen)
        }
        defineMethod(constructor, "hasOwn", 2) { call in
            guard case .object(let object) = call.argument(0) else { return .bool(false) }
            return .bool(object.hasOwnProperty(try call.interpreter.toPropertyKey(call.argument(1))))
        }
        defineMethod(prototype, "hasOwnProperty", 1) { call in
            guard case .object(let object) = call.this else { return .bool(false) }
            return .bool(object.hasOwnProperty(try call.interpreter.toPropertyKey(call.argument(0))))
        }
        defineMethod(prototype, "isPrototypeOf", 1) { call in
            guard case .object(let object) = call.this, case .object(let value) = call.argument(0) else {
                return .bool(false)
            }
            var current = call.interpreter.realm.prototype(of: value)
            while let candidate = current {
                if candidate === object { return .bool(true) }
                current = call.interpreter.realm.prototype(of: candidate)
            }
            return .bool(false)
        }
        defineMethod(prototype, "toString") { call in
            switch call.this {
            case .undefined: return .string("[object Undefined]")
            case .null: return .string("[object Null]")
            case .object(let object):
                if object.kind == .error { return .string(object.displayString(visited: [])) }
                return .string("[object \(object.kind == .ordinary ? "Object" : object.className)]")
            default: return .string("[object \(call.this.typeofString.capitalized)]")
            }
        }
        defineMethod(prototype, "toLocaleString") { call in .string(try call.interpreter.toString(call.this)) }
        defineMethod(prototype, "valueOf") { call in call.this }
    }

    static func requireObjectCoercible(_ value: JSValue) throws -> JSValue {
        if value.isNullish { throw JSError.typeError("Cannot convert undefined or null to object") }
        return value
    }

    func installFunction() {
        let prototype = realm.functionPrototype
        defineConstructor("Function", 1, prototype: prototype) { _ in
            throw JSError.error("Function constructor is not supported")
        }
        defineMethod(prototype, "call", 1) { call in
            try call.interpreter.call(call.this, this: call.argument(0), arguments: Array(call.arguments.dropFirst()))
        }
        defineMethod(prototype, "apply", 2) { call in
            let arguments = call.argument(1).isNullish ? [] : try call.interpreter.iterateToArray(call.argument(1))
            return try call.interpreter.call(call.this, this: call.argument(0), arguments: arguments)
        }
        defineMethod(prototype, "bind", 1) { call in
            guard case .object(let target) = call.this, target.isCallable else {
                throw JSError.typeError("Bind must be called on a function")
            }
            let bound = JSObject(kind: .function)
            bound.boundFunction = BoundFunction(
                target: target, this: call.argument(0), arguments: Array(call.arguments.dropFirst()))
            return .object(bound)
        }
        defineMethod(prototype, "toString") { call in
            guard case .object(let function) = call.this, function.isCallable else {
                throw JSError.typeError("Function.prototype.toString requires that 'this' be a Function")
            }
            if let script = function.scriptFunction {
                return .string(script.node.isArrow ? "(…) => {…}" : "function \(script.node.name)() { … }")
            }
            return .string("function \(function.functionName ?? "")() { [native code] }")
        }
    }

    func installErrors() {
        let base = realm.errorPrototype
        base.set("name", .string("Error"), enumerable: false)
        base.set("message", .string(""), enumerable: false)
        defineMethod(base, "toString") { call in
            guard case .object(let object) = call.this else {
                throw JSError.typeError("Error.prototype.toString called on non-object")
            }
            let name = try call.interpreter.getProperty(object, "name")
            let message = try call.interpreter.toString(try call.interpreter.getProperty(object, "message"))
            let nameText = name.isUndefined ? "Error" : try call.interpreter.toString(name)
            if message.isEmpty { return .string(nameText) }
            return .string(nameText.isEmpty ? message : "\(nameText): \(message)")
        }
        let errorConstructor = defineErrorConstructor("Error", prototype: base)
        for name in ["TypeError", "RangeError", "ReferenceError", "SyntaxError", "EvalError", "URIError"] {
            let prototype = JSObject(kind: .ordinary)
            prototype.prototype = base
            prototype.set("name", .string(name), enumerable: false)
            prototype.set("message", .string(""), enumerable: false)
            realm.errorPrototypes[name] = prototype
            let constructor = defineErrorConstructor(name, prototype: prototype)
            constructor.prototype = errorConstructor
        }
    }

    @discardableResult
    func defineErrorConstructor(_ name: String, prototype: JSObject) -> JSObject {
        defineConstructor(name, 1, prototype: prototype) { call in
            let message = call.argument(0).isUndefined ? "" : try call.interpreter.toString(call.argument(0))
            let error = JSObject(kind: .error)
            error.prototype = prototype
            if !call.argument(0).isUndefined { error.set("message", .string(message), enumerable: false) }
            if case .object(let options) = call.argument(1), options.hasOwnProperty("cause") {
                error.set("cause", try call.interpreter.getProperty(options, "cause"), enumerable: false)
            }
            error.set("stack", .string(message.isEmpty ? name : "\(name): \(message)"), enumerable: false)
            return .object(error)
        }
    }

    func installGlobalFunctions() {
        let unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()"
        for (name, kept) in [("encodeURIComponent", unreserved), ("encodeURI", unreserved + ";,/?:@&=+$#")] {
            let allowed = CharacterSet(charactersIn: kept)
            defineGlobal(
                name,
                JSValue.makeFunction(name: name, length: 1) { call in
                    let text = try call.interpreter.toString(call.argument(0))
                    guard let encoded = text.addingPercentEncoding(withAllowedCharacters: allowed) else {
                        throw JSError.uriError("URI malformed")
                    }
                    return .string(encoded)
                })
        }
        for name in ["decodeURIComponent", "decodeURI"] {
            defineGlobal(
                name,
                JSValue.makeFunction(name: name, length: 1) { call in
                    let text = try call.interpreter.toString(call.argument(0))
                    guard let decoded = text.removingPercentEncoding else { throw JSError.uriError("URI malformed") }
                    return .string(decoded)
                })
        }
        defineGlobal(
            "parseInt",
            JSValue.makeFunction(name: "parseInt", length: 2) { call in
                let text = try call.interpreter.toString(call.argument(0))
                let radix = JSNumber.toInt32(try call.interpreter.toNumber(call.argument(1)))
                return .number(Self.parseInt(text, radix: Int(radix)))
            })
        defineGlobal(
            "parseFloat",
            JSValue.makeFunction(name: "parseFloat", length: 1) { call in
                .number(Self.parseFloat(try call.interpreter.toString(call.argument(0))))
            })
        defineGlobal(
            "isNaN",
            JSValue.makeFunction(name: "isNaN", length: 1) { call in
                .bool(try call.interpreter.toNumber(call.argument(0)).isNaN)
            })
        defineGlobal(
            "isFinite",
            JSValue.makeFunction(name: "isFinite", length: 1) { call in
                .bool(try call.interpreter.toNumber(call.argument(0)).isFinite)
            })
        // `Number.parseInt === parseInt`, as in JavaScript.
        if let number = global("Number")?.asObject {
            for name in ["parseInt", "parseFloat"] {
                if let function = global(name) { number.set(name, function, enumerable: false) }
            }
        }
        globalScope.declare("globalThis", .object(JSObject(host: GlobalObject(scope: globalScope))))
    }

    /// JavaScript's `parseInt`: optional sign, `0x` prefix, then the longest run of digits in `radix`.
    static func parseInt(_ text: String, radix requested: Int) -> Double {
        var bytes = Substring(text.trimmingJSWhitespace()).utf8[...]
        var sign = 1.0
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            if first == UInt8(ascii: "-") { sign = -1 }
            bytes = bytes.dropFirst()
        }
        var radix = requested
        if radix != 0 && (radix < 2 || radix > 36) { return .nan }
        if radix == 0 || radix == 16, bytes.count >= 2, bytes.first == UInt8(ascii: "0"),
            bytes.dropFirst().first.map({ $0 | 0x20 == UInt8(ascii: "x") }) == true
        {
            bytes = bytes.dropFirst(2)
            radix = 16
        }
        if radix == 0 { radix = 10 }
        var value = 0.0
        var digits = 0
        for byte in bytes {
            let digit: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): digit = Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): digit = Int(byte - UInt8(ascii: "A")) + 10
            default: digit = 99
            }
            guard digit < radix else { break }
            value = value * Double(radix) + Double(digit)
            digits += 1
        }
        return digits == 0 ? .nan : sign * value
    }

    /// JavaScript's `parseFloat`: the longest prefix that is a decimal literal or `Infinity`.
    static func parseFloat(_ text: String) -> Double {
        let trimmed = text.trimmingJSWhitespace()
        for prefix in ["Infinity", "+Infinity", "-Infinity"] where trimmed.hasPrefix(prefix) {
            return prefix.hasPrefix("-") ? -.infinity : .infinity
        }
        let bytes = Array(trimmed.utf8)
        var best = Double.nan
        var end = 0
        // Grow the prefix while it stays a decimal literal (or a prefix of one, like "1e").
        while end < bytes.count {
            end += 1
            let candidate = Array(bytes[..<end])
            if JSNumber.isDecimalLiteral(candidate), let value = Double(String(decoding: candidate, as: UTF8.self)) {
                best = value
            } else if !Self.isDecimalPrefix(candidate) {
                break
            }
        }
        return best
    }

    static func isDecimalPrefix(_ bytes: [UInt8]) -> Bool {
        guard let last = bytes.last else { return true }
        return JSNumber.isDecimalLiteral(bytes + [UInt8(ascii: "0")]) || last == UInt8(ascii: ".")
            || last == UInt8(ascii: "-") || last == UInt8(ascii: "+")
    }
}

extension String {
    /// The string with its first character uppercased.
    var capitalized: String { prefix(1).uppercased() + dropFirst() }
}
