import TestSupport
import Testing

@testable import BSONCore

@Suite("Decimal128 strings")
struct BSONDecimal128Tests {
    /// Input string, its canonical string (the corpus rules), and the BID bits (high, low).
    static let cases: [(String, String, UInt64, UInt64)] = [
        ("0", "0", 0x3040_0000_0000_0000, 0),
        ("-0", "-0", 0xB040_0000_0000_0000, 0),
        ("1", "1", 0x3040_0000_0000_0000, 1),
        ("-1", "-1", 0xB040_0000_0000_0000, 1),
        ("+1", "1", 0x3040_0000_0000_0000, 1),
        ("00001", "1", 0x3040_0000_0000_0000, 1),
        ("0.00", "0.00", 0x303C_0000_0000_0000, 0),
        ("-0.00", "-0.00", 0xB03C_0000_0000_0000, 0),
        ("0E+3", "0E+3", 0x3046_0000_0000_0000, 0),
        ("0.1", "0.1", 0x303E_0000_0000_0000, 1),
        (".5", "0.5", 0x303E_0000_0000_0000, 5),
        ("5.", "5", 0x3040_0000_0000_0000, 5),
        ("1000", "1000", 0x3040_0000_0000_0000, 1000),
        ("1E3", "1E+3", 0x3046_0000_0000_0000, 1),
        ("1.0E3", "1.0E+3", 0x3044_0000_0000_0000, 10),
        ("1.0e+3", "1.0E+3", 0x3044_0000_0000_0000, 10),
        ("-1.23E+3", "-1.23E+3", 0xB042_0000_0000_0000, 123),
        ("0.001234", "0.001234", 0x3034_0000_0000_0000, 1234),
        ("0.000001234", "0.000001234", 0x302E_0000_0000_0000, 1234),
        ("0.0000001234", "1.234E-7", 0x302C_0000_0000_0000, 1234),
        ("123E-8", "0.00000123", 0x3030_0000_0000_0000, 123),
        ("123E-9", "1.23E-7", 0x302E_0000_0000_0000, 123),
        ("1E-6176", "1E-6176", 0, 1),
        ("10E-6177", "1E-6176", 0, 1),
        ("0E-6177", "0E-6176", 0, 0),
        ("-0E-8000", "-0E-6176", 0x8000_0000_0000_0000, 0),
        ("0E+6112", "0E+6111", 0x5FFE_0000_0000_0000, 0),
        ("0E+99999999999", "0E+6111", 0x5FFE_0000_0000_0000, 0),
        ("1E+6144", "1.000000000000000000000000000000000E+6144", 0x5FFE_314D_C644_8D93, 0x38C1_5B0A_0000_0000),
        ("1E+6112", "1.0E+6112", 0x5FFE_0000_0000_0000, 10),
        (
            "9.999999999999999999999999999999999E+6144", "9.999999999999999999999999999999999E+6144",
            0x5FFF_ED09_BEAD_87C0, 0x378D_8E63_FFFF_FFFF
        ),
        (
            "1234567890123456789012345678901234", "1234567890123456789012345678901234",
            0x3040_3CDE_6FFF_9732, 0xDE82_5CD0_7E96_AFF2
        ),
        (
            "12345678901234567890123456789012340", "1.234567890123456789012345678901234E+34",
            0x3042_3CDE_6FFF_9732, 0xDE82_5CD0_7E96_AFF2
        ),
        ("Infinity", "Infinity", 0x7800_0000_0000_0000, 0),
        ("inf", "Infinity", 0x7800_0000_0000_0000, 0),
        ("-INFINITY", "-Infinity", 0xF800_0000_0000_0000, 0),
        ("-Inf", "-Infinity", 0xF800_0000_0000_0000, 0),
        ("NaN", "NaN", 0x7C00_0000_0000_0000, 0),
        ("nan", "NaN", 0x7C00_0000_0000_0000, 0),
        ("-NaN", "NaN", 0xFC00_0000_0000_0000, 0),
    ]

    @Test("parses to the BID bits and prints the canonical string", .tags(.small), arguments: cases)
    func parseAndPrint(_ testCase: (String, String, UInt64, UInt64)) throws {
        let (input, canonical, high, low) = testCase
        let decimal = try BSONDecimal128(string: input)
        #expect(decimal.description == canonical)
        #expect(String(decimal.high, radix: 16) == String(high, radix: 16))
        #expect(String(decimal.low, radix: 16) == String(low, radix: 16))
        #expect(try BSONDecimal128(string: canonical).description == canonical)
    }

    @Test(
        "non-canonical encodings print as zero or NaN", .tags(.small),
        arguments: [
            // A coefficient of exactly 10^34 is out of range, so it reads as zero.
            (UInt64(0x3041_ED09_BEAD_87C0), UInt64(0x378D_8E64_0000_0000), "0"),
            // The "11" combination form always has an out-of-range coefficient: zero with that exponent.
            (0x6C11_8000_0000_0000, 0, "0E+3"),
            (0x7E00_0000_0000_0000, 0, "NaN"),
            (0xFE00_0000_0000_0000, 0, "NaN"),
        ])
    func nonCanonical(high: UInt64, low: UInt64, text: String) {
        #expect(BSONDecimal128(low: low, high: high).description == text)
    }

    @Test(
        "rejects bad syntax", .tags(.small),
        arguments: [
            "", ".", "e", "1e", "1e+", ".e1", "E02", "1.2.3", "abc", "Infi", "NaNs", "sNaN", " 1", "1 ", "--1", "+-1",
            "1,5", "1E1.5", "-", "+", "1E+1E", "0x10",
        ])
    func rejectsSyntax(_ text: String) {
        #expect(throws: BSONError(.invalidDecimal128, "Invalid Decimal128 string '\(text)'")) {
            try BSONDecimal128(string: text)
        }
    }

    @Test(
        "rejects values that would need rounding", .tags(.small),
        arguments: [
            ("12345678901234567890123456789012345", "cannot be represented exactly (it would be rounded)"),
            ("1E-6177", "cannot be represented exactly (it would be rounded)"),
            ("1.5E-6176", "cannot be represented exactly (it would be rounded)"),
            ("1E+6145", "is too large (exponent overflow)"),
            ("10E+6144", "is too large (exponent overflow)"),
        ])
    func rejectsRounding(text: String, problem: String) {
        #expect(throws: BSONError(.invalidDecimal128, "Decimal128 value '\(text)' \(problem)")) {
            try BSONDecimal128(string: text)
        }
    }
}
