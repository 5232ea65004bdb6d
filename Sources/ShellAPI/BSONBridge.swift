import BSONCore
import Interpreter

/// Converts between script values and BSON, the way the Node driver does for mongosh.
///
/// To BSON: integral numbers that fit in 32 bits become Int32 (as the Node driver serialises them), other
/// numbers Double; `undefined` becomes null; Dates become UTC datetimes; wrappers made by `ObjectId()`,
/// `NumberLong()` and friends give their own value. From BSON: Int32 and Double become numbers (mongosh's
/// `promoteValues`), datetimes become Dates, and the types JavaScript lacks stay wrapped in `BSONBox`.
package enum BSONBridge {
    /// A script value as BSON; throws for values BSON cannot hold (functions, objects that contain
    /// themselves, nesting deeper than `maxDepth`).
    package static func bson(from value: JSValue, path: String = "") throws -> BSONValue {
        var ancestors: [ObjectIdentifier] = []
        return try bson(from: value, path: path, ancestors: &ancestors)
    }

    /// How deep objects may nest in a value converted to BSON (the server accepts 100 levels; the limit here
    /// keeps the recursive conversion far from the end of the stack).
    package static let maxDepth = 200

    /// A value that BSON cannot hold because of its shape: it contains itself, or nests too deep.
    package enum StructureError: Error, Equatable, JSErrorConvertible {
        case circular(path: String)
        case tooDeep

        package var jsErrorName: String {
            switch self {
            case .circular: "TypeError"
            case .tooDeep: "RangeError"
            }
        }

        package var jsErrorMessage: String {
            switch self {
            case .circular(let path): "Cannot convert circular structure to BSON\(BSONBridge.at(path))"
            case .tooDeep:
                "Cannot convert an object nested more than \(BSONBridge.maxDepth) levels deep to BSON"
            }
        }
    }

    private static func bson(from value: JSValue, path: String, ancestors: inout [ObjectIdentifier]) throws
        -> BSONValue
    {
        switch value {
        case .undefined, .null: return .null
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        case .number(let d): return number(d)
        case .object(let object): return try bson(from: object, path: path, ancestors: &ancestors)
        }
    }

    /// A script object as a BSON document; throws when it is not a plain object.
    package static func document(from value: JSValue, what: String) throws -> BSONDocument {
        guard case .object(let object) = value, object.arrayElements == nil, object.host == nil,
            object.dateValue == nil, !object.isCallable
        else {
            throw ShellError(.invalidArgument, "\(what) must be an object, found \(describeType(value))")
        }
        var ancestors: [ObjectIdentifier] = []
        return try document(from: object, path: "", ancestors: &ancestors)
    }

    /// A number as Node's BSON serializer writes it: Int32 when integral and in range, else Double.
    package static func number(_ d: Double) -> BSONValue {
        if d.rounded() == d, d >= Double(Int32.min), d <= Double(Int32.max), !(d == 0 && d.sign == .minus) {
            return .int32(Int32(d))
        }
        return .double(d)
    }

    private static func bson(from object: JSObject, path: String, ancestors: inout [ObjectIdentifier]) throws
        -> BSONValue
    {
        if let host = object.host {
            if let convertible = host as? BSONValueConvertible { return convertible.bsonValue }
            throw ShellError(.unsupportedBSONValue, "Cannot convert a \(host.className) to BSON\(at(path))")
        }
        if let ms = object.dateValue {
            return ms.isFinite ? .datetime(Int64(ms)) : .datetime(Int64.min)
        }
        if let source = object.regExpSource {
            return .regex(BSONRegex(pattern: source, options: String((object.regExpFlags ?? "").sorted())))
        }
        if object.isCallable {
            throw ShellError(.unsupportedBSONValue, "Cannot convert a function to BSON\(at(path))")
        }
        if let elements = object.arrayElements {
            try enter(object, path: path, ancestors: &ancestors)
            defer { ancestors.removeLast() }
            var values: [BSONValue] = []
            values.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                values.append(try bson(from: element, path: "\(path)[\(index)]", ancestors: &ancestors))
            }
            return .array(values)
        }
        return .document(try document(from: object, path: path, ancestors: &ancestors))
    }

    private static func document(from object: JSObject, path: String, ancestors: inout [ObjectIdentifier]) throws
        -> BSONDocument
    {
        try enter(object, path: path, ancestors: &ancestors)
        defer { ancestors.removeLast() }
        var doc = BSONDocument()
        for key in object.ownKeys {
            let value = object.get(key) ?? .undefined
            if case .object(let o) = value, o.isCallable { continue }  // methods are not data, as in js-bson
            doc.append(key, try bson(from: value, path: path.isEmpty ? key : "\(path).\(key)", ancestors: &ancestors))
        }
        return doc
    }

    /// Records `object` as being converted; throws when it is already (a cycle) or the nesting is too deep.
    private static func enter(_ object: JSObject, path: String, ancestors: inout [ObjectIdentifier]) throws {
        let id = ObjectIdentifier(object)
        if ancestors.contains(id) { throw StructureError.circular(path: path) }
        if ancestors.count >= maxDepth { throw StructureError.tooDeep }
        ancestors.append(id)
    }

    static func at(_ path: String) -> String { path.isEmpty ? "" : " at '\(path)'" }

    /// A BSON value as a script value.
    package static func jsValue(from value: BSONValue) -> JSValue {
        switch value {
        case .double(let d): return .number(d)
        case .int32(let i): return .number(Double(i))
        case .string(let s), .symbol(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .null: return .null
        case .undefined: return .undefined
        case .datetime(let ms): return .object(JSObject.makeDate(milliseconds: Double(ms)))
        case .document(let doc): return .object(jsObject(from: doc))
        case .array(let values): return .object(JSObject.makeArray(values.map(jsValue(from:))))
        default: return .object(JSObject(host: BSONBox(value)))
        }
    }

    /// A BSON document as a plain script object, keys in order.
    package static func jsObject(from document: BSONDocument) -> JSObject {
        JSObject.makeObject(document.elements.map { ($0.key, jsValue(from: $0.value)) })
    }

    /// `object`, `array`, `null`... for error messages.
    package static func describeType(_ value: JSValue) -> String {
        switch value {
        case .undefined: return "undefined"
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .object(let o):
            if o.arrayElements != nil { return "array" }
            if o.isCallable { return "function" }
            if let host = o.host { return host.className }
            return "object"
        }
    }
}
