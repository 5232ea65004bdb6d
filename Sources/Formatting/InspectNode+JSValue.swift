import BSONCore
import Interpreter

extension InspectNode {
    /// The node for an interpreter value. Host objects that stand for a BSON value print as that value,
    /// dates as `ISODate('…')`, functions as `[Function: name]`, errors as `[Name: message]`, other host objects
    /// as `[ClassName]`; an object met again inside itself becomes `[Circular *n]`. Nothing below `depth + 1`
    /// levels is converted, since the layout prints it as `[Object]` / `[Array]`.
    package init(js value: JSValue, depth: Int? = nil) {
        var builder = JSNodeBuilder(depthLimit: depth)
        self = builder.node(value, level: 0)
    }
}

extension Inspector {
    /// An interpreter value as mongosh prints it.
    package static func inspect(_ value: JSValue, options: InspectOptions) -> String {
        inspect(InspectNode(js: value, depth: options.depth), options: options)
    }

    /// `print(...)` / `console.log(...)`: strings as they are, anything else inspected with `.shell`,
    /// joined by one space.
    package static func printForm(_ arguments: [JSValue]) -> String {
        arguments.map { argument in
            if case .string(let text) = argument { return text }
            return inspect(argument, options: .shell)
        }.joined(separator: " ")
    }

    /// `printjson(...)`: strings as they are, anything else in the `compact: false` layout with no limits,
    /// joined by one space.
    package static func printjsonForm(_ arguments: [JSValue]) -> String {
        arguments.map { argument in
            if case .string(let text) = argument { return text }
            return inspect(argument, options: .printjson)
        }.joined(separator: " ")
    }
}

/// Walks an interpreter value graph into an `InspectNode` tree. Not thread-safe: use on the interpreter's thread.
struct JSNodeBuilder {
    /// How deep any value prints, whatever the options say: deeper levels print as `[Object]` / `[Array]`, so
    /// a structure nested a million levels deep cannot exhaust the stack of the printer.
    static let maxDepth = 1000

    let depthLimit: Int?
    /// Containers on the path from the root, for cycle detection (Node's `ctx.seen`).
    private var path: Set<ObjectIdentifier> = []
    private var identities: [ObjectIdentifier: Int] = [:]

    init(depthLimit: Int?) { self.depthLimit = depthLimit }

    mutating func node(_ value: JSValue, level: Int) -> InspectNode {
        switch value {
        case .undefined: return .undefined
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let number): return .number(JSNumberText.inspect(number))
        case .string(let text): return .string(text)
        case .object(let object): return node(object, level: level)
        }
    }

    private mutating func identity(of object: JSObject) -> Int {
        let key = ObjectIdentifier(object)
        if let known = identities[key] { return known }
        let next = identities.count + 1
        identities[key] = next
        return next
    }

    private mutating func node(_ object: JSObject, level: Int) -> InspectNode {
        if let host = object.host {
            if let convertible = host as? any BSONValueConvertible {
                // Numbers from the server are plain script numbers; a wrapped Int32 or Double was built by the
                // user (`NumberInt(5)`), and mongosh shows those as `Int32(5)` / `Double(5)`.
                switch convertible.bsonValue {
                case .int32(let number):
                    return .printed([
                        InspectSegment("Int32("), InspectSegment(String(number), .number), InspectSegment(")"),
                    ])
                case .double(let number):
                    return .printed([
                        InspectSegment("Double("), InspectSegment(JSNumberText.inspect(number), .number),
                        InspectSegment(")"),
                    ])
                default:
                    return InspectNode(bson: convertible.bsonValue)
                }
            }
            return .special("[\(host.className)]")
        }
        switch object.kind {
        case .function:
            return .function(name: object.functionName)
        case .date:
            let time = object.dateValue ?? .nan
            guard time.isFinite else { return .printed([InspectSegment("Invalid Date", .date)]) }
            return BSONPrintedForms.date(milliseconds: Int64(time))
        case .regexp:
            return .regexp("/\(object.regExpSource ?? "(?:)")/\(object.regExpFlags ?? "")")
        case .error:
            let name = object.get("name").map(Self.plainText) ?? "Error"
            let message = object.get("message").map(Self.plainText) ?? ""
            return .printed([InspectSegment(message.isEmpty ? "[\(name)]" : "[\(name): \(message)]")])
        default:
            break
        }
        let key = ObjectIdentifier(object)
        if path.contains(key) { return .circular(identity(of: object)) }
        let elements = object.arrayElements
        let keys = object.ownKeys
        let propertyKeys = elements.map { Array(keys.dropFirst($0.count)) } ?? keys
        if level > min(depthLimit ?? Self.maxDepth, Self.maxDepth), !(propertyKeys.isEmpty && elements?.isEmpty ?? true)
        {
            return .special(elements == nil ? "[Object]" : "[Array]")
        }
        path.insert(key)
        defer { path.remove(key) }
        // Same order as Node's traversal (elements, then other keys), so cycles are numbered alike.
        var items: [InspectNode] = []
        for element in elements ?? [] { items.append(node(element, level: level + 1)) }
        var entries: [InspectEntry] = []
        entries.reserveCapacity(propertyKeys.count)
        for property in propertyKeys {
            entries.append(InspectEntry(property, node(object.ownProperty(property) ?? .undefined, level: level + 1)))
        }
        let mark = identity(of: object)
        if elements != nil { return .array(items, extra: entries, identity: mark) }
        return .object(entries, identity: mark)
    }

    private static func plainText(_ value: JSValue) -> String {
        if case .string(let text) = value { return text }
        return value.toDisplayString()
    }
}
