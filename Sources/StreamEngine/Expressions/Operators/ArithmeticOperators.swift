import BSONCore

/// `$add $subtract $multiply $divide $mod` (§11.4), with the server's widening int → long → double → decimal,
/// overflow to the next type, and Date arithmetic.
enum ArithmeticOperators {
    /// The family's operators by name.
    static let compilers: [String: OperatorCompiler] = [
        "$add": compileAdd,
        "$multiply": compileMultiply,
        "$subtract": { value, compiler throws(ExpressionError) in
            let arguments = try OperatorSupport.arguments(value, "$subtract", exactly: 2, &compiler)
            let (left, right) = (Operand(arguments[0]), Operand(arguments[1]))
            return OperatorSupport.operation("$subtract", arguments) { context throws(ExpressionError) in
                try subtract(try left.value(&context), try right.value(&context))
            }
        },
        "$divide": { value, compiler throws(ExpressionError) in
            let arguments = try OperatorSupport.arguments(value, "$divide", exactly: 2, &compiler)
            let (left, right) = (Operand(arguments[0]), Operand(arguments[1]))
            return OperatorSupport.operation("$divide", arguments) { context throws(ExpressionError) in
                try divide(try left.value(&context), try right.value(&context))
            }
        },
        "$mod": { value, compiler throws(ExpressionError) in
            let arguments = try OperatorSupport.arguments(value, "$mod", exactly: 2, &compiler)
            let (left, right) = (Operand(arguments[0]), Operand(arguments[1]))
            return OperatorSupport.operation("$mod", arguments) { context throws(ExpressionError) in
                try modulo(try left.value(&context), try right.value(&context))
            }
        },
    ]

    /// The numeric type ladder the server widens along.
    enum Width: Int, Comparable {
        case int, long, double, decimal
        static func < (a: Width, b: Width) -> Bool { a.rawValue < b.rawValue }

        init?(_ value: BSONValue) {
            switch value {
            case .int32: self = .int
            case .int64: self = .long
            case .double: self = .double
            case .decimal128: self = .decimal
            default: return nil
            }
        }
    }

    /// The server's running total for `$add` (its `AddState`): a long total that moves to a double on overflow,
    /// a double total, a decimal total, and whether a Date was added.
    struct Total {
        var width = Width.int
        var long: Int64 = 0
        var double: Double = 0
        var decimal = Decimal128Arithmetic.zero
        var isDate = false

        /// Adds one non-null operand; throws for a second Date or a non-number. Once a Date is seen, the total
        /// so far and every later operand are added as milliseconds, a double rounded with `llround` each
        /// (the server's `AddState`).
        mutating func add(_ operand: BSONValue) throws(ExpressionError) {
            if case .datetime(let millis) = operand {
                guard !isDate else { throw ExpressionError(code: 16612, "only one date allowed in an $add expression") }
                let soFar = try value()
                long = 0
                try addToDate(soFar)
                isDate = true
                try addToDate(.int64(millis))
                return
            }
            guard let operandWidth = Width(operand) else {
                throw ExpressionError(code: 14, "$add only supports numeric or date types, not \(operand.typeName)")
            }
            if isDate {
                try addToDate(operand)
                return
            }
            widen(to: operandWidth)
            switch width {
            case .int, .long:
                let (sum, overflow) = long.addingReportingOverflow(ArithmeticOperators.long(operand))
                if overflow {
                    width = .double
                    double = Double(long) + NumericValue.approximateDouble(operand)
                } else {
                    long = sum
                }
            case .double:
                double += NumericValue.approximateDouble(operand)
            case .decimal:
                decimal = Decimal128Arithmetic.add(decimal, Decimal128Arithmetic.from(operand) ?? decimal)
            }
        }

        private mutating func addToDate(_ operand: BSONValue) throws(ExpressionError) {
            let overflowError = ExpressionError(code: 15, "date overflow")
            let addend: Int64
            switch operand {
            case .double(let x):
                guard x >= -9.223_372_036_854_775_808e18 && x < 9.223_372_036_854_775_808e18 else {
                    throw overflowError
                }
                addend = Int64(x.rounded(.toNearestOrAwayFromZero))
            case .decimal128(let x):
                guard let whole = Decimal128Arithmetic.toInt64(x, rounding: .tiesToEven) else { throw overflowError }
                addend = whole
            default:
                addend = ArithmeticOperators.long(operand)
            }
            let (sum, overflow) = long.addingReportingOverflow(addend)
            guard !overflow else { throw overflowError }
            long = sum
        }

        private mutating func widen(to operandWidth: Width) {
            guard operandWidth > width else { return }
            let old = width
            width = operandWidth
            switch operandWidth {
            case .double: double = Double(long)
            case .decimal:
                decimal = old == .double ? Decimal128Arithmetic.from(double) : Decimal128Arithmetic.from(long)
            default: break
            }
        }

        /// The total in its type, or a Date when one was added.
        func value() throws(ExpressionError) -> BSONValue {
            if isDate { return .datetime(long) }
            switch width {
            case .int: return intOrLong(long)
            case .long: return .int64(long)
            case .double: return .double(double)
            case .decimal: return .decimal128(decimal)
            }
        }
    }

    /// An Int32 when it fits, else an Int64 (the server's `createIntOrLong`).
    static func intOrLong(_ value: Int64) -> BSONValue {
        if let small = Int32(exactly: value) { return .int32(small) }
        return .int64(value)
    }

    /// A number as Int64: doubles truncated (and clamped), decimals truncated (the server's `coerceToLong`).
    static func long(_ value: BSONValue) -> Int64 {
        switch value {
        case .int32(let x): return Int64(x)
        case .int64(let x): return x
        case .double(let x):
            if x.isNaN { return 0 }
            if x >= 9.223_372_036_854_775_808e18 { return .max }
            if x <= -9.223_372_036_854_775_808e18 { return .min }
            return Int64(x.rounded(.towardZero))
        case .decimal128(let x): return Decimal128Arithmetic.toInt64(x, rounding: .towardZero) ?? 0
        default: return 0
        }
    }

    private static func compileAdd(_ value: BSONValue, _ compiler: inout ExpressionCompiler) throws(ExpressionError)
        -> Expression
    {
        let arguments = try compiler.compileArguments(value)
        return OperatorSupport.operation("$add", arguments) { context throws(ExpressionError) in
            var total = Total()
            for argument in arguments {
                let operand = try argument.evaluate(&context)
                guard let operand, !operand.isNullishValue else { return .null }
                try total.add(operand)
            }
            return try total.value()
        }
    }

    private static func compileMultiply(_ value: BSONValue, _ compiler: inout ExpressionCompiler)
        throws(ExpressionError) -> Expression
    {
        let arguments = try compiler.compileArguments(value)
        if arguments.count == 2 {
            // The common `{$multiply: [a, b]}`: no loop over the argument array, so no copy of each argument.
            let (left, right) = (Operand(arguments[0]), Operand(arguments[1]))
            return OperatorSupport.operation("$multiply", arguments) { context throws(ExpressionError) in
                guard let first = try left.value(&context), !first.isNullishValue else { return .null }
                var product = Product()
                try product.multiply(by: first)
                guard let second = try right.value(&context), !second.isNullishValue else { return .null }
                try product.multiply(by: second)
                return product.value
            }
        }
        return OperatorSupport.operation("$multiply", arguments) { context throws(ExpressionError) in
            var product = Product()
            for argument in arguments {
                let operand = try argument.evaluate(&context)
                guard let operand, !operand.isNullishValue else { return .null }
                try product.multiply(by: operand)
            }
            return product.value
        }
    }

    /// A running `$multiply` product along the widening ladder (int → long → double → decimal).
    private struct Product {
        var width = Width.int
        var long: Int64 = 1
        var double: Double = 1
        /// Only read once `width` is `.decimal`, and set from `long`/`double` when it gets there.
        var decimal = BSONDecimal128(low: 0, high: 0)

        /// Multiplies by one non-null operand; non-numbers fail with the server's message.
        mutating func multiply(by operand: BSONValue) throws(ExpressionError) {
            if width == .double, case .double(let factor) = operand {
                double *= factor
                return
            }
            guard let operandWidth = Width(operand) else {
                throw ExpressionError(code: 14, "$multiply only supports numeric types, not \(operand.typeName)")
            }
            if operandWidth > width {
                if operandWidth == .double && width < .double { double = Double(long) }
                if operandWidth == .decimal {
                    decimal = width == .double ? Decimal128Arithmetic.from(double) : Decimal128Arithmetic.from(long)
                }
                width = operandWidth
            }
            switch width {
            case .int, .long:
                let factor = NumericValue.approximateDouble(operand)
                double *= factor
                let (product, overflow) = long.multipliedReportingOverflow(by: ArithmeticOperators.long(operand))
                if overflow || !factor.isFinite { width = .double } else { long = product }
            case .double:
                double *= NumericValue.approximateDouble(operand)
            case .decimal:
                decimal = Decimal128Arithmetic.multiply(decimal, Decimal128Arithmetic.from(operand) ?? decimal)
            }
        }

        /// The product in its final width.
        var value: BSONValue {
            switch width {
            case .int: return intOrLong(long)
            case .long: return .int64(long)
            case .double: return .double(double)
            case .decimal: return .decimal128(decimal)
            }
        }
    }

    /// `$subtract` (§11.4): numbers widen; Date − Date is Int64 ms; Date − number is a Date.
    static func subtract(_ a: BSONValue?, _ b: BSONValue?) throws(ExpressionError) -> BSONValue {
        if let a, let b, let widthA = Width(a), let widthB = Width(b) {
            switch max(widthA, widthB) {
            case .decimal:
                return .decimal128(
                    Decimal128Arithmetic.subtract(
                        Decimal128Arithmetic.from(a) ?? .init(low: 0, high: 0),
                        Decimal128Arithmetic.from(b) ?? .init(low: 0, high: 0)))
            case .double:
                return .double(NumericValue.approximateDouble(a) - NumericValue.approximateDouble(b))
            case .long:
                let (difference, overflow) = long(a).subtractingReportingOverflow(long(b))
                if overflow { return .double(NumericValue.approximateDouble(a) - NumericValue.approximateDouble(b)) }
                return .int64(difference)
            case .int:
                return intOrLong(long(a) - long(b))
            }
        }
        if a.isNullish || b.isNullish { return .null }
        guard let a, let b else { return .null }
        if case .datetime(let millis) = a {
            let overflowError = ExpressionError(code: 15, "date overflow")
            let subtrahend: Int64
            switch b {
            case .datetime(let other): return .int64(millis &- other)
            case .int32, .int64: subtrahend = long(b)
            case .double(let x):
                guard x >= -9.223_372_036_854_775_808e18 && x < 9.223_372_036_854_775_808e18 else {
                    throw overflowError
                }
                subtrahend = Int64(x.rounded(.toNearestOrAwayFromZero))
            case .decimal128(let x):
                guard let whole = Decimal128Arithmetic.toInt64(x, rounding: .tiesToEven) else { throw overflowError }
                subtrahend = whole
            default:
                throw ExpressionError(code: 14, "can't $subtract \(b.typeName) from Date")
            }
            let (difference, overflow) = millis.subtractingReportingOverflow(subtrahend)
            guard !overflow else { throw overflowError }
            return .datetime(difference)
        }
        throw ExpressionError(code: 14, "can't $subtract \(b.typeName) from \(a.typeName)")
    }

    /// `$divide` (§11.4): Double unless a decimal is involved; a zero divisor is an error.
    static func divide(_ a: BSONValue?, _ b: BSONValue?) throws(ExpressionError) -> BSONValue {
        if let a, let b, a.isNumber, b.isNumber {
            if case .decimal128 = a {
                return try divideDecimals(a, b)
            } else if case .decimal128 = b {
                return try divideDecimals(a, b)
            }
            let divisor = NumericValue.approximateDouble(b)
            guard divisor != 0 else { throw ExpressionError(code: 2, "can't $divide by zero") }
            return .double(NumericValue.approximateDouble(a) / divisor)
        }
        if a.isNullish || b.isNullish { return .null }
        throw ExpressionError(
            code: 14,
            "$divide only supports numeric types, not \(OperatorSupport.typeName(a)) and \(OperatorSupport.typeName(b))"
        )
    }

    private static func divideDecimals(_ a: BSONValue, _ b: BSONValue) throws(ExpressionError) -> BSONValue {
        let numerator = Decimal128Arithmetic.from(a) ?? Decimal128Arithmetic.nan
        let denominator = Decimal128Arithmetic.from(b) ?? Decimal128Arithmetic.nan
        guard !Decimal128Arithmetic.isZero(denominator) else {
            throw ExpressionError(code: 2, "can't $divide by zero")
        }
        return .decimal128(Decimal128Arithmetic.divide(numerator, denominator))
    }

    /// `$mod`: the remainder with the dividend's sign; `fmod` when either side is a double.
    static func modulo(_ a: BSONValue?, _ b: BSONValue?) throws(ExpressionError) -> BSONValue {
        if let a, let b, let widthA = Width(a), let widthB = Width(b) {
            if widthA == .decimal || widthB == .decimal {
                let divisor = Decimal128Arithmetic.from(b) ?? Decimal128Arithmetic.nan
                guard !Decimal128Arithmetic.isZero(divisor) else {
                    throw ExpressionError(code: 5_733_415, "can't $mod by zero")
                }
                return .decimal128(
                    Decimal128Arithmetic.remainder(Decimal128Arithmetic.from(a) ?? Decimal128Arithmetic.nan, divisor))
            }
            let divisor = NumericValue.approximateDouble(b)
            guard divisor != 0 else { throw ExpressionError(code: 16610, "can't $mod by zero") }
            if widthA == .double || widthB == .double {
                return .double(NumericValue.approximateDouble(a).truncatingRemainder(dividingBy: divisor))
            }
            let left = long(a)
            let right = long(b)
            let remainder = right == -1 ? 0 : left % right
            if widthA == .long || widthB == .long { return .int64(remainder) }
            return .int32(Int32(truncatingIfNeeded: remainder))
        }
        if a.isNullish || b.isNullish { return .null }
        throw ExpressionError(
            code: 16611,
            "$mod only supports numeric types, not \(OperatorSupport.typeName(a)) and \(OperatorSupport.typeName(b))")
    }
}

extension BSONValue {
    /// Null or undefined (missing is `nil`, checked apart).
    var isNullishValue: Bool {
        switch self {
        case .null, .undefined: true
        default: false
        }
    }
}
