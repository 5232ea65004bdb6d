import BSONCore

/// `$type $isNumber $convert $toInt $toLong $toDouble $toDecimal $toString $toBool $toObjectId`, with the server's
/// conversion table and messages. `to: "date"` goes through the dates family's `$toDate` (§11.11).
enum TypeOperators {
    /// The family's operators by name.
    static let compilers: [String: OperatorCompiler] = [
        "$type": ArrayOperators.unary("$type") { value throws(ExpressionError) in
            .string(OperatorSupport.typeName(value))
        },
        "$isNumber": ArrayOperators.unary("$isNumber") { value throws(ExpressionError) in
            .bool(value?.isNumber ?? false)
        },
        "$convert": compileConvert,
        "$toInt": shorthand("$toInt", .int),
        "$toLong": shorthand("$toLong", .long),
        "$toDouble": shorthand("$toDouble", .double),
        "$toDecimal": shorthand("$toDecimal", .decimal),
        "$toString": shorthand("$toString", .string),
        "$toBool": shorthand("$toBool", .bool),
        "$toObjectId": shorthand("$toObjectId", .objectId),
    ]

    /// A `$convert` target type.
    enum Target: String, Sendable {
        case double, string, objectId, bool, date, int, long, decimal

        /// The target named by a `to` value: a type name or a BSON type number.
        init(_ value: BSONValue) throws(ExpressionError) {
            switch value {
            case .string(let name):
                guard let target = Target(rawValue: name) else {
                    throw ExpressionError(code: 2, "Unknown type name: \(name)")
                }
                self = target
            case .int32, .int64, .double, .decimal128:
                guard MathOperators.isIntegral(value) else {
                    throw ExpressionError(code: 9, "In $convert, numeric 'to' argument is not an integer")
                }
                let codes: [Int64: Target] = [
                    1: .double, 2: .string, 7: .objectId, 8: .bool, 9: .date, 16: .int, 18: .long, 19: .decimal,
                ]
                guard let target = codes[ArithmeticOperators.long(value)] else {
                    throw ExpressionError(
                        code: 2, "In $convert, numeric value for 'to' does not correspond to a BSON type: \(value)")
                }
                self = target
            default:
                throw ExpressionError(
                    code: 9, "$convert's 'to' argument must be a string or number, but is \(value.typeName)")
            }
        }
    }

    private static func shorthand(_ name: String, _ target: Target) -> OperatorCompiler {
        { value, compiler throws(ExpressionError) in
            let input = try OperatorSupport.arguments(value, name, exactly: 1, &compiler)[0]
            return OperatorSupport.operation(name, [input]) { context throws(ExpressionError) in
                let operand = try input.evaluate(&context)
                guard let operand, !operand.isNullishValue else { return .null }
                return try convert(operand, to: target)
            }
        }
    }

    private static func compileConvert(_ value: BSONValue, _ compiler: inout ExpressionCompiler)
        throws(ExpressionError) -> Expression
    {
        guard case .document(let spec) = value else {
            throw ExpressionError(code: 9, "$convert expects an object of named arguments but found: \(value.typeName)")
        }
        var parts: [String: BSONValue] = [:]
        for (key, argument) in spec.elements {
            guard ["input", "to", "onError", "onNull", "format", "byteOrder"].contains(key) else {
                throw ExpressionError(code: 9, "$convert found an unknown argument: \(key)")
            }
            parts[key] = argument
        }
        guard let inputSpec = parts["input"] else {
            throw ExpressionError(code: 9, "Missing 'input' parameter to $convert")
        }
        guard let toSpec = parts["to"] else { throw ExpressionError(code: 9, "Missing 'to' parameter to $convert") }
        let input = try compiler.compile(inputSpec)
        let to = try compiler.compile(toSpec)
        let onError = try parts["onError"].map { spec throws(ExpressionError) in try compiler.compile(spec) }
        let onNull = try parts["onNull"].map { spec throws(ExpressionError) in try compiler.compile(spec) }
        // `to: "date"` delegates to the dates family's `$toDate`, built once here.
        var toDate: Expression?
        let mayBeDate: Bool
        if let constant = to.constantValue { mayBeDate = (try? Target(constant)) == .date } else { mayBeDate = true }
        if mayBeDate, let dateCompiler = OperatorTable.compilers["$toDate"] {
            toDate = try dateCompiler(inputSpec, &compiler)
        }
        let dateConversion = toDate
        var constantTarget: Target?
        if let constant = to.constantValue, !constant.isNullishValue { constantTarget = try Target(constant) }
        let fixedTarget = constantTarget
        return .operation(name: "$convert") { context throws(ExpressionError) in
            let operand = try input.evaluate(&context)
            guard let operand, !operand.isNullishValue else {
                return try onNull.map { expression throws(ExpressionError) in try expression.evaluate(&context) }
                    ?? .null
            }
            let target: Target
            if let fixedTarget {
                target = fixedTarget
            } else {
                let toValue = try to.evaluate(&context)
                guard let toValue, !toValue.isNullishValue else { return .null }
                target = try Target(toValue)
            }
            do throws(ExpressionError) {
                if target == .date {
                    guard let dateConversion else {
                        throw ExpressionError(
                            code: 241,
                            "Unsupported conversion from \(operand.typeName) to date in $convert with no onError value")
                    }
                    return try dateConversion.evaluate(&context)
                }
                return try convert(operand, to: target)
            } catch {
                guard let onError else { throw error }
                return try onError.evaluate(&context)
            }
        }
    }

    private static func unsupported(_ value: BSONValue, _ target: Target) -> ExpressionError {
        ExpressionError(
            code: 241,
            "Unsupported conversion from \(value.typeName) to \(target.rawValue) in $convert with no onError value")
    }

    private static func overflow(_ value: BSONValue) -> ExpressionError {
        ExpressionError(
            code: 241,
            "Conversion would overflow target type in $convert with no onError value: \(OperatorSupport.text(value))")
    }

    private static func parseFailure(_ text: String, _ reason: String) -> ExpressionError {
        ExpressionError(code: 241, "Failed to parse number '\(text)' in $convert with no onError value: \(reason)")
    }

    /// Converts a non-null value to `target` (not `date`), with the server's errors.
    static func convert(_ value: BSONValue, to target: Target) throws(ExpressionError) -> BSONValue {
        switch target {
        case .double: return try toDouble(value)
        case .int, .long: return try toInteger(value, long: target == .long)
        case .decimal: return try toDecimal(value)
        case .string: return try toString(value)
        case .bool:
            switch value {
            case .bool, .int32, .int64, .double, .decimal128: return .bool(value.isTruthy)
            case .string, .objectID, .datetime, .timestamp: return .bool(true)
            default: throw unsupported(value, target)
            }
        case .objectId:
            switch value {
            case .objectID: return value
            case .string(let text):
                guard text.utf8.count == 24, let id = try? BSONObjectID(hex: text) else {
                    let reason =
                        text.utf8.count == 24
                        ? "Invalid character found in hex string: \(text)"
                        : "Invalid string length for parsing to OID, expected 24 but found \(text.utf8.count)"
                    throw ExpressionError(
                        code: 241, "Failed to parse objectId '\(text)' in $convert with no onError value: \(reason)")
                }
                return .objectID(id)
            default: throw unsupported(value, target)
            }
        case .date: throw unsupported(value, target)
        }
    }

    private static func toDouble(_ value: BSONValue) throws(ExpressionError) -> BSONValue {
        switch value {
        case .double: return value
        case .int32(let x): return .double(Double(x))
        case .int64(let x): return .double(Double(x))
        case .bool(let flag): return .double(flag ? 1 : 0)
        case .datetime(let millis): return .double(Double(millis))
        case .decimal128(let x):
            let result = Decimal128Arithmetic.toDouble(x)
            if result.isInfinite && !x.isInfinite { throw overflow(value) }
            return .double(result)
        case .string(let text):
            let lowered = text.lowercased()
            switch lowered {
            case "infinity", "inf", "+infinity", "+inf": return .double(.infinity)
            case "-infinity", "-inf": return .double(-.infinity)
            case "nan", "-nan", "+nan": return .double(.nan)
            default: break
            }
            guard !text.isEmpty else { throw parseFailure(text, "No digits") }
            guard text.allSatisfy({ "0123456789+-.eE".contains($0) }), let number = Double(text) else {
                throw parseFailure(text, "Did not consume whole string.")
            }
            guard number.isFinite else { throw parseFailure(text, "Out of range") }
            return .double(number)
        default: throw unsupported(value, .double)
        }
    }

    private static func toInteger(_ value: BSONValue, long: Bool) throws(ExpressionError) -> BSONValue {
        let target: Target = long ? .long : .int
        func make(_ number: Int64) throws(ExpressionError) -> BSONValue {
            if long { return .int64(number) }
            guard let small = Int32(exactly: number) else { throw overflow(value) }
            return .int32(small)
        }
        switch value {
        case .int32(let x): return try make(Int64(x))
        case .int64(let x): return try make(x)
        case .bool(let flag): return try make(flag ? 1 : 0)
        case .datetime(let millis):
            guard long else { throw unsupported(value, target) }
            return .int64(millis)
        case .double(let x):
            if x.isNaN {
                throw ExpressionError(
                    code: 241, "Attempt to convert NaN value to integer type in $convert with no onError value")
            }
            guard x.isFinite, x >= -9.223_372_036_854_775_808e18, x < 9.223_372_036_854_775_808e18 else {
                throw overflow(value)
            }
            return try make(Int64(x.rounded(.towardZero)))
        case .decimal128(let x):
            if x.isNaN {
                throw ExpressionError(
                    code: 241, "Attempt to convert NaN value to integer type in $convert with no onError value")
            }
            guard let number = Decimal128Arithmetic.toInt64(x, rounding: .towardZero) else { throw overflow(value) }
            return try make(number)
        case .string(let text):
            guard !text.isEmpty else { throw parseFailure(text, "No digits") }
            var digits = Substring(text)
            if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw parseFailure(text, "Did not consume whole string.")
            }
            guard let number = Int64(text) else { throw parseFailure(text, "Overflow") }
            if !long && Int32(exactly: number) == nil { throw parseFailure(text, "Overflow") }
            return try make(number)
        default: throw unsupported(value, target)
        }
    }

    private static func toDecimal(_ value: BSONValue) throws(ExpressionError) -> BSONValue {
        switch value {
        case .decimal128: return value
        case .int32, .int64, .double: return .decimal128(Decimal128Arithmetic.from(value) ?? Decimal128Arithmetic.nan)
        case .bool(let flag): return .decimal128(Decimal128Arithmetic.from(Int64(flag ? 1 : 0)))
        case .datetime(let millis): return .decimal128(Decimal128Arithmetic.from(millis))
        case .string(let text):
            guard let decimal = try? BSONDecimal128(string: text) else {
                throw parseFailure(text, "Failed to parse string to decimal")
            }
            return .decimal128(decimal)
        default: throw unsupported(value, .decimal)
        }
    }

    private static func toString(_ value: BSONValue) throws(ExpressionError) -> BSONValue {
        switch value {
        case .string: return value
        case .bool(let flag): return .string(flag ? "true" : "false")
        case .objectID(let id): return .string(id.hex)
        case .int32, .int64, .double, .decimal128, .datetime:
            return .string(try StringOperators.coerceToString(value, "$convert"))
        default: throw unsupported(value, .string)
        }
    }
}
