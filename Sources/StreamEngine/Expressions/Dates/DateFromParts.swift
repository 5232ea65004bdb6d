import BSONCore

/// `$dateFromParts` in both forms (calendar: year, month, day…; ISO: isoWeekYear, isoWeek, isoDayOfWeek…), with
/// overflowing parts carried as the server's timelib does (month 13 is January of the next year, hour 25 is
/// 01:00 the next day, negative values borrow).
enum DateFromParts {
    private static let allowed: Set<String> = [
        "year", "month", "day", "hour", "minute", "second", "millisecond", "isoWeekYear", "isoWeek",
        "isoDayOfWeek", "timezone",
    ]

    /// One compiled part: its name, default, whether it is bounded to an int16, and its expression (if given).
    private struct Part: Sendable {
        var name: String
        var defaultValue: Int64
        var bounded: Bool
        var expression: Expression?

        /// The part's value, its default when absent, or nil when it evaluates to null or missing.
        func evaluate(_ context: inout EvaluationContext) throws(ExpressionError) -> Int64? {
            guard let expression else { return defaultValue }
            let value = try expression.evaluate(&context)
            guard let value, !DateArguments.isNullish(value) else { return nil }
            guard let number = DateArguments.integral64(value) else {
                throw ExpressionError(
                    code: 40515,
                    "'\(name)' must evaluate to an integer, found \(value.typeName) with value "
                        + DateArguments.describe(value))
            }
            if bounded, !(-32768...32767).contains(number) {
                throw ExpressionError(
                    code: 31034,
                    "'\(name)' must evaluate to a value in the range [-32768, 32767]; value \(number) is not in range")
            }
            return number
        }
    }

    /// Compiles `{$dateFromParts: {…}}` with the server's parse errors (40519, 40518, 40516, 40489, 40525).
    static func compile(_ argument: BSONValue, _ compiler: inout ExpressionCompiler) throws(ExpressionError)
        -> Expression
    {
        let fields = try DateArguments.fields(
            argument, allowed: allowed,
            notObject: ExpressionError(code: 40519, "$dateFromParts only supports an object as its argument"),
            unknown: { ExpressionError(code: 40518, "Unrecognized argument to $dateFromParts: \($0)") })
        let hasYear = fields["year"] != nil
        let hasISOYear = fields["isoWeekYear"] != nil
        if !hasYear && !hasISOYear {
            throw ExpressionError(code: 40516, "$dateFromParts requires either 'year' or 'isoWeekYear' to be present")
        }
        if hasYear && (hasISOYear || fields["isoWeek"] != nil || fields["isoDayOfWeek"] != nil) {
            throw ExpressionError(code: 40489, "$dateFromParts does not allow mixing natural dates with ISO dates")
        }
        if hasISOYear && (fields["month"] != nil || fields["day"] != nil) {
            throw ExpressionError(code: 40525, "$dateFromParts does not allow mixing ISO dates with natural dates")
        }
        func part(_ name: String, _ defaultValue: Int64, bounded: Bool) throws(ExpressionError) -> Part {
            let expression = try fields[name].map { value throws(ExpressionError) in try compiler.compile(value) }
            return Part(name: name, defaultValue: defaultValue, bounded: bounded, expression: expression)
        }
        // The server bounds hour, minute, month, day, isoWeek and isoDayOfWeek to an int16, not second or
        // millisecond, and checks the year after the other parts.
        let time = [
            try part("hour", 0, bounded: true), try part("minute", 0, bounded: true),
            try part("second", 0, bounded: false), try part("millisecond", 0, bounded: false),
        ]
        let date =
            hasYear
            ? [
                try part("year", 1970, bounded: false), try part("month", 1, bounded: true),
                try part("day", 1, bounded: true),
            ]
            : [
                try part("isoWeekYear", 1970, bounded: false), try part("isoWeek", 1, bounded: true),
                try part("isoDayOfWeek", 1, bounded: true),
            ]
        let zone = try ZoneArgument.compile(fields["timezone"], &compiler)
        let yearName = hasYear ? "year" : "isoWeekYear"
        let yearCode = hasYear ? 40523 : 31095
        return .operation(name: "$dateFromParts") { context throws(ExpressionError) in
            var timeValues: [Int64] = []
            for part in time {
                guard let value = try part.evaluate(&context) else { return .null }
                timeValues.append(value)
            }
            guard let zone = try zone.resolve(&context) else { return .null }
            var dateValues: [Int64] = []
            for part in date {
                guard let value = try part.evaluate(&context) else { return .null }
                dateValues.append(value)
            }
            guard (1...9999).contains(dateValues[0]) else {
                throw ExpressionError(
                    code: yearCode,
                    "'\(yearName)' must evaluate to an integer in the range 1 to 9999, found \(dateValues[0])")
            }
            let days =
                hasYear
                ? DateCivil.days(year: dateValues[0], month: dateValues[1], day: dateValues[2])
                : DateCivil.days(isoYear: dateValues[0], isoWeek: dateValues[1], isoDayOfWeek: dateValues[2])
            let hours = days * 24 + timeValues[0]
            let minutes = hours * 60 + timeValues[1]
            let (secondsProduct, overflow1) = minutes.multipliedReportingOverflow(by: 60)
            let (seconds, overflow2) = secondsProduct.addingReportingOverflow(timeValues[2])
            let (millisProduct, overflow3) = seconds.multipliedReportingOverflow(by: 1000)
            let (local, overflow4) = millisProduct.addingReportingOverflow(timeValues[3])
            guard !(overflow1 || overflow2 || overflow3 || overflow4) else {
                throw ExpressionError(code: 40515, "$dateFromParts overflowed")
            }
            return .datetime(zone.utcMillis(fromLocal: local))
        }
    }
}
