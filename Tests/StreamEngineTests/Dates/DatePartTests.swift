import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

@Suite("$year … $isoDayOfWeek and $dateToParts", .tags(.small))
struct DatePartTests {
    private static let d = #"{"$date": "2024-03-15T10:37:12.345Z"}"#

    private static func part(_ name: String, _ iso: String, _ zone: String? = nil) -> String {
        guard let zone else { return #"{"$\#(name)": {"$date": "\#(iso)"}}"# }
        return #"{"$\#(name)": {"date": {"$date": "\#(iso)"}, "timezone": "\#(zone)"}}"#
    }

    private static func int(_ value: Int) -> String { #"{"$numberInt": "\#(value)"}"# }

    @Test(
        "Each field, in UTC and in zones",
        arguments: [
            (#"{"$year": \#(d)}"#, int(2024)),
            (#"{"$month": \#(d)}"#, int(3)),
            (#"{"$dayOfMonth": \#(d)}"#, int(15)),
            (#"{"$hour": \#(d)}"#, int(10)),
            (#"{"$minute": \#(d)}"#, int(37)),
            (#"{"$second": \#(d)}"#, int(12)),
            (#"{"$millisecond": \#(d)}"#, int(345)),
            (#"{"$dayOfWeek": \#(d)}"#, int(6)),
            (#"{"$isoDayOfWeek": \#(d)}"#, int(5)),
            (#"{"$dayOfYear": \#(d)}"#, int(75)),
            (#"{"$week": \#(d)}"#, int(10)),
            (#"{"$isoWeek": \#(d)}"#, int(11)),
            (#"{"$isoWeekYear": \#(d)}"#, #"{"$numberLong": "2024"}"#),
            // The three argument forms.
            (#"{"$year": [\#(d)]}"#, int(2024)),
            (#"{"$year": {"date": \#(d)}}"#, int(2024)),
            (#"{"$hour": {"date": \#(d), "timezone": "Asia/Tokyo"}}"#, int(19)),
            // Zones: the day changes with the offset.
            (part("dayOfMonth", "2024-03-15T23:30:00Z", "+01"), int(16)),
            (part("dayOfMonth", "2024-03-15T00:30:00Z", "-0100"), int(14)),
            (part("hour", "2024-03-15T10:37:12Z", "-03:30"), int(7)),
            (part("minute", "2024-03-15T10:37:12Z", "-03:30"), int(7)),
            (part("minute", "2024-03-15T10:37:12Z", "Asia/Kathmandu"), int(22)),
            (part("year", "2023-12-31T23:00:00Z", "Europe/Berlin"), int(2024)),
            (part("hour", "2024-03-10T06:59:59Z", "America/New_York"), int(1)),
            (part("hour", "2024-03-10T07:00:00Z", "America/New_York"), int(3)),
            (part("hour", "2024-11-03T05:30:00Z", "America/New_York"), int(1)),
            (part("hour", "2024-11-03T06:30:00Z", "America/New_York"), int(1)),
            (part("hour", "2024-07-01T12:00:00Z", "Europe/London"), int(13)),
            // Weeks and ISO weeks at year boundaries.
            (part("week", "2024-12-30T00:00:00Z"), int(52)),
            (part("isoWeek", "2024-12-30T00:00:00Z"), int(1)),
            (part("isoWeekYear", "2024-12-30T00:00:00Z"), #"{"$numberLong": "2025"}"#),
            (part("isoDayOfWeek", "2024-12-30T00:00:00Z"), int(1)),
            (part("dayOfWeek", "2024-12-30T00:00:00Z"), int(2)),
            (part("week", "2021-01-03T00:00:00Z"), int(1)),
            (part("isoWeek", "2021-01-03T00:00:00Z"), int(53)),
            (part("isoWeekYear", "2021-01-03T00:00:00Z"), #"{"$numberLong": "2020"}"#),
            (part("week", "2027-01-01T00:00:00Z"), int(0)),
            (part("isoWeek", "2027-01-01T00:00:00Z"), int(53)),
            (part("isoWeek", "2026-12-31T00:00:00Z"), int(53)),
            (part("isoWeekYear", "2016-01-03T00:00:00Z"), #"{"$numberLong": "2015"}"#),
            (part("isoWeek", "2025-12-31T23:00:00Z", "+02"), int(1)),
            (part("isoWeekYear", "2025-12-31T23:00:00Z", "+02"), #"{"$numberLong": "2026"}"#),
            // Leap years.
            (part("dayOfYear", "2024-12-31T00:00:00Z"), int(366)),
            (part("dayOfYear", "2023-12-31T00:00:00Z"), int(365)),
            (part("dayOfYear", "2000-03-01T00:00:00Z"), int(61)),
            (part("dayOfYear", "1900-03-01T00:00:00Z"), int(60)),
            (part("dayOfMonth", "2024-02-29T00:00:00Z"), int(29)),
            // Before 1970 (milliseconds stay positive).
            (#"{"$millisecond": {"$date": {"$numberLong": "-1"}}}"#, int(999)),
            (#"{"$second": {"$date": {"$numberLong": "-1"}}}"#, int(59)),
            (#"{"$year": {"$date": {"$numberLong": "-1"}}}"#, int(1969)),
            (part("isoWeekYear", "1969-12-31T00:00:00Z"), #"{"$numberLong": "1970"}"#),
            (part("dayOfWeek", "1969-12-31T00:00:00Z"), int(4)),
            (part("week", "1969-12-31T00:00:00Z"), int(52)),
            (part("dayOfWeek", "1582-10-15T00:00:00Z"), int(6)),
            (part("dayOfWeek", "1582-10-04T00:00:00Z"), int(2)),
            (part("year", "0001-01-01T00:00:00Z"), int(1)),
            // Timestamp and ObjectId.
            (#"{"$year": {"$timestamp": {"t": 1700000000, "i": 1}}}"#, int(2023)),
            (#"{"$minute": {"$oid": "65a1b2c30000000000000000"}}"#, int(44)),
            // Null and missing.
            (#"{"$year": null}"#, "null"),
            (#"{"$year": "$missing"}"#, "null"),
            (#"{"$year": {"date": \#(d), "timezone": null}}"#, "null"),
            (#"{"$year": {"date": \#(d), "timezone": "$missing"}}"#, "null"),
            (#"{"$year": {"date": null, "timezone": "UTC"}}"#, "null"),
        ])
    func extracts(expression: String, expected: String) {
        #expect(DateTestSupport.run(expression) == DateTestSupport.expected(expected))
    }

    @Test(
        "$dateToParts",
        arguments: [
            (
                #"{"$dateToParts": {"date": \#(d)}}"#,
                #"{"year": 2024, "month": 3, "day": 15, "hour": 10, "minute": 37, "second": 12, "millisecond": 345}"#
            ),
            (
                #"{"$dateToParts": {"date": \#(d), "iso8601": true}}"#,
                #"{"isoWeekYear": 2024, "isoWeek": 11, "isoDayOfWeek": 5, "hour": 10, "minute": 37, "second": 12, "millisecond": 345}"#
            ),
            (
                #"{"$dateToParts": {"date": \#(d), "iso8601": false, "timezone": "America/New_York"}}"#,
                #"{"year": 2024, "month": 3, "day": 15, "hour": 6, "minute": 37, "second": 12, "millisecond": 345}"#
            ),
            (
                #"{"$dateToParts": {"date": {"$date": "2017-01-01T01:29:09.123Z"}, "timezone": "America/New_York", "iso8601": true}}"#,
                #"{"isoWeekYear": 2016, "isoWeek": 52, "isoDayOfWeek": 6, "hour": 20, "minute": 29, "second": 9, "millisecond": 123}"#
            ),
            (
                #"{"$dateToParts": {"date": {"$date": {"$numberLong": "-1"}}}}"#,
                #"{"year": 1969, "month": 12, "day": 31, "hour": 23, "minute": 59, "second": 59, "millisecond": 999}"#
            ),
            (
                #"{"$dateToParts": {"date": \#(d), "timezone": "+05:30"}}"#,
                #"{"year": 2024, "month": 3, "day": 15, "hour": 16, "minute": 7, "second": 12, "millisecond": 345}"#
            ),
            (#"{"$dateToParts": {"date": null}}"#, "null"),
            (#"{"$dateToParts": {"date": \#(d), "iso8601": null}}"#, "null"),
            (#"{"$dateToParts": {"date": \#(d), "timezone": null}}"#, "null"),
            (#"{"$dateToParts": {"date": \#(d), "iso8601": 1}}"#, "error: iso8601 must evaluate to a bool, found int"),
            (#"{"$dateToParts": {"date": "x"}}"#, "error: can't convert from BSON type string to Date"),
            (#"{"$dateToParts": {"timezone": "UTC"}}"#, "error: Missing 'date' parameter to $dateToParts"),
            (#"{"$dateToParts": {"date": 1, "tz": "UTC"}}"#, "error: Unrecognized argument to $dateToParts: tz"),
            (#"{"$dateToParts": 1}"#, "error: $dateToParts only supports an object as its argument"),
        ])
    func toParts(expression: String, expected: String) {
        #expect(DateTestSupport.run(expression) == DateTestSupport.expected(expected))
    }

    @Test(
        "Errors carry the server's messages",
        arguments: [
            (#"{"$year": "2024-01-01"}"#, "error: can't convert from BSON type string to Date"),
            (#"{"$month": 5}"#, "error: can't convert from BSON type int to Date"),
            (#"{"$dayOfWeek": 5.5}"#, "error: can't convert from BSON type double to Date"),
            (#"{"$week": {"$numberLong": "1"}}"#, "error: can't convert from BSON type long to Date"),
            (#"{"$hour": true}"#, "error: can't convert from BSON type bool to Date"),
            (
                #"{"$year": {"date": \#(d), "timezone": "Atlantis"}}"#,
                #"error: unrecognized time zone identifier: "Atlantis""#
            ),
            (
                #"{"$year": {"date": \#(d), "timezone": ["UTC"]}}"#,
                "error: timezone must evaluate to a string, found array"
            ),
            (#"{"$year": [\#(d), \#(d)]}"#, "error: Expression $year takes exactly 1 arguments. 2 were passed in."),
            (#"{"$year": {"date": \#(d), "tz": "UTC"}}"#, #"error: unrecognized option to $year: "tz""#),
        ])
    func errors(expression: String, expected: String) {
        #expect(DateTestSupport.run(expression) == DateTestSupport.expected(expected))
    }
}
