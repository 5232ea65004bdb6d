/// JavaScript's `Number.prototype.toString()` for doubles, and Node's inspect form of a number (`-0`).
///
/// Stand-in until the interpreter's `JSNumber.format` lands; both follow ECMA-262 Number::toString.
package enum JSNumberText {
    /// The text `util.inspect` prints for a number: JavaScript's text, except `-0` for negative zero.
    package static func inspect(_ value: Double) -> String {
        if value == 0 && value.sign == .minus { return "-0" }
        return format(value)
    }

    /// `String(value)` in JavaScript: shortest round-trip digits, exponent form below 1e-6 and from 1e21.
    package static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return "0" }
        if value == value.rounded(.towardZero), abs(value) < 1e15 { return String(Int64(value)) }
        let (digits, pointPosition) = shortestDigits(abs(value))
        let sign = value < 0 ? "-" : ""
        let k = digits.count
        let n = pointPosition
        if k <= n && n <= 21 {
            return sign + digits + String(repeating: "0", count: n - k)
        }
        if 0 < n && n <= 21 {
            let split = digits.index(digits.startIndex, offsetBy: n)
            return sign + digits[..<split] + "." + digits[split...]
        }
        if -6 < n && n <= 0 {
            return sign + "0." + String(repeating: "0", count: -n) + digits
        }
        let exponent = n - 1
        let exponentText = exponent >= 0 ? "e+\(exponent)" : "e\(exponent)"
        if k == 1 { return sign + digits + exponentText }
        return sign + digits.prefix(1) + "." + digits.dropFirst() + exponentText
    }

    /// The shortest round-trip decimal digits of a positive finite value and where the decimal point goes
    /// (value = 0.d1d2… × 10^pointPosition), taken from Swift's own shortest representation.
    private static func shortestDigits(_ value: Double) -> (digits: String, pointPosition: Int) {
        let text = value.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var integerPart = mantissa
        var fractionPart: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            integerPart = mantissa[..<dot]
            fractionPart = mantissa[mantissa.index(after: dot)...]
        }
        var digits = Array(integerPart + fractionPart)
        var pointPosition = integerPart.count + exponent
        while let first = digits.first, first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while let last = digits.last, last == "0" { digits.removeLast() }
        return (String(digits), pointPosition)
    }
}
