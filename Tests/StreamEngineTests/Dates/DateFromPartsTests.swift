import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

@Suite("$dateFromParts", .tags(.small))
struct DateFromPartsTests {
    private static func parts(_ fields: String) -> String { #"{"$dateFromParts": {\#(fields)}}"# }

    private static func date(_ iso: String) -> String { DateTestSupport.date(iso) }

    @Test(
        "Calendar and ISO forms, with overflowing parts carried",
        arguments: [
            (parts(#""year": 2024"#), date("2024-01-01T00:00:00Z")),
            (
                parts(
                    #""year": 2024, "month": 3, "day": 15, "hour": 10, "minute": 37, "second": 12, "millisecond": 345"#),
                date("2024-03-15T10:37:12.345Z")
            ),
            (
                parts(#""year": 2024.0, "month": {"$numberLong": "2"}, "day": {"$numberDecimal": "29"}"#),
                date("2024-02-29T00:00:00Z")
            ),
            (parts(#""year": 1500, "month": 3, "day": 1"#), date("1500-03-01T00:00:00Z")),
            (parts(#""year": 1, "month": 1, "day": 1"#), date("0001-01-01T00:00:00Z")),
            (
                parts(
                    #""year": 9999, "month": 12, "day": 31, "hour": 23, "minute": 59, "second": 59, "millisecond": 999"#
                ),
                date("9999-12-31T23:59:59.999Z")
            ),
            (
                parts(
                    #""year": 1969, "month": 12, "day": 31, "hour": 23, "minute": 59, "second": 59, "millisecond": 999"#
                ),
                #"{"$date": {"$numberLong": "-1"}}"#
            ),
            // Overflow carries; negative values borrow.
            (parts(#""year": 2024, "month": 13"#), date("2025-01-01T00:00:00Z")),
            (parts(#""year": 2024, "month": 0"#), date("2023-12-01T00:00:00Z")),
            (parts(#""year": 2024, "month": -1"#), date("2023-11-01T00:00:00Z")),
            (parts(#""year": 2024, "month": 25"#), date("2026-01-01T00:00:00Z")),
            (parts(#""year": 2024, "month": 3, "day": 0"#), date("2024-02-29T00:00:00Z")),
            (parts(#""year": 2023, "month": 3, "day": 0"#), date("2023-02-28T00:00:00Z")),
            (parts(#""year": 2024, "month": 1, "day": 32"#), date("2024-02-01T00:00:00Z")),
            (parts(#""year": 2024, "month": 1, "day": 366"#), date("2024-12-31T00:00:00Z")),
            (parts(#""year": 2024, "month": 1, "day": -1"#), date("2023-12-30T00:00:00Z")),
            (parts(#""year": 2024, "hour": 25"#), date("2024-01-02T01:00:00Z")),
            (parts(#""year": 2024, "minute": -1"#), date("2023-12-31T23:59:00Z")),
            (parts(#""year": 2024, "second": 3600"#), date("2024-01-01T01:00:00Z")),
            (parts(#""year": 2024, "millisecond": 86400000"#), date("2024-01-02T00:00:00Z")),
            (parts(#""year": 1970, "millisecond": -1"#), #"{"$date": {"$numberLong": "-1"}}"#),
            (
                parts(
                    #""year": 2017, "month": 14, "day": 35, "hour": 25, "minute": 61, "second": 61, "millisecond": 1001"#
                ),
                date("2018-03-08T02:02:02.001Z")
            ),
            // Zones: local wall time to UTC, a spring-forward gap moves forward, a fall-back time takes EDT.
            (
                parts(#""year": 2024, "month": 7, "day": 4, "hour": 12, "timezone": "America/New_York""#),
                date("2024-07-04T16:00:00Z")
            ),
            (
                parts(#""year": 2024, "month": 1, "day": 4, "hour": 12, "timezone": "America/New_York""#),
                date("2024-01-04T17:00:00Z")
            ),
            (
                parts(#""year": 2024, "month": 3, "day": 10, "hour": 2, "minute": 30, "timezone": "America/New_York""#),
                date("2024-03-10T07:30:00Z")
            ),
            (
                parts(#""year": 2024, "month": 11, "day": 3, "hour": 1, "minute": 30, "timezone": "America/New_York""#),
                date("2024-11-03T05:30:00Z")
            ),
            (
                parts(#""year": 2024, "month": 3, "day": 31, "hour": 2, "minute": 30, "timezone": "Europe/Berlin""#),
                date("2024-03-31T01:30:00Z")
            ),
            (parts(#""year": 2024, "timezone": "+05:30""#), date("2023-12-31T18:30:00Z")),
            (parts(#""year": 2024, "timezone": "-08""#), date("2024-01-01T08:00:00Z")),
            (parts(#""year": 2024, "timezone": "UTC""#), date("2024-01-01T00:00:00Z")),
            // ISO week dates.
            (parts(#""isoWeekYear": 2017, "isoWeek": 1, "isoDayOfWeek": 1"#), date("2017-01-02T00:00:00Z")),
            (parts(#""isoWeekYear": 2020, "isoWeek": 53, "isoDayOfWeek": 7"#), date("2021-01-03T00:00:00Z")),
            (parts(#""isoWeekYear": 2024"#), date("2024-01-01T00:00:00Z")),
            (parts(#""isoWeekYear": 2016, "isoWeek": 53"#), date("2017-01-02T00:00:00Z")),
            (parts(#""isoWeekYear": 2024, "isoDayOfWeek": 0"#), date("2023-12-31T00:00:00Z")),
            (
                parts(#""isoWeekYear": 2024, "isoWeek": 11, "isoDayOfWeek": 5, "hour": 10, "timezone": "Asia/Tokyo""#),
                date("2024-03-15T01:00:00Z")
            ),
            // Null and missing parts give null.
            (parts(#""year": null"#), "null"),
            (parts(#""year": "$missing""#), "null"),
            (parts(#""year": 2024, "hour": null"#), "null"),
            (parts(#""year": 2024, "month": "$missing""#), "null"),
            (parts(#""year": 2024, "timezone": null"#), "null"),
            (parts(#""isoWeekYear": 2024, "isoWeek": null"#), "null"),
        ])
    func builds(expression: String, expected: String) {
        #expect(DateTestSupport.run(expression) == DateTestSupport.expected(expected))
    }

    @Test(
        "Errors carry the server's messages",
        arguments: [
            (parts(#""year": 0"#), "error: 'year' must evaluate to an integer in the range 1 to 9999, found 0"),
            (parts(#""year": 10000"#), "error: 'year' must evaluate to an integer in the range 1 to 9999, found 10000"),
            (
                parts(#""isoWeekYear": 0"#),
                "error: 'isoWeekYear' must evaluate to an integer in the range 1 to 9999, found 0"
            ),
            (
                parts(#""year": 2024, "month": 40000"#),
                "error: 'month' must evaluate to a value in the range [-32768, 32767]; value 40000 is not in range"
            ),
            (
                parts(#""year": 2024, "day": -32769"#),
                "error: 'day' must evaluate to a value in the range [-32768, 32767]; value -32769 is not in range"
            ),
            (
                parts(#""year": 0, "hour": 40000"#),
                "error: 'hour' must evaluate to a value in the range [-32768, 32767]; value 40000 is not in range"
            ),
            (
                parts(#""isoWeekYear": 2024, "isoWeek": 99999"#),
                "error: 'isoWeek' must evaluate to a value in the range [-32768, 32767]; value 99999 is not in range"
            ),
            (parts(#""year": 2.5"#), "error: 'year' must evaluate to an integer, found double with value 2.5"),
            (
                parts(#""year": 2024, "month": "3""#),
                #"error: 'month' must evaluate to an integer, found string with value "3""#
            ),
            (
                parts(#""year": 2024, "timezone": "Moon/Base""#),
                #"error: unrecognized time zone identifier: "Moon/Base""#
            ),
            (
                parts(#""year": 2024, "isoWeek": 1"#),
                "error: $dateFromParts does not allow mixing natural dates with ISO dates"
            ),
            (
                parts(#""isoWeekYear": 2024, "month": 1"#),
                "error: $dateFromParts does not allow mixing ISO dates with natural dates"
            ),
            (parts(#""month": 1"#), "error: $dateFromParts requires either 'year' or 'isoWeekYear' to be present"),
            (parts(#""year": 2024, "months": 1"#), "error: Unrecognized argument to $dateFromParts: months"),
            (#"{"$dateFromParts": 2024}"#, "error: $dateFromParts only supports an object as its argument"),
        ])
    func errors(expression: String, expected: String) {
        #expect(DateTestSupport.run(expression) == DateTestSupport.expected(expected))
    }
}
