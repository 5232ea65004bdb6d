/// Property access on any value, iteration and enumeration.
extension Interpreter {
    /// `base[key]` for any value, with JavaScript's errors for `undefined` and `null`.
    func getProperty(_ base: JSValue, _ key: String) throws -> JSValue {
        switch base {
        case .object(let object):
            return try getProperty(object, key)
        case .string(let string):
            if key == "length" { return .number(Double(string.utf16.count)) }
            if let index = JSNumber.arrayIndex(key) {
                let units = string.utf16
                guard index < units.count else { return .undefined }
                let position = units.index(units.startIndex, offsetBy: index)
                return .string(String(utf16CodeUnits: [units[position]], count: 1))
            }
            return try lookup(realm.stringPrototype, key, receiver: base)
        case .number:
            return try lookup(realm.numberPrototype, key, receiver: base)
        case .bool:
            return try lookup(realm.booleanPrototype, key, receiver: base)
        case .undefined, .null:
            throw JSError.typeError("Cannot read properties of \(base.toDisplayString()) (reading '\(key)')")
        }
    }

    /// `object[key]`: host getters, own properties, then the prototype chain.
    func getProperty(_ object: JSObject, _ key: String) throws -> JSValue {
        try lookup(object, key, receiver: .object(object))
    }

    func lookup(_ start: JSObject, _ key: String, receiver: JSValue) throws -> JSValue {
        var current: JSObject? = start
        while let object = current {
            if let host = object.host, let value = try host.getProperty(key, interpreter: self) { return value }
            if let value = object.ownProperty(key) {
                if !object.accessors.isEmpty, let accessor = object.accessors[key] {
                    guard let getter = accessor.getter else { return .undefined }
                    return try callFunction(getter, this: receiver, arguments: [])
                }
                return value
            }
            if object.kind == .function, let value = functionProperty(object, key) { return value }
            current = realm.prototype(of: object)
        }
        return .undefined
    }

    /// A function's `name`, `length` and (created on first use) `prototype`.
    func functionProperty(_ function: JSObject, _ key: String) -> JSValue? {
        switch key {
        case "name":
            return .string(function.functionName ?? "")
        case "length":
            if let native = function.nativeFunction { return .number(Double(native.length)) }
            if let script = function.scriptFunction {
                let count = script.node.parameters.prefix { if case .withDefault = $0 { false } else { true } }.count
                return .number(Double(count))
            }
            return .number(0)
        case "prototype":
            guard let script = function.scriptFunction, !script.node.isArrow else { return nil }
            let prototype = JSObject(kind: .ordinary)
            prototype.set("constructor", .object(function), enumerable: false)
            function.set("prototype", .object(prototype), enumerable: false)
            return .object(prototype)
        default:
            return nil
        }
    }

    /// `base[key]` where the key is any value; arrays indexed by numbers take a fast path.
    func getIndexed(_ base: JSValue, _ key: JSValue) throws -> JSValue {
        if case .object(let object) = base, object.kind == .array, case .number(let number) = key,
            let index = Int(exactly: number), index >= 0
        {
            if index < object.elements.count { return object.elements[index] }
            if object.properties.isEmpty { return .undefined }
        }
        if case .undefined = base {
            throw JSError.typeError("Cannot read properties of undefined (reading '\(try toPropertyKey(key))')")
        }
        if case .null = base {
            throw JSError.typeError("Cannot read properties of null (reading '\(try toPropertyKey(key))')")
        }
        return try getProperty(base, try toPropertyKey(key))
    }

    /// `base[key] = value`.
    func setProperty(_ base: JSValue, _ key: String, _ value: JSValue) throws {
        switch base {
        case .object(let object):
            if let host = object.host, try host.setProperty(key, value, interpreter: self) { return }
            if let setter = try findSetter(object, key) {
                _ = try callFunction(setter, this: base, arguments: [value])
                return
            }
            if object.kind == .array, let index = JSNumber.arrayIndex(key) {
                object.setElement(index, value)
                return
            }
            if object.kind == .array, key == "length" {
                let length = try toNumber(value)
                guard length >= 0, length == length.rounded(), length <= 4_294_967_295 else {
                    throw JSError.rangeError("Invalid array length")
                }
                guard length <= Double(object.arrayElements?.count ?? 0) + Double(JSObject.maximumArrayGap) else {
                    throw JSError.rangeError("Invalid array length")
                }
                object.set(key, .number(length))
                return
            }
            object.set(key, value)
        case .undefined, .null:
            throw JSError.typeError("Cannot set properties of \(base.toDisplayString()) (setting '\(key)')")
        default:
            return
        }
    }

    /// The setter for `key` on the object or its prototypes; throws for an accessor without a setter.
    func findSetter(_ object: JSObject, _ key: String) throws -> JSObject? {
        var current: JSObject? = object
        while let candidate = current {
            if !candidate.accessors.isEmpty, let accessor = candidate.accessors[key] {
                guard let setter = accessor.setter else {
                    throw JSError.typeError(
                        "Cannot set property \(key) of \(candidate.displayString(visited: [])) which has only a getter")
                }
                return setter
            }
            if candidate.hasOwnProperty(key) { return nil }
            current = realm.prototype(of: candidate)
        }
        return nil
    }

    /// Whether `key in object`.
    func hasProperty(_ object: JSObject, _ key: String) throws -> Bool {
        var current: JSObject? = object
        while let candidate = current {
            if candidate.hasOwnProperty(key) { return true }
            if let host = candidate.host, host.propertyNames.contains(key) { return true }
            if candidate.kind == .function, ["name", "length"].contains(key) { return true }
            current = realm.prototype(of: candidate)
        }
        return false
    }

    /// Own enumerable `(key, value)` pairs, as spread and `Object.entries` see them.
    func ownEnumerableEntries(_ value: JSValue) throws -> [(String, JSValue)] {
        switch value {
        case .object(let object):
            if object.kind == .array {
                var entries = object.elements.enumerated().map { (String($0.offset), $0.element) }
                for key in object.properties.orderedKeys(enumerableOnly: true) {
                    entries.append((key, object.properties[key] ?? .undefined))
                }
                return entries
            }
            var entries: [(String, JSValue)] = []
            for key in object.ownKeys { entries.append((key, try getProperty(object, key))) }
            return entries
        case .string(let string):
            return string.utf16.enumerated().map {
                (String($0.offset), .string(String(utf16CodeUnits: [$0.element], count: 1)))
            }
        default:
            return []
        }
    }

    /// The keys `for…in` visits: own and inherited enumerable keys, each once.
    func enumerableKeys(of value: JSValue) throws -> [String] {
        switch value {
        case .object(let object):
            var keys: [String] = []
            var seen: Set<String> = []
            var current: JSObject? = object
            while let candidate = current {
                for key in candidate.ownKeys where seen.insert(key).inserted { keys.append(key) }
                current = realm.prototype(of: candidate)
            }
            return keys
        case .string(let string):
            return string.utf16.indices.enumerated().map { String($0.offset) }
        default:
            return []
        }
    }

    /// A pull iterator over an array, string or host iterable (nil when exhausted).
    ///
    /// `source` is the iterated expression's text for the error message (`x is not iterable`), as V8 shows it.
    func makeIterator(_ value: JSValue, source: String? = nil) throws -> () throws -> JSValue? {
        switch value {
        case .object(let object):
            if object.kind == .array {
                var index = 0
                return {
                    guard index < object.elements.count else { return nil }
                    defer { index += 1 }
                    return object.elements[index]
                }
            }
            if let host = object.host, let iterator = try host.makeIterator(interpreter: self) { return iterator }
        case .string(let string):
            var scalars = string.unicodeScalars.makeIterator()
            return { scalars.next().map { .string(String($0)) } }
        default:
            break
        }
        if let source, source != "(intermediate value)", !value.isNullish {
            throw JSError.typeError("\(source) is not iterable")
        }
        throw JSError.typeError(
            "\(value.typeofString == "object" ? "object" : value.toDisplayString()) is not iterable")
    }

    /// All values of an iterable.
    func iterateToArray(_ value: JSValue, source: String? = nil) throws -> [JSValue] {
        if case .object(let object) = value, object.kind == .array { return object.elements }
        let next = try makeIterator(value, source: source)
        var values: [JSValue] = []
        while let item = try next() {
            try tick()
            values.append(item)
        }
        return values
    }
}
