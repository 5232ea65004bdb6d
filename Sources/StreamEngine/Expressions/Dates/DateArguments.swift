import BSONCore

/// A calendar or clock unit of `$dateAdd`, `$dateDiff` and `$dateTrunc` (§11.8, §11.9), matched exactly.
package enum DateUnit: String, Sendable {
    case year, quarter, month, week, day, hour, minute, second, millisecond

    /// Milliseconds in one unit for the fixed-length units, nil for calendar units.
    package var fixedMillis: Int64? {
        switch self {
        case .millisecond: return 1
        case .second: return 1000
        case .minute: return 60_000
        case .hour: return 3_600_000
        default: return nil
        }
    }

    /// Parses a `unit` value as the server does: `<op> requires 'unit' to be a string, but got <type>` (5439013),
    /// or `<op> parameter 'unit' value parsing failed :: caused by :: unknown time unit value: <u>`.
    package static func parse(_ value: BSONValue, operatorName: String) throws(ExpressionError) -> DateUnit {
        guard case .string(let text) = value else {
            throw ExpressionError(
                code: 5_439_013, "\(operatorName) requires 'unit' to be a string, but got \(value.typeName)")
        }
        guard let unit = DateUnit(rawValue: text) else {
            throw ExpressionError(
                code: 9,
                "\(operatorName) parameter 'unit' value parsing failed :: caused by :: unknown time unit value: \(text)"
            )
        }
        return unit
    }
}

/// The first day of a week for `startOfWeek` (§11.8): its ISO number, 1 = Monday … 7 = Sunday.
package struct StartOfWeek: Sendable {
    /// 1 = Monday … 7 = Sunday.
    package var isoDay: Int64

    /// Sunday, the default.
    package static let sunday = StartOfWeek(isoDay: 7)

    private static let names: [String: Int64] = [
        "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "wednesday": 3, "wed": 3, "thursday": 4, "thu": 4,
        "friday": 5, "fri": 5, "saturday": 6, "sat": 6, "sunday": 7, "sun": 7,
    ]

    /// Parses a case-insensitive full or three-letter day name, with the server's messages (5439015, 5439016).
    package static func parse(_ value: BSONValue, operatorName: String) throws(ExpressionError) -> StartOfWeek {
        guard case .string(let text) = value else {
            throw ExpressionError(
                code: 5_439_015, "\(operatorName) requires 'startOfWeek' to be a string, but got \(value.typeName)")
        }
        guard let day = names[text.lowercased()] else {
            throw ExpressionError(
                code: 5_439_016,
                "\(operatorName) parameter 'startOfWeek' value cannot be recognized as a day of a week: \(text)")
        }
        return StartOfWeek(isoDay: day)
    }

    /// 0…6: how many days `civil` is after the start of its week.
    package func offset(of civil: DateCivil) -> Int64 { (civil.isoDayOfWeek - isoDay + 7) % 7 }
}

/// A compiled `timezone` argument: absent (UTC), a constant parsed once at compile time, or an expression.
package enum ZoneArgument: Sendable {
    /// No `timezone` argument: UTC.
    case absent
    /// A constant; `nil` when it is null (the operator then returns null).
    case constant(DateZone?)
    /// Evaluated per document.
    case dynamic(Expression)

    /// Compiles `value` (nil when the argument is absent); `context` prefixes errors as `$dateDiff` and
    /// `$dateTrunc` do (`<context> :: caused by :: …`).
    package static func compile(
        _ value: BSONValue?, _ compiler: inout ExpressionCompiler, context: String? = nil
    ) throws(ExpressionError) -> ZoneArgument {
        guard let value else { return .absent }
        let expression = try compiler.compile(value)
        guard let constant = expression.constantValue else { return .dynamic(expression) }
        return .constant(try zone(from: constant, context: context))
    }

    /// The zone for this document, or nil when the timezone is null or missing.
    package func resolve(_ context: inout EvaluationContext, errorContext: String? = nil) throws(ExpressionError)
        -> DateZone?
    {
        switch self {
        case .absent: return .utc
        case .constant(let zone): return zone
        case .dynamic(let expression):
            guard let value = try expression.evaluate(&context) else { return nil }
            return try Self.zone(from: value, context: errorContext)
        }
    }

    /// Whether the result is null whatever the document (a constant null timezone).
    package var isConstantNull: Bool {
        if case .constant(nil) = self { return true }
        return false
    }

    private static func zone(from value: BSONValue, context: String?) throws(ExpressionError) -> DateZone? {
        do throws(ExpressionError) {
            switch value {
            case .null, .undefined: return nil
            case .string(let identifier): return try DateZone.parse(identifier)
            default:
                throw ExpressionError(code: 40517, "timezone must evaluate to a string, found \(value.typeName)")
            }
        } catch {
            guard let context else { throw error }
            throw ExpressionError(code: error.code, "\(context) :: caused by :: \(error.message)")
        }
    }
}

/// Helpers shared by the date operators: argument documents, date coercion and value text in messages.
package enum DateArguments {
    /// The fields of an operator's object argument, checking each name against `allowed`; throws `notObject`
    /// when `value` is not an object and `unknown(name)` for a field not in `allowed`.
    package static func fields(
        _ value: BSONValue, allowed: Set<String>, notObject: ExpressionError,
        unknown: (String) -> ExpressionError
    ) throws(ExpressionError) -> [String: BSONValue] {
        guard case .document(let document) = value else { throw notObject }
        var fields: [String: BSONValue] = [:]
        for (key, element) in document.elements {
            guard allowed.contains(key) else { throw unknown(key) }
            fields[key] = element
        }
        return fields
    }

    /// Whether an argument's BSON form is a constant (no field path, variable or operator inside it), as the
    /// server's `ExpressionConstant::allNullOrConstant` sees arguments after folding literals.
    package static func isConstant(_ value: BSONValue) -> Bool {
        switch value {
        case .string(let text): return !text.hasPrefix("$")
        case .array(let elements): return elements.allSatisfy(isConstant)
        case .document(let document):
            if let first = document.elements.first, first.key.hasPrefix("$") { return first.key == "$literal" }
            return document.elements.allSatisfy { isConstant($0.value) }
        default: return true
        }
    }

    /// Milliseconds since the epoch of a Date, a Timestamp (seconds × 1000) or an ObjectId (its creation
    /// second), as the server's `coerceToDate` (§11.7); nil for any other type.
    package static func millis(_ value: BSONValue) -> Int64? {
        switch value {
        case .datetime(let millis): return millis
        case .timestamp(let timestamp): return Int64(timestamp.t) * 1000
        case .objectID(let id):
            let seconds = id.bytes[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            return Int64(seconds) * 1000
        default: return nil
        }
    }

    /// `millis(value)` or `can't convert from BSON type <type> to Date` (16006).
    package static func coerceToDate(_ value: BSONValue) throws(ExpressionError) -> Int64 {
        guard let millis = millis(value) else {
            throw ExpressionError(code: 16006, "can't convert from BSON type \(value.typeName) to Date")
        }
        return millis
    }

    /// Whether a value is null or undefined (missing is `nil` and also nullish).
    package static func isNullish(_ value: BSONValue?) -> Bool {
        guard let value else { return true }
        switch value {
        case .null, .undefined: return true
        default: return false
        }
    }

    /// The value as an Int64 when it is a number with an integral value that fits (`Value::integral64Bit`).
    package static func integral64(_ value: BSONValue) -> Int64? {
        switch value {
        case .int32(let x): return Int64(x)
        case .int64(let x): return x
        case .double(let x):
            guard x.rounded(.towardZero) == x, x >= -9.223_372_036_854_775_808e18, x < 9.223_372_036_854_775_808e18
            else { return nil }
            return Int64(x)
        case .decimal128(let x):
            let double = NumericValue.approximateDouble(.decimal128(x))
            guard double.isFinite, double.rounded(.towardZero) == double,
                double >= -9.223_372_036_854_775_808e18, double < 9.223_372_036_854_775_808e18
            else { return nil }
            return Int64(double)
        default: return nil
        }
    }

    /// The server's `Value::toString()` text of a value in messages: numbers plain, strings in double quotes,
    /// dates as ISO text, other values as relaxed Extended JSON.
    package static func describe(_ value: BSONValue) -> String {
        switch value {
        case .int32(let x): return String(x)
        case .int64(let x): return String(x)
        case .double(let x):
            if x.rounded(.towardZero) == x, abs(x) < 1e15 { return String(Int64(x)) }
            return String(x)
        case .decimal128(let x): return x.description
        case .string(let text): return "\"\(text)\""
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        default: return ExtendedJSON.serialize(value, mode: .relaxed)
        }
    }
}
