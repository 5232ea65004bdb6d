import BSONCore

/// IEEE 754-2008 decimal128 arithmetic as the server does it (Intel's BID library): exact operations rounded to
/// 34 significant digits with ties to even, the full exponent range (-6176 … 6111, with clamping and gradual
/// underflow), NaN and ±Infinity. Used by the arithmetic operators (§11.4), `$round`/`$trunc` (§11.6), the
/// comparison order (§11.1) and the accumulators.
///
/// Known gaps: transcendental functions (`$sqrt`, `$exp`, `$ln`, `$log10`, `$pow` on decimals) are not here; the
/// operators compute them through Double, so their decimal results carry 15 significant digits, not 34.
package enum Decimal128Arithmetic {
    /// How `quantize` and integer conversion drop digits.
    package enum Rounding: Sendable {
        /// To the nearest, ties to the even neighbour (banker's rounding).
        case tiesToEven
        /// Toward zero (truncation).
        case towardZero
    }

    static let maxDigits = 34
    static let minExponent = -6176
    static let maxExponent = 6111
    static let exponentBias = 6176

    /// An unpacked decimal128.
    struct Unpacked {
        enum Kind { case finite, infinity, nan }
        var kind: Kind
        var isNegative: Bool
        var coefficient: DecimalLimbs
        var exponent: Int

        static func nan() -> Unpacked { Unpacked(kind: .nan, isNegative: false, coefficient: .init(), exponent: 0) }
        static func infinity(negative: Bool) -> Unpacked {
            Unpacked(kind: .infinity, isNegative: negative, coefficient: .init(), exponent: 0)
        }
    }

    // MARK: Constants and conversions

    /// Positive NaN.
    package static let nan = BSONDecimal128(low: 0, high: 0x7C00_0000_0000_0000)
    /// +Infinity.
    package static let infinity = BSONDecimal128(low: 0, high: 0x7800_0000_0000_0000)
    /// -Infinity.
    package static let negativeInfinity = BSONDecimal128(low: 0, high: 0xF800_0000_0000_0000)
    /// 0 (exponent 0).
    package static let zero = BSONDecimal128(low: 0, high: UInt64(exponentBias) << 49)

    /// The exact decimal of an Int64.
    package static func from(_ value: Int64) -> BSONDecimal128 {
        pack(isNegative: value < 0, coefficient: DecimalLimbs(value.magnitude), exponent: 0)
    }

    /// The exact decimal of an Int32.
    package static func from(_ value: Int32) -> BSONDecimal128 { from(Int64(value)) }

    /// A double as a decimal rounded (ties to even) to `significantDigits`: 15 is the server's default (the
    /// result then always has exactly 15 digits, `2.5` → `2.50000000000000`), 34 keeps the binary value as far
    /// as decimal128 can (`$round`, §11.6). Zero, NaN and ±Infinity convert directly.
    package static func from(_ value: Double, significantDigits: Int = 15) -> BSONDecimal128 {
        if value.isNaN { return nan }
        if value.isInfinite { return value < 0 ? negativeInfinity : infinity }
        if value == 0 { return pack(isNegative: value.sign == .minus, coefficient: DecimalLimbs(), exponent: 0) }
        var (coefficient, exponent) = exactDecimal(of: value.magnitude)
        (coefficient, exponent) = roundToDigits(coefficient, exponent, maxDigits)
        if significantDigits < maxDigits {
            (coefficient, exponent) = roundToDigits(coefficient, exponent, significantDigits)
            let digits = coefficient.digitCount
            if digits < significantDigits {
                coefficient = coefficient.shiftedLeft(digits: significantDigits - digits)
                exponent -= significantDigits - digits
            }
        }
        return pack(isNegative: value < 0, coefficient: coefficient, exponent: exponent)
    }

    /// The numeric BSON value as a decimal (doubles with 15 digits, as the server's `coerceToDecimal`), or
    /// `nil` for a non-number.
    package static func from(_ value: BSONValue) -> BSONDecimal128? {
        switch value {
        case .int32(let x): from(x)
        case .int64(let x): from(x)
        case .double(let x): from(x)
        case .decimal128(let x): x
        default: nil
        }
    }

    /// The nearest Double (correctly rounded).
    package static func toDouble(_ value: BSONDecimal128) -> Double {
        if value.isNaN { return .nan }
        if value.isInfinite { return value.isNegativeDecimal ? -.infinity : .infinity }
        return Double(value.description) ?? .nan
    }

    /// The value rounded to an integer with `rounding`, or `nil` when NaN, infinite or outside Int64.
    package static func toInt64(_ value: BSONDecimal128, rounding: Rounding) -> Int64? {
        let unpacked = unpack(value)
        guard unpacked.kind == .finite else { return nil }
        var coefficient = unpacked.coefficient
        if unpacked.exponent > 0 {
            guard coefficient.isZero || coefficient.digitCount + unpacked.exponent <= 19 else { return nil }
            coefficient = coefficient.shiftedLeft(digits: unpacked.exponent)
        } else if unpacked.exponent < 0 {
            coefficient = dropDigits(coefficient, -unpacked.exponent, rounding)
        }
        guard let magnitude = coefficient.uint64 else { return nil }
        if unpacked.isNegative {
            return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    // MARK: Predicates and comparison

    /// Whether the value is ±0 (any exponent).
    package static func isZero(_ value: BSONDecimal128) -> Bool {
        let unpacked = unpack(value)
        return unpacked.kind == .finite && unpacked.coefficient.isZero
    }

    /// -1, 0 or 1 by numeric value; NaN equals NaN and is below everything (§11.1), `-0 == 0`, `1.0 == 1`.
    package static func compare(_ a: BSONDecimal128, _ b: BSONDecimal128) -> Int {
        let x = unpack(a)
        let y = unpack(b)
        if x.kind == .nan || y.kind == .nan { return x.kind == y.kind ? 0 : (x.kind == .nan ? -1 : 1) }
        let signX = signum(x)
        let signY = signum(y)
        if signX != signY { return signX < signY ? -1 : 1 }
        if signX == 0 { return 0 }
        let magnitude = compareMagnitude(x, y)
        return signX < 0 ? -magnitude : magnitude
    }

    /// -1, 0 or 1: the sign of the value (0 for zero; NaN counts as 0).
    private static func signum(_ x: Unpacked) -> Int {
        switch x.kind {
        case .nan: return 0
        case .infinity: return x.isNegative ? -1 : 1
        case .finite: return x.coefficient.isZero ? 0 : (x.isNegative ? -1 : 1)
        }
    }

    private static func compareMagnitude(_ x: Unpacked, _ y: Unpacked) -> Int {
        if x.kind == .infinity || y.kind == .infinity {
            return x.kind == y.kind ? 0 : (x.kind == .infinity ? 1 : -1)
        }
        let adjustedX = x.exponent + x.coefficient.digitCount
        let adjustedY = y.exponent + y.coefficient.digitCount
        if adjustedX != adjustedY { return adjustedX < adjustedY ? -1 : 1 }
        let common = min(x.exponent, y.exponent)
        return DecimalLimbs.compare(
            x.coefficient.shiftedLeft(digits: x.exponent - common),
            y.coefficient.shiftedLeft(digits: y.exponent - common))
    }

    // MARK: Arithmetic

    /// `-value` (NaN stays NaN).
    package static func negate(_ value: BSONDecimal128) -> BSONDecimal128 {
        value.isNaN ? value : BSONDecimal128(low: value.low, high: value.high ^ (1 << 63))
    }

    /// `|value|`.
    package static func magnitude(_ value: BSONDecimal128) -> BSONDecimal128 {
        BSONDecimal128(low: value.low, high: value.high & ~(1 << 63))
    }

    /// `a + b`, correctly rounded.
    package static func add(_ a: BSONDecimal128, _ b: BSONDecimal128) -> BSONDecimal128 {
        pack(add(unpack(a), unpack(b)))
    }

    /// `a - b`, correctly rounded.
    package static func subtract(_ a: BSONDecimal128, _ b: BSONDecimal128) -> BSONDecimal128 {
        var y = unpack(b)
        if y.kind != .nan { y.isNegative.toggle() }
        return pack(add(unpack(a), y))
    }

    private static func add(_ x: Unpacked, _ y: Unpacked) -> Unpacked {
        if x.kind == .nan || y.kind == .nan { return .nan() }
        if x.kind == .infinity || y.kind == .infinity {
            if x.kind == .infinity && y.kind == .infinity && x.isNegative != y.isNegative { return .nan() }
            return x.kind == .infinity ? x : y
        }
        let exponent = min(x.exponent, y.exponent)
        if x.coefficient.isZero || y.coefficient.isZero {
            let isNegative = x.isNegative && y.isNegative
            var other = x.coefficient.isZero ? y : x
            if other.coefficient.isZero {
                return Unpacked(kind: .finite, isNegative: isNegative, coefficient: .init(), exponent: exponent)
            }
            // Move toward the preferred (smaller) exponent as far as 34 digits allow.
            let shift = min(other.exponent - exponent, max(0, maxDigits - other.coefficient.digitCount))
            other.coefficient = other.coefficient.shiftedLeft(digits: shift)
            other.exponent -= shift
            return other
        }
        var large = x
        var small = y
        let adjustedX = x.exponent + x.coefficient.digitCount
        let adjustedY = y.exponent + y.coefficient.digitCount
        if adjustedY > adjustedX {
            large = y
            small = x
        }
        let adjustedLarge = large.exponent + large.coefficient.digitCount - 1
        let adjustedSmall = small.exponent + small.coefficient.digitCount - 1
        if adjustedLarge - adjustedSmall > maxDigits + 2 {
            // The smaller operand lies wholly below the rounding digit: a unit far below it rounds the same way.
            small.coefficient = DecimalLimbs(1)
            small.exponent = min(large.exponent, adjustedLarge - maxDigits - 2) - 1
        }
        let common = min(large.exponent, small.exponent)
        let left = large.coefficient.shiftedLeft(digits: large.exponent - common)
        let right = small.coefficient.shiftedLeft(digits: small.exponent - common)
        if large.isNegative == small.isNegative {
            return Unpacked(kind: .finite, isNegative: large.isNegative, coefficient: left + right, exponent: common)
        }
        let order = DecimalLimbs.compare(left, right)
        if order == 0 { return Unpacked(kind: .finite, isNegative: false, coefficient: .init(), exponent: common) }
        return order > 0
            ? Unpacked(kind: .finite, isNegative: large.isNegative, coefficient: left - right, exponent: common)
            : Unpacked(kind: .finite, isNegative: small.isNegative, coefficient: right - left, exponent: common)
    }

    /// `a × b`, correctly rounded.
    package static func multiply(_ a: BSONDecimal128, _ b: BSONDecimal128) -> BSONDecimal128 {
        let x = unpack(a)
        let y = unpack(b)
        let isNegative = x.isNegative != y.isNegative
        if x.kind == .nan || y.kind == .nan { return nan }
        if x.kind == .infinity || y.kind == .infinity {
            if (x.kind == .finite && x.coefficient.isZero) || (y.kind == .finite && y.coefficient.isZero) { return nan }
            return isNegative ? negativeInfinity : infinity
        }
        return pack(
            isNegative: isNegative, coefficient: x.coefficient * y.coefficient, exponent: x.exponent + y.exponent)
    }

    /// `a ÷ b`, correctly rounded; an exact quotient keeps the exponent nearest `exp(a) - exp(b)`. Division by
    /// zero gives ±Infinity (NaN for 0/0); the operators check for it first and raise the server's error.
    package static func divide(_ a: BSONDecimal128, _ b: BSONDecimal128) -> BSONDecimal128 {
        let x = unpack(a)
        let y = unpack(b)
        let isNegative = x.isNegative != y.isNegative
        if x.kind == .nan || y.kind == .nan { return nan }
        if x.kind == .infinity {
            return y.kind == .infinity ? nan : (isNegative ? negativeInfinity : infinity)
        }
        if y.kind == .infinity { return pack(isNegative: isNegative, coefficient: .init(), exponent: minExponent) }
        if y.coefficient.isZero {
            return x.coefficient.isZero ? nan : (isNegative ? negativeInfinity : infinity)
        }
        let ideal = x.exponent - y.exponent
        if x.coefficient.isZero { return pack(isNegative: isNegative, coefficient: .init(), exponent: ideal) }
        let scale = max(0, maxDigits + 2 + y.coefficient.digitCount - x.coefficient.digitCount)
        var (quotient, remainder) = DecimalLimbs.divide(x.coefficient.shiftedLeft(digits: scale), by: y.coefficient)
        var exponent = ideal - scale
        if remainder.isZero {
            while exponent < ideal {
                let (shorter, digit) = quotient.divided(by: 10)
                guard digit == 0 else { break }
                quotient = shorter
                exponent += 1
            }
        } else {
            quotient = quotient.multiplied(by: 10, adding: 1)  // a sticky digit below the rounding digit
            exponent -= 1
        }
        return pack(isNegative: isNegative, coefficient: quotient, exponent: exponent)
    }

    /// The remainder of `a ÷ b` truncated toward zero, with the sign of `a` (`$mod`). NaN for a zero divisor
    /// or an infinite dividend; `a` itself for an infinite divisor.
    package static func remainder(_ a: BSONDecimal128, _ b: BSONDecimal128) -> BSONDecimal128 {
        let x = unpack(a)
        let y = unpack(b)
        if x.kind != .finite || y.kind == .nan || (y.kind == .finite && y.coefficient.isZero) { return nan }
        if y.kind == .infinity { return a }
        let common = min(x.exponent, y.exponent)
        let (_, remainder) = DecimalLimbs.divide(
            x.coefficient.shiftedLeft(digits: x.exponent - common),
            by: y.coefficient.shiftedLeft(digits: y.exponent - common))
        return pack(isNegative: x.isNegative, coefficient: remainder, exponent: common)
    }

    /// The value rounded to a multiple of `10^exponent` (`$round`/`$trunc` with `place = -exponent`), with
    /// exactly that exponent; NaN when the result would need more than 34 digits. NaN and ±Infinity unchanged.
    package static func quantize(_ value: BSONDecimal128, exponent: Int, rounding: Rounding) -> BSONDecimal128 {
        var unpacked = unpack(value)
        guard unpacked.kind == .finite else { return value }
        if unpacked.exponent > exponent {
            unpacked.coefficient = unpacked.coefficient.shiftedLeft(digits: unpacked.exponent - exponent)
            if unpacked.coefficient.digitCount > maxDigits { return nan }
        } else if unpacked.exponent < exponent {
            unpacked.coefficient = dropDigits(unpacked.coefficient, exponent - unpacked.exponent, rounding)
        }
        return pack(isNegative: unpacked.isNegative, coefficient: unpacked.coefficient, exponent: exponent)
    }

    // MARK: Packing

    static func unpack(_ value: BSONDecimal128) -> Unpacked {
        let isNegative = value.high >> 63 == 1
        if value.isNaN { return .nan() }
        if value.isInfinite { return .infinity(negative: isNegative) }
        if (value.high >> 61) & 3 == 3 {
            let biased = Int((value.high >> 47) & 0x3FFF)
            return Unpacked(
                kind: .finite, isNegative: isNegative, coefficient: .init(), exponent: biased - exponentBias)
        }
        let biased = Int((value.high >> 49) & 0x3FFF)
        var coefficient = DecimalLimbs(high: value.high & 0x1_FFFF_FFFF_FFFF, low: value.low)
        if coefficient.digitCount > maxDigits { coefficient = DecimalLimbs() }  // non-canonical: zero
        return Unpacked(
            kind: .finite, isNegative: isNegative, coefficient: coefficient, exponent: biased - exponentBias)
    }

    private static func pack(_ value: Unpacked) -> BSONDecimal128 {
        switch value.kind {
        case .nan: return nan
        case .infinity: return value.isNegative ? negativeInfinity : infinity
        case .finite:
            return pack(isNegative: value.isNegative, coefficient: value.coefficient, exponent: value.exponent)
        }
    }

    /// Rounds an exact value to 34 digits (ties to even) and into the exponent range, then encodes it.
    static func pack(isNegative: Bool, coefficient: DecimalLimbs, exponent: Int) -> BSONDecimal128 {
        var (coefficient, exponent) = roundToDigits(coefficient, exponent, maxDigits)
        if exponent < minExponent {
            coefficient = dropDigits(coefficient, minExponent - exponent, .tiesToEven)
            exponent = minExponent
        }
        if exponent > maxExponent {
            if coefficient.isZero {
                exponent = maxExponent
            } else {
                let room = maxDigits - coefficient.digitCount
                guard exponent - maxExponent <= room else { return isNegative ? negativeInfinity : infinity }
                coefficient = coefficient.shiftedLeft(digits: exponent - maxExponent)
                exponent = maxExponent
            }
        }
        let (high, low) = coefficient.uint128 ?? (0, 0)
        let sign: UInt64 = isNegative ? 1 << 63 : 0
        return BSONDecimal128(low: low, high: sign | UInt64(exponent + exponentBias) << 49 | high)
    }

    /// The coefficient rounded (ties to even) to at most `digits` digits, and the exponent adjusted to match.
    static func roundToDigits(_ coefficient: DecimalLimbs, _ exponent: Int, _ digits: Int) -> (DecimalLimbs, Int) {
        let excess = coefficient.digitCount - digits
        guard excess > 0 else { return (coefficient, exponent) }
        var rounded = dropDigits(coefficient, excess, .tiesToEven)
        var newExponent = exponent + excess
        if rounded.digitCount > digits {
            rounded = rounded.divided(by: 10).quotient
            newExponent += 1
        }
        return (rounded, newExponent)
    }

    /// `coefficient / 10^count` rounded with `rounding`.
    static func dropDigits(_ coefficient: DecimalLimbs, _ count: Int, _ rounding: Rounding) -> DecimalLimbs {
        guard count > 0 else { return coefficient }
        let (upper, sticky) = coefficient.shiftedRight(digits: count - 1)
        let (quotient, digit) = upper.divided(by: 10)
        switch rounding {
        case .towardZero:
            return quotient
        case .tiesToEven:
            let roundUp = digit > 5 || (digit == 5 && (sticky || quotient.isOdd))
            return roundUp ? quotient.multiplied(by: 1, adding: 1) : quotient
        }
    }

    /// The exact decimal value of a finite positive double: `(coefficient, exponent)`.
    private static func exactDecimal(of value: Double) -> (DecimalLimbs, Int) {
        var significand = value.significandBitPattern
        var binaryExponent: Int
        if value.isSubnormal {
            binaryExponent = -1074
        } else {
            significand |= 1 << 52
            binaryExponent = Int(value.exponent) - 52
        }
        var coefficient = DecimalLimbs(significand)
        if binaryExponent >= 0 {
            while binaryExponent > 0 {
                let step = min(binaryExponent, 29)
                coefficient = coefficient.multiplied(by: 1 << UInt32(step))
                binaryExponent -= step
            }
            return (coefficient, 0)
        }
        // m × 2^-k = m × 5^k × 10^-k.
        var remaining = -binaryExponent
        while remaining > 0 {
            let step = min(remaining, 13)
            var power: UInt32 = 1
            for _ in 0..<step { power *= 5 }
            coefficient = coefficient.multiplied(by: power)
            remaining -= step
        }
        return (coefficient, binaryExponent)
    }
}

extension BSONDecimal128 {
    /// Whether the sign bit is set (also for -0 and -NaN).
    package var isNegativeDecimal: Bool { high >> 63 == 1 }
}
