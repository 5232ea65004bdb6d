import BSONCore

/// MongoDB's total order over BSON values (§11.1), used by `$cmp`/`$eq`/…, `$min`/`$max`, `$sort` and `$group`
/// keys. `nil` (missing) sorts lowest, with undefined.
package enum BSONOrder {
    /// The canonical type rank: MinKey < missing/undefined < null < numbers < string/symbol < object < array <
    /// binData < ObjectId < bool < Date < Timestamp < regex < dbPointer < code < codeWithScope < MaxKey.
    package static func rank(_ value: BSONValue?) -> Int {
        guard let value else { return 1 }
        switch value {
        case .minKey: return 0
        case .undefined: return 1
        case .null: return 2
        case .double, .int32, .int64, .decimal128: return 3
        case .string, .symbol: return 4
        case .document: return 5
        case .array: return 6
        case .binary: return 7
        case .objectID: return 8
        case .bool: return 9
        case .datetime: return 10
        case .timestamp: return 11
        case .regex: return 12
        case .dbPointer: return 13
        case .code: return 14
        case .codeWithScope: return 15
        case .maxKey: return 16
        }
    }

    /// -1, 0 or 1: how `a` compares with `b` in MongoDB's order (no type bracketing).
    package static func compare(_ a: BSONValue?, _ b: BSONValue?) -> Int {
        // Fast paths for the commonest pairs (`{$eq: ["$side", "BUY"]}`, numbers of one type); NaN takes the
        // general path, which orders it below every other number.
        switch (a, b) {
        case (.string(let x)?, .string(let y)?): return compareBytes(x, y)
        case (.int32(let x)?, .int32(let y)?): return x == y ? 0 : (x < y ? -1 : 1)
        case (.double(let x)?, .double(let y)?) where !x.isNaN && !y.isNaN: return x == y ? 0 : (x < y ? -1 : 1)
        default: break
        }
        let rankA = rank(a)
        let rankB = rank(b)
        if rankA != rankB { return rankA < rankB ? -1 : 1 }
        guard let a, let b else { return 0 }
        switch (a, b) {
        case (.string(let x), .string(let x2)), (.symbol(let x), .symbol(let x2)), (.string(let x), .symbol(let x2)),
            (.symbol(let x), .string(let x2)):
            return compareBytes(x, x2)
        case (.document(let x), .document(let y)):
            return compareDocuments(x, y)
        case (.array(let x), .array(let y)):
            for (left, right) in zip(x, y) {
                let order = compare(left, right)
                if order != 0 { return order }
            }
            return sign(x.count - y.count)
        case (.binary(let x), .binary(let y)):
            if x.data.count != y.data.count { return sign(x.data.count - y.data.count) }
            if x.subtype != y.subtype { return x.subtype < y.subtype ? -1 : 1 }
            return lexicographic(x.data, y.data)
        case (.objectID(let x), .objectID(let y)):
            return lexicographic(x.bytes, y.bytes)
        case (.bool(let x), .bool(let y)):
            return x == y ? 0 : (x ? 1 : -1)
        case (.datetime(let x), .datetime(let y)):
            return x == y ? 0 : (x < y ? -1 : 1)
        case (.timestamp(let x), .timestamp(let y)):
            if x.t != y.t { return x.t < y.t ? -1 : 1 }
            return x.i == y.i ? 0 : (x.i < y.i ? -1 : 1)
        case (.regex(let x), .regex(let y)):
            let order = compareBytes(x.pattern, y.pattern)
            return order != 0 ? order : compareBytes(x.options, y.options)
        case (.code(let x), .code(let y)):
            return compareBytes(x, y)
        default:
            if a.isNumber { return NumericValue.compare(a, b) }
            return 0
        }
    }

    /// Whether `a` and `b` are equal in MongoDB's order (`1 == 1.0 == Long(1)`).
    package static func equal(_ a: BSONValue?, _ b: BSONValue?) -> Bool { compare(a, b) == 0 }

    private static func compareDocuments(_ x: BSONDocument, _ y: BSONDocument) -> Int {
        for (left, right) in zip(x.elements, y.elements) {
            let typeOrder = sign(rank(left.value) - rank(right.value))
            if typeOrder != 0 { return typeOrder }
            let nameOrder = compareBytes(left.key, right.key)
            if nameOrder != 0 { return nameOrder }
            let valueOrder = compare(left.value, right.value)
            if valueOrder != 0 { return valueOrder }
        }
        return sign(x.count - y.count)
    }

    /// Strings compare by their UTF-8 bytes, as the server's simple collation does, without copying them.
    private static func compareBytes(_ x: String, _ y: String) -> Int {
        var x = x
        var y = y
        return x.withUTF8 { left in
            y.withUTF8 { right in
                for index in 0..<min(left.count, right.count) where left[index] != right[index] {
                    return left[index] < right[index] ? -1 : 1
                }
                return sign(left.count - right.count)
            }
        }
    }

    private static func lexicographic(_ x: [UInt8], _ y: [UInt8]) -> Int {
        for (left, right) in zip(x, y) where left != right { return left < right ? -1 : 1 }
        return sign(x.count - y.count)
    }

    private static func sign(_ value: Int) -> Int { value == 0 ? 0 : (value < 0 ? -1 : 1) }
}
