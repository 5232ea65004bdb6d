import Foundation
import TestSupport
import Testing

@testable import BSONCore

@Suite("ISO-8601 dates")
struct ISODateTests {
    @Test("formatting agrees with Foundation and parses back", .tags(.small))
    func agreesWithFoundation() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var millis: Int64 = 0
        for step in 0..<2000 {
            millis = (millis &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407)
            let value =
                Int64(UInt64(bitPattern: millis) % 253_402_300_800_000) - (step % 2 == 0 ? 0 : 62_135_596_800_000)
            guard value >= 0 else { continue }
            let text = try #require(ISODate.format(millis: value))
            let foundation = formatter.string(from: Date(timeIntervalSince1970: Double(value) / 1000))
            #expect(
                text.replacingOccurrences(of: ".000Z", with: "Z")
                    == foundation.replacingOccurrences(of: ".000Z", with: "Z"))
            #expect(ISODate.parse(text) == value)
        }
    }

    @Test(
        "year range: 0 to 9999 only", .tags(.small),
        arguments: [
            (Int64(-62_167_219_200_000), "0000-01-01T00:00:00Z"),
            (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
            (1_620_143_373_123, "2021-05-04T15:49:33.123Z"),
            (951_782_400_000, "2000-02-29T00:00:00Z"),
        ])
    func format(millis: Int64, text: String) {
        #expect(ISODate.format(millis: millis) == text)
        #expect(ISODate.parse(text) == millis)
    }

    @Test("out of range or malformed", .tags(.small))
    func rejects() {
        #expect(ISODate.format(millis: 253_402_300_800_000) == nil)
        #expect(ISODate.format(millis: -62_167_219_200_001) == nil)
        for text in [
            "2021-02-29T00:00:00Z", "2021-01-01", "2021-01-01T24:00:00Z", "2021-01-01T00:00:00",
            "2021-01-01T00:00:00.Z",
            "2021-01-01T00:00:00Zjunk", "21-01-01T00:00:00Z",
        ] {
            #expect(ISODate.parse(text) == nil, "\(text)")
        }
        #expect(ISODate.parse("2021-01-01T00:00Z") == 1_609_459_200_000)
        #expect(ISODate.parse("2021-01-01T01:00:00+0100") == 1_609_459_200_000)
        #expect(ISODate.parse("2020-12-31T23:00:00.1234-01:00") == 1_609_459_200_123)
    }
}
