import BSONCore

/// `$year`, `$month`, … `$isoDayOfWeek` and `$dateToParts`: fields of a date in a zone (§11.7).
enum DatePartOperators {
    /// The single-field extractors by name, each returning Int32 (Int64 for `$isoWeekYear`, as the server).
    static let compilers: [String: OperatorCompiler] = makeCompilers()

    private static func makeCompilers() -> [String: OperatorCompiler] {
        let parts: [(String, @Sendable (DateCivil) -> BSONValue)] = [
            ("$year", { .int32(Int32(truncatingIfNeeded: $0.year)) }),
            ("$month", { .int32(Int32($0.month)) }),
            ("$dayOfMonth", { .int32(Int32($0.day)) }),
            ("$hour", { .int32(Int32($0.hour)) }),
            ("$minute", { .int32(Int32($0.minute)) }),
            ("$second", { .int32(Int32($0.second)) }),
            ("$millisecond", { .int32(Int32($0.millisecond)) }),
            ("$dayOfWeek", { .int32(Int32($0.dayOfWeek)) }),
            ("$dayOfYear", { .int32(Int32($0.dayOfYear)) }),
            ("$week", { .int32(Int32($0.week)) }),
            ("$isoWeek", { .int32(Int32($0.isoWeek.week)) }),
            ("$isoWeekYear", { .int64($0.isoWeek.year) }),
            ("$isoDayOfWeek", { .int32(Int32($0.isoDayOfWeek)) }),
        ]
        var table: [String: OperatorCompiler] = [:]
        for (name, part) in parts { table[name] = partCompiler(name, part) }
        let dateToParts: OperatorCompiler = {
            (argument: BSONValue, compiler: inout ExpressionCompiler) throws(ExpressionError) -> Expression in
            try compileDateToParts(argument, &compiler)
        }
        table["$dateToParts"] = dateToParts
        return table
    }

    private static func partCompiler(_ name: String, _ part: @escaping @Sendable (DateCivil) -> BSONValue)
        -> OperatorCompiler
    {
        { (argument: BSONValue, compiler: inout ExpressionCompiler) throws(ExpressionError) -> Expression in
            try compilePart(name, argument, &compiler, part)
        }
    }

    /// `{$op: <date>}`, `{$op: [<date>]}` or `{$op: {date, timezone}}` (the server's
    /// `DateExpressionAcceptingTimeZone::parse`).
    private static func compilePart(
        _ name: String, _ argument: BSONValue, _ compiler: inout ExpressionCompiler,
        _ part: @escaping @Sendable (DateCivil) -> BSONValue
    ) throws(ExpressionError) -> Expression {
        let date: Expression
        var zone = ZoneArgument.absent
        switch argument {
        case .document(let document) where !(document.elements.first?.key.hasPrefix("$") ?? false):
            var dateValue: BSONValue?
            var zoneValue: BSONValue?
            for (key, value) in document.elements {
                switch key {
                case "date": dateValue = value
                case "timezone": zoneValue = value
                default: throw ExpressionError(code: 40535, "unrecognized option to \(name): \"\(key)\"")
                }
            }
            guard let dateValue else {
                throw ExpressionError(code: 40539, "missing 'date' argument to \(name), provided: \(document)")
            }
            date = try compiler.compile(dateValue)
            zone = try ZoneArgument.compile(zoneValue, &compiler)
        case .array(let elements):
            guard elements.count == 1 else {
                throw ExpressionError(
                    code: 16020, "Expression \(name) takes exactly 1 arguments. \(elements.count) were passed in.")
            }
            date = try compiler.compile(elements[0])
        default:
            date = try compiler.compile(argument)
        }
        if zone.isConstantNull { return .literal(.null) }
        let compiledZone = zone
        return .operation(name: name) { context throws(ExpressionError) in
            let value = try date.evaluate(&context)
            guard let value, !DateArguments.isNullish(value) else { return .null }
            let millis = try DateArguments.coerceToDate(value)
            guard let zone = try compiledZone.resolve(&context) else { return .null }
            return part(DateCivil(utcMillis: millis, zone: zone))
        }
    }

    /// `{$dateToParts: {date, timezone?, iso8601?}}`.
    private static func compileDateToParts(_ argument: BSONValue, _ compiler: inout ExpressionCompiler)
        throws(ExpressionError) -> Expression
    {
        let fields = try DateArguments.fields(
            argument, allowed: ["date", "timezone", "iso8601"],
            notObject: ExpressionError(code: 40524, "$dateToParts only supports an object as its argument"),
            unknown: { ExpressionError(code: 40520, "Unrecognized argument to $dateToParts: \($0)") })
        guard let dateValue = fields["date"] else {
            throw ExpressionError(code: 40522, "Missing 'date' parameter to $dateToParts")
        }
        let date = try compiler.compile(dateValue)
        let zone = try ZoneArgument.compile(fields["timezone"], &compiler)
        let iso8601 = try fields["iso8601"].map { value throws(ExpressionError) in try compiler.compile(value) }
        if zone.isConstantNull { return .literal(.null) }
        return .operation(name: "$dateToParts") { context throws(ExpressionError) in
            let value = try date.evaluate(&context)
            guard let zone = try zone.resolve(&context) else { return .null }
            var iso = false
            if let iso8601 {
                let flag = try iso8601.evaluate(&context)
                guard let flag, !DateArguments.isNullish(flag) else { return .null }
                guard case .bool(let isISO) = flag else {
                    throw ExpressionError(code: 40521, "iso8601 must evaluate to a bool, found \(flag.typeName)")
                }
                iso = isISO
            }
            guard let value, !DateArguments.isNullish(value) else { return .null }
            let civil = DateCivil(utcMillis: try DateArguments.coerceToDate(value), zone: zone)
            var parts = BSONDocument()
            if iso {
                let week = civil.isoWeek
                parts.append("isoWeekYear", .int32(Int32(truncatingIfNeeded: week.year)))
                parts.append("isoWeek", .int32(Int32(week.week)))
                parts.append("isoDayOfWeek", .int32(Int32(civil.isoDayOfWeek)))
            } else {
                parts.append("year", .int32(Int32(truncatingIfNeeded: civil.year)))
                parts.append("month", .int32(Int32(civil.month)))
                parts.append("day", .int32(Int32(civil.day)))
            }
            parts.append("hour", .int32(Int32(civil.hour)))
            parts.append("minute", .int32(Int32(civil.minute)))
            parts.append("second", .int32(Int32(civil.second)))
            parts.append("millisecond", .int32(Int32(civil.millisecond)))
            return .document(parts)
        }
    }
}
