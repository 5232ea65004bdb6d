import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

@Suite("$toDate (§11.11) and $dateFromString", .tags(.small))
struct DateConversionTests {
    private static func makeToDate(_ input: String) -> String { #"{"$toDate": \#(input)}"# }

    private static func makeFromString(_ fields: String) -> String { #"{"$dateFromString": {\#(fields)}}"# }

    private static func date(_ iso: String) -> String { DateTestSupport.date(iso) }

    @Test(
        "$toDate follows §11.11's table",
        arguments: [
            // Strings: UTC unless the string has an offset or Z.
            (makeToDate(#""2024-03-15T10:37:12.345Z""#), date("2024-03-15T10:37:12.345Z")),
            (makeToDate(#""2024-03-15T10:37:12+02:00""#), date("2024-03-15T08:37:12Z")),
            (makeToDate(#""2024-03-15T10:37:12-0530""#), date("2024-03-15T16:07:12Z")),
            (makeToDate(#""2024-03-15T10:37:12+05""#), date("2024-03-15T05:37:12Z")),
            (makeToDate(#""2024-03-15""#), date("2024-03-15T00:00:00Z")),
            (makeToDate(#""2024-03-15 10:37:12""#), date("2024-03-15T10:37:12Z")),
            (makeToDate(#""2024-03-15T10:37Z""#), date("2024-03-15T10:37:00Z")),
            (makeToDate(#""2024-03-15T10:37:12.345678Z""#), date("2024-03-15T10:37:12.345Z")),
            (makeToDate(#""2024-03-15T10:37:12.3Z""#), date("2024-03-15T10:37:12.300Z")),
            (makeToDate(#""2024-03-15t10:37:12z""#), date("2024-03-15T10:37:12Z")),
            (makeToDate(#""2024-03-15T10:37:12 UTC""#), date("2024-03-15T10:37:12Z")),
            (makeToDate(#""2024-03-15T10:37:12 GMT+01:00""#), date("2024-03-15T09:37:12Z")),
            (makeToDate(#""  2024-03-15T10:37:12Z  ""#), date("2024-03-15T10:37:12Z")),
            (makeToDate(#""2024/03/15""#), date("2024-03-15T00:00:00Z")),
            (makeToDate(#""03/15/2024 10:00""#), date("2024-03-15T10:00:00Z")),
            (makeToDate(#""15 March 2024""#), date("2024-03-15T00:00:00Z")),
            (makeToDate(#""March 15, 2024 10:37:12""#), date("2024-03-15T10:37:12Z")),
            (makeToDate(#""15-Mar-2024""#), date("2024-03-15T00:00:00Z")),
            (makeToDate(#""20240315""#), date("2024-03-15T00:00:00Z")),
            (makeToDate(#""1969-07-20T20:17:40Z""#), date("1969-07-20T20:17:40Z")),
            (makeToDate(#""1969-12-31T23:59:59.999Z""#), #"{"$date": {"$numberLong": "-1"}}"#),
            (makeToDate(#""2024-02-29""#), date("2024-02-29T00:00:00Z")),
            (makeToDate(#""1500-03-01T00:00:00Z""#), date("1500-03-01T00:00:00Z")),
            // Numbers are milliseconds since the epoch (fractions truncated); Int32 is an error.
            (makeToDate(#"{"$numberLong": "1710498000000"}"#), date("2024-03-15T10:20:00Z")),
            (makeToDate(#"{"$numberLong": "-1"}"#), #"{"$date": {"$numberLong": "-1"}}"#),
            (makeToDate("1.5e12"), date("2017-07-14T02:40:00Z")),
            (makeToDate("1.9"), #"{"$date": {"$numberLong": "1"}}"#),
            (makeToDate("-1.9"), #"{"$date": {"$numberLong": "-1"}}"#),
            (makeToDate(#"{"$numberDecimal": "1710498000000.9"}"#), date("2024-03-15T10:20:00Z")),
            // Other types.
            (makeToDate(date("2024-03-15T10:37:12.345Z")), date("2024-03-15T10:37:12.345Z")),
            (makeToDate(#"{"$timestamp": {"t": 1700000000, "i": 9}}"#), date("2023-11-14T22:13:20Z")),
            (makeToDate(#"{"$oid": "65a1b2c30000000000000000"}"#), date("2024-01-12T21:44:35Z")),
            (makeToDate("null"), "null"),
            (makeToDate(#""$missing""#), "null"),
            (makeToDate(#"["2024-03-15"]"#), date("2024-03-15T00:00:00Z")),
            // Errors.
            (makeToDate("5"), "error: Unsupported conversion from int to date in $convert with no onError value"),
            (makeToDate("true"), "error: Unsupported conversion from bool to date in $convert with no onError value"),
            (
                makeToDate(#"{"$literal": {"a": 1}}"#),
                "error: Unsupported conversion from object to date in $convert with no onError value"
            ),
            (
                makeToDate(#"{"$numberDouble": "NaN"}"#),
                "error: Attempt to convert NaN value to integer type in $convert with no onError value"
            ),
            (
                makeToDate(#"{"$numberDouble": "Infinity"}"#),
                "error: Attempt to convert infinity value to integer type in $convert with no onError value"
            ),
            (
                makeToDate(#"{"$numberDecimal": "NaN"}"#),
                "error: Attempt to convert NaN value to integer type in $convert with no onError value"
            ),
            (
                makeToDate("1e300"),
                "error: Conversion would overflow target type in $convert with no onError value: 1e+300"
            ),
            (makeToDate(#""""#), "error: Error parsing date string ''; 0: Empty string"),
            (makeToDate(#"["a", "b"]"#), "error: Expression $toDate takes exactly 1 arguments. 2 were passed in."),
        ])
    func toDate(expression: String, expected: String) {
        #expect(DateTestSupport.run(expression) == DateTestSupport.expected(expected))
    }

    @Test(
        "Unparseable strings are ConversionFailure: Error parsing date string …",
        arguments: [
            ("not a date", "The timezone could not be found in the database"),
            ("2024-02-30", "The parsed date was invalid"),
            ("2024-13-01", "The parsed date was invalid"),
            ("2024-03-15T25:00:00Z", "The parsed time was invalid"),
            (
                "2024-03-15T10:37:12 America/New_York",
                "passing a time zone identifier as part of the string is not allowed"
            ),
            ("2024-03-15T10:37:12 XYZ", "The timezone could not be found in the database"),
            ("2024-03-15T10:37:12Zjunk", "The timezone could not be found in the database"),
            ("2024-03-15T", "Unexpected character"),
            ("2024-3", "Unexpected character"),
            ("12345", "Unexpected character"),
        ])
    func unparseable(text: String, reason: String) throws {
        var compiler = ExpressionCompiler()
        let compiled = try compiler.compile(.document(["$toDate": .string(text)]))
        var context = EvaluationContext(root: BSONDocument())
        do {
            _ = try compiled.evaluate(&context)
            Issue.record("'\(text)' parsed")
        } catch {
            #expect(error.code == 241)
            #expect(error.message.hasPrefix("Error parsing date string '\(text)'; "))
            #expect(error.message.contains(reason))
        }
    }

    @Test(
        "$dateFromString",
        arguments: [
            (makeFromString(#""dateString": "2017-02-08""#), date("2017-02-08T00:00:00Z")),
            (
                makeFromString(#""dateString": "2017-02-08T12:10:40.787", "timezone": "America/New_York""#),
                date("2017-02-08T17:10:40.787Z")
            ),
            (
                makeFromString(#""dateString": "2017-07-08T12:10:40.787", "timezone": "America/New_York""#),
                date("2017-07-08T16:10:40.787Z")
            ),
            (
                makeFromString(#""dateString": "2024-03-10 02:30", "timezone": "America/New_York""#),
                date("2024-03-10T07:30:00Z")
            ),
            (
                makeFromString(#""dateString": "2024-11-03T01:30:00", "timezone": "America/New_York""#),
                date("2024-11-03T05:30:00Z")
            ),
            (
                makeFromString(#""dateString": "2017-02-08T12:10:40", "timezone": "+05:30""#),
                date("2017-02-08T06:40:40Z")
            ),
            (
                makeFromString(#""dateString": "2017-02-08T12:10:40+01:00", "timezone": "UTC""#),
                date("2017-02-08T11:10:40Z")
            ),
            (
                makeFromString(#""dateString": "2017-02-08T12:10:40Z", "timezone": "+00:00""#),
                date("2017-02-08T12:10:40Z")
            ),
            // Formats.
            (makeFromString(#""dateString": "06-15-2018", "format": "%m-%d-%Y""#), date("2018-06-15T00:00:00Z")),
            (
                makeFromString(#""dateString": "15/06/2018 14:05:09.5", "format": "%d/%m/%Y %H:%M:%S.%L""#),
                date("2018-06-15T14:05:09.500Z")
            ),
            (
                makeFromString(#""dateString": "2018-06-15T14:05:09.123+0200", "format": "%Y-%m-%dT%H:%M:%S.%L%z""#),
                date("2018-06-15T12:05:09.123Z")
            ),
            (
                makeFromString(#""dateString": "2018-06-15 14:05 -120", "format": "%Y-%m-%d %H:%M %Z""#),
                date("2018-06-15T16:05:00Z")
            ),
            (makeFromString(#""dateString": "075 2024", "format": "%j %Y""#), date("2024-03-15T00:00:00Z")),
            (makeFromString(#""dateString": "2024-03-15 10", "format": "%Y-%m-%d %H""#), date("2024-03-15T10:00:00Z")),
            (makeFromString(#""dateString": "2024-W11-5", "format": "%G-W%V-%u""#), date("2024-03-15T00:00:00Z")),
            (makeFromString(#""dateString": "15 Mar 2024", "format": "%d %b %Y""#), date("2024-03-15T00:00:00Z")),
            (makeFromString(#""dateString": "March 15, 2024", "format": "%B %d, %Y""#), date("2024-03-15T00:00:00Z")),
            (
                makeFromString(#""dateString": "100% 2024-03-15", "format": "100%% %Y-%m-%d""#),
                date("2024-03-15T00:00:00Z")
            ),
            (
                makeFromString(
                    #""dateString": "2024-03-15 08:00", "format": "%Y-%m-%d %H:%M", "timezone": "Asia/Tokyo""#),
                date("2024-03-14T23:00:00Z")
            ),
            // onNull, onError and null arguments.
            (makeFromString(#""dateString": null, "onNull": "n""#), #""n""#),
            (makeFromString(#""dateString": "$missing""#), "null"),
            (makeFromString(#""dateString": "$missing", "onNull": "$missing""#), "missing"),
            (makeFromString(#""dateString": "garbage", "onError": "bad""#), #""bad""#),
            (makeFromString(#""dateString": 5, "onError": "bad""#), #""bad""#),
            (makeFromString(#""dateString": "2024-03-15", "format": "%Y/%m/%d", "onError": 0"#), "0"),
            (
                makeFromString(#""dateString": "2017-02-08T12:10:40Z", "timezone": "Europe/Paris", "onError": "tz""#),
                #""tz""#
            ),
            (makeFromString(#""dateString": "2024-03-15", "format": null"#), "null"),
            (makeFromString(#""dateString": "2024-03-15", "timezone": null"#), "null"),
            (makeFromString(#""dateString": "garbage", "timezone": null"#), "null"),
            (
                makeFromString(#""dateString": null, "format": 5, "onNull": 1"#),
                "error: $dateFromString requires that 'format' be a string, found: int with value 5"
            ),
        ])
    func fromString(expression: String, expected: String) {
        #expect(DateTestSupport.run(expression) == DateTestSupport.expected(expected))
    }

    @Test(
        "$dateFromString errors carry the server's messages",
        arguments: [
            (
                makeFromString(#""dateString": 5"#),
                "error: $dateFromString requires that 'dateString' be a string, found: int with value 5"
            ),
            (
                makeFromString(#""dateString": "2017-02-08T12:10:40+01:00", "timezone": "Europe/Paris""#),
                "error: you cannot pass in a date/time string with GMT offset together with a timezone argument"
            ),
            (
                makeFromString(#""dateString": "2017-02-08T12:10:40Z", "timezone": "Europe/Paris""#),
                "error: you cannot pass in a date/time string with time zone information ('Z') together with a timezone argument"
            ),
            (
                makeFromString(#""dateString": "2017-02-08T12:10:40 GMT", "timezone": "-05""#),
                "error: you cannot pass in a date/time string with time zone information ('GMT') together with a timezone argument"
            ),
            (
                makeFromString(#""dateString": "2024-01-01", "timezone": "Bad/Zone", "onError": 1"#),
                #"error: unrecognized time zone identifier: "Bad/Zone""#
            ),
            (
                makeFromString(#""dateString": "2024-03-15", "format": "%Y-%m-%d %w""#),
                "error: Invalid format character '%w' in format string"
            ),
            (
                makeFromString(#""dateString": "2024-03-15", "format": "%Y-%m-%""#),
                "error: Unmatched '%' at end of format string"
            ),
            (
                makeFromString(#""dateString": "2024-03", "format": "%Y-%m""#),
                #"error: an incomplete date/time string has been found, with elements missing: "2024-03""#
            ),
            (
                makeFromString(#""dateString": "2024-03-15x", "format": "%Y-%m-%d""#),
                "error: Error parsing date string '2024-03-15x'; 10: Trailing data 'x'"
            ),
            (
                makeFromString(#""dateString": "24-03-15", "format": "%Y-%m-%d""#),
                "error: Error parsing date string '24-03-15'; 0: A four digit year could not be found '2'"
            ),
            (makeFromString(#""format": "%Y""#), "error: Missing 'dateString' parameter to $dateFromString"),
            (
                makeFromString(#""dateString": "2024", "fmt": "%Y""#),
                "error: Unrecognized argument to $dateFromString: fmt"
            ),
            (
                #"{"$dateFromString": "2024-01-01"}"#,
                "error: $dateFromString only supports an object as an argument, found: string"
            ),
        ])
    func fromStringErrors(expression: String, expected: String) {
        #expect(DateTestSupport.run(expression) == DateTestSupport.expected(expected))
    }
}
