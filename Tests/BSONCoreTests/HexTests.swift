import BSONCore
import TestSupport
import Testing

@Suite("Hex and UUID text", .tags(.small))
struct HexTests {
    @Test func encodesAndDecodesBothCases() {
        #expect(Hex.encode([0x00, 0x5f, 0xff]) == "005fff")
        #expect(Hex.decode("005FfF") == [0x00, 0x5f, 0xff])
        #expect(Hex.decode("") == [])
    }

    @Test(arguments: ["abc", "zz", "0x12", "é1"])
    func rejectsWhatIsNotHex(text: String) {
        #expect(Hex.decode(text) == nil)
    }

    @Test func uuidTextBothWays() {
        let bytes: [UInt8] = [
            0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
        ]
        #expect(BSONBinary(subtype: 4, data: bytes).uuidString == "01234567-89ab-cdef-0123-456789abcdef")
        #expect(BSONBinary.uuidBytes(hyphenated: "01234567-89ab-cdef-0123-456789abcdef") == bytes)
        #expect(BSONBinary.uuidBytes(hyphenated: "0123456789abcdef0123456789abcdef") == nil)
        #expect(BSONBinary(subtype: 4, data: [1, 2]).uuidString == nil)
    }
}
