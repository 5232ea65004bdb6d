import BSONCore

/// Numeric helpers shared by operators, accumulators and the comparison order.
package enum NumericValue {
    /// Compares two numbers by value across int32, int64, double and decimal128; NaN equals NaN and is lowest.
    ///
    /// A Decimal128 compares exactly, against the other number converted to decimal (doubles with 34 digits).
    package static func compare(_ a: BSONValue, _ b: BSONValue) -> Int {
        switch (a, b) {
        case (.decimal128(let x), .decimal128(let y)): return Decimal128Arithmetic.compare(x, y)
        case (.decimal128(let x), _): return Decimal128Arithmetic.compare(x, exactDecimal(b))
        case (_, .decimal128(let y)): return Decimal128Arithmetic.compare(exactDecimal(a), y)
        case (.double(let x), .double(let y)): return compareDoubles(x, y)
        case (.int32(let x), .int32(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.int64(let x), .int64(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.int32(let x), .int64(let y)): return Int64(x) == y ? 0 : (Int64(x) < y ? -1 : 1)
        case (.int64(let x), .int32(let y)): return x == Int64(y) ? 0 : (x < Int64(y) ? -1 : 1)
        case (.int64(let x), .double(let y)): return -compareDouble(y, withInt64: x)
        case (.double(let x), .int64(let y)): return compareDouble(x, withInt64: y)
        default:
            return compareDoubles(approximateDouble(a), approximateDouble(b))
        }
    }

    /// A number as a decimal for comparison: integers exactly, doubles rounded to 34 digits.
    private static func exactDecimal(_ value: BSONValue) -> BSONDecimal128 {
        if case .double(let x) = value { return Decimal128Arithmetic.from(x, significantDigits: 34) }
        return Decimal128Arithmetic.from(value) ?? Decimal128Arithmetic.nan
    }

    /// The value as a Double (decimal128 correctly rounded), or NaN for a non-number.
    package static func approximateDouble(_ value: BSONValue) -> Double {
        switch value {
        case .int32(let x): return Double(x)
        case .int64(let x): return Double(x)
        case .double(let x): return x
        case .decimal128(let x): return Decimal128Arithmetic.toDouble(x)
        default: return .nan
        }
    }

    private static func compareDoubles(_ x: Double, _ y: Double) -> Int {
        if x.isNaN { return y.isNaN ? 0 : -1 }
        if y.isNaN { return 1 }
        return x == y ? 0 : (x < y ? -1 : 1)
    }

    /// Exact comparison of a double with an int64 (no rounding of large int64 values).
    private static func compareDouble(_ x: Double, withInt64 y: Int64) -> Int {
        if x.isNaN { return -1 }
        if x >= 9_223_372_036_854_775_808.0 { return 1 }
        if x < -9_223_372_036_854_775_808.0 { return -1 }
        let truncated = Int64(x.rounded(.towardZero))
        if truncated != y { return truncated < y ? -1 : 1 }
        let fraction = x - x.rounded(.towardZero)
        return fraction == 0 ? 0 : (fraction < 0 ? -1 : 1)
    }
}
