import BSONCore

/// The exact encoded BSON size of documents and values, computed without encoding them, for the size counters
/// of `.stats()` (§7.3) and the 16 MB pipeline limit (§1 rule 9).
package enum BSONSize {
    /// The bytes `document` takes as BSON: length, elements, terminator.
    package static func of(_ document: BSONDocument) -> Int {
        var size = 5
        for (key, value) in document.elements { size += 2 + key.utf8.count + of(value) }
        return size
    }

    /// The bytes of an array encoded as a BSON document keyed `"0"`, `"1"`, ….
    package static func of(_ values: [BSONValue]) -> Int {
        var size = 5
        for (index, value) in values.enumerated() { size += 2 + decimalDigits(index) + of(value) }
        return size
    }

    /// The bytes of one value's payload (without its type byte and key).
    package static func of(_ value: BSONValue) -> Int {
        switch value {
        case .double, .datetime, .int64, .timestamp: return 8
        case .string(let text), .code(let text), .symbol(let text): return 5 + text.utf8.count
        case .document(let document): return of(document)
        case .array(let values): return of(values)
        case .binary(let binary): return 5 + binary.data.count + (binary.subtype == 0x02 ? 4 : 0)
        case .undefined, .null, .minKey, .maxKey: return 0
        case .objectID: return 12
        case .bool: return 1
        case .regex(let regex): return 2 + regex.pattern.utf8.count + regex.options.utf8.count
        case .dbPointer(let namespace, _): return 17 + namespace.utf8.count
        case .codeWithScope(let code, let scope): return 9 + code.utf8.count + of(scope)
        case .int32: return 4
        case .decimal128: return 16
        }
    }

    private static func decimalDigits(_ number: Int) -> Int {
        var digits = 1
        var rest = number / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        return digits
    }
}
