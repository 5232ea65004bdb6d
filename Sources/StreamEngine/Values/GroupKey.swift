import BSONCore

/// A BSON value hashed and compared the way `$group` and `$addToSet` match values (§11.3): numbers by value
/// across types (`Int32(1)`, `Long(1)` and `1.0` are one key), strings and symbols alike, documents and arrays
/// element by element with the same rules. Missing is kept apart from null by the caller (`$group` maps missing
/// to null first).
package struct GroupKey: Hashable, Sendable {
    /// The value as first seen (what `_id` shows).
    package let value: BSONValue

    /// Wraps `value`.
    package init(_ value: BSONValue) { self.value = value }

    /// Equal in MongoDB's order.
    package static func == (lhs: GroupKey, rhs: GroupKey) -> Bool { BSONOrder.compare(lhs.value, rhs.value) == 0 }

    /// Consistent with `==`: numbers hash by their Double value, so every numerically equal pair collides.
    package func hash(into hasher: inout Hasher) { Self.hash(value, into: &hasher) }

    /// Hashes `value` consistently with `==` (numbers by value across types).
    package static func hash(_ value: BSONValue, into hasher: inout Hasher) {
        hasher.combine(BSONOrder.rank(value))
        switch value {
        case .int32(let x): hasher.combine(Double(x))
        case .int64(let x): hasher.combine(Double(x))
        case .double(let x): hasher.combine(x.isNaN ? Double.infinity : x)
        case .decimal128(let x):
            let approximation = NumericValue.approximateDouble(.decimal128(x))
            hasher.combine(approximation.isNaN ? Double.infinity : approximation)
        case .string(let text), .symbol(let text): hasher.combine(text)
        case .document(let document):
            hasher.combine(document.count)
            for (key, element) in document.elements {
                hasher.combine(key)
                hash(element, into: &hasher)
            }
        case .array(let elements):
            hasher.combine(elements.count)
            for element in elements { hash(element, into: &hasher) }
        case .datetime(let millis): hasher.combine(millis)
        case .bool(let flag): hasher.combine(flag)
        case .objectID(let id): hasher.combine(id)
        default: hasher.combine(value)
        }
    }

    /// The hash of a compound key (the fields of an object `_id`, missing ones as `nil`), consistent with
    /// `partsEqual`.
    package static func hash(parts: [BSONValue?]) -> Int {
        var hasher = Hasher()
        for part in parts {
            if let part { hash(part, into: &hasher) } else { hasher.combine(-1) }
        }
        return hasher.finalize()
    }

    /// Whether two compound keys are equal: the same parts missing, the others equal in MongoDB's order.
    package static func partsEqual(_ a: [BSONValue?], _ b: [BSONValue?]) -> Bool {
        guard a.count == b.count else { return false }
        for index in a.indices {
            switch (a[index], b[index]) {
            case (nil, nil): continue
            case (.string(let x)?, .string(let y)?): if x != y { return false }
            case (.datetime(let x)?, .datetime(let y)?): if x != y { return false }
            case (let x?, let y?): if BSONOrder.compare(x, y) != 0 { return false }
            default: return false
            }
        }
        return true
    }
}
