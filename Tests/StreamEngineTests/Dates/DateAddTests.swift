import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

@Suite("$dateAdd and $dateSubtract", .tags(.small))
struct DateAddTests {
    private static func add(_ start: String, _ unit: String, _ amount: String, _ extra: String = "") -> String {
        #"{"$dateAdd": {"startDate": {"$date": "\#(start)"}, "unit": "\#(unit)", "amount": \#(amount)\#(extra)}}"#
    }

    private static func subtract(_ start: String, _ unit: String, _ amount: String, _ extra: String = "") -> String {
        #"{"$dateSubtract": {"startDate": {"$date": "\#(start)"}, "unit": "\#(unit)", "amount": \#(amount)\#(extra)}}"#
    }

    private static func date(_ iso: String) -> String { DateTestSupport.date(iso) }

    private static let newYork = #", "timezone": "America/New_York""#

    @Test(
        "Adds units, clamping to the month's last day and keeping wall time across DST",
        arguments: [
            // Every unit in UTC.
            (add("2024-03-15T10:00:00Z", "year", "1"), date("2025-03-15T10:00:00Z")),
            (add("2024-03-15T10:00:00Z", "quarter", "1"), date("2024-06-15T10:00:00Z")),
            (add("2024-03-15T10:00:00Z", "month", "10"), date("2025-01-15T10:00:00Z")),
            (add("2024-03-15T10:00:00Z", "month", "-3"), date("2023-12-15T10:00:00Z")),
            (add("2024-03-15T10:00:00Z", "month", "-15"), date("2022-12-15T10:00:00Z")),
            (add("2024-03-15T10:00:00Z", "week", "2"), date("2024-03-29T10:00:00Z")),
            (add("2024-03-15T10:00:00Z", "day", "1"), date("2024-03-16T10:00:00Z")),
            (add("2024-03-15T10:00:00Z", "day", "-75"), date("2023-12-31T10:00:00Z")),
            (add("2024-03-15T10:00:00Z", "hour", "36"), date("2024-03-16T22:00:00Z")),
            (add("2024-03-15T10:00:00Z", "minute", "-90"), date("2024-03-15T08:30:00Z")),
            (add("2024-03-15T10:00:00Z", "second", "3600"), date("2024-03-15T11:00:00Z")),
            (add("2024-03-15T10:00:00Z", "millisecond", "1"), date("2024-03-15T10:00:00.001Z")),
            (add("2024-03-15T10:00:00Z", "day", "0"), date("2024-03-15T10:00:00Z")),
            // Amounts of every numeric type with an integral value.
            (add("2024-03-15T10:00:00Z", "day", #"{"$numberLong": "2"}"#), date("2024-03-17T10:00:00Z")),
            (add("2024-03-15T10:00:00Z", "day", "2.0"), date("2024-03-17T10:00:00Z")),
            (add("2024-03-15T10:00:00Z", "day", #"{"$numberDecimal": "3"}"#), date("2024-03-18T10:00:00Z")),
            // Month ends and leap years.
            (add("2024-01-31T12:00:00Z", "month", "1"), date("2024-02-29T12:00:00Z")),
            (add("2023-01-31T12:00:00Z", "month", "1"), date("2023-02-28T12:00:00Z")),
            (add("2024-02-29T00:00:00Z", "year", "1"), date("2025-02-28T00:00:00Z")),
            (add("2024-02-29T00:00:00Z", "year", "4"), date("2028-02-29T00:00:00Z")),
            (add("2024-02-29T00:00:00Z", "year", "100"), date("2124-02-29T00:00:00Z")),
            (add("2000-02-29T00:00:00Z", "year", "100"), date("2100-02-28T00:00:00Z")),
            (add("2024-11-30T00:00:00Z", "quarter", "1"), date("2025-02-28T00:00:00Z")),
            (add("2024-05-31T00:00:00Z", "month", "1"), date("2024-06-30T00:00:00Z")),
            (add("2024-01-29T00:00:00Z", "month", "1"), date("2024-02-29T00:00:00Z")),
            (add("2024-12-31T23:59:59.999Z", "millisecond", "1"), date("2025-01-01T00:00:00Z")),
            // Before 1970.
            (add("1969-12-31T00:00:00Z", "day", "1"), date("1970-01-01T00:00:00Z")),
            (add("1900-02-28T00:00:00Z", "day", "1"), date("1900-03-01T00:00:00Z")),
            (add("1970-01-01T00:00:00Z", "year", "-1970"), date("0000-01-01T00:00:00Z")),
            (add("1969-07-20T20:17:40Z", "hour", "-24"), date("1969-07-19T20:17:40Z")),
            // New York: days keep the wall time across DST; hours are exact durations.
            (add("2024-03-09T17:00:00Z", "day", "1", newYork), date("2024-03-10T16:00:00Z")),
            (add("2024-03-09T17:00:00Z", "hour", "24", newYork), date("2024-03-10T17:00:00Z")),
            (add("2024-11-02T16:00:00Z", "day", "1", newYork), date("2024-11-03T17:00:00Z")),
            (add("2024-11-02T16:00:00Z", "week", "1", newYork), date("2024-11-09T17:00:00Z")),
            (add("2024-11-02T16:00:00Z", "hour", "24", newYork), date("2024-11-03T16:00:00Z")),
            (add("2020-11-01T05:50:02Z", "hour", "1", newYork), date("2020-11-01T06:50:02Z")),
            (add("2024-03-09T07:30:00Z", "day", "1", newYork), date("2024-03-10T07:30:00Z")),
            (add("2024-01-31T05:00:00Z", "month", "1", newYork), date("2024-02-29T05:00:00Z")),
            (add("2024-01-31T05:00:00Z", "month", "2", newYork), date("2024-03-31T04:00:00Z")),
            (add("2024-03-10T16:00:00Z", "day", "-1", newYork), date("2024-03-09T17:00:00Z")),
            // Calendar units in the zone: month ends are the zone's.
            (add("2024-02-29T20:00:00Z", "month", "1"), date("2024-03-29T20:00:00Z")),
            (add("2024-02-29T20:00:00Z", "month", "1", #", "timezone": "+05:30""#), date("2024-03-31T20:00:00Z")),
            (add("2024-02-29T20:00:00Z", "hour", "1", #", "timezone": "+05:30""#), date("2024-02-29T21:00:00Z")),
            (add("2024-02-29T20:00:00Z", "day", "1", #", "timezone": "UTC""#), date("2024-03-01T20:00:00Z")),
            // $dateSubtract.
            (subtract("2024-03-31T00:00:00Z", "month", "1"), date("2024-02-29T00:00:00Z")),
            (subtract("2024-03-15T10:00:00Z", "hour", "-2"), date("2024-03-15T12:00:00Z")),
            (subtract("2024-03-10T16:00:00Z", "day", "1", newYork), date("2024-03-09T17:00:00Z")),
            (subtract("2024-01-01T00:00:00Z", "millisecond", "1"), date("2023-12-31T23:59:59.999Z")),
            (subtract("2024-01-01T00:00:00Z", "quarter", "5"), date("2022-10-01T00:00:00Z")),
            // Timestamp and ObjectId starts give a Date.
            (
                #"{"$dateAdd": {"startDate": {"$timestamp": {"t": 1700000000, "i": 5}}, "unit": "second", "amount": 1}}"#,
                date("2023-11-14T22:13:21Z")
            ),
            (
                #"{"$dateAdd": {"startDate": {"$oid": "65a1b2c30000000000000000"}, "unit": "day", "amount": 1}}"#,
                date("2024-01-13T21:44:35Z")
            ),
            // Null and missing.
            (#"{"$dateAdd": {"startDate": null, "unit": "day", "amount": 1}}"#, "null"),
            (#"{"$dateAdd": {"startDate": "$missing", "unit": "day", "amount": 1}}"#, "null"),
            (#"{"$dateAdd": {"startDate": {"$date": "2024-01-01T00:00:00Z"}, "unit": null, "amount": 1}}"#, "null"),
            (#"{"$dateAdd": {"startDate": {"$date": "2024-01-01T00:00:00Z"}, "unit": "day", "amount": null}}"#, "null"),
            (add("2024-01-01T00:00:00Z", "day", "1", #", "timezone": null"#), "null"),
            (
                #"{"$dateSubtract": {"startDate": {"$date": "2024-01-01T00:00:00Z"}, "unit": "day", "amount": "$x"}}"#,
                "null"
            ),
        ])
    func adds(expression: String, expected: String) {
        #expect(DateTestSupport.run(expression) == DateTestSupport.expected(expected))
    }

    @Test(
        "Errors carry the server's messages",
        arguments: [
            (
                add("2024-01-01T00:00:00Z", "days", "1"),
                "error: $dateAdd parameter 'unit' value parsing failed :: caused by :: unknown time unit value: days"
            ),
            (
                subtract("2024-01-01T00:00:00Z", "Hour", "1"),
                "error: $dateSubtract parameter 'unit' value parsing failed :: caused by :: unknown time unit value: Hour"
            ),
            (
                #"{"$dateAdd": {"startDate": {"$date": "2024-01-01T00:00:00Z"}, "unit": 1, "amount": 1}}"#,
                "error: $dateAdd requires 'unit' to be a string, but got int"
            ),
            (add("2024-01-01T00:00:00Z", "day", "1.5"), "error: $dateAdd expects integer amount of time units"),
            (add("2024-01-01T00:00:00Z", "day", #""1""#), "error: $dateAdd expects integer amount of time units"),
            (
                subtract("2024-01-01T00:00:00Z", "day", "0.5"),
                "error: $dateSubtract expects integer amount of time units"
            ),
            (
                #"{"$dateAdd": {"startDate": "2024-01-01", "unit": "day", "amount": 1}}"#,
                "error: $dateAdd requires startDate to be convertible to a date"
            ),
            (
                #"{"$dateSubtract": {"startDate": 7, "unit": "day", "amount": 1}}"#,
                "error: $dateSubtract requires startDate to be convertible to a date"
            ),
            (
                add("2024-01-01T00:00:00Z", "year", "1000000000"),
                "error: invalid dateAdd 'amount' parameter value: 1000000000 year"
            ),
            (
                add("2024-01-01T00:00:00Z", "day", #"{"$numberLong": "300000000000"}"#),
                "error: invalid dateAdd 'amount' parameter value: 300000000000 day"
            ),
            (add("2024-01-01T00:00:00Z", "day", #"{"$numberLong": "200000000000"}"#), "error: dateAdd overflowed"),
            (
                add("2024-01-01T00:00:00Z", "millisecond", #"{"$numberLong": "9223372036854775807"}"#),
                "error: dateAdd overflowed"
            ),
            (
                subtract("2024-01-01T00:00:00Z", "day", #"{"$numberLong": "-9223372036854775808"}"#),
                "error: invalid $dateSubtract 'amount' parameter value: -9223372036854775808"
            ),
            (
                add("2024-01-01T00:00:00Z", "day", "1", #", "timezone": "Nowhere""#),
                #"error: unrecognized time zone identifier: "Nowhere""#
            ),
            (
                #"{"$dateAdd": {"startDate": {"$date": "2024-01-01T00:00:00Z"}, "unit": "day"}}"#,
                "error: $dateAdd requires startDate, unit, and amount to be present"
            ),
            (
                #"{"$dateAdd": {"startDate": 1, "unit": "day", "amount": 1, "step": 1}}"#,
                "error: Unrecognized argument to $dateAdd: step. Expected arguments are startDate, unit, amount, and optionally timezone."
            ),
            (#"{"$dateSubtract": 5}"#, "error: $dateSubtract only supports an object as its argument"),
        ])
    func errors(expression: String, expected: String) {
        #expect(DateTestSupport.run(expression) == DateTestSupport.expected(expected))
    }
}
