import Foundation

/// A JavaScript object: own properties in JavaScript order, a prototype, and a kind with its internal state.
///
/// A reference type, shared by every value that refers to it. Not thread-safe: use on the interpreter's thread.
package final class JSObject {
    /// What sort of object this is.
    package enum Kind: Sendable, Equatable {
        case ordinary, array, function, date, regexp, error, host, boxedPrimitive
    }

    /// The object's kind.
    package let kind: Kind
    /// The explicit prototype; when `usesIntrinsicPrototype`, the interpreter supplies the one for the kind.
    package var prototype: JSObject? {
        didSet { usesIntrinsicPrototype = false }
    }
    /// Whether the prototype is the interpreter's built-in one for this kind (`Object.prototype` for ordinary
    /// objects, `Array.prototype` for arrays, …), so objects can be made without an interpreter at hand.
    package private(set) var usesIntrinsicPrototype = true
    var properties = PropertyMap()
    /// Dense elements of an array.
    var elements: [JSValue] = []
    var nativeFunction: NativeFunction?
    var scriptFunction: ScriptFunction?
    var boundFunction: BoundFunction?
    /// Milliseconds since the epoch for a date (NaN when invalid).
    var time: Double = .nan
    var regexSource = ""
    var regexFlags = ""
    var compiledRegex: NSRegularExpression?
    var primitiveValue: JSValue?
    /// What `new` needs to construct a class: its parent, fields and whether it declared a constructor.
    var classInfo: ClassInfo?
    /// The Swift error a script caught, kept so that rethrowing it propagates the original.
    var underlyingError: (any Error)?
    /// Getter and setter functions of accessor properties (their keys hold `undefined` in `properties`).
    var accessors: [String: (getter: JSObject?, setter: JSObject?)] = [:]
    /// Whether `Object.freeze` was applied: writes and deletes are ignored.
    package private(set) var isFrozen = false
    /// The host object behind a `.host` object.
    package let host: (any HostObject)?

    init(kind: Kind) {
        self.kind = kind
        host = nil
    }

    /// Frees deep structures (an array nested 200,000 levels, a long prototype chain) without recursing once per
    /// level, which would overflow the stack: children that only this object holds are emptied first, one at a time.
    deinit {
        if elements.isEmpty && properties.isEmpty && prototype == nil { return }
        var pending: [JSObject] = []
        detachChildren(into: &pending)
        while var next = pending.popLast() {
            if isKnownUniquelyReferenced(&next) { next.detachChildren(into: &pending) }
        }
    }

    /// Moves the objects this one refers to through elements, property values and its prototype into `pending`.
    func detachChildren(into pending: inout [JSObject]) {
        for element in elements {
            if case .object(let child) = element { pending.append(child) }
        }
        elements = []
        properties.takeObjects(into: &pending)
        if let parent = prototype {
            pending.append(parent)
            prototype = nil
        }
    }

    /// Wraps a host object.
    package init(host: some HostObject) {
        kind = .host
        self.host = host
    }

    init(native: NativeFunction) {
        kind = .function
        host = nil
        nativeFunction = native
    }

    /// A plain object with `properties` in order.
    package static func makeObject(_ properties: [(String, JSValue)] = []) -> JSObject {
        let object = JSObject(kind: .ordinary)
        for (key, value) in properties { object.set(key, value) }
        return object
    }

    /// An array with `elements`.
    package static func makeArray(_ elements: [JSValue]) -> JSObject {
        let object = JSObject(kind: .array)
        object.elements = elements
        return object
    }

    /// A date at `milliseconds` since the epoch (NaN for an invalid date).
    package static func makeDate(milliseconds: Double) -> JSObject {
        let object = JSObject(kind: .date)
        object.time = Date.timeClip(milliseconds)
        return object
    }

    /// A regular expression with its source and flags.
    package static func makeRegExp(source: String, flags: String) -> JSObject {
        let object = JSObject(kind: .regexp)
        object.regexSource = source
        object.regexFlags = flags
        object.set("lastIndex", .number(0), enumerable: false)
        object.set("source", .string(source), enumerable: false)
        object.set("flags", .string(flags), enumerable: false)
        object.set("global", .bool(flags.contains("g")), enumerable: false)
        object.set("ignoreCase", .bool(flags.contains("i")), enumerable: false)
        object.set("multiline", .bool(flags.contains("m")), enumerable: false)
        return object
    }

    /// An error object with a message (its name comes from the prototype).
    static func makeError(message: String, prototype: JSObject) -> JSObject {
        let object = JSObject(kind: .error)
        object.prototype = prototype
        object.set("message", .string(message), enumerable: false)
        return object
    }

    // MARK: Reading

    /// Own property keys in JavaScript order: array indices, then integer-like keys ascending, then the rest
    /// in insertion order; enumerable ones only.
    package var ownKeys: [String] {
        var keys: [String] = []
        if kind == .array { keys = elements.indices.map(String.init) }
        if kind == .host, let host { keys += host.propertyNames }
        keys += properties.orderedKeys(enumerableOnly: true)
        return keys
    }

    /// Own then explicit-prototype-chain lookup, without the interpreter's built-in prototypes or host getters.
    package func get(_ key: String) -> JSValue? {
        var object: JSObject? = self
        while let current = object {
            if let value = current.ownProperty(key) { return value }
            object = current.prototype
        }
        return nil
    }

    /// The own property `key` (array elements and `length` included), or nil.
    package func ownProperty(_ key: String) -> JSValue? {
        if kind == .array {
            if let index = JSNumber.arrayIndex(key), index < elements.count { return elements[index] }
            if key == "length" { return .number(Double(elements.count)) }
        }
        return properties[key]
    }

    /// Whether the object has the own property `key`.
    package func hasOwnProperty(_ key: String) -> Bool { ownProperty(key) != nil }

    /// Sets an own property (for arrays: elements and `length` too).
    package func set(_ key: String, _ value: JSValue) { set(key, value, enumerable: true) }

    func set(_ key: String, _ value: JSValue, enumerable: Bool) {
        if isFrozen { return }
        if kind == .array {
            if let index = JSNumber.arrayIndex(key) {
                setElement(index, value)
                return
            }
            if key == "length", case .number(let length) = value, length >= 0, length == length.rounded(),
                length <= Double(elements.count + Self.maximumArrayGap)
            {
                let count = Int(length)
                if count < elements.count {
                    elements.removeSubrange(count...)
                } else if count > elements.count {
                    elements.append(contentsOf: repeatElement(.undefined, count: count - elements.count))
                }
                return
            }
        }
        properties.set(key, value, enumerable: enumerable)
    }

    /// The largest gap an array write may fill with `undefined` (arrays are dense); farther indices are stored as
    /// ordinary properties instead.
    static let maximumArrayGap = 10_000_000

    /// Stores an array element, filling any gap with `undefined`.
    func setElement(_ index: Int, _ value: JSValue) {
        if isFrozen { return }
        if index > elements.count + Self.maximumArrayGap {
            properties.set(String(index), value, enumerable: true)
            return
        }
        if index < elements.count {
            elements[index] = value
        } else {
            if index > elements.count {
                elements.append(contentsOf: repeatElement(.undefined, count: index - elements.count))
            }
            elements.append(value)
        }
    }

    /// Removes an own property; returns whether it is gone.
    @discardableResult
    package func delete(_ key: String) -> Bool {
        if isFrozen { return false }
        accessors[key] = nil
        if kind == .array, let index = JSNumber.arrayIndex(key) {
            if index < elements.count { elements[index] = .undefined }
            return true
        }
        properties.remove(key)
        return true
    }

    /// Defines (or extends) an accessor property with a getter and/or setter function.
    func defineAccessor(_ key: String, getter: JSObject?, setter: JSObject?) {
        let existing = accessors[key]
        accessors[key] = (getter ?? existing?.getter, setter ?? existing?.setter)
        properties.set(key, .undefined, enumerable: true)
    }

    /// Makes the object read-only (`Object.freeze`).
    func freeze() { isFrozen = true }

    /// The elements of an array, or nil for other kinds.
    package var arrayElements: [JSValue]? { kind == .array ? elements : nil }

    /// Milliseconds since the epoch of a date (NaN when invalid), or nil for other kinds.
    package var dateValue: Double? { kind == .date ? time : nil }

    /// The pattern of a regular expression, or nil for other kinds.
    package var regExpSource: String? { kind == .regexp ? regexSource : nil }

    /// The flags of a regular expression, or nil for other kinds.
    package var regExpFlags: String? { kind == .regexp ? regexFlags : nil }

    /// Whether the object can be called.
    package var isCallable: Bool { kind == .function }

    /// The function's name, for functions.
    package var functionName: String? {
        if let nativeFunction { return nativeFunction.name }
        if let scriptFunction {
            // An anonymous function takes the name it was assigned to (`{ g: () => 1 }`), kept as own `name`.
            if scriptFunction.node.name.isEmpty, case .string(let inferred)? = ownProperty("name") { return inferred }
            return scriptFunction.node.name
        }
        if let boundFunction { return "bound " + (boundFunction.target.functionName ?? "") }
        return nil
    }

    /// The class name shown for the object: "Object", "Array", "Function", "Date", "RegExp", "Error" or the
    /// host's class name.
    package var className: String {
        switch kind {
        case .ordinary, .boxedPrimitive: "Object"
        case .array: "Array"
        case .function: "Function"
        case .date: "Date"
        case .regexp: "RegExp"
        case .error: "Error"
        case .host: host?.className ?? "Object"
        }
    }

    func displayString(visited: Set<ObjectIdentifier>) -> String {
        switch kind {
        case .array:
            guard !visited.contains(ObjectIdentifier(self)) else { return "" }
            let inner = visited.union([ObjectIdentifier(self)])
            return elements.map { element in
                switch element {
                case .undefined, .null: ""
                case .object(let object): object.displayString(visited: inner)
                default: element.toDisplayString()
                }
            }.joined(separator: ",")
        case .function:
            return "function \(functionName ?? "")() { [native code] }"
        case .date:
            return DateFormatting.dateString(time)
        case .regexp:
            return "/\(regexSource)/\(regexFlags)"
        case .error:
            let name = get("name")?.toDisplayString() ?? "Error"
            let message = get("message")?.toDisplayString() ?? ""
            return message.isEmpty ? name : "\(name): \(message)"
        case .boxedPrimitive:
            return primitiveValue?.toDisplayString() ?? ""
        case .host:
            return "[object \(className)]"
        case .ordinary:
            return "[object Object]"
        }
    }
}

/// Own properties in insertion order, with enumerability.
struct PropertyMap {
    private var values: [String: JSValue] = [:]
    private var keys: [String] = []
    private var hidden: Set<String> = []
    private var hasIntegerKeys = false

    subscript(key: String) -> JSValue? { values[key] }

    var isEmpty: Bool { values.isEmpty }

    /// Appends the objects among the values to `pending` and removes all properties (for `JSObject.deinit`).
    mutating func takeObjects(into pending: inout [JSObject]) {
        for value in values.values {
            if case .object(let child) = value { pending.append(child) }
        }
        self = PropertyMap()
    }

    mutating func set(_ key: String, _ value: JSValue, enumerable: Bool) {
        if values.updateValue(value, forKey: key) == nil {
            keys.append(key)
            if JSNumber.arrayIndex(key) != nil { hasIntegerKeys = true }
        }
        if !enumerable {
            hidden.insert(key)
        } else if !hidden.isEmpty {
            hidden.remove(key)
        }
    }

    mutating func remove(_ key: String) {
        guard values.removeValue(forKey: key) != nil else { return }
        if let index = keys.firstIndex(of: key) { keys.remove(at: index) }
        hidden.remove(key)
    }

    func isEnumerable(_ key: String) -> Bool { values[key] != nil && !hidden.contains(key) }

    /// Keys in JavaScript order: integer-like keys ascending first, then the others in insertion order.
    func orderedKeys(enumerableOnly: Bool) -> [String] {
        let visible = enumerableOnly && !hidden.isEmpty ? keys.filter { !hidden.contains($0) } : keys
        guard hasIntegerKeys else { return visible }
        var integers: [(Int, String)] = []
        var others: [String] = []
        for key in visible {
            if let index = JSNumber.arrayIndex(key) { integers.append((index, key)) } else { others.append(key) }
        }
        return integers.sorted { $0.0 < $1.0 }.map(\.1) + others
    }
}
