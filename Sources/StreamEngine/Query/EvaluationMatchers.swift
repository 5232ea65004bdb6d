import BSONCore

/// A `$regex` (or BSON regular expression) compiled once, with MongoDB's `i`, `m`, `s`, `x` options.
///
/// Matches strings and symbols by search (not anchored); a regular expression value in the document matches
/// when its pattern and options are the same. Uses Swift `Regex` with Unicode-scalar semantics, close to PCRE
/// (`$` without `m` is rewritten to PCRE's "end, or before a final newline"). Patterns that are plain text,
/// or `^` and plain text, without options, skip the regex engine and compare UTF-8 bytes.
final class QueryRegex: @unchecked Sendable {
    // @unchecked: `Regex` is an immutable value that is safe to share, but is not declared Sendable.

    /// How a pattern is matched.
    private enum Strategy {
        /// `^abc`: the string starts with these bytes.
        case prefix([UInt8])
        /// `abc`: the string contains these bytes.
        case substring([UInt8])
        /// Anything else.
        case regex(Regex<AnyRegexOutput>)
    }

    /// The pattern as written.
    let pattern: String
    /// The option letters as written.
    let options: String
    private let strategy: Strategy

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
        if flags.isEmpty,
            let literal = Self.literal(pattern.utf8.starts(with: "^".utf8) ? pattern.dropFirst() : pattern[...])
        {
            strategy = pattern.hasPrefix("^") ? .prefix(Array(literal.utf8)) : .substring(Array(literal.utf8))
            return
        }
        do {
            let body = flags.contains("m") ? pattern : Self.pcreDollar(pattern)
            let source = flags.isEmpty ? body : "(?\(flags))" + body
            strategy = .regex(try Regex(source).matchingSemantics(.unicodeScalar))
        } catch {
            throw ExpressionError(code: 51091, "Regular expression is invalid: \(error)")
        }
    }

    /// `text` when it has no regex metacharacter (so it matches itself), else `nil`.
    private static func literal(_ text: Substring) -> Substring? {
        let special: Set<UInt8> = Set("\\^$.|?*+()[]{}#".utf8)
        return text.utf8.contains(where: special.contains) ? nil : text
    }

    /// PCRE's `$` (end of subject, or before a newline that ends it) in Swift syntax, for each `$` outside
    /// escapes and character classes.
    private static func pcreDollar(_ pattern: String) -> String {
        var result = ""
        var escaped = false
        var inClass = false
        for character in pattern {
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if inClass {
                if character == "]" { inClass = false }
            } else if character == "[" {
                inClass = true
            } else if character == "$" {
                result += "(?=\\n?\\z)"
                continue
            }
            result.append(character)
        }
        return result
    }

    /// Whether `value` matches.
    func matches(_ value: BSONValue?) -> Bool {
        switch value {
        case .string(let text), .symbol(let text):
            switch strategy {
            case .prefix(let bytes): return text.utf8.starts(with: bytes)
            case .substring(let bytes): return Self.contains(text, bytes)
            case .regex(let regex): return text.contains(regex)
            }
        case .regex(let other):
            return other.pattern == pattern && other.options == options
        default:
            return false
        }
    }
}

extension QueryRegex {
    /// Whether the UTF-8 bytes of `text` contain `needle`.
    fileprivate static func contains(_ text: String, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        var text = text
        return text.withUTF8 { haystack in
            guard haystack.count >= needle.count else { return false }
            for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
                var offset = 1
                while offset < needle.count && haystack[start + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
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
