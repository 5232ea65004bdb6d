import TestSupport
import Testing

@testable import Interpreter

@Suite(.tags(.small))
struct JSNumberTests {
    @Test(arguments: [
        (5.0, "5"), (-0.0, "0"), (402.17, "402.17"), (1e21, "1e+21"), (1.5e-7, "1.5e-7"), (Double.nan, "NaN"),
        (Double.infinity, "Infinity"), (-Double.infinity, "-Infinity"), (0.1 + 0.2, "0.30000000000000004"),
        (1.2345678901234568e20, "123456789012345680000"), (1e-6, "0.000001"), (1e-7, "1e-7"), (-1.5, "-1.5"),
        (2e15, "2000000000000000"), (1.7976931348623157e308, "1.7976931348623157e+308"),
        (Double.leastNonzeroMagnitude, "5e-324"),
        (0.5, "0.5"), (100, "100"), (1234.5678, "1234.5678"), (9.007199254740993e15, "9007199254740992"),
    ])
    func format(value: Double, expected: String) {
        #expect(JSNumber.format(value) == expected)
    }

    @Test(arguments: [
        ("", 0.0), ("  12  ", 12), ("0x10", 16), ("1e3", 1000), ("-Infinity", -Double.infinity), (".5", 0.5),
        ("5.", 5), ("+3", 3),
    ])
    func parse(text: String, expected: Double) {
        #expect(JSNumber.parse(text) == expected)
    }

    @Test(arguments: ["abc", "1a", "inf", "nan", "0x1p3", "1e", "--1", "."])
    func parseInvalid(text: String) {
        #expect(JSNumber.parse(text).isNaN)
    }
}
