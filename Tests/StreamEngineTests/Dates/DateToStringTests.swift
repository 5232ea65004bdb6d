import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

@Suite("$dateToString (§11.10)", .tags(.small))
struct DateToStringTests {
    private static let d = #"{"$date": "2024-01-07T05:06:07.089Z"}"#

    private static func format(_ date: String, _ format: String, _ zone: String? = nil) -> String {
        let zonePart = zone.map { #", "timezone": "\#($0)""# } ?? ""
        return #"{"$dateToString": {"date": \#(date), "format": "\#(format)"\#(zonePart)}}"#
    }

    private static func date(_ iso: String) -> String { DateTestSupport.date(iso) }

    @Test(
        "Specifiers, defaults and zones",
        arguments: [
            // §11.10 vectors.
            (format(d, "%Y-%m-%d %H:%M:%S.%L %j %w %u %U %V %G"), #""2024-01-07 05:06:07.089 007 1 7 01 01 2024""#),
            (format(d, "%H:%M%z %Z", "America/New_York"), #""00:06-0500 -300""#),
            (format(d, "%d %H:%M %z", "+05:30"), #""07 10:36 +0530""#),
            // Defaults: with Z in UTC (no zone, "UTC", a zero offset), without in any other zone.
            (#"{"$dateToString": {"date": \#(d)}}"#, #""2024-01-07T05:06:07.089Z""#),
            (#"{"$dateToString": {"date": \#(d), "timezone": "UTC"}}"#, #""2024-01-07T05:06:07.089Z""#),
            (#"{"$dateToString": {"date": \#(d), "timezone": "+00:00"}}"#, #""2024-01-07T05:06:07.089Z""#),
            (#"{"$dateToString": {"date": \#(d), "timezone": "America/New_York"}}"#, #""2024-01-07T00:06:07.089""#),
            (#"{"$dateToString": {"date": \#(d), "timezone": "GMT"}}"#, #""2024-01-07T05:06:07.089""#),
            (#"{"$dateToString": {"date": \#(d), "timezone": "-03"}}"#, #""2024-01-07T02:06:07.089""#),
            // Month names (UNCONFIRMED capitalisation, §13.9), literal %, text around specifiers.
            (format(d, "%b %B"), #""Jan January""#),
            (format(date("2024-09-30T00:00:00Z"), "%b/%B"), #""Sep/September""#),
            (format(d, "%%Y is %Y, 100%%"), #""%Y is 2024, 100%""#),
            (format(d, "plain text"), #""plain text""#),
            (format(d, ""), #""""#),
            // Offsets.
            (format(d, "%H:%M %Z", "Asia/Kolkata"), #""10:36 330""#),
            (format(d, "%H:%M %Z", "Asia/Calcutta"), #""10:36 330""#),
            (format(d, "%H:%M %z", "US/Eastern"), #""00:06 -0500""#),
            (format(d, "%H:%M %z", "Etc/GMT+5"), #""00:06 -0500""#),
            (format(d, "%H:%M %z", "EST"), #""00:06 -0500""#),
            (format(d, "%H:%M %z", "Etc/UTC"), #""05:06 +0000""#),
            (format(d, "%H:%M %z %Z", "-0330"), #""01:36 -0330 -210""#),
            (format(d, "%H:%M %z %Z", "+04"), #""09:06 +0400 240""#),
            (format(d, "%H:%M %z", "Asia/Kathmandu"), #""10:51 +0545""#),
            (format(d, "%z %Z", "UTC"), #""+0000 0""#),
            // Day of week, day of year and weeks at year boundaries and in leap years.
            (format(date("2023-01-01T12:00:00Z"), "%w %u %U %V %G %j"), #""1 7 01 52 2022 001""#),
            (format(date("2022-01-01T12:00:00Z"), "%w %u %U %V %G %j"), #""7 6 00 52 2021 001""#),
            (format(date("2021-01-01T00:00:00Z"), "%U %V %G"), #""00 53 2020""#),
            (format(date("2024-12-30T00:00:00Z"), "%U %V %G %j"), #""52 01 2025 365""#),
            (format(date("2024-12-31T23:59:59.999Z"), "%j %U %V"), #""366 52 01""#),
            (format(date("2023-12-31T00:00:00Z"), "%j %U %V %G"), #""365 53 52 2023""#),
            (format(date("2020-12-31T00:00:00Z"), "%j %V %G"), #""366 53 2020""#),
            (format(date("2024-02-29T00:00:00Z"), "%Y-%m-%d %j"), #""2024-02-29 060""#),
            (format(date("2023-03-01T00:00:00Z"), "%j"), #""060""#),
            (format(date("2015-12-31T23:00:00Z"), "%Y-%m-%d", "+01"), #""2016-01-01""#),
            // Before 1970 and before 1582 (proleptic Gregorian).
            (format(#"{"$date": {"$numberLong": "-1"}}"#, "%Y-%m-%dT%H:%M:%S.%L"), #""1969-12-31T23:59:59.999""#),
            (format(#"{"$date": {"$numberLong": "-1001"}}"#, "%S.%L"), #""58.999""#),
            (format(date("1900-02-28T00:00:00Z"), "%j %w"), #""059 4""#),
            (format(date("1500-03-01T00:00:00Z"), "%Y-%m-%d %j %w %V"), #""1500-03-01 060 5 09""#),
            (format(date("0001-01-01T00:00:00Z"), "%Y-%m-%d %u"), #""0001-01-01 1""#),
            (format(date("0000-12-31T00:00:00Z"), "%Y %j"), #""0000 366""#),
            // DST in New York: spring forward (2024-03-10 07:00Z) and fall back (2024-11-03 06:00Z).
            (format(date("2024-03-10T06:59:59Z"), "%H:%M:%S%z", "America/New_York"), #""01:59:59-0500""#),
            (format(date("2024-03-10T07:00:00Z"), "%H:%M:%S%z", "America/New_York"), #""03:00:00-0400""#),
            (format(date("2024-11-03T05:30:00Z"), "%H:%M%z %Z", "America/New_York"), #""01:30-0400 -240""#),
            (format(date("2024-11-03T06:30:00Z"), "%H:%M%z %Z", "America/New_York"), #""01:30-0500 -300""#),
            (format(date("2024-07-04T16:00:00Z"), "%Y-%m-%d %H:%M", "Europe/London"), #""2024-07-04 17:00""#),
            // The tz database's local mean time before 1883, and its rules far in the future.
            (
                format(date("1800-01-01T00:00:00Z"), "%Y-%m-%d %H:%M:%S %z %Z", "America/New_York"),
                #""1799-12-31 19:03:58 -0456 -296""#
            ),
            (format(date("2100-07-01T12:00:00Z"), "%H:%M %z", "America/New_York"), #""08:00 -0400""#),
            (format(date("2100-01-01T12:00:00Z"), "%H:%M %z", "America/New_York"), #""07:00 -0500""#),
            (format(date("2024-01-04T16:00:00Z"), "%Y-%m-%d %H:%M", "Europe/London"), #""2024-01-04 16:00""#),
            (format(date("2024-06-01T00:00:00Z"), "%d %H:%M %z", "Australia/Sydney"), #""01 10:00 +1000""#),
            (format(date("2024-01-01T00:00:00Z"), "%d %H:%M %z", "Australia/Sydney"), #""01 11:00 +1100""#),
            // Dates given as Timestamp or ObjectId.
            (
                #"{"$dateToString": {"date": {"$timestamp": {"t": 1700000000, "i": 1}}}}"#,
                #""2023-11-14T22:13:20.000Z""#
            ),
            (#"{"$dateToString": {"date": {"$oid": "65a1b2c30000000000000000"}}}"#, #""2024-01-12T21:44:35.000Z""#),
            // Null handling.
            (#"{"$dateToString": {"date": null}}"#, "null"),
            (#"{"$dateToString": {"date": "$missing"}}"#, "null"),
            (#"{"$dateToString": {"date": "$missing", "onNull": "none"}}"#, #""none""#),
            (#"{"$dateToString": {"date": null, "onNull": {"$literal": 5}}}"#, "5"),
            (#"{"$dateToString": {"date": null, "onNull": "$missing"}}"#, "missing"),
            (#"{"$dateToString": {"date": \#(d), "onNull": "x"}}"#, #""2024-01-07T05:06:07.089Z""#),
            (#"{"$dateToString": {"date": \#(d), "format": null}}"#, "null"),
            (#"{"$dateToString": {"date": \#(d), "timezone": null}}"#, "null"),
            (#"{"$dateToString": {"date": \#(d), "timezone": "$missing"}}"#, "null"),
            (#"{"$dateToString": {"date": null, "format": "$missing", "onNull": 1}}"#, "1"),
        ])
    func renders(expression: String, expected: String) {
        #expect(DateTestSupport.run(expression) == DateTestSupport.expected(expected))
    }

    @Test(
        "Values from the document",
        arguments: [
            (
                #"{"$dateToString": {"date": "$d", "format": "$f", "timezone": "$z"}}"#,
                #"{"d": {"$date": "2024-03-15T10:37:12.345Z"}, "f": "%H:%M", "z": "Europe/Paris"}"#, #""11:37""#
            ),
            (
                #"{"$dateToString": {"date": "$d", "timezone": "$z"}}"#,
                #"{"d": {"$date": "2024-03-15T10:37:12.345Z"}, "z": "+01:00"}"#, #""2024-03-15T11:37:12.345""#
            ),
            (
                #"{"$dateToString": {"date": "$d", "timezone": "$z"}}"#,
                #"{"d": {"$date": "2024-03-15T10:37:12.345Z"}, "z": "+00"}"#, #""2024-03-15T10:37:12.345Z""#
            ),
            (
                #"{"$dateToString": {"date": "$d", "format": "$f"}}"#,
                #"{"d": {"$date": "2024-03-15T10:37:12.345Z"}, "f": "%Q"}"#,
                "error: Invalid format character '%Q' in format string"
            ),
            (
                #"{"$dateToString": {"date": "$d", "format": "$f"}}"#, #"{"f": 7}"#,
                "error: $dateToString requires that 'format' be a string, found: int with value 7"
            ),
            (
                #"{"$dateToString": {"date": "$d", "timezone": "$z"}}"#,
                #"{"d": {"$date": "2024-03-15T10:37:12.345Z"}, "z": "Nowhere/Town"}"#,
                #"error: unrecognized time zone identifier: "Nowhere/Town""#
            ),
        ])
    func fromDocument(expression: String, document: String, expected: String) {
        #expect(DateTestSupport.run(expression, on: document) == DateTestSupport.expected(expected))
    }

    @Test(
        "Errors carry the server's messages",
        arguments: [
            (format(d, "%Q"), "error: Invalid format character '%Q' in format string"),
            (format(d, "%Y%"), "error: Unmatched '%' at end of format string"),
            (format(d, "%"), "error: Unmatched '%' at end of format string"),
            (format(d, "%c"), "error: Invalid format character '%c' in format string"),
            (
                #"{"$dateToString": {"date": \#(d), "format": 5}}"#,
                "error: $dateToString requires that 'format' be a string, found: int with value 5"
            ),
            (#"{"$dateToString": {"date": "abc"}}"#, "error: can't convert from BSON type string to Date"),
            (#"{"$dateToString": {"date": 1}}"#, "error: can't convert from BSON type int to Date"),
            (#"{"$dateToString": {"date": {"$numberLong": "5"}}}"#, "error: can't convert from BSON type long to Date"),
            (
                #"{"$dateToString": {"date": \#(d), "timezone": "Mars/Base"}}"#,
                #"error: unrecognized time zone identifier: "Mars/Base""#
            ),
            (
                #"{"$dateToString": {"date": \#(d), "timezone": "+5"}}"#,
                #"error: unrecognized time zone identifier: "+5""#
            ),
            (
                #"{"$dateToString": {"date": \#(d), "timezone": "EST+5"}}"#,
                #"error: unrecognized time zone identifier: "EST+5""#
            ),
            (
                #"{"$dateToString": {"date": \#(d), "timezone": "GMT+0530"}}"#,
                #"error: unrecognized time zone identifier: "GMT+0530""#
            ),
            (
                #"{"$dateToString": {"date": \#(d), "timezone": "PST"}}"#,
                #"error: unrecognized time zone identifier: "PST""#
            ),
            (
                #"{"$dateToString": {"date": \#(d), "timezone": "UTC+1"}}"#,
                #"error: unrecognized time zone identifier: "UTC+1""#
            ),
            (#"{"$dateToString": {"date": \#(d), "timezone": ""}}"#, #"error: unrecognized time zone identifier: """#),
            (
                #"{"$dateToString": {"date": \#(d), "timezone": "america/new_york"}}"#,
                #"error: unrecognized time zone identifier: "america/new_york""#
            ),
            (
                #"{"$dateToString": {"date": \#(d), "timezone": 5}}"#,
                "error: timezone must evaluate to a string, found int"
            ),
            (
                #"{"$dateToString": {"date": {"$date": {"$numberLong": "253402300800000"}}}}"#,
                "error: Could not convert date to string: date component was outside the supported range of 0-9999: 10000"
            ),
            (
                format(#"{"$date": {"$numberLong": "-62198755200000"}}"#, "%Y"),
                "error: Could not convert date to string: date component was outside the supported range of 0-9999: -1"
            ),
            (format(#"{"$date": {"$numberLong": "-62198755200000"}}"#, "%m-%d"), #""01-01""#),
            (#"{"$dateToString": {"format": "%Y"}}"#, "error: Missing 'date' parameter to $dateToString"),
            (#"{"$dateToString": {"date": \#(d), "fmt": "%Y"}}"#, "error: Unrecognized argument to $dateToString: fmt"),
            (#"{"$dateToString": "2024"}"#, "error: $dateToString only supports an object as its argument"),
        ])
    func errors(expression: String, expected: String) {
        #expect(DateTestSupport.run(expression) == DateTestSupport.expected(expected))
    }
}
