import BSONCore

/// How a window tells time (§3.1): event time with allowed lateness and an optional idle timeout, or processing
/// time (§3.6).
package struct WindowTiming: Sendable, Equatable {
    /// `boundary: "processingTime"`.
    package var processingTime: Bool
    /// `allowedLateness` in ms (3 s by default).
    package var allowedLateness: Int64
    /// `idleTimeout` in ms, `nil` when off.
    package var idleTimeout: Int64?
}

/// Parses and validates the parts of a window spec (§3.1) with ASP's messages.
enum WindowSpecParser {
    /// 1 ms per unit (§0: fixed conversion, no calendar).
    static let unitMillis: [String: Int64] = [
        "ms": 1, "second": 1_000, "minute": 60_000, "hour": 3_600_000, "day": 86_400_000,
    ]

    /// Rejects fields the engine's IDL parser does not know (§0: strict parsing).
    static func rejectUnknown(_ spec: BSONDocument, allowed: [String], structName: String) throws(StreamEngineError) {
        for key in spec.keys where !allowed.contains(key) {
            throw .invalid("IDLUnknownField: BSON field '\(structName).\(key)' is an unknown field.")
        }
    }

    /// An integer size (Int32, Int64 or an integral double).
    static func integer(_ value: BSONValue?, _ field: String) throws(StreamEngineError) -> Int64 {
        guard let value, value.isNumber, let integer = value.int64Value else {
            throw .invalid(
                "BSON field '\(field)' is the wrong type '\(value?.typeName ?? "missing")', expected types '[long, int, decimal, double]'"
            )
        }
        return integer
    }

    /// A required `{size, unit}` field in ms.
    static func duration(_ spec: BSONDocument, _ field: String, structName: String) throws(StreamEngineError) -> Int64 {
        guard let value = spec[field] else {
            throw .invalid("BSON field '\(structName).\(field)' is missing but a required field")
        }
        return try durationValue(value, field)
    }

    /// `{size, unit}` in ms.
    static func durationValue(_ value: BSONValue, _ field: String) throws(StreamEngineError) -> Int64 {
        guard case .document(let duration) = value else {
            throw .invalid("BSON field '\(field)' is the wrong type '\(value.typeName)', expected type 'object'")
        }
        try rejectUnknown(duration, allowed: ["size", "unit"], structName: "StreamTimeDuration")
        guard duration["size"] != nil else {
            throw .invalid("BSON field 'StreamTimeDuration.size' is missing but a required field")
        }
        let size = try integer(duration["size"], "StreamTimeDuration.size")
        guard case .string(let unit) = duration["unit"] else {
            throw .invalid("BSON field 'StreamTimeDuration.unit' is missing but a required field")
        }
        guard let millis = unitMillis[unit] else {
            throw .invalid("Enumeration value '\(unit)' for field 'StreamTimeDuration.unit' is not a valid value.")
        }
        let (total, overflow) = size.multipliedReportingOverflow(by: millis)
        guard !overflow else { throw .invalid("BSON field '\(field)' is too large") }
        return total
    }

    /// `allowedLateness`/`idleTimeout`: `{size, unit}` or the bare integer 0.
    static func optionalDuration(_ value: BSONValue, _ field: String, bareMessage: String) throws(StreamEngineError)
        -> Int64
    {
        if value.isNumber {
            guard value.int64Value == 0 else { throw .invalid(bareMessage) }
            return 0
        }
        return try durationValue(value, field)
    }

    /// `boundary`, `allowedLateness` and `idleTimeout` (§3.1, §3.5, §3.6).
    static func timing(_ spec: BSONDocument, allowsIdleTimeout: Bool) throws(StreamEngineError) -> WindowTiming {
        var processingTime = false
        if let boundary = spec["boundary"] {
            switch boundary {
            case .string("eventTime"): break
            case .string("processingTime"): processingTime = true
            default:
                throw .invalid(
                    "Enumeration value '\(boundary.stringValue ?? "\(boundary)")' for field 'boundary' is not a valid value."
                )
            }
        }
        if processingTime && (spec["allowedLateness"] != nil || spec["idleTimeout"] != nil) {
            // UNCONFIRMED message (§3.1 states the rule, not the text).
            throw .invalid("allowedLateness and idleTimeout are not supported with boundary: processingTime")
        }
        var lateness: Int64 = 3_000
        if let value = spec["allowedLateness"] {
            lateness = try optionalDuration(
                value, "allowedLateness", bareMessage: "Must specify unit and size for non-zero allowed lateness values"
            )
            guard lateness >= 0 else { throw .invalid("allowedLateness must not be negative") }
            guard lateness <= 30 * 60_000 else { throw .invalid("Maximum allowedLateness is 30 minutes") }
        }
        var idleTimeout: Int64?
        if allowsIdleTimeout, let value = spec["idleTimeout"] {
            // §3.1: "the same rule holds for idleTimeout"; the message follows allowedLateness's (UNCONFIRMED).
            let millis = try optionalDuration(
                value, "idleTimeout", bareMessage: "Must specify unit and size for non-zero idle timeout values")
            idleTimeout = millis > 0 ? millis : nil
        }
        return WindowTiming(
            processingTime: processingTime, allowedLateness: processingTime ? 0 : lateness, idleTimeout: idleTimeout)
    }

    /// `offset: {offsetFromUtc, unit}` in ms (0 by default; negative values are accepted, §3.3).
    static func offset(_ value: BSONValue?) throws(StreamEngineError) -> Int64 {
        guard let value else { return 0 }
        guard case .document(let offset) = value else {
            throw .invalid("BSON field 'offset' is the wrong type '\(value.typeName)', expected type 'object'")
        }
        try rejectUnknown(offset, allowed: ["offsetFromUtc", "unit"], structName: "WindowOffset")
        guard offset["offsetFromUtc"] != nil else {
            throw .invalid("BSON field 'WindowOffset.offsetFromUtc' is missing but a required field")
        }
        let amount = try integer(offset["offsetFromUtc"], "WindowOffset.offsetFromUtc")
        guard case .string(let unit) = offset["unit"] else {
            throw .invalid("BSON field 'WindowOffset.unit' is missing but a required field")
        }
        guard let millis = unitMillis[unit] else {
            throw .invalid("Enumeration value '\(unit)' for field 'WindowOffset.unit' is not a valid value.")
        }
        return amount * millis
    }

    /// The inner `pipeline` (required, an array).
    static func pipeline(_ spec: BSONDocument, structName: String) throws(StreamEngineError) -> [BSONValue] {
        guard let value = spec["pipeline"] else {
            throw .invalid("BSON field '\(structName).pipeline' is missing but a required field")
        }
        guard case .array(let stages) = value else {
            throw .invalid(
                "BSON field '\(structName).pipeline' is the wrong type '\(value.typeName)', expected type 'array'")
        }
        return stages
    }

    /// §3.1's `$sessionWindow` rules: a `$group` or `$sort`, no `$limit` and no `_stream_meta.window` read before
    /// the first of them. (UNCONFIRMED messages: the spec states the rules only.)
    static func checkSessionPipeline(_ pipeline: [BSONValue], stageNames: [String]) throws(StreamEngineError) {
        guard let first = stageNames.firstIndex(where: { $0 == "$group" || $0 == "$sort" }) else {
            throw .invalid("$sessionWindow pipeline must contain a $group or $sort stage.")
        }
        for index in 0..<first {
            if stageNames[index] == "$limit" {
                throw .invalid("$sessionWindow pipeline must not contain a $limit before the first $group or $sort.")
            }
            let text = pipeline[index].description
            if text.contains("_stream_meta.window") || text.contains("stream.window") {
                throw .invalid(
                    "$sessionWindow pipeline must not read _stream_meta.window before the first $group or $sort.")
            }
        }
    }
}
