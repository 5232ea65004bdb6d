import TestSupport
import Testing

@testable import BSONCore

@Suite("Extended JSON")
struct ExtendedJSONTests {
    struct ParseCase: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var canonical: String
        var testDescription: String { name }
    }

    /// Relaxed, legacy and degenerate inputs, with the canonical form they must read as.
    static let parseCases: [ParseCase] = [
        .init(
            name: "legacy $date number", text: #"{"d":{"$date":1356351330501}}"#,
            canonical: #"{"d":{"$date":{"$numberLong":"1356351330501"}}}"#),
        .init(
            name: "legacy $date negative number", text: #"{"d":{"$date":-1}}"#,
            canonical: #"{"d":{"$date":{"$numberLong":"-1"}}}"#),
        .init(
            name: "relaxed $date with offset", text: #"{"d":{"$date":"2012-12-24T12:15:30.5+01:00"}}"#,
            canonical: #"{"d":{"$date":{"$numberLong":"1356347730500"}}}"#),
        .init(
            name: "relaxed $date without milliseconds", text: #"{"d":{"$date":"1970-01-01T00:00:01Z"}}"#,
            canonical: #"{"d":{"$date":{"$numberLong":"1000"}}}"#),
        .init(
            name: "relaxed $date before 1970", text: #"{"d":{"$date":"1960-12-31T23:59:59.999Z"}}"#,
            canonical: #"{"d":{"$date":{"$numberLong":"-283996800001"}}}"#),
        .init(
            name: "legacy $binary and $type", text: #"{"x":{"$binary":"//8=","$type":"80"}}"#,
            canonical: #"{"x":{"$binary":{"base64":"//8=","subType":"80"}}}"#),
        .init(
            name: "legacy $type first, one digit", text: #"{"x":{"$type":"0","$binary":"//8="}}"#,
            canonical: #"{"x":{"$binary":{"base64":"//8=","subType":"00"}}}"#),
        .init(
            name: "legacy $regex and $options", text: #"{"r":{"$regex":"abc","$options":"mi"}}"#,
            canonical: #"{"r":{"$regularExpression":{"pattern":"abc","options":"im"}}}"#),
        .init(
            name: "$regex alone is a query operator", text: #"{"r":{"$regex":"abc"}}"#,
            canonical: #"{"r":{"$regex":"abc"}}"#),
        .init(
            name: "$regularExpression options are sorted",
            text: #"{"r":{"$regularExpression":{"options":"xi","pattern":"a"}}}"#,
            canonical: #"{"r":{"$regularExpression":{"pattern":"a","options":"ix"}}}"#),
        .init(
            name: "$uuid", text: #"{"u":{"$uuid":"73ffd264-44b3-4c69-90e8-e7d1dfc035d4"}}"#,
            canonical: #"{"u":{"$binary":{"base64":"c//SZESzTGmQ6OfR38A11A==","subType":"04"}}}"#),
        .init(
            name: "plain numbers pick int32, int64 or double",
            text: #"{"a":1,"b":2147483648,"c":9223372036854775808,"d":1.5,"e":-0,"f":1e2,"g":-0.0}"#,
            canonical:
                #"{"a":{"$numberInt":"1"},"b":{"$numberLong":"2147483648"},"c":{"$numberDouble":"9.223372036854776E+18"},"d":{"$numberDouble":"1.5"},"e":{"$numberInt":"0"},"f":{"$numberDouble":"100.0"},"g":{"$numberDouble":"-0.0"}}"#
        ),
        .init(
            name: "1.0 is a double and 1 an int32", text: #"{"a":1.0,"b":1,"c":[1.0,1]}"#,
            canonical:
                #"{"a":{"$numberDouble":"1.0"},"b":{"$numberInt":"1"},"c":[{"$numberDouble":"1.0"},{"$numberInt":"1"}]}"#
        ),
        .init(
            name: "$numberDouble spellings", text: #"{"a":{"$numberDouble":"1E+2"},"b":{"$numberDouble":"-1.5e-3"}}"#,
            canonical: #"{"a":{"$numberDouble":"100.0"},"b":{"$numberDouble":"-0.0015"}}"#),
        .init(
            name: "$numberDecimal is normalized", text: #"{"d":{"$numberDecimal":"1.5E3"}}"#,
            canonical: #"{"d":{"$numberDecimal":"1.5E+3"}}"#),
        .init(
            name: "whitespace and unicode escapes", text: "{ \"a\" :\n\t\"\\u00e9\\ud83d\\ude00\\/\" }",
            canonical: #"{"a":"é😀/"}"#),
        .init(
            name: "operators and DBRefs stay documents", text: #"{"$set":{"a":1},"r":{"$ref":"c","$id":1}}"#,
            canonical: #"{"$set":{"a":{"$numberInt":"1"}},"r":{"$ref":"c","$id":{"$numberInt":"1"}}}"#),
        .init(
            name: "duplicate keys are kept in order", text: #"{"a":1,"b":2,"a":3}"#,
            canonical: #"{"a":{"$numberInt":"1"},"b":{"$numberInt":"2"},"a":{"$numberInt":"3"}}"#),
        .init(name: "top-level array", text: "[1, \"x\", null]", canonical: #"[{"$numberInt":"1"},"x",null]"#),
        .init(name: "top-level scalar", text: " 2.5 ", canonical: #"{"$numberDouble":"2.5"}"#),
        .init(
            name: "top-level wrapper", text: #"{"$oid":"56E1FC72E0C917E9C4714161"}"#,
            canonical: #"{"$oid":"56e1fc72e0c917e9c4714161"}"#),
    ]

    @Test("parses relaxed, legacy and degenerate forms", .tags(.small), arguments: parseCases)
    func parses(_ testCase: ParseCase) throws {
        let value = try ExtendedJSON.parse(testCase.text)
        #expect(ExtendedJSON.serialize(value, mode: .canonical) == testCase.canonical)
    }

    struct ErrorCase: CustomTestStringConvertible, Sendable {
        var text: String
        var message: String
        var testDescription: String { text }
    }

    static let errorCases: [ErrorCase] = [
        .init(text: "", message: "Invalid Extended JSON at 1:1: Expected a value, found end of input"),
        .init(text: #"{"a":1,}"#, message: "Invalid Extended JSON at 1:8: Expected a string key, found '}'"),
        .init(text: #"{"a" 1}"#, message: "Invalid Extended JSON at 1:6: Expected ':' after an object key, found '1'"),
        .init(
            text: #"{"a":1"#,
            message: "Invalid Extended JSON at 1:7: Expected ',' or '}' in an object, found end of input"),
        .init(text: "[1 2]", message: "Invalid Extended JSON at 1:4: Expected ',' or ']' in an array, found '2'"),
        .init(text: #"{"a":01}"#, message: "Invalid Extended JSON at 1:6: Leading zeros are not allowed in a number"),
        .init(text: #"{"a":1.}"#, message: "Invalid Extended JSON at 1:8: Expected a digit after '.', found '}'"),
        .init(text: #"{"a":"x"#, message: "Invalid Extended JSON at 1:6: Unterminated string"),
        .init(text: #"{"a":"\q"}"#, message: #"Invalid Extended JSON at 1:7: Invalid escape '\q' in a string"#),
        .init(
            text: "{\"a\":\"\t\"}",
            message: "Invalid Extended JSON at 1:7: Control character U+0009 must be escaped in a string"),
        .init(text: #"["\ud800"]"#, message: #"Invalid Extended JSON at 1:3: Unpaired surrogate in a \u escape"#),
        .init(text: "{\n  \"a\": tru\n}", message: "Invalid Extended JSON at 2:8: Expected a value, found 't'"),
        .init(text: #"{"é":x}"#, message: "Invalid Extended JSON at 1:6: Expected a value, found 'x'"),
        .init(text: #"{"a":1} x"#, message: "Invalid Extended JSON at 1:9: Unexpected 'x' after the JSON value"),
        .init(
            text: #"{"a":{"$oid":"xyz"}}"#,
            message: "Invalid Extended JSON at 1:14: Invalid ObjectId 'xyz': expected 24 hexadecimal digits"),
        .init(
            text: #"{"a":{"$oid":"56e1fc72e0c917e9c4714161","x":1}}"#,
            message: "Invalid Extended JSON at 1:6: Unexpected key 'x' in a '$oid' object"),
        .init(
            text: #"{"a":{"$numberInt":"1.5"}}"#,
            message: "Invalid Extended JSON at 1:20: Invalid '$numberInt' value '1.5': expected a 32-bit integer"),
        .init(
            text: #"{"a":{"$numberInt":"2147483648"}}"#,
            message: "Invalid Extended JSON at 1:20: Invalid '$numberInt' value '2147483648': expected a 32-bit integer"
        ),
        .init(
            text: #"{"a":{"$numberLong":1}}"#,
            message: "Invalid Extended JSON at 1:21: Expected a string for '$numberLong', found a number"),
        .init(
            text: #"{"a":{"$numberDouble":"inf"}}"#,
            message: "Invalid Extended JSON at 1:23: Invalid '$numberDouble' value 'inf'"),
        .init(
            text: #"{"a":{"$date":"2021-13-01T00:00:00Z"}}"#,
            message:
                "Invalid Extended JSON at 1:15: Invalid '$date' value '2021-13-01T00:00:00Z': expected an ISO-8601 date"
        ),
        .init(
            text: #"{"a":{"$numberDecimal":"1.2.3"}}"#,
            message: "Invalid Extended JSON at 1:24: Invalid Decimal128 string '1.2.3'"),
        .init(
            text: #"{"a":{"$binary":{"base64":"//8=","subType":"123"}}}"#,
            message: "Invalid Extended JSON at 1:44: Invalid binary subtype '123': expected 1 or 2 hexadecimal digits"),
        .init(
            text: #"{"a":{"$binary":{"base64":"%%","subType":"00"}}}"#,
            message: "Invalid Extended JSON at 1:17: Invalid base64 in '$binary'"),
        .init(
            text: #"{"a":{"$timestamp":{"t":-1,"i":1}}}"#,
            message: "Invalid Extended JSON at 1:25: Expected an unsigned 32-bit integer for 't'"),
        .init(
            text: #"{"a":{"$timestamp":{"t":1}}}"#,
            message: "Invalid Extended JSON at 1:20: Missing key 'i' in '$timestamp'"),
        .init(text: #"{"a":{"$minKey":0}}"#, message: "Invalid Extended JSON at 1:17: Expected 1 for '$minKey'"),
    ]

    @Test("rejects bad input with line:column", .tags(.small), arguments: errorCases)
    func rejects(_ testCase: ErrorCase) {
        do {
            let value = try ExtendedJSON.parse(testCase.text)
            Issue.record("Expected an error, parsed \(value)")
        } catch {
            #expect(error.message == testCase.message)
            #expect(error.kind == .invalidExtendedJSON)
        }
    }

    @Test(
        "parseDocument rejects values that are not documents", .tags(.small),
        arguments: [
            ("1", "Invalid Extended JSON at 1:1: Expected a document, found a value of type 'int'"),
            (
                #"{"$oid":"56e1fc72e0c917e9c4714161"}"#,
                "Invalid Extended JSON at 1:1: Expected a document, found a value of type 'objectId'"
            ),
        ])
    func parseDocumentRejects(text: String, message: String) {
        do {
            _ = try ExtendedJSON.parseDocument(text)
            Issue.record("Expected an error")
        } catch {
            #expect(error.message == message)
            #expect(error.line == 1 && error.column == 1)
        }
    }

    @Test("an indent gives one member per line", .tags(.small))
    func pretty() {
        let doc: BSONDocument = [
            "a": .int32(1), "b": .array([.int32(1), .document([:])]), "c": .document([:]), "d": .array([]),
            "e": .datetime(0),
        ]
        let expected = """
            {
              "a": 1,
              "b": [
                1,
                {}
              ],
              "c": {},
              "d": [],
              "e": {
                "$date": "1970-01-01T00:00:00Z"
              }
            }
            """
        #expect(ExtendedJSON.serialize(doc, mode: .relaxed, indent: 2) == expected)
        let canonical = """
            {
                "t": {
                    "$timestamp": {
                        "t": 1,
                        "i": 2
                    }
                }
            }
            """
        let stamp: BSONDocument = ["t": .timestamp(BSONTimestamp(t: 1, i: 2))]
        #expect(ExtendedJSON.serialize(stamp, mode: .canonical, indent: 4) == canonical)
        #expect(ExtendedJSON.serialize(stamp, mode: .canonical) == #"{"t":{"$timestamp":{"t":1,"i":2}}}"#)
    }

    @Test("deep nesting is rejected, not a crash", .tags(.small))
    func deepNesting() {
        let text = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        do {
            _ = try ExtendedJSON.parse(text)
            Issue.record("Expected an error")
        } catch {
            #expect(error.message == "Invalid Extended JSON at 1:257: Nesting is deeper than 256 levels")
        }
    }

    @Test("control characters and DEL are written as JSON requires", .tags(.small))
    func escapes() {
        let value = BSONValue.string("\u{08}\u{0C}\r\u{1F}\u{7F}é")
        #expect(ExtendedJSON.serialize(value, mode: .relaxed) == #""\b\f\r\u001F"# + "\u{7F}é\"")
    }
}
