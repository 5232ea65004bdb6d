/// String conversion for decimal128, following the BSON corpus (`decimal128-*.json`) and the Decimal128 spec:
/// exact values only (no rounding), out-of-range exponents clamped when that keeps the value exact.
extension BSONDecimal128: CustomStringConvertible {
    static let exponentBias = 6176
    static let minExponent = -6176
    static let maxExponent = 6111
    static let maxDigits = 34

    /// Parses `[-+]digits[.digits][(e|E)[-+]digits]`, `Infinity`/`Inf` and `NaN` (case-insensitive).
    ///
    /// Throws `.invalidDecimal128` for bad syntax and for values that would need rounding.
    package init(string: String) throws(BSONError) {
        var text = Substring(string)
        let isNegative = text.hasPrefix("-")
        if isNegative || text.hasPrefix("+") { text = text.dropFirst() }
        let sign: UInt64 = isNegative ? 1 << 63 : 0
        switch text.lowercased() {
        case "inf", "infinity":
            self.init(low: 0, high: sign | 0x7800_0000_0000_0000)
            return
        case "nan":
            self.init(low: 0, high: sign | 0x7C00_0000_0000_0000)
            return
        default: break
        }
        let syntaxError = BSONError(.invalidDecimal128, "Invalid Decimal128 string '\(string)'")
        var digits: [UInt8] = []
        var fractionCount = 0
        var sawPoint = false
        var sawDigit = false
        var bytes = text.utf8[...]
        while let byte = bytes.first, byte != UInt8(ascii: "e") && byte != UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if byte == UInt8(ascii: ".") {
                guard !sawPoint else { throw syntaxError }
                sawPoint = true
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                sawDigit = true
                if sawPoint { fractionCount += 1 }
                if !(digits.isEmpty && byte == UInt8(ascii: "0")) { digits.append(byte - UInt8(ascii: "0")) }
            } else {
                throw syntaxError
            }
        }
        guard sawDigit else { throw syntaxError }
        var exponent = 0
        if !bytes.isEmpty {
            bytes = bytes.dropFirst()
            var exponentNegative = false
            if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
                exponentNegative = first == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            guard !bytes.isEmpty else { throw syntaxError }
            for byte in bytes {
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { throw syntaxError }
                exponent = min(exponent * 10 + Int(byte - UInt8(ascii: "0")), 100_000_000)
            }
            if exponentNegative { exponent = -exponent }
        }
        exponent -= fractionCount

        if digits.isEmpty {
            exponent = min(max(exponent, Self.minExponent), Self.maxExponent)
        } else {
            let inexact = BSONError(
                .invalidDecimal128, "Decimal128 value '\(string)' cannot be represented exactly (it would be rounded)")
            while digits.count > Self.maxDigits || exponent < Self.minExponent {
                guard digits.last == 0 else { throw inexact }
                digits.removeLast()
                exponent += 1
            }
            while exponent > Self.maxExponent {
                guard digits.count < Self.maxDigits else {
                    throw BSONError(.invalidDecimal128, "Decimal128 value '\(string)' is too large (exponent overflow)")
                }
                digits.append(0)
                exponent -= 1
            }
        }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for digit in digits {
            let (carry, product) = low.multipliedFullWidth(by: 10)
            let (sum, overflow) = product.addingReportingOverflow(UInt64(digit))
            low = sum
            high = high &* 10 &+ carry &+ (overflow ? 1 : 0)
        }
        let biased = UInt64(exponent + Self.exponentBias)
        self.init(low: low, high: sign | biased << 49 | high)
    }

    /// Whether the value is NaN (quiet or signalling).
    package var isNaN: Bool { (high >> 58) & 0x1F == 0x1F }

    /// Whether the value is positive or negative infinity.
    package var isInfinite: Bool { (high >> 58) & 0x1F == 0x1E }

    /// The corpus string form: `1`, `-0`, `0.001234`, `1.234E-7`, `1.0E+3`, `NaN`, `Infinity`, `-Infinity`.
    package var description: String {
        let isNegative = high >> 63 == 1
        if isNaN { return "NaN" }
        if isInfinite { return isNegative ? "-Infinity" : "Infinity" }
        var coefficientHigh: UInt64
        let biased: Int
        if (high >> 61) & 3 == 3 {
            // The "11" form: an implied 100 prefix makes the coefficient exceed 10^34 - 1, so it reads as zero.
            biased = Int((high >> 47) & 0x3FFF)
            coefficientHigh = 0
            return Self.format(digits: "0", exponent: biased - Self.exponentBias, isNegative: isNegative)
        } else {
            biased = Int((high >> 49) & 0x3FFF)
            coefficientHigh = high & 0x1_FFFF_FFFF_FFFF
        }
        var coefficientLow = low
        // 10^34 - 1 = 0x0001_ED09_BEAD_87C0_378D_8E63_FFFF_FFFF: larger coefficients are non-canonical zeros.
        if coefficientHigh > 0x1_ED09_BEAD_87C0
            || (coefficientHigh == 0x1_ED09_BEAD_87C0 && coefficientLow > 0x378D_8E63_FFFF_FFFF)
        {
            coefficientHigh = 0
            coefficientLow = 0
        }
        let digits = Self.decimalDigits(high: coefficientHigh, low: coefficientLow)
        return Self.format(digits: digits, exponent: biased - Self.exponentBias, isNegative: isNegative)
    }

    private static func format(digits: String, exponent: Int, isNegative: Bool) -> String {
        let sign = isNegative ? "-" : ""
        let adjusted = exponent + digits.count - 1
        if exponent <= 0 && adjusted >= -6 {
            if exponent == 0 { return sign + digits }
            let pointPosition = digits.count + exponent
            if pointPosition > 0 {
                return sign + digits.prefix(pointPosition) + "." + digits.dropFirst(pointPosition)
            }
            return sign + "0." + String(repeating: "0", count: -pointPosition) + digits
        }
        var text = sign + digits.prefix(1)
        if digits.count > 1 { text += "." + digits.dropFirst() }
        return text + "E" + (adjusted >= 0 ? "+" : "-") + String(abs(adjusted))
    }

    /// The decimal digits of a 128-bit unsigned number, without leading zeros (`0` for zero).
    private static func decimalDigits(high: UInt64, low: UInt64) -> String {
        let chunk: UInt64 = 10_000_000_000_000_000_000
        var high = high
        var low = low
        var chunks: [UInt64] = []
        while high != 0 || low != 0 {
            let (quotientHigh, remainderHigh) = high.quotientAndRemainder(dividingBy: chunk)
            let (quotientLow, remainder) = chunk.dividingFullWidth((remainderHigh, low))
            chunks.append(remainder)
            high = quotientHigh
            low = quotientLow
        }
        guard let last = chunks.popLast() else { return "0" }
        var text = String(last)
        for part in chunks.reversed() {
            let digits = String(part)
            text += String(repeating: "0", count: 19 - digits.count) + digits
        }
        return text
    }
}
