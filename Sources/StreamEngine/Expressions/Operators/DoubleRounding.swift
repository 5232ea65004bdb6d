/// `$round`/`$trunc` of a Double (§11.6): the server converts the double to a decimal of 34 significant digits,
/// quantizes it to `10^-places` and converts back. `round` gets the same answer without decimal arithmetic in
/// the common case, and falls back to the decimal path otherwise.
enum DoubleRounding {
    /// 10^0 … 10^15 as integers and as (exact) doubles.
    private static let powersOfTen: [UInt64] = (0...15).map { power in
        var result: UInt64 = 1
        for _ in 0..<power { result *= 10 }
        return result
    }
    private static let doublePowersOfTen: [Double] = powersOfTen.map { Double($0) }

    /// `x` rounded to `places` decimal places, exactly as the server's decimal path does.
    static func round(_ x: Double, places: Int, _ rounding: Decimal128Arithmetic.Rounding) -> Double {
        if let fast = fastRound(x, places: places, rounding) { return fast }
        return decimalRound(x, places: places, rounding)
    }

    /// The server's path: Decimal128 with 34 digits, quantize, back to Double.
    static func decimalRound(_ x: Double, places: Int, _ rounding: Decimal128Arithmetic.Rounding) -> Double {
        let decimal = Decimal128Arithmetic.from(x, significantDigits: 34)
        return Decimal128Arithmetic.toDouble(
            Decimal128Arithmetic.quantize(decimal, exponent: -places, rounding: rounding))
    }

    /// Exact integer rounding of `x · 10^places`, when that provably matches the 34-digit decimal path: the
    /// binary value's distance from a tie (at least 2^-(k+1) for x = m·2^-k) must exceed half a unit in the
    /// 34th digit, and the result must convert back exactly (n < 2^53, 10^places exact). `nil` otherwise.
    static func fastRound(_ x: Double, places: Int, _ rounding: Decimal128Arithmetic.Rounding) -> Double? {
        guard places >= 0 && places <= 15, x.isNormal else { return x == 0 ? x : nil }
        let magnitude = x.magnitude
        guard magnitude * doublePowersOfTen[places] < 4.0e15 else { return nil }
        let shift = 52 - Int(magnitude.exponent)
        guard shift > 0 && shift < 128 else { return nil }
        let significand = magnitude.significandBitPattern | (1 << 52)
        let (high, low) = significand.multipliedFullWidth(by: powersOfTen[places])
        // quotient = (high:low) >> shift (below 2^53 by the guard above); then the half bit and the bits below it.
        let quotient: UInt64 =
            shift >= 64 ? high >> UInt64(shift - 64) : (high << UInt64(64 - shift)) | (low >> UInt64(shift))
        let halfPosition = shift - 1
        let halfBit: Bool
        let belowHalf: Bool
        if halfPosition >= 64 {
            halfBit = (high >> UInt64(halfPosition - 64)) & 1 == 1
            belowHalf = low != 0 || high & ((1 << UInt64(halfPosition - 64)) &- 1) != 0
        } else {
            halfBit = (low >> UInt64(halfPosition)) & 1 == 1
            belowHalf = low & ((1 << UInt64(halfPosition)) &- 1) != 0
        }
        // Safe when (shift + 1)·log10(2) + digits(quotient) < 33 (see above).
        let digits = max(1, String(quotient).utf8.count)
        guard Double(shift + 1) * 0.301_03 + Double(digits) < 32.5 else { return nil }
        var result = quotient
        if rounding == .tiesToEven && halfBit && (belowHalf || quotient & 1 == 1) { result += 1 }
        let rounded = Double(result) / doublePowersOfTen[places]
        return x < 0 ? -rounded : rounded
    }
}
