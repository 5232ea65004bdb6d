import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

@Suite("Decimal128 arithmetic", .tags(.small))
struct Decimal128ArithmeticTests {
    private func decimal(_ text: String) throws -> BSONDecimal128 { try BSONDecimal128(string: text) }

    @Test(
        "Add, subtract, multiply, divide and remainder, rounded to 34 digits",
        arguments: [
            ("+", "1", "2", "3"), ("+", "1.5", "2.25", "3.75"), ("+", "0.1", "0.2", "0.3"),
            ("+", "1", "1E-50", "1.000000000000000000000000000000000"), ("+", "-1", "1", "0"),
            ("+", "1E+6000", "0E-6000", "1.000000000000000000000000000000000E+6000"),
            ("+", "9999999999999999999999999999999999", "1", "1.000000000000000000000000000000000E+34"),
            ("+", "Infinity", "-Infinity", "NaN"), ("+", "Infinity", "5", "Infinity"), ("+", "NaN", "1", "NaN"),
            ("-", "1", "1E-50", "1.000000000000000000000000000000000"), ("-", "5.5", "0.5", "5.0"),
            ("-", "1", "3", "-2"), ("-", "0.3", "0.1", "0.2"),
            ("*", "1.5", "2", "3.0"), ("*", "-2", "3", "-6"), ("*", "1E+6111", "10", "1.0E+6112"),
            ("*", "9E+6111", "9E+10", "Infinity"),
            ("*", "0.1", "0.1", "0.01"), ("*", "Infinity", "0", "NaN"),
            ("*", "1111111111111111111111111111111111", "3", "3333333333333333333333333333333333"),
            ("*", "5555555555555555555555555555555555", "3", "1.666666666666666666666666666666666E+34"),
            ("/", "1", "3", "0.3333333333333333333333333333333333"), ("/", "6", "3", "2"),
            ("/", "1", "4", "0.25"), ("/", "2", "3", "0.6666666666666666666666666666666667"),
            ("/", "1.00", "2", "0.50"), ("/", "10", "0.5", "2E+1"), ("/", "1", "0", "Infinity"),
            ("/", "0", "0", "NaN"), ("/", "-1", "0", "-Infinity"),
            ("%", "7", "3", "1"), ("%", "-7", "3", "-1"), ("%", "7.5", "2", "1.5"), ("%", "7", "-3", "1"),
        ])
    func arithmetic(operation: String, left: String, right: String, expected: String) throws {
        let a = try decimal(left)
        let b = try decimal(right)
        let result: BSONDecimal128
        switch operation {
        case "+": result = Decimal128Arithmetic.add(a, b)
        case "-": result = Decimal128Arithmetic.subtract(a, b)
        case "*": result = Decimal128Arithmetic.multiply(a, b)
        case "/": result = Decimal128Arithmetic.divide(a, b)
        default: result = Decimal128Arithmetic.remainder(a, b)
        }
        #expect(result.description == expected)
    }

    @Test(
        "Comparison by value",
        arguments: [
            ("1", "1.00", 0), ("-0", "0", 0), ("1", "2", -1), ("-1", "-2", 1), ("NaN", "NaN", 0),
            ("NaN", "-Infinity", -1), ("Infinity", "1E+6111", 1), ("1E-6176", "0", 1), ("123.45", "1.2345E+2", 0),
            ("0.1", "0.09999999999999999999999999999999999", 1),
        ])
    func comparison(left: String, right: String, expected: Int) throws {
        #expect(Decimal128Arithmetic.compare(try decimal(left), try decimal(right)) == expected)
    }

    @Test(
        "From Double with 15 or 34 significant digits",
        arguments: [
            (2.5, 15, "2.50000000000000"), (0.1, 15, "0.100000000000000"),
            (0.1, 34, "0.1000000000000000055511151231257827"),
            (2.675, 34, "2.674999999999999822364316059974954"), (-0.0, 15, "-0"), (1e300, 15, "1.00000000000000E+300"),
            (123456789.123, 15, "123456789.123000"), (Double.infinity, 15, "Infinity"),
            (9.999999999999999, 15, "10.0000000000000"),
        ])
    func fromDouble(value: Double, digits: Int, expected: String) {
        #expect(Decimal128Arithmetic.from(value, significantDigits: digits).description == expected)
    }

    @Test(
        "Quantize with ties to even and toward zero",
        arguments: [
            ("2.5", 0, true, "2"), ("3.5", 0, true, "4"), ("-2.5", 0, true, "-2"), ("1.5", -2, true, "1.50"),
            ("1234.5678", 2, true, "1.2E+3"), ("2.7", 0, false, "2"), ("-2.7", 0, false, "-2"),
            ("0.125", -2, true, "0.12"), ("Infinity", 0, true, "Infinity"),
        ])
    func quantize(value: String, exponent: Int, tiesToEven: Bool, expected: String) throws {
        let result = Decimal128Arithmetic.quantize(
            try decimal(value), exponent: exponent, rounding: tiesToEven ? .tiesToEven : .towardZero)
        #expect(result.description == expected)
    }

    @Test("Conversions to Double and Int64")
    func conversions() throws {
        #expect(Decimal128Arithmetic.toDouble(try decimal("0.1")) == 0.1)
        #expect(Decimal128Arithmetic.toDouble(try decimal("-Infinity")) == -.infinity)
        #expect(Decimal128Arithmetic.toInt64(try decimal("2.7"), rounding: .towardZero) == 2)
        #expect(Decimal128Arithmetic.toInt64(try decimal("-2.5"), rounding: .tiesToEven) == -2)
        #expect(Decimal128Arithmetic.toInt64(try decimal("9223372036854775807"), rounding: .towardZero) == .max)
        #expect(Decimal128Arithmetic.toInt64(try decimal("-9223372036854775808"), rounding: .towardZero) == .min)
        #expect(Decimal128Arithmetic.toInt64(try decimal("9223372036854775808"), rounding: .towardZero) == nil)
        #expect(Decimal128Arithmetic.toInt64(try decimal("1E+3"), rounding: .towardZero) == 1000)
        #expect(Decimal128Arithmetic.toInt64(try decimal("NaN"), rounding: .towardZero) == nil)
        #expect(Decimal128Arithmetic.from(Int64.min).description == "-9223372036854775808")
        #expect(Decimal128Arithmetic.isZero(try decimal("0E-20")))
    }
}
