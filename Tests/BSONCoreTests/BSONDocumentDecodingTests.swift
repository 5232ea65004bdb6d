import TestSupport
import Testing

@testable import BSONCore

@Suite("BSON decode errors")
struct BSONDocumentDecodingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var hex: String
        var message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "empty input", hex: "",
            message: "Invalid BSON at offset 0: Expected at least 5 bytes for a document, found 0"),
        Case(
            name: "too short", hex: "0500",
            message: "Invalid BSON at offset 0: Expected at least 5 bytes for a document, found 2"),
        Case(
            name: "length too long", hex: "0600000000",
            message: "Invalid BSON at offset 0: Length 6 of document exceeds the 5 bytes available"),
        Case(
            name: "length too small", hex: "0400000000",
            message: "Invalid BSON at offset 0: Length 4 of document is less than the minimum of 5"),
        Case(
            name: "negative length", hex: "FFFFFFFF00",
            message: "Invalid BSON at offset 0: Length -1 of document is less than the minimum of 5"),
        Case(
            name: "trailing bytes", hex: "050000000000",
            message: "Invalid BSON at offset 0: Document length 5 does not match the 6 bytes given"),
        Case(
            name: "missing terminator", hex: "0D000000107800010000000001",
            message: "Invalid BSON at offset 12: The document does not end with a 0x00 byte"),
        Case(
            name: "truncated document", hex: "0C000000107800010000",
            message: "Invalid BSON at offset 0: Length 12 of document exceeds the 10 bytes available"),
        Case(
            name: "int32 runs into terminator", hex: "0B00000010780001000000",
            message: "Invalid BSON at offset 7: Expected 4 bytes for an int32, found 3"),
        Case(
            name: "unknown type byte", hex: "0C00000014780001000000 00",
            message: "Invalid BSON at offset 4: Unknown element type 0x14 for key 'x'"),
        Case(
            name: "key without terminator", hex: "0900000010787878 00",
            message: "Invalid BSON at offset 5: The key is not terminated by a 0x00 byte"),
        Case(
            name: "invalid UTF-8 in string", hex: "0E00000002780002000000FF0000",
            message: "Invalid BSON at offset 11: The string is not valid UTF-8"),
        Case(
            name: "invalid UTF-8 in key", hex: "0C00000010C3000100000000",
            message: "Invalid BSON at offset 5: The key is not valid UTF-8"),
        Case(
            name: "string length zero", hex: "0D000000027800000000000000",
            message: "Invalid BSON at offset 7: Length 0 of string is less than the minimum of 1"),
        Case(
            name: "string length too long", hex: "0E000000027800050000006100 00",
            message: "Invalid BSON at offset 7: Length 5 of string exceeds the 2 bytes available"),
        Case(
            name: "string without terminator", hex: "0E00000002780002000000616100",
            message: "Invalid BSON at offset 12: The string is not terminated by a 0x00 byte"),
        Case(
            name: "bad boolean", hex: "090000000878000200",
            message: "Invalid BSON at offset 7: Boolean byte is 0x02, expected 0x00 or 0x01"),
        Case(
            name: "subdocument overruns parent", hex: "0D000000037800060000000000",
            message: "Invalid BSON at offset 7: Length 6 of document exceeds the 5 bytes available"),
        Case(
            name: "array not terminated", hex: "0E00000004780006000000000100",
            message: "Invalid BSON at offset 12: The array does not end with a 0x00 byte"),
        Case(
            name: "negative binary length", hex: "0D000000057800FFFFFFFF0000",
            message: "Invalid BSON at offset 7: Length -1 of binary data is negative"),
        Case(
            name: "binary too long", hex: "0D000000057800FF0000000000",
            message: "Invalid BSON at offset 7: Length 255 of binary data exceeds the 0 bytes available"),
        Case(
            name: "old binary inner length wrong", hex: "13000000057800060000000203000000FFFF00",
            message: "Invalid BSON at offset 12: Inner length 3 of binary subtype 0x02 does not match 2"),
        Case(
            name: "regex options not terminated", hex: "0D0000000B78006162630061 00",
            message: "Invalid BSON at offset 11: The regex options is not terminated by a 0x00 byte"),
        Case(
            name: "code with scope length too short",
            hex: "17000000 0F7800 0D000000 02000000 6100 0500000000 00",
            message: "Invalid BSON at offset 7: Length 13 of code with scope is less than the minimum of 14"),
        Case(
            name: "code with scope length overruns parent",
            hex: "1B000000 0F7800 14000000 02000000 6100 09000000 0878000100 00",
            message: "Invalid BSON at offset 7: Length 20 of code with scope exceeds the 19 bytes available"),
        Case(
            name: "code with scope length disagrees with its contents",
            hex: "1C000000 0F7800 14000000 02000000 6100 09000000 0878000100 00 00",
            message: "Invalid BSON at offset 7: Length 20 of code with scope does not match its contents (19 bytes)"),
        Case(
            name: "ObjectId truncated", hex: "0D000000077800 0102030405 00",
            message: "Invalid BSON at offset 7: Expected 12 bytes for an ObjectId, found 5"),
    ]

    @Test("rejects malformed BSON with an exact message", .tags(.small), arguments: cases)
    func rejects(_ testCase: Case) {
        do {
            _ = try BSONDocument(bytes: Hex.bytes(testCase.hex))
            Issue.record("Expected an error")
        } catch {
            #expect(error.message == testCase.message)
            #expect(error.kind == .invalidBSON)
        }
    }

    @Test("nesting deeper than the limit is rejected", .tags(.small))
    func deepNesting() throws {
        var value = BSONValue.int32(1)
        for _ in 0..<300 { value = .document(BSONDocument([("a", value)])) }
        let bytes = BSONDocument([("a", value)]).encoded()
        do {
            _ = try BSONDocument(bytes: bytes)
            Issue.record("Expected an error")
        } catch {
            #expect(error.reason == "Nesting is deeper than 256 levels")
        }
    }

    @Test("decodes from an unsafe buffer", .tags(.small))
    func unsafeBuffer() throws {
        let doc = BSONDocument([("a", .int32(1)), ("b", .string("x"))])
        let bytes = doc.encoded()
        let decoded = try bytes.withUnsafeBytes { try BSONDocument(bytes: $0) }
        #expect(decoded == doc)
    }
}
