import BSONCore

/// `$concat $substrCP $substr $substrBytes $toUpper $toLower $split $strLenCP $strLenBytes $strcasecmp
/// $indexOfCP`, with the server's code-point and byte rules. Trimming, regexes and replacement are in
/// `StringOperators+Patterns.swift`.
enum StringOperators {
    /// The family's operators by name.
    static let compilers: [String: OperatorCompiler] = patternCompilers.merging(
        [
            "$concat": compileConcat,
            "$substrCP": compileSubstrCP,
            "$substrBytes": substrBytes("$substrBytes"),
            "$substr": substrBytes("$substrBytes"),
            "$toUpper": caseMapping("$toUpper", upper: true),
            "$toLower": caseMapping("$toLower", upper: false),
            "$split": compileSplit,
            "$strLenCP": stringLength("$strLenCP", code: 34471) { Int($0.unicodeScalars.count) },
            "$strLenBytes": stringLength("$strLenBytes", code: 34473) { Int($0.utf8.count) },
            "$strcasecmp": compileStrcasecmp,
            "$indexOfCP": compileIndexOfCP,
        ],
        uniquingKeysWith: { first, _ in first })

    /// The server's `coerceToString`: strings as they are, numbers and dates printed, null or missing as `""`.
    static func coerceToString(_ value: BSONValue?, _ name: String) throws(ExpressionError) -> String {
        guard let value else { return "" }
        switch value {
        case .string(let text), .symbol(let text), .code(let text): return text
        case .null, .undefined: return ""
        case .int32, .int64, .double, .decimal128: return OperatorSupport.text(value)
        case .datetime(let millis): return isoString(millis)
        case .timestamp(let stamp): return "Timestamp(\(stamp.t), \(stamp.i))"
        default:
            throw ExpressionError(code: 16007, "can't convert from BSON type \(value.typeName) to String")
        }
    }

    private static func compileConcat(_ value: BSONValue, _ compiler: inout ExpressionCompiler)
        throws(ExpressionError) -> Expression
    {
        let arguments = try compiler.compileArguments(value)
        return OperatorSupport.operation("$concat", arguments) { context throws(ExpressionError) in
            var result = ""
            for argument in arguments {
                let part = try argument.evaluate(&context)
                if part.isNullish { return .null }
                guard case .string(let text) = part else {
                    throw ExpressionError(
                        code: 16702, "$concat only supports strings, not \(OperatorSupport.typeName(part))")
                }
                result += text
            }
            return .string(result)
        }
    }

    private static func compileSubstrCP(_ value: BSONValue, _ compiler: inout ExpressionCompiler)
        throws(ExpressionError) -> Expression
    {
        let arguments = try OperatorSupport.arguments(value, "$substrCP", exactly: 3, &compiler)
        let (input, start, length) = (arguments[0], arguments[1], arguments[2])
        return OperatorSupport.operation("$substrCP", arguments) { context throws(ExpressionError) in
            let text = try coerceToString(try input.evaluate(&context), "$substrCP")
            let startValue = try start.evaluate(&context)
            let lengthValue = try length.evaluate(&context)
            guard let startValue, startValue.isNumber else {
                throw ExpressionError(
                    code: 34450,
                    "$substrCP: starting index must be a numeric type (is BSON type \(OperatorSupport.typeName(startValue)))"
                )
            }
            guard MathOperators.isIntegral(startValue) else {
                throw ExpressionError(
                    code: 34451,
                    "$substrCP: starting index cannot be represented as a 32-bit integral value: "
                        + OperatorSupport.text(startValue))
            }
            guard let lengthValue, lengthValue.isNumber else {
                throw ExpressionError(
                    code: 34452,
                    "$substrCP: length must be a numeric type (is BSON type \(OperatorSupport.typeName(lengthValue)))")
            }
            guard MathOperators.isIntegral(lengthValue) else {
                throw ExpressionError(
                    code: 34453,
                    "$substrCP: length cannot be represented as a 32-bit integral value: "
                        + OperatorSupport.text(lengthValue))
            }
            let startIndex = ArithmeticOperators.long(startValue)
            let count = ArithmeticOperators.long(lengthValue)
            guard count >= 0 else {
                throw ExpressionError(code: 34454, "$substrCP: length must be a nonnegative integer.")
            }
            guard startIndex >= 0 else {
                throw ExpressionError(code: 34455, "$substrCP: the starting index must be nonnegative integer.")
            }
            let scalars = text.unicodeScalars
            guard startIndex < scalars.count else { return .string("") }
            let from = scalars.index(scalars.startIndex, offsetBy: Int(startIndex))
            let to = scalars.index(from, offsetBy: Int(min(count, Int64(scalars.count) - startIndex)))
            return .string(String(scalars[from..<to]))
        }
    }

    private static func substrBytes(_ name: String) -> OperatorCompiler {
        { value, compiler throws(ExpressionError) in
            let arguments = try OperatorSupport.arguments(value, name, exactly: 3, &compiler)
            let (input, start, length) = (arguments[0], arguments[1], arguments[2])
            return OperatorSupport.operation(name, arguments) { context throws(ExpressionError) in
                let bytes = Array(try coerceToString(try input.evaluate(&context), name).utf8)
                let startValue = try start.evaluate(&context)
                let lengthValue = try length.evaluate(&context)
                guard let startValue, startValue.isNumber else {
                    throw ExpressionError(
                        code: 16034,
                        "\(name):  starting index must be a numeric type (is BSON type "
                            + "\(OperatorSupport.typeName(startValue)))")
                }
                guard let lengthValue, lengthValue.isNumber else {
                    throw ExpressionError(
                        code: 16035,
                        "\(name):  length must be a numeric type (is BSON type \(OperatorSupport.typeName(lengthValue)))"
                    )
                }
                let signedLower = ArithmeticOperators.long(startValue)
                guard signedLower >= 0 else {
                    throw ExpressionError(
                        code: 50752, "\(name):  starting index must be non-negative (got: \(signedLower))")
                }
                let signedLength = ArithmeticOperators.long(lengthValue)
                // A negative length takes the rest of the string.
                let lower = UInt64(signedLower)
                let count = signedLength < 0 ? UInt64(bytes.count) : UInt64(signedLength)
                let size = UInt64(bytes.count)
                if lower < size && bytes[Int(lower)] & 0xC0 == 0x80 {
                    throw ExpressionError(
                        code: 28656, "\(name):  Invalid range, starting index is a UTF-8 continuation byte.")
                }
                let (end, overflow) = lower.addingReportingOverflow(count)
                if !overflow && end < size && bytes[Int(end)] & 0xC0 == 0x80 {
                    throw ExpressionError(
                        code: 28657, "\(name):  Invalid range, ending index is in the middle of a UTF-8 character.")
                }
                guard lower < size else { return .string("") }
                let upper = overflow ? size : min(end, size)
                return .string(String(decoding: bytes[Int(lower)..<Int(upper)], as: UTF8.self))
            }
        }
    }

    private static func caseMapping(_ name: String, upper: Bool) -> OperatorCompiler {
        { value, compiler throws(ExpressionError) in
            let argument = try OperatorSupport.arguments(value, name, exactly: 1, &compiler)[0]
            return OperatorSupport.operation(name, [argument]) { context throws(ExpressionError) in
                let text = try coerceToString(try argument.evaluate(&context), name)
                // The server maps ASCII letters only.
                let mapped = text.utf8.map { byte -> UInt8 in
                    if upper && byte >= 0x61 && byte <= 0x7A { return byte - 32 }
                    if !upper && byte >= 0x41 && byte <= 0x5A { return byte + 32 }
                    return byte
                }
                return .string(String(decoding: mapped, as: UTF8.self))
            }
        }
    }

    private static func compileSplit(_ value: BSONValue, _ compiler: inout ExpressionCompiler) throws(ExpressionError)
        -> Expression
    {
        let arguments = try OperatorSupport.arguments(value, "$split", exactly: 2, &compiler)
        let (input, separator) = (arguments[0], arguments[1])
        return OperatorSupport.operation("$split", arguments) { context throws(ExpressionError) in
            let inputValue = try input.evaluate(&context)
            let separatorValue = try separator.evaluate(&context)
            if inputValue.isNullish || separatorValue.isNullish { return .null }
            guard case .string(let text) = inputValue else {
                throw ExpressionError(
                    code: 40085,
                    "$split requires an expression that evaluates to a string as a first argument, found: "
                        + OperatorSupport.typeName(inputValue))
            }
            guard case .string(let delimiter) = separatorValue else {
                throw ExpressionError(
                    code: 40086,
                    "$split requires an expression that evaluates to a string as a second argument, found: "
                        + OperatorSupport.typeName(separatorValue))
            }
            guard !delimiter.isEmpty else {
                throw ExpressionError(code: 40087, "$split requires a non-empty separator")
            }
            let bytes = Array(text.utf8)
            let needle = Array(delimiter.utf8)
            var parts: [BSONValue] = []
            var start = 0
            var index = 0
            while index + needle.count <= bytes.count {
                if bytes[index..<index + needle.count].elementsEqual(needle) {
                    parts.append(.string(String(decoding: bytes[start..<index], as: UTF8.self)))
                    index += needle.count
                    start = index
                } else {
                    index += 1
                }
            }
            parts.append(.string(String(decoding: bytes[start...], as: UTF8.self)))
            return .array(parts)
        }
    }

    private static func stringLength(_ name: String, code: Int, _ measure: @escaping @Sendable (String) -> Int)
        -> OperatorCompiler
    {
        { value, compiler throws(ExpressionError) in
            let argument = try OperatorSupport.arguments(value, name, exactly: 1, &compiler)[0]
            return OperatorSupport.operation(name, [argument]) { context throws(ExpressionError) in
                let operand = try argument.evaluate(&context)
                guard case .string(let text) = operand else {
                    throw ExpressionError(
                        code: code, "\(name) requires a string argument, found: \(OperatorSupport.typeName(operand))")
                }
                return .int32(Int32(clamping: measure(text)))
            }
        }
    }

    private static func compileStrcasecmp(_ value: BSONValue, _ compiler: inout ExpressionCompiler)
        throws(ExpressionError) -> Expression
    {
        let arguments = try OperatorSupport.arguments(value, "$strcasecmp", exactly: 2, &compiler)
        let (left, right) = (arguments[0], arguments[1])
        return OperatorSupport.operation("$strcasecmp", arguments) { context throws(ExpressionError) in
            let a = try coerceToString(try left.evaluate(&context), "$strcasecmp").utf8.map(asciiUpper)
            let b = try coerceToString(try right.evaluate(&context), "$strcasecmp").utf8.map(asciiUpper)
            for (x, y) in zip(a, b) where x != y { return .int32(x < y ? -1 : 1) }
            return .int32(a.count == b.count ? 0 : (a.count < b.count ? -1 : 1))
        }
    }

    private static func asciiUpper(_ byte: UInt8) -> UInt8 { byte >= 0x61 && byte <= 0x7A ? byte - 32 : byte }

    private static func compileIndexOfCP(_ value: BSONValue, _ compiler: inout ExpressionCompiler)
        throws(ExpressionError) -> Expression
    {
        let arguments = try OperatorSupport.arguments(value, "$indexOfCP", from: 2, to: 4, &compiler)
        return OperatorSupport.operation("$indexOfCP", arguments) { context throws(ExpressionError) in
            let input = try arguments[0].evaluate(&context)
            if input.isNullish { return .null }
            guard case .string(let text) = input else {
                throw ExpressionError(
                    code: 40093,
                    "$indexOfCP requires a string as the first argument, found: \(OperatorSupport.typeName(input))")
            }
            let token = try arguments[1].evaluate(&context)
            guard case .string(let needle) = token else {
                throw ExpressionError(
                    code: 40094,
                    "$indexOfCP requires a string as the second argument, found: \(OperatorSupport.typeName(token))")
            }
            let haystack = Array(text.unicodeScalars)
            let pattern = Array(needle.unicodeScalars)
            var start = 0
            var end = haystack.count
            if arguments.count > 2 {
                start = try index(try arguments[2].evaluate(&context), "starting")
            }
            if arguments.count > 3 {
                end = min(end, try index(try arguments[3].evaluate(&context), "ending"))
            }
            guard start <= end || (pattern.isEmpty && start <= haystack.count && start <= end) else {
                return .int32(-1)
            }
            var position = start
            while position + pattern.count <= end {
                if haystack[position..<position + pattern.count].elementsEqual(pattern) {
                    return .int32(Int32(clamping: position))
                }
                position += 1
            }
            return .int32(-1)
        }
    }

    private static func index(_ value: BSONValue?, _ which: String) throws(ExpressionError) -> Int {
        guard let value, value.isNumber, MathOperators.isIntegral(value) else {
            throw ExpressionError(
                code: 40096,
                "$indexOfCPrequires an integral \(which) index, found a value of type: "
                    + "\(OperatorSupport.typeName(value)), with value: \(OperatorSupport.text(value))")
        }
        let number = ArithmeticOperators.long(value)
        guard number >= 0 else {
            throw ExpressionError(code: 40097, "$indexOfCP requires a nonnegative \(which) index, found: \(number)")
        }
        return Int(clamping: number)
    }

    /// `2024-01-02T03:04:05.006Z` for milliseconds since the epoch (proleptic Gregorian, UTC).
    static func isoString(_ millis: Int64) -> String {
        ISODate.formatWithMilliseconds(millis: millis, suffix: "Z")
    }
}
