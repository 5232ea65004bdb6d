import BSONCore

/// `$toDate` (§11.11; `$convert` with `to: "date"` delegates here) and `$dateFromString`.
enum DateConversionOperators {
    /// The operators by name.
    static let compilers: [String: OperatorCompiler] = [
        "$toDate": { argument, compiler throws(ExpressionError) in
            let arguments = try compiler.compileArguments(argument)
            guard arguments.count == 1 else {
                throw ExpressionError(
                    code: 16020, "Expression $toDate takes exactly 1 arguments. \(arguments.count) were passed in.")
            }
            let input = Operand(arguments[0])
            return .operation(name: "$toDate") { context throws(ExpressionError) in
                guard let value = try input.value(&context) else { return .null }
                return try toDate(value)
            }
        },
        "$dateFromString": { argument, compiler throws(ExpressionError) in try compileFromString(argument, &compiler) },
    ]

    /// The `$toDate` conversion of one value (§11.11): null stays null, errors are `ConversionFailure` (241).
    package static func toDate(_ value: BSONValue) throws(ExpressionError) -> BSONValue {
        switch value {
        case .null, .undefined: return .null
        case .datetime: return value
        case .timestamp, .objectID: return .datetime(DateArguments.millis(value) ?? 0)
        case .string(let text):
            let parsed = try DateStringParser.parse(text)
            return .datetime(instant(parsed, zone: .utc))
        case .int64(let millis): return .datetime(millis)
        case .double(let number): return .datetime(try truncate(number, text: DateArguments.describe(value)))
        case .decimal128(let number):
            if number.isNaN {
                throw ExpressionError(
                    code: 241, "Attempt to convert NaN value to integer type in $convert with no onError value")
            }
            if number.isInfinite {
                throw ExpressionError(
                    code: 241, "Attempt to convert infinity value to integer type in $convert with no onError value")
            }
            return .datetime(try truncate(NumericValue.approximateDouble(value), text: number.description))
        default:
            throw ExpressionError(
                code: 241, "Unsupported conversion from \(value.typeName) to date in $convert with no onError value")
        }
    }

    /// A double's milliseconds truncated toward zero, as the server's double-to-long cast.
    private static func truncate(_ number: Double, text: String) throws(ExpressionError) -> Int64 {
        if number.isNaN {
            throw ExpressionError(
                code: 241, "Attempt to convert NaN value to integer type in $convert with no onError value")
        }
        if number.isInfinite {
            throw ExpressionError(
                code: 241, "Attempt to convert infinity value to integer type in $convert with no onError value")
        }
        guard number >= -9.223_372_036_854_775_808e18, number < 9.223_372_036_854_775_808e18 else {
            throw ExpressionError(
                code: 241, "Conversion would overflow target type in $convert with no onError value: \(text)")
        }
        return Int64(number.rounded(.towardZero))
    }

    /// The instant of a parsed string: its own zone if it has one, else `zone`.
    private static func instant(_ parsed: DateStringParser.Parsed, zone: DateZone) -> Int64 {
        switch parsed.zone {
        case .none: return zone.utcMillis(fromLocal: parsed.localMillis)
        case .offset(let seconds), .abbreviation(_, let seconds): return parsed.localMillis - seconds * 1000
        }
    }

    /// `{$dateFromString: {dateString, format?, timezone?, onNull?, onError?}}` in the server's evaluation order:
    /// format checks, timezone, the null check (`onNull`), then parse errors (`onError` catches only those).
    private static func compileFromString(_ argument: BSONValue, _ compiler: inout ExpressionCompiler)
        throws(ExpressionError) -> Expression
    {
        guard case .document = argument else {
            throw ExpressionError(
                code: 40540,
                "$dateFromString only supports an object as an argument, found: \(argument.typeName)")
        }
        let fields = try DateArguments.fields(
            argument, allowed: ["dateString", "format", "timezone", "onNull", "onError"],
            notObject: ExpressionError(code: 40540, "$dateFromString only supports an object as an argument"),
            unknown: { ExpressionError(code: 40541, "Unrecognized argument to $dateFromString: \($0)") })
        guard let stringValue = fields["dateString"] else {
            throw ExpressionError(code: 40542, "Missing 'dateString' parameter to $dateFromString")
        }
        let dateString = try compiler.compile(stringValue)
        let format = try fields["format"].map { value throws(ExpressionError) in try compiler.compile(value) }
        if let constant = format?.constantValue { _ = try checkFormat(constant) }
        let zone = try ZoneArgument.compile(fields["timezone"], &compiler)
        let onNull = try fields["onNull"].map { value throws(ExpressionError) in try compiler.compile(value) }
        let onError = try fields["onError"].map { value throws(ExpressionError) in try compiler.compile(value) }
        return .operation(name: "$dateFromString") { context throws(ExpressionError) in
            let input = try dateString.evaluate(&context)
            let formatText = try checkFormat(try format?.evaluate(&context))
            let resolvedZone = try zone.resolve(&context)
            guard let input, !DateArguments.isNullish(input) else {
                guard let onNull else { return .null }
                return try onNull.evaluate(&context)
            }
            do throws(ExpressionError) {
                guard case .string(let text) = input else {
                    throw ExpressionError(
                        code: 241,
                        "$dateFromString requires that 'dateString' be a string, found: \(input.typeName) with value "
                            + DateArguments.describe(input))
                }
                guard let resolvedZone else { return .null }
                if format != nil && formatText == nil { return .null }
                let parsed: DateStringParser.Parsed
                if let formatText {
                    parsed = try DateStringParser.parse(text, format: formatText)
                } else {
                    parsed = try DateStringParser.parse(text)
                }
                if !resolvedZone.isUTC {
                    switch parsed.zone {
                    case .none: break
                    case .offset:
                        throw ExpressionError(
                            code: 241,
                            "you cannot pass in a date/time string with GMT offset together with a timezone argument")
                    case .abbreviation(let name, _):
                        throw ExpressionError(
                            code: 241,
                            "you cannot pass in a date/time string with time zone information ('\(name)') together "
                                + "with a timezone argument")
                    }
                }
                return .datetime(instant(parsed, zone: resolvedZone))
            } catch {
                guard error.code == 241, let onError else { throw error }
                return try onError.evaluate(&context)
            }
        }
    }

    /// A format value: nil when null or missing, else a string (40684) with valid specifiers.
    private static func checkFormat(_ value: BSONValue?) throws(ExpressionError) -> String? {
        guard let value, !DateArguments.isNullish(value) else { return nil }
        guard case .string(let text) = value else {
            throw ExpressionError(
                code: 40684,
                "$dateFromString requires that 'format' be a string, found: \(value.typeName) with value "
                    + DateArguments.describe(value))
        }
        try DateStringParser.validate(format: text)
        return text
    }
}
