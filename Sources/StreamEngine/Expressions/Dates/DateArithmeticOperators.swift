import BSONCore

/// `$dateAdd`, `$dateSubtract`, `$dateDiff` and `$dateTrunc` (§11.8, §11.9): argument parsing and evaluation
/// order as the server's, with constant `unit`, `startOfWeek`, `binSize` and `timezone` parsed once.
enum DateArithmeticOperators {
    /// The operators by name.
    static let compilers: [String: OperatorCompiler] = [
        "$dateAdd": { argument, compiler throws(ExpressionError) in
            try compileAddition(argument, &compiler, name: "$dateAdd", sign: 1)
        },
        "$dateSubtract": { argument, compiler throws(ExpressionError) in
            try compileAddition(argument, &compiler, name: "$dateSubtract", sign: -1)
        },
        "$dateDiff": { argument, compiler throws(ExpressionError) in try compileDiff(argument, &compiler) },
        "$dateTrunc": { argument, compiler throws(ExpressionError) in try compileTrunc(argument, &compiler) },
    ]

    /// A `unit` argument: a constant parsed once (nil when null) or an expression.
    private enum UnitArgument: Sendable {
        case constant(DateUnit?)
        case dynamic(Expression)

        static func compile(_ value: BSONValue, _ compiler: inout ExpressionCompiler, operatorName: String)
            throws(ExpressionError) -> UnitArgument
        {
            let expression = try compiler.compile(value)
            guard let constant = expression.constantValue else { return .dynamic(expression) }
            if DateArguments.isNullish(constant) { return .constant(nil) }
            return .constant(try DateUnit.parse(constant, operatorName: operatorName))
        }

        /// The unit, or nil when it is null or missing.
        func resolve(_ context: inout EvaluationContext, operatorName: String) throws(ExpressionError) -> DateUnit? {
            switch self {
            case .constant(let unit): return unit
            case .dynamic(let expression):
                let value = try expression.evaluate(&context)
                guard let value, !DateArguments.isNullish(value) else { return nil }
                return try DateUnit.parse(value, operatorName: operatorName)
            }
        }
    }

    /// A `startOfWeek` argument (only read when the unit is `week`).
    private enum WeekArgument: Sendable {
        case absent
        case constant(StartOfWeek?)
        case dynamic(Expression)

        /// Compiles `value`. With `eager` (the server's `optimize` when some other argument is not constant), a
        /// constant is parsed now, whatever the unit, and a constant null makes the whole expression null;
        /// otherwise it is read only when the unit is `week`, as the server's `evaluate` does.
        static func compile(
            _ value: BSONValue?, _ compiler: inout ExpressionCompiler, operatorName: String, eager: Bool
        ) throws(ExpressionError) -> WeekArgument {
            guard let value else { return .absent }
            let expression = try compiler.compile(value)
            guard eager, let constant = expression.constantValue else { return .dynamic(expression) }
            if DateArguments.isNullish(constant) { return .constant(nil) }
            return .constant(try StartOfWeek.parse(constant, operatorName: operatorName))
        }

        /// Whether the whole expression is null whatever the document.
        var isConstantNull: Bool {
            if case .constant(nil) = self { return true }
            return false
        }

        /// The start of the week, or nil when it is null or missing.
        func resolve(_ context: inout EvaluationContext, operatorName: String) throws(ExpressionError)
            -> StartOfWeek?
        {
            switch self {
            case .absent: return .sunday
            case .constant(let day): return day
            case .dynamic(let expression):
                let value = try expression.evaluate(&context)
                guard let value, !DateArguments.isNullish(value) else { return nil }
                return try StartOfWeek.parse(value, operatorName: operatorName)
            }
        }
    }

    private static func compileAddition(
        _ argument: BSONValue, _ compiler: inout ExpressionCompiler, name: String, sign: Int64
    ) throws(ExpressionError) -> Expression {
        let fields = try DateArguments.fields(
            argument, allowed: ["startDate", "unit", "amount", "timezone"],
            notObject: ExpressionError(code: 5_166_400, "\(name) only supports an object as its argument"),
            unknown: {
                ExpressionError(
                    code: 5_166_401,
                    "Unrecognized argument to \(name): \($0). Expected arguments are startDate, unit, amount, and "
                        + "optionally timezone.")
            })
        for required in ["startDate", "unit", "amount"] where fields[required] == nil {
            throw ExpressionError(code: 5_166_402, "\(name) requires startDate, unit, and amount to be present")
        }
        let startDate = try compiler.compile(fields["startDate"] ?? .null)
        let unit = try UnitArgument.compile(fields["unit"] ?? .null, &compiler, operatorName: name)
        let amount = try compiler.compile(fields["amount"] ?? .null)
        let zone = try ZoneArgument.compile(fields["timezone"], &compiler)
        return .operation(name: name) { context throws(ExpressionError) in
            let start = try startDate.evaluate(&context)
            guard let start, !DateArguments.isNullish(start) else { return .null }
            guard let unit = try unit.resolve(&context, operatorName: name) else { return .null }
            let amountValue = try amount.evaluate(&context)
            guard let amountValue, !DateArguments.isNullish(amountValue) else { return .null }
            guard let zone = try zone.resolve(&context) else { return .null }
            guard let millis = DateArguments.millis(start) else {
                throw ExpressionError(code: 5_166_403, "\(name) requires startDate to be convertible to a date")
            }
            guard let count = DateArguments.integral64(amountValue) else {
                throw ExpressionError(code: 5_166_405, "\(name) expects integer amount of time units")
            }
            if sign < 0, count == .min {
                throw ExpressionError(code: 6_045_000, "invalid $dateSubtract 'amount' parameter value: \(count)")
            }
            return .datetime(try DateArithmetic.add(millis, unit, sign * count, zone: zone))
        }
    }

    private static func compileDiff(_ argument: BSONValue, _ compiler: inout ExpressionCompiler)
        throws(ExpressionError) -> Expression
    {
        let name = "$dateDiff"
        let fields = try DateArguments.fields(
            argument, allowed: ["startDate", "endDate", "unit", "timezone", "startOfWeek"],
            notObject: ExpressionError(code: 5_166_301, "$dateDiff only supports an object as its argument"),
            unknown: { ExpressionError(code: 5_166_302, "Unrecognized argument to $dateDiff: \($0)") })
        guard let startValue = fields["startDate"] else {
            throw ExpressionError(code: 5_166_303, "Missing 'startDate' parameter to $dateDiff")
        }
        guard let endValue = fields["endDate"] else {
            throw ExpressionError(code: 5_166_304, "Missing 'endDate' parameter to $dateDiff")
        }
        guard let unitValue = fields["unit"] else {
            throw ExpressionError(code: 5_166_305, "Missing 'unit' parameter to $dateDiff")
        }
        let zoneContext = "$dateDiff parameter 'timezone' value parsing failed"
        let startDate = try compiler.compile(startValue)
        let endDate = try compiler.compile(endValue)
        let unit = try UnitArgument.compile(unitValue, &compiler, operatorName: name)
        let zone = try ZoneArgument.compile(fields["timezone"], &compiler, context: zoneContext)
        let allConstant = [startValue, endValue, unitValue, fields["timezone"]].allSatisfy {
            $0.map(DateArguments.isConstant) ?? true
        }
        let week = try WeekArgument.compile(
            fields["startOfWeek"], &compiler, operatorName: name, eager: !allConstant)
        if week.isConstantNull { return .literal(.null) }
        return .operation(name: name) { context throws(ExpressionError) in
            let start = try startDate.evaluate(&context)
            guard let start, !DateArguments.isNullish(start) else { return .null }
            let end = try endDate.evaluate(&context)
            guard let end, !DateArguments.isNullish(end) else { return .null }
            guard let unit = try unit.resolve(&context, operatorName: name) else { return .null }
            var startOfWeek = StartOfWeek.sunday
            if unit == .week {
                guard let day = try week.resolve(&context, operatorName: name) else { return .null }
                startOfWeek = day
            }
            guard let zone = try zone.resolve(&context, errorContext: zoneContext) else { return .null }
            let startMillis = try convert(start, parameter: "startDate", operatorName: name)
            let endMillis = try convert(end, parameter: "endDate", operatorName: name)
            return .int64(
                try DateArithmetic.diff(startMillis, endMillis, unit, zone: zone, startOfWeek: startOfWeek))
        }
    }

    private static func compileTrunc(_ argument: BSONValue, _ compiler: inout ExpressionCompiler)
        throws(ExpressionError) -> Expression
    {
        let name = "$dateTrunc"
        let fields = try DateArguments.fields(
            argument, allowed: ["date", "unit", "binSize", "timezone", "startOfWeek"],
            notObject: ExpressionError(code: 5_439_007, "$dateTrunc only supports an object as its argument"),
            unknown: {
                ExpressionError(
                    code: 5_439_008,
                    "Unrecognized argument to $dateTrunc: \($0). Expected arguments are date, unit, and optionally, "
                        + "binSize, timezone, startOfWeek")
            })
        guard let dateValue = fields["date"] else {
            throw ExpressionError(code: 5_439_009, "Missing 'date' parameter to $dateTrunc")
        }
        guard let unitValue = fields["unit"] else {
            throw ExpressionError(code: 5_439_010, "Missing 'unit' parameter to $dateTrunc")
        }
        let zoneContext = "$dateTrunc parameter 'timezone' value parsing failed"
        let date = try compiler.compile(dateValue)
        let unit = try UnitArgument.compile(unitValue, &compiler, operatorName: name)
        let zone = try ZoneArgument.compile(fields["timezone"], &compiler, context: zoneContext)
        let allConstant = [dateValue, unitValue, fields["binSize"], fields["timezone"]].allSatisfy {
            $0.map(DateArguments.isConstant) ?? true
        }
        let week = try WeekArgument.compile(
            fields["startOfWeek"], &compiler, operatorName: name, eager: !allConstant)
        if week.isConstantNull { return .literal(.null) }
        var constantBinSize: Int64?? = .some(1)
        var binSizeExpression: Expression?
        if let binValue = fields["binSize"] {
            let expression = try compiler.compile(binValue)
            if let constant = expression.constantValue {
                constantBinSize = DateArguments.isNullish(constant) ? .some(nil) : .some(try binSize(constant))
            } else {
                constantBinSize = nil
                binSizeExpression = expression
            }
        }
        let fixedBinSize = constantBinSize
        let dynamicBinSize = binSizeExpression
        return .operation(name: name) { context throws(ExpressionError) in
            let value = try date.evaluate(&context)
            guard let value, !DateArguments.isNullish(value) else { return .null }
            let size: Int64
            if let fixedBinSize {
                guard let constant = fixedBinSize else { return .null }
                size = constant
            } else {
                let evaluated = try dynamicBinSize?.evaluate(&context)
                guard let evaluated, !DateArguments.isNullish(evaluated) else { return .null }
                size = try binSize(evaluated)
            }
            guard let unit = try unit.resolve(&context, operatorName: name) else { return .null }
            var startOfWeek = StartOfWeek.sunday
            if unit == .week {
                guard let day = try week.resolve(&context, operatorName: name) else { return .null }
                startOfWeek = day
            }
            guard let zone = try zone.resolve(&context, errorContext: zoneContext) else { return .null }
            let millis = try convert(value, parameter: "date", operatorName: name)
            return .datetime(
                try DateArithmetic.truncate(millis, unit, binSize: size, zone: zone, startOfWeek: startOfWeek))
        }
    }

    /// A `binSize`: a positive 64-bit integral number (5439017, 5439018).
    private static func binSize(_ value: BSONValue) throws(ExpressionError) -> Int64 {
        guard let size = DateArguments.integral64(value) else {
            throw ExpressionError(
                code: 5_439_017,
                "$dateTrunc requires 'binSize' to be a 64-bit integer, but got value '\(DateArguments.describe(value))' "
                    + "of type \(value.typeName)")
        }
        guard size > 0 else {
            throw ExpressionError(
                code: 5_439_018, "$dateTrunc requires 'binSize' to be greater than 0, but got value \(size)")
        }
        return size
    }

    /// A date argument of `$dateDiff`/`$dateTrunc`: `<op> requires '<p>' to be a date, but got <type>` (5166307).
    private static func convert(_ value: BSONValue, parameter: String, operatorName: String) throws(ExpressionError)
        -> Int64
    {
        guard let millis = DateArguments.millis(value) else {
            throw ExpressionError(
                code: 5_166_307, "\(operatorName) requires '\(parameter)' to be a date, but got \(value.typeName)")
        }
        return millis
    }
}
