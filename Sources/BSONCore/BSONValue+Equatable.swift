/// Equality is structural and exact: same case, same payload. Doubles compare by bit pattern, so `NaN == NaN`
/// (same payload) and `-0.0 != 0.0`, which is what a round trip through BSON must preserve. `.int32(1)` and
/// `.int64(1)` differ, as do `.double(1)` and `.int32(1)`: use a numeric comparison where MongoDB's is meant.
extension BSONValue: Equatable, Hashable {
    /// Same case and same payload; doubles by bit pattern.
    package static func == (lhs: BSONValue, rhs: BSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.double(let a), .double(let b)): a.bitPattern == b.bitPattern
        case (.string(let a), .string(let b)): a == b
        case (.document(let a), .document(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.binary(let a), .binary(let b)): a == b
        case (.undefined, .undefined), (.null, .null), (.minKey, .minKey), (.maxKey, .maxKey): true
        case (.objectID(let a), .objectID(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.datetime(let a), .datetime(let b)): a == b
        case (.regex(let a), .regex(let b)): a == b
        case (.dbPointer(let n1, let id1), .dbPointer(let n2, let id2)): n1 == n2 && id1 == id2
        case (.code(let a), .code(let b)): a == b
        case (.symbol(let a), .symbol(let b)): a == b
        case (.codeWithScope(let c1, let s1), .codeWithScope(let c2, let s2)): c1 == c2 && s1 == s2
        case (.int32(let a), .int32(let b)): a == b
        case (.timestamp(let a), .timestamp(let b)): a == b
        case (.int64(let a), .int64(let b)): a == b
        case (.decimal128(let a), .decimal128(let b)): a == b
        default: false
        }
    }

    /// Hashes the type byte and the payload, consistently with `==`.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(typeByte)
        switch self {
        case .double(let number): hasher.combine(number.bitPattern)
        case .string(let text), .code(let text), .symbol(let text): hasher.combine(text)
        case .document(let doc): hasher.combine(doc)
        case .array(let values): hasher.combine(values)
        case .binary(let binary): hasher.combine(binary)
        case .undefined, .null, .minKey, .maxKey: break
        case .objectID(let id): hasher.combine(id)
        case .bool(let flag): hasher.combine(flag)
        case .datetime(let millis): hasher.combine(millis)
        case .regex(let regex): hasher.combine(regex)
        case .dbPointer(let namespace, let id):
            hasher.combine(namespace)
            hasher.combine(id)
        case .codeWithScope(let code, let scope):
            hasher.combine(code)
            hasher.combine(scope)
        case .int32(let number): hasher.combine(number)
        case .timestamp(let stamp): hasher.combine(stamp)
        case .int64(let number): hasher.combine(number)
        case .decimal128(let decimal): hasher.combine(decimal)
        }
    }
}

/// Ordered equality: same keys with equal values in the same order (`{a:1, b:2} != {b:2, a:1}`), duplicates
/// included. Values compare as `BSONValue` does (doubles by bit pattern).
extension BSONDocument: Equatable, Hashable {
    /// Same keys and equal values, in the same order.
    package static func == (lhs: BSONDocument, rhs: BSONDocument) -> Bool {
        lhs.elements.count == rhs.elements.count
            && zip(lhs.elements, rhs.elements).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    /// Hashes keys and values in order, consistently with `==`.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(elements.count)
        for (key, value) in elements {
            hasher.combine(key)
            hasher.combine(value)
        }
    }
}
