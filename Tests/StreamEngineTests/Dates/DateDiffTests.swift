import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

@Suite("$dateDiff (§11.8)", .tags(.small))
struct DateDiffTests {
    private static func diff(_ start: String, _ end: String, _ unit: String, _ extra: String = "") -> String {
        #"{"$dateDiff": {"startDate": {"$date": "\#(start)"}, "endDate": {"$date": "\#(end)"}, "unit": "\#(unit)"\#(extra)}}"#
    }

    private static func long(_ value: Int64) -> String { #"{"$numberLong": "\#(value)"}"# }

    private static let newYork = #", "timezone": "America/New_York""#

    @Test(
        "Unit boundaries crossed",
        arguments: [
            // §11.8 vectors.
            (diff("2020-12-31T23:59:59Z", "2021-01-01T00:00:01Z", "year"), long(1)),
            (diff("2020-12-31T23:59:59Z", "2021-01-01T00:00:01Z", "quarter"), long(1)),
            (diff("2020-12-31T23:59:59Z", "2021-01-01T00:00:01Z", "month"), long(1)),
            (diff("2020-12-31T23:59:59Z", "2021-01-01T00:00:01Z", "week"), long(0)),
            (diff("2020-12-31T23:59:59Z", "2021-01-01T00:00:01Z", "day"), long(1)),
            (diff("2020-12-31T23:59:59Z", "2021-01-01T00:00:01Z", "hour"), long(1)),
            (diff("2020-12-31T23:59:59Z", "2021-01-01T00:00:01Z", "minute"), long(1)),
            (diff("2020-12-31T23:59:59Z", "2021-01-01T00:00:01Z", "second"), long(2)),
            (diff("2020-12-31T23:59:59Z", "2021-01-01T00:00:01Z", "millisecond"), long(2000)),
            (diff("2024-01-01T00:00:59.999Z", "2024-01-01T00:01:00.000Z", "minute"), long(1)),
            (diff("2024-01-01T00:00:59.999Z", "2024-01-01T00:01:00.000Z", "second"), long(1)),
            (diff("2024-01-01T00:00:59.999Z", "2024-01-01T00:01:00.000Z", "millisecond"), long(1)),
            (diff("2024-01-01T00:00:59.999Z", "2024-01-01T00:01:00.000Z", "hour"), long(0)),
            (diff("2024-01-06T12:00:00Z", "2024-01-07T12:00:00Z", "week"), long(1)),
            (diff("2024-01-06T12:00:00Z", "2024-01-07T12:00:00Z", "week", #", "startOfWeek": "monday""#), long(0)),
            (diff("2024-03-15T00:00:00Z", "2024-01-15T00:00:00Z", "month"), long(-2)),
            // Negative and backwards.
            (diff("2024-01-07T00:00:00Z", "2024-01-06T00:00:00Z", "week"), long(-1)),
            (diff("2024-01-08T00:00:00Z", "2024-01-07T00:00:00Z", "week"), long(0)),
            (diff("2024-01-08T00:00:00Z", "2024-01-07T00:00:00Z", "week", #", "startOfWeek": "Mon""#), long(-1)),
            (diff("2024-01-01T00:00:00Z", "2023-12-31T23:59:59Z", "year"), long(-1)),
            (diff("2024-01-01T00:00:00Z", "2023-12-31T23:59:59Z", "second"), long(-1)),
            (diff("2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z", "day"), long(0)),
            // Weeks with other start days.
            (diff("2024-01-01T00:00:00Z", "2024-01-31T00:00:00Z", "week"), long(4)),
            (diff("2024-01-01T00:00:00Z", "2024-01-31T00:00:00Z", "week", #", "startOfWeek": "wednesday""#), long(5)),
            (diff("2024-01-01T00:00:00Z", "2024-01-31T00:00:00Z", "week", #", "startOfWeek": "SUN""#), long(4)),
            // Quarters and years.
            (diff("2024-03-31T00:00:00Z", "2024-04-01T00:00:00Z", "quarter"), long(1)),
            (diff("2024-01-01T00:00:00Z", "2024-03-31T00:00:00Z", "quarter"), long(0)),
            (diff("2020-02-15T00:00:00Z", "2024-11-15T00:00:00Z", "quarter"), long(19)),
            (diff("2000-06-15T00:00:00Z", "2024-01-01T00:00:00Z", "year"), long(24)),
            // Leap years.
            (diff("2024-02-28T00:00:00Z", "2024-03-01T00:00:00Z", "day"), long(2)),
            (diff("2023-02-28T00:00:00Z", "2023-03-01T00:00:00Z", "day"), long(1)),
            (diff("1900-02-28T00:00:00Z", "1900-03-01T00:00:00Z", "day"), long(1)),
            (diff("2000-02-28T00:00:00Z", "2000-03-01T00:00:00Z", "day"), long(2)),
            (diff("1970-01-01T00:00:00Z", "2024-01-01T00:00:00Z", "day"), long(19723)),
            (diff("1600-01-01T00:00:00Z", "2000-01-01T00:00:00Z", "day"), long(146_097)),
            // Before 1970.
            (diff("1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z", "year"), long(1)),
            (diff("1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z", "day"), long(1)),
            (diff("1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z", "second"), long(1)),
            (diff("1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z", "millisecond"), long(1)),
            (diff("1969-07-20T20:17:40Z", "1969-07-21T02:56:15Z", "minute"), long(399)),
            // Time zones: days in the zone, hours corrected by the change of offset (DST).
            (diff("2024-01-01T03:00:00Z", "2024-01-01T06:00:00Z", "day"), long(0)),
            (diff("2024-01-01T03:00:00Z", "2024-01-01T06:00:00Z", "day", newYork), long(1)),
            (diff("2024-01-01T03:00:00Z", "2024-01-01T06:00:00Z", "year", newYork), long(1)),
            (diff("2024-01-01T03:00:00Z", "2024-01-01T06:00:00Z", "hour", newYork), long(3)),
            (diff("2024-03-09T17:00:00Z", "2024-03-10T16:00:00Z", "day", newYork), long(1)),
            (diff("2024-03-09T17:00:00Z", "2024-03-10T16:00:00Z", "hour", newYork), long(23)),
            (diff("2024-03-09T17:00:00Z", "2024-03-10T16:00:00Z", "minute", newYork), long(1380)),
            (diff("2024-03-09T17:00:00Z", "2024-03-10T16:00:00Z", "second", newYork), long(82800)),
            (diff("2024-11-02T16:00:00Z", "2024-11-03T17:00:00Z", "day", newYork), long(1)),
            (diff("2024-11-02T16:00:00Z", "2024-11-03T17:00:00Z", "hour", newYork), long(25)),
            (diff("2024-11-03T05:30:00Z", "2024-11-03T06:30:00Z", "hour", newYork), long(1)),
            (diff("2024-03-15T23:30:00Z", "2024-03-16T00:30:00Z", "day", #", "timezone": "+05:30""#), long(0)),
            (diff("2024-03-15T18:00:00Z", "2024-03-15T19:00:00Z", "day", #", "timezone": "+05:30""#), long(1)),
            (diff("2024-03-15T18:00:00Z", "2024-03-15T19:00:00Z", "hour", #", "timezone": "+05:30""#), long(1)),
            // Timestamp and ObjectId dates.
            (
                #"{"$dateDiff": {"startDate": {"$timestamp": {"t": 0, "i": 1}}, "endDate": {"$oid": "000000010000000000000000"}, "unit": "millisecond"}}"#,
                long(1000)
            ),
            // Null and missing give null.
            (
                #"{"$dateDiff": {"startDate": null, "endDate": {"$date": "2024-01-01T00:00:00Z"}, "unit": "day"}}"#,
                "null"
            ),
            (
                #"{"$dateDiff": {"startDate": {"$date": "2024-01-01T00:00:00Z"}, "endDate": "$missing", "unit": "day"}}"#,
                "null"
            ),
            (
                #"{"$dateDiff": {"startDate": {"$date": "2024-01-01T00:00:00Z"}, "endDate": {"$date": "2024-01-01T00:00:00Z"}, "unit": null}}"#,
                "null"
            ),
            (diff("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", "day", #", "timezone": null"#), "null"),
            (diff("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", "week", #", "startOfWeek": null"#), "null"),
            (diff("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", "day", #", "startOfWeek": null"#), long(1)),
            // All arguments constant: the server folds the expression with `evaluate`, which reads startOfWeek
            // only for unit week.
            (diff("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", "day", #", "startOfWeek": "notaday""#), long(1)),
        ])
    func counts(expression: String, expected: String) {
        #expect(DateTestSupport.run(expression) == DateTestSupport.expected(expected))
    }

    @Test(
        "Arguments from the document; a constant startOfWeek is parsed eagerly, as the server's optimize does",
        arguments: [
            (
                #"{"$dateDiff": {"startDate": "$s", "endDate": "$e", "unit": "$u", "timezone": "$z"}}"#,
                #"{"s": {"$date": "2024-03-09T17:00:00Z"}, "e": {"$date": "2024-03-10T16:00:00Z"}, "u": "hour", "z": "America/New_York"}"#,
                long(23)
            ),
            (
                #"{"$dateDiff": {"startDate": "$s", "endDate": "$e", "unit": "week", "startOfWeek": "$w"}}"#,
                #"{"s": {"$date": "2024-01-06T00:00:00Z"}, "e": {"$date": "2024-01-07T00:00:00Z"}, "w": "sunday"}"#,
                long(1)
            ),
            (
                #"{"$dateDiff": {"startDate": "$s", "endDate": "$e", "unit": "day", "startOfWeek": null}}"#,
                #"{"s": {"$date": "2024-01-06T00:00:00Z"}, "e": {"$date": "2024-01-07T00:00:00Z"}}"#, "null"
            ),
            (
                #"{"$dateDiff": {"startDate": "$s", "endDate": "$e", "unit": "day", "startOfWeek": "notaday"}}"#,
                #"{"s": {"$date": "2024-01-06T00:00:00Z"}, "e": {"$date": "2024-01-07T00:00:00Z"}}"#,
                "error: $dateDiff parameter 'startOfWeek' value cannot be recognized as a day of a week: notaday"
            ),
            (
                #"{"$dateDiff": {"startDate": "$s", "endDate": "$e", "unit": "$u"}}"#,
                #"{"s": {"$date": "2024-01-06T00:00:00Z"}, "e": {"$date": "2024-01-07T00:00:00Z"}, "u": "fortnight"}"#,
                "error: $dateDiff parameter 'unit' value parsing failed :: caused by :: unknown time unit value: fortnight"
            ),
        ])
    func fromDocument(expression: String, document: String, expected: String) {
        #expect(DateTestSupport.run(expression, on: document) == DateTestSupport.expected(expected))
    }

    @Test(
        "Errors carry the server's messages",
        arguments: [
            (
                diff("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", "days"),
                "error: $dateDiff parameter 'unit' value parsing failed :: caused by :: unknown time unit value: days"
            ),
            (
                #"{"$dateDiff": {"startDate": {"$date": "2024-01-01T00:00:00Z"}, "endDate": {"$date": "2024-01-01T00:00:00Z"}, "unit": 1}}"#,
                "error: $dateDiff requires 'unit' to be a string, but got int"
            ),
            (
                #"{"$dateDiff": {"startDate": "2024-01-01", "endDate": {"$date": "2024-01-01T00:00:00Z"}, "unit": "day"}}"#,
                "error: $dateDiff requires 'startDate' to be a date, but got string"
            ),
            (
                #"{"$dateDiff": {"startDate": {"$date": "2024-01-01T00:00:00Z"}, "endDate": 5, "unit": "day"}}"#,
                "error: $dateDiff requires 'endDate' to be a date, but got int"
            ),
            (
                diff("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", "day", #", "timezone": "Q""#),
                #"error: $dateDiff parameter 'timezone' value parsing failed :: caused by :: unrecognized time zone identifier: "Q""#
            ),
            (
                diff("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", "week", #", "startOfWeek": 3"#),
                "error: $dateDiff requires 'startOfWeek' to be a string, but got int"
            ),
            (
                #"{"$dateDiff": {"startDate": {"$date": {"$numberLong": "-9223372036854775808"}}, "endDate": {"$date": "2024-01-01T00:00:00Z"}, "unit": "millisecond"}}"#,
                "error: dateDiff overflowed"
            ),
            (#"{"$dateDiff": {"endDate": 1, "unit": "day"}}"#, "error: Missing 'startDate' parameter to $dateDiff"),
            (#"{"$dateDiff": {"startDate": 1, "unit": "day"}}"#, "error: Missing 'endDate' parameter to $dateDiff"),
            (#"{"$dateDiff": {"startDate": 1, "endDate": 1}}"#, "error: Missing 'unit' parameter to $dateDiff"),
            (
                #"{"$dateDiff": {"startDate": 1, "endDate": 1, "unit": "day", "units": 1}}"#,
                "error: Unrecognized argument to $dateDiff: units"
            ),
            (#"{"$dateDiff": "x"}"#, "error: $dateDiff only supports an object as its argument"),
        ])
    func errors(expression: String, expected: String) {
        #expect(DateTestSupport.run(expression) == DateTestSupport.expected(expected))
    }
}
