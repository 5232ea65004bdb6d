/// A non-negative integer of any size in base 10^9 limbs, least significant first, with no zero limb on top
/// (zero has no limbs). The exact arithmetic behind `Decimal128Arithmetic`; decimals are rare in streams, so
/// clarity wins over speed here.
struct DecimalLimbs: Equatable {
    /// The base of one limb.
    static let base: UInt64 = 1_000_000_000
    /// 10^0 … 10^9.
    static let powersOfTen: [UInt32] = [
        1, 10, 100, 1000, 10000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
    ]

    /// The limbs, least significant first.
    var limbs: [UInt32]

    /// Zero.
    init() { limbs = [] }

    /// The value of `value`.
    init(_ value: UInt64) {
        limbs = []
        var rest = value
        while rest > 0 {
            limbs.append(UInt32(rest % Self.base))
            rest /= Self.base
        }
    }

    /// The value of a 128-bit unsigned integer `high:low`.
    init(high: UInt64, low: UInt64) {
        limbs = []
        var high = high
        var low = low
        while high != 0 || low != 0 {
            let (quotientHigh, remainderHigh) = high.quotientAndRemainder(dividingBy: Self.base)
            let (quotientLow, remainder) = Self.base.dividingFullWidth((remainderHigh, low))
            limbs.append(UInt32(remainder))
            high = quotientHigh
            low = quotientLow
        }
    }

    /// Whether the value is zero.
    var isZero: Bool { limbs.isEmpty }

    /// Whether the value is odd.
    var isOdd: Bool { (limbs.first ?? 0) & 1 == 1 }

    /// The number of decimal digits (0 for zero).
    var digitCount: Int {
        guard let top = limbs.last else { return 0 }
        var digits = 1
        while digits < 10 && top >= Self.powersOfTen[digits] { digits += 1 }
        return (limbs.count - 1) * 9 + digits
    }

    /// The value as 128 bits `(high, low)`, or `nil` when it does not fit.
    var uint128: (high: UInt64, low: UInt64)? {
        var high: UInt64 = 0
        var low: UInt64 = 0
        for limb in limbs.reversed() {
            let (carryLow, productLow) = low.multipliedFullWidth(by: Self.base)
            let (carryHigh, productHigh) = high.multipliedFullWidth(by: Self.base)
            guard carryHigh == 0 else { return nil }
            let (sumHigh, overflowHigh) = productHigh.addingReportingOverflow(carryLow)
            let (sumLow, overflowLow) = productLow.addingReportingOverflow(UInt64(limb))
            let (finalHigh, overflowCarry) = sumHigh.addingReportingOverflow(overflowLow ? 1 : 0)
            guard !overflowHigh, !overflowCarry else { return nil }
            high = finalHigh
            low = sumLow
        }
        return (high, low)
    }

    /// The value as a UInt64, or `nil` when it does not fit.
    var uint64: UInt64? {
        guard let (high, low) = uint128, high == 0 else { return nil }
        return low
    }

    /// The decimal digits, most significant first (`"0"` for zero).
    var decimalString: String {
        guard let top = limbs.last else { return "0" }
        var text = String(top)
        for limb in limbs.dropLast().reversed() {
            let digits = String(limb)
            text += String(repeating: "0", count: 9 - digits.count) + digits
        }
        return text
    }

    private mutating func normalize() {
        while limbs.last == 0 { limbs.removeLast() }
    }

    /// `self * factor + addend`.
    func multiplied(by factor: UInt32, adding addend: UInt32 = 0) -> DecimalLimbs {
        var result = DecimalLimbs()
        result.limbs.reserveCapacity(limbs.count + 1)
        var carry = UInt64(addend)
        for limb in limbs {
            let value = UInt64(limb) * UInt64(factor) + carry
            result.limbs.append(UInt32(value % Self.base))
            carry = value / Self.base
        }
        while carry > 0 {
            result.limbs.append(UInt32(carry % Self.base))
            carry /= Self.base
        }
        result.normalize()
        return result
    }

    /// `self * 10^count`.
    func shiftedLeft(digits count: Int) -> DecimalLimbs {
        guard !isZero, count > 0 else { return self }
        var result = multiplied(by: Self.powersOfTen[count % 9])
        result.limbs.insert(contentsOf: repeatElement(0, count: count / 9), at: 0)
        return result
    }

    /// `(self / divisor, self % divisor)` for a small divisor.
    func divided(by divisor: UInt32) -> (quotient: DecimalLimbs, remainder: UInt32) {
        var quotient = [UInt32](repeating: 0, count: limbs.count)
        var remainder: UInt64 = 0
        for index in limbs.indices.reversed() {
            let value = remainder * Self.base + UInt64(limbs[index])
            quotient[index] = UInt32(value / UInt64(divisor))
            remainder = value % UInt64(divisor)
        }
        var result = DecimalLimbs()
        result.limbs = quotient
        result.normalize()
        return (result, UInt32(remainder))
    }

    /// `self / 10^count` truncated, and whether anything non-zero was dropped.
    func shiftedRight(digits count: Int) -> (quotient: DecimalLimbs, inexact: Bool) {
        guard count > 0 else { return (self, false) }
        let dropped = count / 9
        if dropped >= limbs.count { return (DecimalLimbs(), !isZero) }
        var inexact = limbs[..<dropped].contains { $0 != 0 }
        var rest = DecimalLimbs()
        rest.limbs = Array(limbs[dropped...])
        let (quotient, remainder) = rest.divided(by: Self.powersOfTen[count % 9])
        inexact = inexact || remainder != 0
        return (quotient, inexact)
    }

    /// -1, 0 or 1.
    static func compare(_ a: DecimalLimbs, _ b: DecimalLimbs) -> Int {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count ? -1 : 1 }
        for index in a.limbs.indices.reversed() where a.limbs[index] != b.limbs[index] {
            return a.limbs[index] < b.limbs[index] ? -1 : 1
        }
        return 0
    }

    /// `a + b`.
    static func + (a: DecimalLimbs, b: DecimalLimbs) -> DecimalLimbs {
        var result = DecimalLimbs()
        var carry: UInt32 = 0
        for index in 0..<max(a.limbs.count, b.limbs.count) {
            var sum = carry
            if index < a.limbs.count { sum += a.limbs[index] }
            if index < b.limbs.count { sum += b.limbs[index] }
            carry = sum >= UInt32(base) ? 1 : 0
            result.limbs.append(sum - carry * UInt32(base))
        }
        if carry > 0 { result.limbs.append(carry) }
        return result
    }

    /// `a - b`, for `a >= b`.
    static func - (a: DecimalLimbs, b: DecimalLimbs) -> DecimalLimbs {
        var result = DecimalLimbs()
        var borrow: Int64 = 0
        for index in a.limbs.indices {
            var difference = Int64(a.limbs[index]) - borrow
            if index < b.limbs.count { difference -= Int64(b.limbs[index]) }
            borrow = difference < 0 ? 1 : 0
            result.limbs.append(UInt32(difference + borrow * Int64(base)))
        }
        result.normalize()
        return result
    }

    /// `a * b`.
    static func * (a: DecimalLimbs, b: DecimalLimbs) -> DecimalLimbs {
        guard !a.isZero, !b.isZero else { return DecimalLimbs() }
        var product = [UInt64](repeating: 0, count: a.limbs.count + b.limbs.count + 1)
        for (i, x) in a.limbs.enumerated() {
            var carry: UInt64 = 0
            for (j, y) in b.limbs.enumerated() {
                let value = product[i + j] + UInt64(x) * UInt64(y) + carry
                product[i + j] = value % base
                carry = value / base
            }
            var k = i + b.limbs.count
            while carry > 0 {
                let value = product[k] + carry
                product[k] = value % base
                carry = value / base
                k += 1
            }
        }
        var result = DecimalLimbs()
        result.limbs = product.map { UInt32($0) }
        result.normalize()
        return result
    }

    /// `(a / b, a % b)` by long division, one decimal digit at a time; `b` must not be zero.
    static func divide(_ a: DecimalLimbs, by b: DecimalLimbs) -> (quotient: DecimalLimbs, remainder: DecimalLimbs) {
        if compare(a, b) < 0 { return (DecimalLimbs(), a) }
        var quotient = DecimalLimbs()
        var remainder = DecimalLimbs()
        for character in a.decimalString.utf8 {
            remainder = remainder.multiplied(by: 10, adding: UInt32(character - UInt8(ascii: "0")))
            var digit: UInt32 = 0
            while compare(remainder, b) >= 0 {
                remainder = remainder - b
                digit += 1
            }
            quotient = quotient.multiplied(by: 10, adding: digit)
        }
        return (quotient, remainder)
    }
}
