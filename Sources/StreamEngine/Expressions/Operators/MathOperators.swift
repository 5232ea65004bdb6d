import BSONCore
import Foundation

/// `$abs $ceil $floor $round $trunc $sqrt $pow $exp $ln $log10 $log` (§11.4, §11.6).
///
/// Decimal inputs to `$sqrt $pow $exp $ln $log10 $log` are computed through Double (15 significant digits in
/// the decimal result), where the server's decimal library gives 34; see `Decimal128Arithmetic`.
enum MathOperators {
    /// The family's operators by name.
    static let compilers: [String: OperatorCompiler] = [
        "$abs": unary("$abs", abs),
        "$ceil": unary("$ceil") { value throws(ExpressionError) in integral(value, .up) },
        "$floor": unary("$floor") { value throws(ExpressionError) in integral(value, .down) },
        "$sqrt": unary("$sqrt", sqrt),
        "$exp": unary("$exp") { value throws(ExpressionError) in transcendental(value, Foundation.exp) },
        "$ln": unary("$ln") { value throws(ExpressionError) in
            try requirePositive(value, "$ln's argument must be a positive number, but ", code: 28766)
            return transcendental(value, Foundation.log)
        },
        "$log10": unary("$log10") { value throws(ExpressionError) in
            try requirePositive(value, "$log10's argument must be a positive number, but ", code: 28761)
            return transcendental(value, Foundation.log10)
        },
        "$round": { value, compiler throws(ExpressionError) in try compileRound("$round", .tiesToEven, value, &compiler)
        },
        "$trunc": { value, compiler throws(ExpressionError) in try compileRound("$trunc", .towardZero, value, &compiler)
        },
        "$pow": { value, compiler throws(ExpressionError) in
            let arguments = try OperatorSupport.arguments(value, "$pow", exactly: 2, &compiler)
            let (base, exponent) = (arguments[0], arguments[1])
            return OperatorSupport.operation("$pow", arguments) { context throws(ExpressionError) in
                try power(try base.evaluate(&context), try exponent.evaluate(&context))
            }
        },
        "$log": { value, compiler throws(ExpressionError) in
            let arguments = try OperatorSupport.arguments(value, "$log", exactly: 2, &compiler)
            let (number, base) = (arguments[0], arguments[1])
            return OperatorSupport.operation("$log", arguments) { context throws(ExpressionError) in
                try logarithm(try number.evaluate(&context), try base.evaluate(&context))
            }
        },
    ]

    /// A one-argument numeric operator: null or missing gives null, a non-number the server's error 28765.
    private static func unary(
        _ name: String, _ body: @escaping @Sendable (BSONValue) throws(ExpressionError) -> BSONValue
    ) -> OperatorCompiler {
        { value, compiler throws(ExpressionError) in
            let argument = try OperatorSupport.arguments(value, name, exactly: 1, &compiler)[0]
            return OperatorSupport.operation(name, [argument]) { context throws(ExpressionError) in
                let operand = try argument.evaluate(&context)
                guard let operand, !operand.isNullishValue else { return .null }
                guard operand.isNumber else {
                    throw ExpressionError(code: 28765, "\(name) only supports numeric types, not \(operand.typeName)")
                }
                return try body(operand)
            }
        }
    }

    private static func abs(_ value: BSONValue) throws(ExpressionError) -> BSONValue {
        switch value {
        case .int32(let x): return x == .min ? .int64(-Int64(x)) : .int32(Swift.abs(x))
        case .int64(let x):
            guard x != .min else { throw ExpressionError(code: 28680, "can't take $abs of long long min") }
            return .int64(Swift.abs(x))
        case .double(let x): return .double(Swift.abs(x))
        case .decimal128(let x): return .decimal128(Decimal128Arithmetic.magnitude(x))
        default: return value
        }
    }

    private enum Direction { case up, down }

    private static func integral(_ value: BSONValue, _ direction: Direction) -> BSONValue {
        switch value {
        case .double(let x): return .double(direction == .up ? x.rounded(.up) : x.rounded(.down))
        case .decimal128(let x):
            let unpacked = Decimal128Arithmetic.unpack(x)
            guard unpacked.kind == .finite, unpacked.exponent < 0 else { return value }
            var result = Decimal128Arithmetic.quantize(x, exponent: 0, rounding: .towardZero)
            if Decimal128Arithmetic.compare(result, x) != 0 {
                let one = Decimal128Arithmetic.from(Int64(1))
                if direction == .up && !x.isNegativeDecimal { result = Decimal128Arithmetic.add(result, one) }
                if direction == .down && x.isNegativeDecimal { result = Decimal128Arithmetic.subtract(result, one) }
            }
            return .decimal128(result)
        default: return value
        }
    }

    private static func sqrt(_ value: BSONValue) throws(ExpressionError) -> BSONValue {
        let x = NumericValue.approximateDouble(value)
        if x < 0 || (value.isDecimal && NumericValue.compare(value, .int32(0)) < 0) {
            throw ExpressionError(code: 28714, "$sqrt's argument must be greater than or equal to 0")
        }
        return transcendental(value, Foundation.sqrt)
    }

    /// A Double function applied to a number: Double for int, long and double; decimal in, decimal out.
    private static func transcendental(_ value: BSONValue, _ function: (Double) -> Double) -> BSONValue {
        let result = function(NumericValue.approximateDouble(value))
        return value.isDecimal ? .decimal128(Decimal128Arithmetic.from(result)) : .double(result)
    }

    private static func requirePositive(_ value: BSONValue, _ message: String, code: Int) throws(ExpressionError) {
        let order = NumericValue.compare(value, .int32(0))
        let isNaN = NumericValue.approximateDouble(value).isNaN
        if order <= 0 && !isNaN { throw ExpressionError(code: code, message + OperatorSupport.text(value)) }
    }

    private static func compileRound(
        _ name: String, _ rounding: Decimal128Arithmetic.Rounding, _ value: BSONValue,
        _ compiler: inout ExpressionCompiler
    ) throws(ExpressionError) -> Expression {
        let arguments = try OperatorSupport.arguments(value, name, from: 1, to: 2, &compiler)
        let number = arguments[0]
        let place = arguments.count > 1 ? arguments[1] : nil
        return OperatorSupport.operation(name, arguments) { context throws(ExpressionError) in
            let operand = try number.evaluate(&context)
            guard let operand, !operand.isNullishValue else { return .null }
            guard operand.isNumber else {
                throw ExpressionError(code: 51081, "\(name) only supports numeric types, not \(operand.typeName)")
            }
            var places: Int64 = 0
            if let place {
                let placeValue = try place.evaluate(&context)
                guard let placeValue, !placeValue.isNullishValue else { return .null }
                guard placeValue.isNumber, isIntegral(placeValue) else {
                    throw ExpressionError(code: 51082, "precision argument to  \(name) must be a integral value")
                }
                places = ArithmeticOperators.long(placeValue)
                guard places >= -20 && places <= 100 else {
                    throw ExpressionError(
                        code: 51083, "cannot apply \(name) with precision value \(places) value must be in [-20, 100]")
                }
            }
            return try round(operand, places: Int(places), rounding, name)
        }
    }

    /// `$round`/`$trunc` of a number to `places` decimal places (§11.6).
    static func round(
        _ value: BSONValue, places: Int, _ rounding: Decimal128Arithmetic.Rounding, _ name: String
    ) throws(ExpressionError) -> BSONValue {
        switch value {
        case .decimal128(let x):
            return .decimal128(Decimal128Arithmetic.quantize(x, exponent: -places, rounding: rounding))
        case .double(let x):
            guard x.isFinite else { return value }
            let decimal = Decimal128Arithmetic.from(x, significantDigits: 34)
            return .double(
                Decimal128Arithmetic.toDouble(
                    Decimal128Arithmetic.quantize(decimal, exponent: -places, rounding: rounding)))
        case .int32, .int64:
            guard places < 0 else { return value }
            let quantized = Decimal128Arithmetic.quantize(
                Decimal128Arithmetic.from(value) ?? Decimal128Arithmetic.nan, exponent: -places, rounding: rounding)
            guard let result = Decimal128Arithmetic.toInt64(quantized, rounding: .towardZero) else {
                throw ExpressionError(
                    code: 51080,
                    "invalid conversion from Decimal128 result in \(name) resulting from arguments: "
                        + "[\(OperatorSupport.text(value)), \(places)]")
            }
            if case .int64 = value { return .int64(result) }
            return result > Int64(Int32.max) ? .int64(result) : .int32(Int32(truncatingIfNeeded: result))
        default:
            return value
        }
    }

    /// Whether a number has an integral value.
    static func isIntegral(_ value: BSONValue) -> Bool {
        switch value {
        case .int32, .int64: return true
        case .double(let x): return x.isFinite && x.rounded(.towardZero) == x
        case .decimal128(let x):
            guard !x.isNaN && !x.isInfinite else { return false }
            return Decimal128Arithmetic.compare(Decimal128Arithmetic.quantize(x, exponent: 0, rounding: .towardZero), x)
                == 0
        default: return false
        }
    }

    private static func power(_ base: BSONValue?, _ exponent: BSONValue?) throws(ExpressionError) -> BSONValue {
        guard let base, !base.isNullishValue, let exponent, !exponent.isNullishValue else { return .null }
        guard base.isNumber else {
            throw ExpressionError(code: 28762, "$pow's base must be numeric, not \(base.typeName)")
        }
        guard exponent.isNumber else {
            throw ExpressionError(code: 28763, "$pow's exponent must be numeric, not \(exponent.typeName)")
        }
        if NumericValue.compare(base, .int32(0)) == 0 && NumericValue.compare(exponent, .int32(0)) < 0 {
            throw ExpressionError(code: 28764, "$pow cannot take a base of 0 and a negative exponent")
        }
        let doubleBase = NumericValue.approximateDouble(base)
        let doubleExponent = NumericValue.approximateDouble(exponent)
        if base.isDecimal || exponent.isDecimal {
            return .decimal128(Decimal128Arithmetic.from(Foundation.pow(doubleBase, doubleExponent)))
        }
        if case .double = base { return .double(Foundation.pow(doubleBase, doubleExponent)) }
        if case .double = exponent { return .double(Foundation.pow(doubleBase, doubleExponent)) }
        let bothInt: Bool
        if case .int32 = base, case .int32 = exponent { bothInt = true } else { bothInt = false }
        let b = ArithmeticOperators.long(base)
        let e = ArithmeticOperators.long(exponent)
        if e < 0 {
            if b == 1 { return bothInt ? .int32(1) : .int64(1) }
            if b == -1 {
                let result: Int64 = e % 2 == 0 ? 1 : -1
                return bothInt ? .int32(Int32(result)) : .int64(result)
            }
            return .double(Foundation.pow(doubleBase, doubleExponent))
        }
        var result: Int64 = 1
        switch b {
        case 0: result = e == 0 ? 1 : 0
        case 1: result = 1
        case -1: result = e % 2 == 0 ? 1 : -1
        default:
            for _ in 0..<e {
                let (product, overflow) = result.multipliedReportingOverflow(by: b)
                if overflow { return .double(Foundation.pow(doubleBase, doubleExponent)) }
                result = product
            }
        }
        return bothInt ? ArithmeticOperators.intOrLong(result) : .int64(result)
    }

    private static func logarithm(_ number: BSONValue?, _ base: BSONValue?) throws(ExpressionError) -> BSONValue {
        guard let number, !number.isNullishValue, let base, !base.isNullishValue else { return .null }
        guard number.isNumber else {
            throw ExpressionError(code: 28756, "$log's argument must be numeric, not \(number.typeName)")
        }
        guard base.isNumber else {
            throw ExpressionError(code: 28757, "$log's base must be numeric, not \(base.typeName)")
        }
        try requirePositive(number, "$log's argument must be a positive number, but ", code: 28758)
        let doubleBase = NumericValue.approximateDouble(base)
        if NumericValue.compare(base, .int32(0)) <= 0 || doubleBase == 1 {
            throw ExpressionError(
                code: 28759, "$log's base must be a positive number not equal to 1, but \(OperatorSupport.text(base))")
        }
        let result = Foundation.log(NumericValue.approximateDouble(number)) / Foundation.log(doubleBase)
        if number.isDecimal || base.isDecimal { return .decimal128(Decimal128Arithmetic.from(result)) }
        return .double(result)
    }
}

extension BSONValue {
    /// Whether this is a Decimal128.
    var isDecimal: Bool {
        if case .decimal128 = self { return true }
        return false
    }
}
