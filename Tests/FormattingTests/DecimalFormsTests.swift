import BSONCore
import Formatting
import TestSupport
import Testing

/// Decimal128 printing: mongosh's `Decimal128('…')` with the canonical string (as `mongosh-inspect.js` prints
/// `{ $numberDecimal }` values).
@Suite("Decimal128 printed form", .tags(.small))
struct DecimalFormsTests {
    @Test(arguments: [
        ("1", "Decimal128('1')"), ("-0", "Decimal128('-0')"), ("0.001234", "Decimal128('0.001234')"),
        ("1.0E+3", "Decimal128('1.0E+3')"), ("NaN", "Decimal128('NaN')"), ("-Infinity", "Decimal128('-Infinity')"),
    ])
    func decimal(_ text: String, _ expected: String) throws {
        let value = BSONValue.decimal128(try BSONDecimal128(string: text))
        #expect(Inspector.inspect(value, options: .shell) == expected)
    }
}
