import BSONCore
import Interpreter

/// A BSON value that JavaScript has no type for (ObjectId, Long, Decimal128, Timestamp, Binary, ...), as a
/// script object. It prints as mongosh prints the value and converts back to the same BSON.
package final class BSONBox: HostObject, BSONValueConvertible {
    package let bsonValue: BSONValue

    package init(_ value: BSONValue) { bsonValue = value }

    package var className: String {
        switch bsonValue {
        case .objectID: return "ObjectId"
        case .int64: return "Long"
        case .int32: return "Int32"
        case .double: return "Double"
        case .decimal128: return "Decimal128"
        case .timestamp: return "Timestamp"
        case .binary(let b): return b.subtype == 4 ? "UUID" : "Binary"
        case .minKey: return "MinKey"
        case .maxKey: return "MaxKey"
        case .code, .codeWithScope: return "Code"
        case .regex: return "BSONRegExp"
        case .dbPointer: return "DBRef"
        default: return "BSONValue"
        }
    }

    package var propertyNames: [String] {
        switch bsonValue {
        case .objectID: return ["toHexString", "toString", "getTimestamp", "equals"]
        case .int64, .int32, .double: return ["toNumber", "toString", "valueOf"]
        case .timestamp: return ["t", "i", "toString"]
        default: return ["toString"]
        }
    }

    package func getProperty(_ key: String, interpreter: Interpreter) throws -> JSValue? {
        switch (bsonValue, key) {
        case (.objectID(let id), "toHexString"), (.objectID(let id), "toString"), (.objectID(let id), "toJSON"):
            return .makeFunction(name: key) { _ in .string(id.hex) }
        case (.objectID(let id), "getTimestamp"):
            return .makeFunction(name: key) { _ in
                .object(JSObject.makeDate(milliseconds: Double(id.timestamp) * 1000))
            }
        case (.objectID(let id), "equals"):
            return .makeFunction(name: key) { call in
                guard case .object(let o) = call.argument(0), let other = o.host as? BSONBox,
                    case .objectID(let otherID) = other.bsonValue
                else { return .bool(false) }
                return .bool(otherID == id)
            }
        case (.int64(let n), "toNumber"), (.int64(let n), "valueOf"):
            return .makeFunction(name: key) { _ in .number(Double(n)) }
        case (.int32(let n), "toNumber"), (.int32(let n), "valueOf"):
            return .makeFunction(name: key) { _ in .number(Double(n)) }
        case (.double(let d), "toNumber"), (.double(let d), "valueOf"):
            return .makeFunction(name: key) { _ in .number(d) }
        case (.timestamp(let ts), "t"): return .number(Double(ts.t))
        case (.timestamp(let ts), "i"): return .number(Double(ts.i))
        case (_, "toString"):
            let text = stringForm
            return .makeFunction(name: key) { _ in .string(text) }
        default:
            return nil
        }
    }

    /// What `String(x)` / `x.toString()` gives, as in js-bson.
    package var stringForm: String {
        switch bsonValue {
        case .objectID(let id): return id.hex
        case .int64(let n): return String(n)
        case .int32(let n): return String(n)
        case .double(let d): return JSNumber.format(d)
        case .decimal128(let d): return d.description
        case .timestamp(let ts): return String((UInt64(ts.t) << 32) | UInt64(ts.i))
        case .binary(let b) where b.subtype == 4: return b.uuidString ?? Hex.encode(b.data)
        default: return "[object \(className)]"
        }
    }
}
