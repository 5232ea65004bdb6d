import BSONCore

extension BSONValue {
    /// Aggregation truthiness (§11.2): false, null, undefined and numeric zero are false; everything else,
    /// including `""`, `[]`, `{}` and NaN, is true.
    package var isTruthy: Bool {
        switch self {
        case .bool(let flag): return flag
        case .null, .undefined: return false
        case .int32(let x): return x != 0
        case .int64(let x): return x != 0
        case .double(let x): return x != 0
        case .decimal128(let x): return !Decimal128Arithmetic.isZero(x)
        default: return true
        }
    }
}

extension Optional where Wrapped == BSONValue {
    /// Aggregation truthiness where missing is false.
    package var isTruthy: Bool { self?.isTruthy ?? false }
}
