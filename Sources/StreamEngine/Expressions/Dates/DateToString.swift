import BSONCore

/// `$dateToString: {date, format?, timezone?, onNull?}` (§11.10).
enum DateToString {
    /// A compiled `format`: absent (the default for the zone), a constant parsed once, or an expression.
    private enum FormatArgument: Sendable {
        case absent
        case constant(DateFormat?)
        case dynamic(Expression)
    }

    /// Compiles the operator; a constant format is validated here (18533, 18535, 18536).
    static func compile(_ argument: BSONValue, _ compiler: inout ExpressionCompiler) throws(ExpressionError)
        -> Expression
    {
        let fields = try DateArguments.fields(
            argument, allowed: ["date", "format", "timezone", "onNull"],
            notObject: ExpressionError(code: 18629, "$dateToString only supports an object as its argument"),
            unknown: { ExpressionError(code: 18534, "Unrecognized argument to $dateToString: \($0)") })
        guard let dateValue = fields["date"] else {
            throw ExpressionError(code: 18628, "Missing 'date' parameter to $dateToString")
        }
        let date = try compiler.compile(dateValue)
        let onNull = try fields["onNull"].map { value throws(ExpressionError) in try compiler.compile(value) }
        let zone = try ZoneArgument.compile(fields["timezone"], &compiler)
        var format = FormatArgument.absent
        if let formatValue = fields["format"] {
            let expression = try compiler.compile(formatValue)
            if let constant = expression.constantValue {
                format = .constant(try parseFormat(constant))
            } else {
                format = .dynamic(expression)
            }
        }
        let compiledFormat = format
        return .operation(name: "$dateToString") { context throws(ExpressionError) in
            let value = try date.evaluate(&context)
            var parsedFormat: DateFormat?
            var formatIsNull = false
            switch compiledFormat {
            case .absent: break
            case .constant(let constant):
                parsedFormat = constant
                formatIsNull = constant == nil
            case .dynamic(let expression):
                parsedFormat = try parseFormat(try expression.evaluate(&context))
                formatIsNull = parsedFormat == nil
            }
            let resolvedZone = try zone.resolve(&context)
            guard let value, !DateArguments.isNullish(value) else {
                guard let onNull else { return .null }
                return try onNull.evaluate(&context)
            }
            guard let resolvedZone, !formatIsNull else { return .null }
            let millis = try DateArguments.coerceToDate(value)
            let chosen = parsedFormat ?? (resolvedZone.isUTC ? DateFormat.isoUTC : DateFormat.isoLocal)
            return .string(try chosen.render(millis, zone: resolvedZone))
        }
    }

    /// A format value: nil when null or missing, else a string (18533) that parses.
    private static func parseFormat(_ value: BSONValue?) throws(ExpressionError) -> DateFormat? {
        guard let value, !DateArguments.isNullish(value) else { return nil }
        guard case .string(let text) = value else {
            throw ExpressionError(
                code: 18533,
                "$dateToString requires that 'format' be a string, found: \(value.typeName) with value "
                    + DateArguments.describe(value))
        }
        return try DateFormat(text)
    }
}
