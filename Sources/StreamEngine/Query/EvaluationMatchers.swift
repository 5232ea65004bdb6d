import BSONCore

/// A `$regex` (or BSON regular expression) compiled once, with MongoDB's `i`, `m`, `s`, `x` options.
///
/// Matches strings and symbols by search (not anchored); a regular expression value in the document matches
/// when its pattern and options are the same. Uses Swift `Regex` with Unicode-scalar semantics, close to PCRE;
/// one known difference: without `m`, `$` matches only at the very end, not also before a final newline.
final class QueryRegex: @unchecked Sendable {
    // @unchecked: `Regex` is an immutable value that is safe to share, but is not declared Sendable.

    /// The pattern as written.
    let pattern: String
    /// The option letters as written.
    let options: String
    private let regex: Regex<AnyRegexOutput>

    /// Compiles `pattern` with `options`; throws the server's messages for a bad flag or pattern.
    init(pattern: String, options: String) throws(ExpressionError) {
        var flags = ""
        for flag in options {
            switch flag {
            case "i", "m", "s", "x": if !flags.contains(flag) { flags.append(flag) }
            case "u": continue  // UTF-8 is always on.
            default: throw ExpressionError(code: 51108, "invalid flag in regex options: \(flag)")
            }
        }
        self.pattern = pattern
        self.options = options
        do {
            let source = flags.isEmpty ? pattern : "(?\(flags))" + pattern
            regex = try Regex(source).matchingSemantics(.unicodeScalar)
        } catch {
            throw ExpressionError(code: 51091, "Regular expression is invalid: \(error)")
        }
    }

    /// Whether `value` matches.
    func matches(_ value: BSONValue?) -> Bool {
        switch value {
        case .string(let text), .symbol(let text):
            return text.contains(regex)
        case .regex(let other):
            return other.pattern == pattern && other.options == options
        default:
            return false
        }
    }
}

/// `$mod: [divisor, remainder]`.
struct ModuloTest: Sendable {
    /// The divisor, never 0.
    let divisor: Int64
    /// The expected remainder (sign follows the dividend, as in C).
    let remainder: Int64

    /// Parses the operand: an array of two numbers, truncated to integers.
    init(_ operand: BSONValue) throws(ExpressionError) {
        guard case .array(let elements) = operand else {
            throw ExpressionError(code: 2, "malformed mod, needs to be an array")
        }
        guard elements.count >= 2 else { throw ExpressionError(code: 2, "malformed mod, not enough elements") }
        guard elements.count == 2 else { throw ExpressionError(code: 2, "malformed mod, too many elements") }
        guard let divisor = Self.truncated(elements[0]) else {
            throw ExpressionError(code: 2, "malformed mod, divisor not a number")
        }
        guard let remainder = Self.truncated(elements[1]) else {
            throw ExpressionError(code: 2, "malformed mod, remainder not a number")
        }
        guard divisor != 0 else { throw ExpressionError(code: 2, "divisor cannot be 0") }
        self.divisor = divisor
        self.remainder = remainder
    }

    /// Whether `value` is a number whose integer part has the remainder.
    func matches(_ value: BSONValue?) -> Bool {
        guard let value, value.isNumber, let dividend = Self.truncated(value) else { return false }
        if divisor == -1 { return remainder == 0 }
        return dividend % divisor == remainder
    }

    /// A number truncated toward zero into Int64 (`nil` for NaN, infinity or a non-number).
    private static func truncated(_ value: BSONValue) -> Int64? {
        switch value {
        case .int32(let number): return Int64(number)
        case .int64(let number): return number
        case .double, .decimal128:
            let number = NumericValue.approximateDouble(value)
            guard number.isFinite else { return nil }
            if number >= 9_223_372_036_854_775_807.0 { return .max }
            if number <= -9_223_372_036_854_775_808.0 { return .min }
            return Int64(number.rounded(.towardZero))
        default:
            return nil
        }
    }
}
