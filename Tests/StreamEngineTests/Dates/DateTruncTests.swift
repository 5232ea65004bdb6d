import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

@Suite("$dateTrunc (§11.9)", .tags(.small))
struct DateTruncTests {
    private static let d = #"{"$date": "2024-03-15T10:37:12.345Z"}"#

    private static func trunc(_ date: String, _ unit: String, _ extra: String = "") -> String {
        #"{"$dateTrunc": {"date": \#(date), "unit": "\#(unit)"\#(extra)}}"#
    }

    private static func date(_ iso: String) -> String { DateTestSupport.date(iso) }

    @Test(
        "Bins aligned to 2000-01-01 local time",
        arguments: [
            // §11.9 vectors.
            (trunc(d, "hour"), date("2024-03-15T10:00:00Z")),
            (trunc(d, "minute", #", "binSize": 15"#), date("2024-03-15T10:30:00Z")),
            (trunc(d, "day"), date("2024-03-15T00:00:00Z")),
            (trunc(d, "day", #", "timezone": "America/New_York""#), date("2024-03-15T04:00:00Z")),
            (trunc(d, "week"), date("2024-03-10T00:00:00Z")),
            (trunc(d, "month"), date("2024-03-01T00:00:00Z")),
            (trunc(d, "quarter"), date("2024-01-01T00:00:00Z")),
            (trunc(d, "year"), date("2024-01-01T00:00:00Z")),
            // Fixed-length units and bin sizes.
            (trunc(d, "millisecond"), d),
            (trunc(d, "millisecond", #", "binSize": 100"#), date("2024-03-15T10:37:12.300Z")),
            (trunc(d, "second"), date("2024-03-15T10:37:12Z")),
            (trunc(d, "second", #", "binSize": 10"#), date("2024-03-15T10:37:10Z")),
            (trunc(d, "minute"), date("2024-03-15T10:37:00Z")),
            (trunc(d, "hour", #", "binSize": 6"#), date("2024-03-15T06:00:00Z")),
            (trunc(d, "hour", #", "binSize": 4"#), date("2024-03-15T08:00:00Z")),
            (trunc(d, "hour", #", "timezone": "Asia/Kolkata""#), date("2024-03-15T10:30:00Z")),
            (trunc(d, "minute", #", "binSize": 45, "timezone": "Asia/Kathmandu""#), date("2024-03-15T10:00:00Z")),
            (trunc(d, "hour", #", "binSize": {"$numberLong": "2"}"#), date("2024-03-15T10:00:00Z")),
            (trunc(d, "hour", #", "binSize": 2.0"#), date("2024-03-15T10:00:00Z")),
            // Calendar bins with a bin size.
            (trunc(d, "day", #", "binSize": 7"#), date("2024-03-09T00:00:00Z")),
            (trunc(d, "month", #", "binSize": 5"#), date("2024-03-01T00:00:00Z")),
            (trunc(d, "month", #", "binSize": 7"#), date("2023-12-01T00:00:00Z")),
            (trunc(d, "quarter", #", "binSize": 3"#), date("2024-01-01T00:00:00Z")),
            (trunc(date("2024-08-01T00:00:00Z"), "quarter", #", "binSize": 3"#), date("2024-01-01T00:00:00Z")),
            (trunc(date("2024-08-01T00:00:00Z"), "quarter"), date("2024-07-01T00:00:00Z")),
            (trunc(d, "year", #", "binSize": 10"#), date("2020-01-01T00:00:00Z")),
            (trunc(d, "week", #", "binSize": 2"#), date("2024-03-10T00:00:00Z")),
            // startOfWeek.
            (trunc(d, "week", #", "startOfWeek": "monday""#), date("2024-03-11T00:00:00Z")),
            (trunc(d, "week", #", "startOfWeek": "MON""#), date("2024-03-11T00:00:00Z")),
            (trunc(d, "week", #", "startOfWeek": "Friday""#), date("2024-03-15T00:00:00Z")),
            (trunc(d, "week", #", "startOfWeek": "sat""#), date("2024-03-09T00:00:00Z")),
            (trunc(d, "day", #", "startOfWeek": "nonsense""#), date("2024-03-15T00:00:00Z")),
            (trunc(d, "day", #", "startOfWeek": null"#), date("2024-03-15T00:00:00Z")),
            // Before 2000 and before 1970.
            (trunc(date("1969-07-20T20:17:40Z"), "day"), date("1969-07-20T00:00:00Z")),
            (trunc(date("1969-07-20T20:17:40Z"), "month"), date("1969-07-01T00:00:00Z")),
            (trunc(date("1969-07-20T20:17:40Z"), "year", #", "binSize": 10"#), date("1960-01-01T00:00:00Z")),
            (trunc(date("1969-07-20T20:17:40Z"), "week"), date("1969-07-20T00:00:00Z")),
            (trunc(date("1969-07-20T20:17:40Z"), "day", #", "binSize": 7"#), date("1969-07-19T00:00:00Z")),
            (trunc(date("1969-07-20T20:17:40Z"), "hour", #", "binSize": 7"#), date("1969-07-20T18:00:00Z")),
            (trunc(#"{"$date": {"$numberLong": "-1"}}"#, "second"), date("1969-12-31T23:59:59Z")),
            (trunc(date("1500-06-15T12:00:00Z"), "year"), date("1500-01-01T00:00:00Z")),
            // DST in New York: calendar bins start at local midnight in force that day.
            (
                trunc(date("2024-03-10T12:00:00Z"), "day", #", "timezone": "America/New_York""#),
                date("2024-03-10T05:00:00Z")
            ),
            (
                trunc(date("2024-11-03T12:00:00Z"), "day", #", "timezone": "America/New_York""#),
                date("2024-11-03T04:00:00Z")
            ),
            (
                trunc(date("2024-11-15T12:00:00Z"), "month", #", "timezone": "America/New_York""#),
                date("2024-11-01T04:00:00Z")
            ),
            (
                trunc(date("2024-03-12T12:00:00Z"), "week", #", "timezone": "America/New_York""#),
                date("2024-03-10T05:00:00Z")
            ),
            (
                trunc(date("2024-11-03T05:30:00Z"), "hour", #", "timezone": "America/New_York""#),
                date("2024-11-03T05:00:00Z")
            ),
            (
                trunc(date("2024-11-03T06:30:00Z"), "hour", #", "timezone": "America/New_York""#),
                date("2024-11-03T06:00:00Z")
            ),
            (
                trunc(date("2024-03-10T07:30:00Z"), "hour", #", "timezone": "America/New_York""#),
                date("2024-03-10T07:00:00Z")
            ),
            (
                trunc(date("2024-03-10T03:00:00Z"), "day", #", "timezone": "America/New_York""#),
                date("2024-03-09T05:00:00Z")
            ),
            (
                trunc(date("2024-07-01T03:00:00Z"), "year", #", "timezone": "America/New_York""#),
                date("2024-01-01T05:00:00Z")
            ),
            (trunc(d, "day", #", "timezone": "+05:30""#), date("2024-03-14T18:30:00Z")),
            (trunc(d, "day", #", "timezone": "-11""#), date("2024-03-14T11:00:00Z")),
            // Other date types.
            (trunc(#"{"$timestamp": {"t": 1700000000, "i": 1}}"#, "hour"), date("2023-11-14T22:00:00Z")),
            (trunc(#"{"$oid": "65a1b2c30000000000000000"}"#, "day"), date("2024-01-12T00:00:00Z")),
            // Null and missing.
            (trunc("null", "day"), "null"),
            (#"{"$dateTrunc": {"date": "$missing", "unit": "day"}}"#, "null"),
            (#"{"$dateTrunc": {"date": \#(d), "unit": null}}"#, "null"),
            (#"{"$dateTrunc": {"date": \#(d), "unit": "$missing"}}"#, "null"),
            (trunc(d, "day", #", "binSize": null"#), "null"),
            (trunc(d, "day", #", "timezone": null"#), "null"),
            (trunc(d, "day", #", "timezone": "$missing""#), "null"),
            (trunc(d, "week", #", "startOfWeek": null"#), "null"),
        ])
    func truncates(expression: String, expected: String) {
        #expect(DateTestSupport.run(expression) == DateTestSupport.expected(expected))
    }

    @Test(
        "Errors carry the server's messages",
        arguments: [
            (
                trunc(d, "days"),
                "error: $dateTrunc parameter 'unit' value parsing failed :: caused by :: unknown time unit value: days"
            ),
            (
                trunc(d, "Day"),
                "error: $dateTrunc parameter 'unit' value parsing failed :: caused by :: unknown time unit value: Day"
            ),
            (
                #"{"$dateTrunc": {"date": \#(d), "unit": 5}}"#,
                "error: $dateTrunc requires 'unit' to be a string, but got int"
            ),
            (
                trunc(d, "day", #", "binSize": 0"#),
                "error: $dateTrunc requires 'binSize' to be greater than 0, but got value 0"
            ),
            (
                trunc(d, "day", #", "binSize": -2"#),
                "error: $dateTrunc requires 'binSize' to be greater than 0, but got value -2"
            ),
            (
                trunc(d, "day", #", "binSize": 1.5"#),
                "error: $dateTrunc requires 'binSize' to be a 64-bit integer, but got value '1.5' of type double"
            ),
            (
                trunc(d, "day", #", "binSize": "2""#),
                #"error: $dateTrunc requires 'binSize' to be a 64-bit integer, but got value '"2"' of type string"#
            ),
            (
                trunc(d, "day", #", "binSize": {"$numberLong": "100000000001"}"#),
                "error: dateTrunc unsupported binSize value"
            ),
            (trunc(#""2024-01-01""#, "day"), "error: $dateTrunc requires 'date' to be a date, but got string"),
            (trunc("5", "day"), "error: $dateTrunc requires 'date' to be a date, but got int"),
            (
                trunc(d, "day", #", "timezone": "X/Y""#),
                #"error: $dateTrunc parameter 'timezone' value parsing failed :: caused by :: unrecognized time zone identifier: "X/Y""#
            ),
            (
                trunc(d, "day", #", "timezone": 1"#),
                "error: $dateTrunc parameter 'timezone' value parsing failed :: caused by :: timezone must evaluate to a string, found int"
            ),
            (
                trunc(d, "week", #", "startOfWeek": "funday""#),
                "error: $dateTrunc parameter 'startOfWeek' value cannot be recognized as a day of a week: funday"
            ),
            (
                trunc(d, "week", #", "startOfWeek": 1"#),
                "error: $dateTrunc requires 'startOfWeek' to be a string, but got int"
            ),
            (#"{"$dateTrunc": {"unit": "day"}}"#, "error: Missing 'date' parameter to $dateTrunc"),
            (#"{"$dateTrunc": {"date": \#(d)}}"#, "error: Missing 'unit' parameter to $dateTrunc"),
            (
                #"{"$dateTrunc": {"date": \#(d), "unit": "day", "weekStartDay": 1}}"#,
                "error: Unrecognized argument to $dateTrunc: weekStartDay. Expected arguments are date, unit, and optionally, binSize, timezone, startOfWeek"
            ),
            (#"{"$dateTrunc": [1]}"#, "error: $dateTrunc only supports an object as its argument"),
        ])
    func errors(expression: String, expected: String) {
        #expect(DateTestSupport.run(expression) == DateTestSupport.expected(expected))
    }
}
