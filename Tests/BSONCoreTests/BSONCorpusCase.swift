import Testing

@testable import BSONCore

/// One BSON-corpus-style case: canonical bytes ⇄ value ⇄ canonical Extended JSON ⇄ relaxed Extended JSON.
struct BSONCorpusCase: CustomTestStringConvertible, Sendable {
    var name: String
    /// The canonical BSON of the whole document, in hex.
    var hex: String
    /// The document the bytes stand for.
    var value: BSONDocument
    var canonical: String
    var relaxed: String
    /// Whether parsing `relaxed` gives back a different value (an int64 that fits in int32, say).
    var relaxedIsLossy = false

    var testDescription: String { name }

    init(
        _ name: String, hex: String, _ value: BSONDocument, canonical: String, relaxed: String? = nil,
        relaxedIsLossy: Bool = false
    ) {
        self.name = name
        self.hex = hex
        self.value = value
        self.canonical = canonical
        self.relaxed = relaxed ?? canonical
        self.relaxedIsLossy = relaxedIsLossy
    }
}

extension BSONObjectID {
    static let sample = BSONObjectID(bytes: Hex.bytes("56E1FC72E0C917E9C4714161"))
}

func decimal(_ high: UInt64, _ low: UInt64) -> BSONValue { .decimal128(BSONDecimal128(low: low, high: high)) }

let uuidBytes = Hex.bytes("73FFD26444B34C6990E8E7D1DFC035D4")

/// The table: a section per BSON type.
let corpusCases: [BSONCorpusCase] = [
    // double
    .init(
        "double 1.0", hex: "10000000016400000000000000F03F00", ["d": .double(1.0)],
        canonical: #"{"d":{"$numberDouble":"1.0"}}"#, relaxed: #"{"d":1.0}"#),
    .init(
        "double -1.0", hex: "10000000016400000000000000F0BF00", ["d": .double(-1.0)],
        canonical: #"{"d":{"$numberDouble":"-1.0"}}"#, relaxed: #"{"d":-1.0}"#),
    .init(
        "double 1.0001220703125", hex: "10000000016400000000008000F03F00", ["d": .double(1.0001220703125)],
        canonical: #"{"d":{"$numberDouble":"1.0001220703125"}}"#, relaxed: #"{"d":1.0001220703125}"#),
    .init(
        "double 1.2345678921232E+18", hex: "100000000164002A1BF5F41022B14300", ["d": .double(1.2345678921232e18)],
        canonical: #"{"d":{"$numberDouble":"1.2345678921232E+18"}}"#, relaxed: #"{"d":1.2345678921232E+18}"#),
    .init(
        "double -1.2345678921232E+18", hex: "100000000164002A1BF5F41022B1C300", ["d": .double(-1.2345678921232e18)],
        canonical: #"{"d":{"$numberDouble":"-1.2345678921232E+18"}}"#, relaxed: #"{"d":-1.2345678921232E+18}"#),
    .init(
        "double 0.0", hex: "10000000016400000000000000000000", ["d": .double(0.0)],
        canonical: #"{"d":{"$numberDouble":"0.0"}}"#, relaxed: #"{"d":0.0}"#),
    .init(
        "double -0.0", hex: "10000000016400000000000000008000", ["d": .double(-0.0)],
        canonical: #"{"d":{"$numberDouble":"-0.0"}}"#, relaxed: #"{"d":-0.0}"#),
    .init(
        "double 0.001", hex: "10000000016400FCA9F1D24D62503F00", ["d": .double(0.001)],
        canonical: #"{"d":{"$numberDouble":"0.001"}}"#, relaxed: #"{"d":0.001}"#),
    .init(
        "double 1.0E-5", hex: "10000000016400F168E388B5F8E43E00", ["d": .double(1e-5)],
        canonical: #"{"d":{"$numberDouble":"1.0E-5"}}"#, relaxed: #"{"d":1.0E-5}"#),
    .init(
        "double 2^53", hex: "10000000016400000000000000404300", ["d": .double(9_007_199_254_740_992)],
        canonical: #"{"d":{"$numberDouble":"9007199254740992.0"}}"#, relaxed: #"{"d":9007199254740992.0}"#),
    .init(
        "double max", hex: "10000000016400FFFFFFFFFFFFEF7F00", ["d": .double(.greatestFiniteMagnitude)],
        canonical: #"{"d":{"$numberDouble":"1.7976931348623157E+308"}}"#, relaxed: #"{"d":1.7976931348623157E+308}"#),
    .init(
        "double smallest subnormal", hex: "10000000016400010000000000000000", ["d": .double(.leastNonzeroMagnitude)],
        canonical: #"{"d":{"$numberDouble":"5.0E-324"}}"#, relaxed: #"{"d":5.0E-324}"#),
    .init(
        "double NaN", hex: "10000000016400000000000000F87F00", ["d": .double(.nan)],
        canonical: #"{"d":{"$numberDouble":"NaN"}}"#),
    .init(
        "double Infinity", hex: "10000000016400000000000000F07F00", ["d": .double(.infinity)],
        canonical: #"{"d":{"$numberDouble":"Infinity"}}"#),
    .init(
        "double -Infinity", hex: "10000000016400000000000000F0FF00", ["d": .double(-.infinity)],
        canonical: #"{"d":{"$numberDouble":"-Infinity"}}"#),

    // string
    .init("empty string", hex: "0D000000026100010000000000", ["a": .string("")], canonical: #"{"a":""}"#),
    .init("one-character string", hex: "0E00000002610002000000620000", ["a": .string("b")], canonical: #"{"a":"b"}"#),
    .init("two-byte UTF-8", hex: "0F000000026100 03000000 C3A900 00", ["a": .string("é")], canonical: #"{"a":"é"}"#),
    .init(
        "four-byte UTF-8", hex: "11000000026100 05000000 F09F988000 00", ["a": .string("😀")],
        canonical: #"{"a":"😀"}"#),
    .init(
        "escapes", hex: "11000000026100 05000000 225C0A0100 00", ["a": .string("\"\\\n\u{01}")],
        canonical: #"{"a":"\"\\\n\u0001"}"#),
    .init(
        "embedded null", hex: "10000000026100 04000000 61006200 00", ["a": .string("a\u{0}b")],
        canonical: #"{"a":"a\u0000b"}"#),
    .init(
        "UTF-8 key", hex: "0D00000010C3A9000100000000", ["é": .int32(1)],
        canonical: #"{"é":{"$numberInt":"1"}}"#, relaxed: #"{"é":1}"#),

    // document and array
    .init("empty document", hex: "0500000000", [:], canonical: "{}"),
    .init("empty subdocument", hex: "0D000000037800050000000000", ["x": .document([:])], canonical: #"{"x":{}}"#),
    .init(
        "nested document", hex: "16000000 037800 0E00000002610002000000620000 00",
        ["x": .document(["a": .string("b")])],
        canonical: #"{"x":{"a":"b"}}"#),
    .init("empty array", hex: "0D000000046100050000000000", ["a": .array([])], canonical: #"{"a":[]}"#),
    .init(
        "array of one", hex: "14000000 046100 0C000000103000 0A00000000 00", ["a": .array([.int32(10)])],
        canonical: #"{"a":[{"$numberInt":"10"}]}"#, relaxed: #"{"a":[10]}"#),
    .init(
        "array of arrays", hex: "1C000000 046100 14000000 043000 0C000000 103000 01000000 00 00 00",
        ["a": .array([.array([.int32(1)])])],
        canonical: #"{"a":[[{"$numberInt":"1"}]]}"#, relaxed: #"{"a":[[1]]}"#),
    .init(
        "keys keep their order", hex: "14000000 0A7A00 0A6100 0A6D00 0A6200 0A3100 00",
        ["z": .null, "a": .null, "m": .null, "b": .null, "1": .null],
        canonical: #"{"z":null,"a":null,"m":null,"b":null,"1":null}"#),

    // binary
    .init(
        "binary subtype 0 empty", hex: "0D000000057800000000000000",
        ["x": .binary(BSONBinary(subtype: 0, data: []))],
        canonical: #"{"x":{"$binary":{"base64":"","subType":"00"}}}"#),
    .init(
        "binary subtype 0", hex: "0F0000000578000200000000FFFF00",
        ["x": .binary(BSONBinary(subtype: 0, data: [0xFF, 0xFF]))],
        canonical: #"{"x":{"$binary":{"base64":"//8=","subType":"00"}}}"#),
    .init(
        "binary subtype 2 (old)", hex: "13000000057800060000000202000000FFFF00",
        ["x": .binary(BSONBinary(subtype: 2, data: [0xFF, 0xFF]))],
        canonical: #"{"x":{"$binary":{"base64":"//8=","subType":"02"}}}"#),
    .init(
        "binary subtype 4 UUID", hex: "1D000000057800100000000473FFD26444B34C6990E8E7D1DFC035D400",
        ["x": .binary(BSONBinary(subtype: 4, data: uuidBytes))],
        canonical: #"{"x":{"$binary":{"base64":"c//SZESzTGmQ6OfR38A11A==","subType":"04"}}}"#),
    .init(
        "binary subtype 5 MD5", hex: "1D000000057800100000000573FFD26444B34C6990E8E7D1DFC035D400",
        ["x": .binary(BSONBinary(subtype: 5, data: uuidBytes))],
        canonical: #"{"x":{"$binary":{"base64":"c//SZESzTGmQ6OfR38A11A==","subType":"05"}}}"#),
    .init(
        "binary subtype 0x80", hex: "0F0000000578000200000080FFFF00",
        ["x": .binary(BSONBinary(subtype: 0x80, data: [0xFF, 0xFF]))],
        canonical: #"{"x":{"$binary":{"base64":"//8=","subType":"80"}}}"#),

    // undefined, ObjectId, bool, null
    .init("undefined", hex: "0800000006610000", ["a": .undefined], canonical: #"{"a":{"$undefined":true}}"#),
    .init(
        "ObjectId", hex: "1400000007610056E1FC72E0C917E9C471416100", ["a": .objectID(.sample)],
        canonical: #"{"a":{"$oid":"56e1fc72e0c917e9c4714161"}}"#),
    .init("true", hex: "090000000861000100", ["a": .bool(true)], canonical: #"{"a":true}"#),
    .init("false", hex: "090000000861000000", ["a": .bool(false)], canonical: #"{"a":false}"#),
    .init("null", hex: "080000000A610000", ["a": .null], canonical: #"{"a":null}"#),

    // datetime
    .init(
        "date epoch", hex: "10000000096100000000000000000000", ["a": .datetime(0)],
        canonical: #"{"a":{"$date":{"$numberLong":"0"}}}"#, relaxed: #"{"a":{"$date":"1970-01-01T00:00:00Z"}}"#),
    .init(
        "date with milliseconds", hex: "10000000096100C5D8D6CC3B01000000", ["a": .datetime(1_356_351_330_501)],
        canonical: #"{"a":{"$date":{"$numberLong":"1356351330501"}}}"#,
        relaxed: #"{"a":{"$date":"2012-12-24T12:15:30.501Z"}}"#),
    .init(
        "date before 1970", hex: "10000000096100C33CE7B9BDFFFFFF00", ["a": .datetime(-284_643_869_501)],
        canonical: #"{"a":{"$date":{"$numberLong":"-284643869501"}}}"#),
    .init(
        "date one millisecond before 1970", hex: "10000000096100FFFFFFFFFFFFFFFF00", ["a": .datetime(-1)],
        canonical: #"{"a":{"$date":{"$numberLong":"-1"}}}"#),
    .init(
        "date last millisecond of 9999", hex: "10000000096100FFDB1FD277E6000000", ["a": .datetime(253_402_300_799_999)],
        canonical: #"{"a":{"$date":{"$numberLong":"253402300799999"}}}"#,
        relaxed: #"{"a":{"$date":"9999-12-31T23:59:59.999Z"}}"#),
    .init(
        "date in year 10000", hex: "1000000009610000DC1FD277E6000000", ["a": .datetime(253_402_300_800_000)],
        canonical: #"{"a":{"$date":{"$numberLong":"253402300800000"}}}"#),
    .init(
        "date Int64 max", hex: "10000000096100FFFFFFFFFFFFFF7F00", ["a": .datetime(.max)],
        canonical: #"{"a":{"$date":{"$numberLong":"9223372036854775807"}}}"#),
    .init(
        "date Int64 min", hex: "10000000096100000000000000008000", ["a": .datetime(.min)],
        canonical: #"{"a":{"$date":{"$numberLong":"-9223372036854775808"}}}"#),

    // regex
    .init(
        "empty regex", hex: "0A0000000B6100000000", ["a": .regex(BSONRegex(pattern: "", options: ""))],
        canonical: #"{"a":{"$regularExpression":{"pattern":"","options":""}}}"#),
    .init(
        "regex with options", hex: "0F0000000B610061626300696D0000",
        ["a": .regex(BSONRegex(pattern: "abc", options: "im"))],
        canonical: #"{"a":{"$regularExpression":{"pattern":"abc","options":"im"}}}"#),
    .init(
        "regex with slash and all options", hex: "140000000B610061622F636400696D737578 0000",
        ["a": .regex(BSONRegex(pattern: "ab/cd", options: "imsux"))],
        canonical: #"{"a":{"$regularExpression":{"pattern":"ab/cd","options":"imsux"}}}"#),
    .init(
        "regex with escapes", hex: "0F0000000B6100615C2E2262000000",
        ["a": .regex(BSONRegex(pattern: #"a\."b"#, options: ""))],
        canonical: #"{"a":{"$regularExpression":{"pattern":"a\\.\"b","options":""}}}"#),

    // dbPointer, code, symbol, code with scope
    .init(
        "dbPointer", hex: "1A0000000C610002000000620056E1FC72E0C917E9C471416100",
        ["a": .dbPointer(namespace: "b", id: .sample)],
        canonical: #"{"a":{"$dbPointer":{"$ref":"b","$id":{"$oid":"56e1fc72e0c917e9c4714161"}}}}"#),
    .init(
        "code", hex: "10000000 0D6100 04000000 783D3100 00", ["a": .code("x=1")], canonical: #"{"a":{"$code":"x=1"}}"#),
    .init(
        "symbol", hex: "10000000 0E6100 04000000 61626300 00", ["a": .symbol("abc")],
        canonical: #"{"a":{"$symbol":"abc"}}"#),
    .init(
        "code with scope", hex: "1E000000 0F6100 16000000 02000000 7800 0C000000107900010000000000",
        ["a": .codeWithScope(code: "x", scope: ["y": .int32(1)])],
        canonical: #"{"a":{"$code":"x","$scope":{"y":{"$numberInt":"1"}}}}"#,
        relaxed: #"{"a":{"$code":"x","$scope":{"y":1}}}"#),
    .init(
        "empty code with empty scope", hex: "16000000 0F6100 0E000000 01000000 00 05000000 00 00",
        ["a": .codeWithScope(code: "", scope: [:])], canonical: #"{"a":{"$code":"","$scope":{}}}"#),

    // int32
    .init(
        "int32 min", hex: "0C0000001069000000008000", ["i": .int32(.min)],
        canonical: #"{"i":{"$numberInt":"-2147483648"}}"#, relaxed: #"{"i":-2147483648}"#),
    .init(
        "int32 max", hex: "0C000000106900FFFFFF7F00", ["i": .int32(.max)],
        canonical: #"{"i":{"$numberInt":"2147483647"}}"#, relaxed: #"{"i":2147483647}"#),
    .init(
        "int32 -1", hex: "0C000000106900FFFFFFFF00", ["i": .int32(-1)],
        canonical: #"{"i":{"$numberInt":"-1"}}"#, relaxed: #"{"i":-1}"#),
    .init(
        "int32 0", hex: "0C0000001069000000000000", ["i": .int32(0)],
        canonical: #"{"i":{"$numberInt":"0"}}"#, relaxed: #"{"i":0}"#),
    .init(
        "int32 1", hex: "0C0000001069000100000000", ["i": .int32(1)],
        canonical: #"{"i":{"$numberInt":"1"}}"#, relaxed: #"{"i":1}"#),

    // timestamp
    .init(
        "timestamp", hex: "10000000 116100 2A000000 15CD5B07 00",
        ["a": .timestamp(BSONTimestamp(t: 123_456_789, i: 42))],
        canonical: #"{"a":{"$timestamp":{"t":123456789,"i":42}}}"#),
    .init(
        "timestamp with high bits set", hex: "10000000 116100 01286BEE 00286BEE 00",
        ["a": .timestamp(BSONTimestamp(t: 4_000_000_000, i: 4_000_000_001))],
        canonical: #"{"a":{"$timestamp":{"t":4000000000,"i":4000000001}}}"#),
    .init(
        "timestamp max", hex: "10000000 116100 FFFFFFFF FFFFFFFF 00",
        ["a": .timestamp(BSONTimestamp(t: .max, i: .max))],
        canonical: #"{"a":{"$timestamp":{"t":4294967295,"i":4294967295}}}"#),

    // int64
    .init(
        "int64 min", hex: "10000000126100000000000000008000", ["a": .int64(.min)],
        canonical: #"{"a":{"$numberLong":"-9223372036854775808"}}"#, relaxed: #"{"a":-9223372036854775808}"#),
    .init(
        "int64 max", hex: "10000000126100FFFFFFFFFFFFFF7F00", ["a": .int64(.max)],
        canonical: #"{"a":{"$numberLong":"9223372036854775807"}}"#, relaxed: #"{"a":9223372036854775807}"#),
    .init(
        "int64 just above int32", hex: "10000000126100000000800000000000", ["a": .int64(2_147_483_648)],
        canonical: #"{"a":{"$numberLong":"2147483648"}}"#, relaxed: #"{"a":2147483648}"#),
    .init(
        "int64 1", hex: "10000000126100010000000000000000", ["a": .int64(1)],
        canonical: #"{"a":{"$numberLong":"1"}}"#, relaxed: #"{"a":1}"#, relaxedIsLossy: true),

    // decimal128
    .init(
        "decimal 1", hex: "180000001364000100000000000000000000000000403000", ["d": decimal(0x3040_0000_0000_0000, 1)],
        canonical: #"{"d":{"$numberDecimal":"1"}}"#),
    .init(
        "decimal -1", hex: "18000000136400010000000000000000000000000040B000", ["d": decimal(0xB040_0000_0000_0000, 1)],
        canonical: #"{"d":{"$numberDecimal":"-1"}}"#),
    .init(
        "decimal -0", hex: "18000000136400000000000000000000000000000040B000", ["d": decimal(0xB040_0000_0000_0000, 0)],
        canonical: #"{"d":{"$numberDecimal":"-0"}}"#),
    .init(
        "decimal 1.0E+3", hex: "180000001364000A00000000000000000000000000443000",
        ["d": decimal(0x3044_0000_0000_0000, 10)],
        canonical: #"{"d":{"$numberDecimal":"1.0E+3"}}"#),
    .init(
        "decimal 0.001234", hex: "18000000136400D204000000000000000000000000343000",
        ["d": decimal(0x3034_0000_0000_0000, 1234)],
        canonical: #"{"d":{"$numberDecimal":"0.001234"}}"#),
    .init(
        "decimal 1.234E-7", hex: "18000000136400D2040000000000000000000000002C3000",
        ["d": decimal(0x302C_0000_0000_0000, 1234)],
        canonical: #"{"d":{"$numberDecimal":"1.234E-7"}}"#),
    .init(
        "decimal 1E-6176", hex: "180000001364000100000000000000000000000000000000", ["d": decimal(0, 1)],
        canonical: #"{"d":{"$numberDecimal":"1E-6176"}}"#),
    .init(
        "decimal max", hex: "18000000136400FFFFFFFF638E8D37C087ADBE09EDFF5F00",
        ["d": decimal(0x5FFF_ED09_BEAD_87C0, 0x378D_8E63_FFFF_FFFF)],
        canonical: #"{"d":{"$numberDecimal":"9.999999999999999999999999999999999E+6144"}}"#),
    .init(
        "decimal NaN", hex: "180000001364000000000000000000000000000000007C00",
        ["d": decimal(0x7C00_0000_0000_0000, 0)],
        canonical: #"{"d":{"$numberDecimal":"NaN"}}"#),
    .init(
        "decimal Infinity", hex: "180000001364000000000000000000000000000000007800",
        ["d": decimal(0x7800_0000_0000_0000, 0)],
        canonical: #"{"d":{"$numberDecimal":"Infinity"}}"#),
    .init(
        "decimal -Infinity", hex: "18000000136400000000000000000000000000000000F800",
        ["d": decimal(0xF800_0000_0000_0000, 0)],
        canonical: #"{"d":{"$numberDecimal":"-Infinity"}}"#),

    // min and max key
    .init("minKey", hex: "08000000FF610000", ["a": .minKey], canonical: #"{"a":{"$minKey":1}}"#),
    .init("maxKey", hex: "080000007F610000", ["a": .maxKey], canonical: #"{"a":{"$maxKey":1}}"#),

    // a bit of everything, nested
    .init(
        "mixed nesting",
        hex:
            "2E000000 036100 26000000 046200 13000000 103000 01000000 0A3100 08320001 00 126300 0200000000000000 00 00",
        ["a": .document(["b": .array([.int32(1), .null, .bool(true)]), "c": .int64(2)])],
        canonical: #"{"a":{"b":[{"$numberInt":"1"},null,true],"c":{"$numberLong":"2"}}}"#,
        relaxed: #"{"a":{"b":[1,null,true],"c":2}}"#, relaxedIsLossy: true),
]
