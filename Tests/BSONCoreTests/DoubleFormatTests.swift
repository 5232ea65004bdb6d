import TestSupport
import Testing

@testable import BSONCore

@Suite("Extended JSON doubles")
struct DoubleFormatTests {
    @Test(
        "shortest round-trip digits, scientific below 1e-4 and from 1e16", .tags(.small),
        arguments: [
            (1.0, "1.0"), (-1.0, "-1.0"), (0.1 + 0.2, "0.30000000000000004"), (100, "100.0"), (1e-4, "0.0001"),
            (1.5e-5, "1.5E-5"), (123_456_789_012_345.6, "123456789012345.6"),
            (9_999_999_999_999_998, "9999999999999998.0"),
            (1e16, "1.0E+16"), (1e21, "1.0E+21"), (-2.5e-300, "-2.5E-300"), (0.5, "0.5"), (12.25, "12.25"),
        ])
    func format(number: Double, text: String) throws {
        #expect(ExtendedJSONWriter.format(number) == text)
        let parsed = try ExtendedJSON.parse(text)
        #expect(parsed == .double(number))
    }
}
