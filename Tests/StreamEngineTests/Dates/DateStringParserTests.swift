import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

@Suite("DateStringParser", .tags(.small))
struct DateStringParserTests {
    @Test(
        "Wall time and the zone written in the string (the ISO hot path and the full parser agree)",
        arguments: [
            (
                "2024-03-15T10:37:12.345Z", 1_710_499_032_345,
                DateStringParser.ZoneInString.abbreviation("Z", seconds: 0)
            ),
            ("2024-03-15t10:37:12.345z", 1_710_499_032_345, .abbreviation("Z", seconds: 0)),
            ("2024-03-15T10:37:12.345", 1_710_499_032_345, .none),
            ("2024-03-15 10:37:12.345", 1_710_499_032_345, .none),
            ("2024-03-15T10:37:12.345+02:00", 1_710_499_032_345, .offset(seconds: 7200)),
            ("2024-03-15T10:37:12.345 +02:00", 1_710_499_032_345, .offset(seconds: 7200)),
            ("2024-03-15T10:37:12.345-0330", 1_710_499_032_345, .offset(seconds: -12600)),
            ("2024-03-15T10:37:12.345 GMT", 1_710_499_032_345, .abbreviation("GMT", seconds: 0)),
            ("2024-03-15", 1_710_460_800_000, .none),
            ("1969-12-31T23:59:59.999", -1, .none),
        ])
    func parses(text: String, localMillis: Int64, zone: DateStringParser.ZoneInString) throws {
        let parsed = try DateStringParser.parse(text)
        #expect(parsed == DateStringParser.Parsed(localMillis: localMillis, zone: zone))
    }

    @Test(
        "Formats",
        arguments: [
            ("2024-03-15", "%Y-%m-%d", 1_710_460_800_000, DateStringParser.ZoneInString.none),
            ("15.03.2024 10:37", "%d.%m.%Y %H:%M", 1_710_499_020_000, .none),
            ("2024-03-15T10:37:12.345+0200", "%Y-%m-%dT%H:%M:%S.%L%z", 1_710_499_032_345, .offset(seconds: 7200)),
            ("2024-03-15 +330", "%Y-%m-%d %Z", 1_710_460_800_000, .offset(seconds: 19800)),
            ("2024 075", "%Y %j", 1_710_460_800_000, .none),
            ("2024-W11-5", "%G-W%V-%u", 1_710_460_800_000, .none),
        ])
    func parsesFormats(text: String, format: String, localMillis: Int64, zone: DateStringParser.ZoneInString)
        throws
    {
        let parsed = try DateStringParser.parse(text, format: format)
        #expect(parsed == DateStringParser.Parsed(localMillis: localMillis, zone: zone))
    }

    @Test(
        "Format validation",
        arguments: [
            ("%Y-%m-%d %H:%M:%S.%L %z %Z %j %G %V %u %b %B %%", nil),
            ("%w", "Invalid format character '%w' in format string"),
            ("%U", "Invalid format character '%U' in format string"),
            ("abc%", "Unmatched '%' at end of format string"),
        ] as [(String, String?)])
    func validatesFormats(format: String, message: String?) {
        do {
            try DateStringParser.validate(format: format)
            #expect(message == nil)
        } catch {
            #expect(error.message == message)
        }
    }
}
