/// `Map` and `Set`, keyed by JavaScript's SameValueZero, in insertion order.
extension Interpreter {
    func installCollections() {
        let mapPrototype = JSObject(kind: .ordinary)
        mapPrototype.prototype = realm.objectPrototype
        defineConstructor("Map", 0, prototype: mapPrototype) { call in
            guard call.isConstruct else { throw JSError.typeError("Constructor Map requires 'new'") }
            let storage = CollectionStorage(isMap: true)
            let map = JSObject(host: storage)
            map.prototype = mapPrototype
            if !call.argument(0).isNullish {
                for entry in try call.interpreter.iterateToArray(call.argument(0)) {
                    storage.insert(
                        try call.interpreter.getIndexed(entry, .number(0)),
                        try call.interpreter.getIndexed(entry, .number(1)))
                }
            }
            return .object(map)
        }
        let setPrototype = JSObject(kind: .ordinary)
        setPrototype.prototype = realm.objectPrototype
        defineConstructor("Set", 0, prototype: setPrototype) { call in
            guard call.isConstruct else { throw JSError.typeError("Constructor Set requires 'new'") }
            let storage = CollectionStorage(isMap: false)
            let set = JSObject(host: storage)
            set.prototype = setPrototype
            if !call.argument(0).isNullish {
                for value in try call.interpreter.iterateToArray(call.argument(0)) { storage.insert(value, value) }
            }
            return .object(set)
        }
        defineMethod(mapPrototype, "get", 1) { call in
            try Self.collection(call, "Map.prototype.get").value(for: call.argument(0)) ?? .undefined
        }
        defineMethod(mapPrototype, "set", 2) { call in
            try Self.collection(call, "Map.prototype.set").insert(call.argument(0), call.argument(1))
            return call.this
        }
        defineMethod(setPrototype, "add", 1) { call in
            try Self.collection(call, "Set.prototype.add").insert(call.argument(0), call.argument(0))
            return call.this
        }
        for (prototype, name) in [(mapPrototype, "Map"), (setPrototype, "Set")] {
            defineMethod(prototype, "has", 1) { call in
                .bool(try Self.collection(call, "\(name).prototype.has").value(for: call.argument(0)) != nil)
            }
            defineMethod(prototype, "delete", 1) { call in
                .bool(try Self.collection(call, "\(name).prototype.delete").remove(call.argument(0)))
            }
            defineMethod(prototype, "clear") { call in
                try Self.collection(call, "\(name).prototype.clear").removeAll()
                return .undefined
            }
            defineMethod(prototype, "forEach", 1) { call in
                let storage = try Self.collection(call, "\(name).prototype.forEach")
                let function = try Self.callback(call, 0)
                for (key, value) in storage.entries {
                    _ = try call.interpreter.call(function, this: call.argument(1), arguments: [value, key, call.this])
                }
                return .undefined
            }
            defineMethod(prototype, "keys") { call in
                .object(JSObject.makeArray(try Self.collection(call, "\(name).prototype.keys").entries.map(\.key)))
            }
            defineMethod(prototype, "values") { call in
                .object(JSObject.makeArray(try Self.collection(call, "\(name).prototype.values").entries.map(\.value)))
            }
            defineMethod(prototype, "entries") { call in
                let entries = try Self.collection(call, "\(name).prototype.entries").entries
                return .object(JSObject.makeArray(entries.map { .object(JSObject.makeArray([$0.key, $0.value])) }))
            }
        }
    }

    static func collection(_ call: NativeCall, _ method: String) throws -> CollectionStorage {
        guard case .object(let object) = call.this, let storage = object.host as? CollectionStorage else {
            throw JSError.typeError("Method \(method) called on incompatible receiver \(call.this.toDisplayString())")
        }
        return storage
    }
}

/// A hashable form of a JavaScript value under SameValueZero (NaN equals NaN, +0 equals -0, objects by identity).
enum CollectionKey: Hashable {
    case undefined, null
    case bool(Bool)
    case number(Double)
    case string(String)
    case object(ObjectIdentifier)

    init(_ value: JSValue) {
        switch value {
        case .undefined: self = .undefined
        case .null: self = .null
        case .bool(let bool): self = .bool(bool)
        case .number(let number): self = .number(number.isNaN ? .nan : number == 0 ? 0 : number)
        case .string(let string): self = .string(string)
        case .object(let object): self = .object(ObjectIdentifier(object))
        }
    }

    static func == (lhs: CollectionKey, rhs: CollectionKey) -> Bool {
        switch (lhs, rhs) {
        case (.number(let x), .number(let y)): x == y || (x.isNaN && y.isNaN)
        case (.undefined, .undefined), (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.object(let x), .object(let y)): x == y
        default: false
        }
    }

    func hash(into hasher: inout Hasher) {
        switch self {
        case .undefined: hasher.combine(0)
        case .null: hasher.combine(1)
        case .bool(let bool): hasher.combine(bool)
        case .number(let number): hasher.combine(number.isNaN ? Double.infinity.bitPattern &+ 1 : number.bitPattern)
        case .string(let string): hasher.combine(string)
        case .object(let identifier): hasher.combine(identifier)
        }
    }
}

/// The entries of a `Map` or `Set` (a set stores each value as its own key). Live iteration sees additions.
final class CollectionStorage: HostObject {
    let isMap: Bool
    private var index: [CollectionKey: Int] = [:]
    /// Entries in insertion order; removed ones are nil until compacted.
    private var slots: [(key: JSValue, value: JSValue)?] = []
    private(set) var count = 0

    init(isMap: Bool) { self.isMap = isMap }

    var className: String { isMap ? "Map" : "Set" }

    var entries: [(key: JSValue, value: JSValue)] { slots.compactMap { $0 } }

    func getProperty(_ key: String, interpreter: Interpreter) throws -> JSValue? {
        key == "size" ? .number(Double(count)) : nil
    }

    func makeIterator(interpreter: Interpreter) throws -> (() throws -> JSValue?)? {
        var position = 0
        return { [self] in
            while position < slots.count {
                defer { position += 1 }
                if let entry = slots[position] {
                    return isMap ? .object(JSObject.makeArray([entry.key, entry.value])) : entry.key
                }
            }
            return nil
        }
    }

    func value(for key: JSValue) -> JSValue? {
        guard let position = index[CollectionKey(key)] else { return nil }
        return slots[position]?.value
    }

    func insert(_ key: JSValue, _ value: JSValue) {
        let normalizedKey: JSValue = if case .number(0) = key { .number(0) } else { key }
        if let position = index[CollectionKey(key)] {
            slots[position] = (normalizedKey, value)
            return
        }
        index[CollectionKey(key)] = slots.count
        slots.append((normalizedKey, value))
        count += 1
    }

    func remove(_ key: JSValue) -> Bool {
        guard let position = index.removeValue(forKey: CollectionKey(key)) else { return false }
        slots[position] = nil
        count -= 1
        return true
    }

    func removeAll() {
        index.removeAll()
        slots.removeAll()
        count = 0
    }
}
