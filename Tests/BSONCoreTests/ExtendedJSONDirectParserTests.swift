import TestSupport
import Testing

@testable import BSONCore

/// The one-pass byte-level path (ExtendedJSON+DirectParser.swift): libbson's number rules, the `$date` fast
/// path, strings straight from the bytes, and the same errors as the tree path.
@Suite("Extended JSON direct parser", .tags(.small))
struct ExtendedJSONDirectParserTests {
    private func canonical(_ text: String) throws -> String {
        ExtendedJSON.serialize(try ExtendedJSON.parse(text), mode: .canonical)
    }

    @Test(
        "Numbers: Int32 when integral and fitting, Int64 when larger, Double with a fraction or exponent",
        arguments: [
            ("0", #"{"$numberInt":"0"}"#),
            ("-0", #"{"$numberInt":"0"}"#),
            ("2147483647", #"{"$numberInt":"2147483647"}"#),
            ("-2147483648", #"{"$numberInt":"-2147483648"}"#),
            ("2147483648", #"{"$numberLong":"2147483648"}"#),
            ("-2147483649", #"{"$numberLong":"-2147483649"}"#),
            ("999999999999999999", #"{"$numberLong":"999999999999999999"}"#),
            ("9223372036854775807", #"{"$numberLong":"9223372036854775807"}"#),
            ("-9223372036854775808", #"{"$numberLong":"-9223372036854775808"}"#),
            ("9223372036854775808", #"{"$numberDouble":"9.223372036854776E+18"}"#),
            ("1.5", #"{"$numberDouble":"1.5"}"#),
            ("-0.0", #"{"$numberDouble":"-0.0"}"#),
            ("687.25", #"{"$numberDouble":"687.25"}"#),
            ("0.1", #"{"$numberDouble":"0.1"}"#),
            ("1e2", #"{"$numberDouble":"100.0"}"#),
            ("1E-2", #"{"$numberDouble":"0.01"}"#),
            ("2.5e+3", #"{"$numberDouble":"2500.0"}"#),
            ("123456789012345.6", #"{"$numberDouble":"123456789012345.6"}"#),
            ("0.30000000000000004", #"{"$numberDouble":"0.30000000000000004"}"#),
            ("1.7976931348623157e308", #"{"$numberDouble":"1.7976931348623157E+308"}"#),
            ("5e-324", #"{"$numberDouble":"5.0E-324"}"#),
            ("1e400", #"{"$numberDouble":"Infinity"}"#),
        ])
    func numbers(text: String, expected: String) throws {
        #expect(try canonical(text) == expected)
    }

    @Test("Decimals agree with the standard library's correctly rounded conversion")
    func decimalsRoundCorrectly() throws {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let whole = Int.random(in: 0...9_999_999, using: &random)
            let fraction = Int.random(in: 0...99_999_999, using: &random)
            let exponent = Int.random(in: -25...25, using: &random)
            let text = "\(whole).\(fraction)e\(exponent)"
            guard case .double(let value) = try ExtendedJSON.parse(text) else {
                Issue.record("\(text) is not a double")
                continue
            }
            #expect(value == Double(text), "\(text)")
        }
    }

    @Test(
        "$date strings take the fast path; other $date forms and $-objects the full decoder",
        arguments: [
            (#"{"$date":"2024-01-01T00:00:00.001Z"}"#, #"{"$date":{"$numberLong":"1704067200001"}}"#),
            (#"{ "$date" : "2024-01-01T01:00:00+01:00" }"#, #"{"$date":{"$numberLong":"1704067200000"}}"#),
            (#"{"$date":{"$numberLong":"-5"}}"#, #"{"$date":{"$numberLong":"-5"}}"#),
            (#"{"$date":1}"#, #"{"$date":{"$numberLong":"1"}}"#),
            (#"{"$match":{"a":{"$gt":1}}}"#, #"{"$match":{"a":{"$gt":{"$numberInt":"1"}}}}"#),
            (#"{"a":{"$oid":"5fa5694f88211043b23c7f11"}}"#, #"{"a":{"$oid":"5fa5694f88211043b23c7f11"}}"#),
        ])
    func wrappers(text: String, expected: String) throws {
        #expect(try canonical(text) == expected)
    }

    @Test("A bad $date string is reported by the full decoder")
    func badDate() {
        #expect(
            throws: BSONError(
                .invalidExtendedJSON, "Invalid '$date' value 'nope': expected an ISO-8601 date", line: 1, column: 10)
        ) {
            try ExtendedJSON.parse(#"{"$date":"nope"}"#)
        }
    }

    @Test(
        "Strings: escapes, UTF-8, keys of any length",
        arguments: [
            (#"{"k":"plain"}"#, #"{"k":"plain"}"#),
            (#"{"k":"a\"b\\c\nd\u00e9\ud83d\ude00"}"#, #"{"k":"a\"b\\c\nd\#u{E9}\#u{1F600}"}"#),
            (#"{"a-very-long-key-over-fifteen-bytes":"é日本"}"#, #"{"a-very-long-key-over-fifteen-bytes":"é日本"}"#),
            (
                #"{"a":[1,[2,{"b":[]}],{}],"c":null,"d":true,"e":false}"#,
                #"{"a":[{"$numberInt":"1"},[{"$numberInt":"2"},{"b":[]}],{}],"c":null,"d":true,"e":false}"#
            ),
        ])
    func strings(text: String, expected: String) throws {
        #expect(try canonical(text) == expected)
    }

    @Test("A reader reused across documents, after errors too, gives the same results as fresh parses")
    func readerReuse() throws {
        var reader = ExtendedJSONReader()
        let lines = [#"{"a":{"b":[1,2]},"c":"d"}"#, #"{"a":[{"x":1},"#, #"{"e":{"$date":"2024-01-01T00:00:00Z"}}"#]
        var results: [String] = []
        for line in lines {
            var text = line
            let parsed = text.withUTF8 { bytes in Result { () throws(BSONError) in try reader.parseDocument(bytes) } }
            switch parsed {
            case .success(let document): results.append(ExtendedJSON.serialize(document, mode: .relaxed))
            case .failure(let error): results.append(error.message)
            }
        }
        #expect(
            results == [
                #"{"a":{"b":[1,2]},"c":"d"}"#,
                "Invalid Extended JSON at 1:15: Expected a value, found end of input",
                #"{"e":{"$date":"2024-01-01T00:00:00Z"}}"#,
            ])
    }
}
