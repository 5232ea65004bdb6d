import Foundation
import TestSupport
import Testing

@testable import BSONCore

@Suite("ObjectId")
struct BSONObjectIDTests {
    @Test("hex round trip, either case in, lower case out", .tags(.small))
    func hexRoundTrip() throws {
        let id = try BSONObjectID(hex: "56E1FC72e0c917e9c4714161")
        #expect(id.bytes == [0x56, 0xE1, 0xFC, 0x72, 0xE0, 0xC9, 0x17, 0xE9, 0xC4, 0x71, 0x41, 0x61])
        #expect(id.hex == "56e1fc72e0c917e9c4714161")
        #expect(id.description == "56e1fc72e0c917e9c4714161")
        #expect(id.timestamp == 0x56E1_FC72)
        #expect(try BSONObjectID(hex: "ffffffff0000000000000000").timestamp == UInt32.max)
    }

    @Test(
        "rejects anything but 24 hex digits", .tags(.small),
        arguments: [
            "", "56e1fc72e0c917e9c471416", "56e1fc72e0c917e9c47141611", "56e1fc72e0c917e9c471416g",
            "56e1fc72-0c917e9c4714161",
        ])
    func rejects(_ hex: String) {
        #expect(throws: BSONError(.invalidObjectID, "Invalid ObjectId '\(hex)': expected 24 hexadecimal digits")) {
            try BSONObjectID(hex: hex)
        }
    }

    @Test("generate: seconds now, process bytes shared, counter increments", .tags(.small))
    func generate() {
        let before = UInt32(Date().timeIntervalSince1970)
        let first = BSONObjectID.generate()
        let second = BSONObjectID.generate()
        let after = UInt32(Date().timeIntervalSince1970)
        #expect((before...after).contains(first.timestamp))
        #expect(first.bytes[4..<9] == second.bytes[4..<9])
        let counter = { (id: BSONObjectID) in id.bytes[9..<12].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }
        #expect(counter(second) == (counter(first) + 1) & 0xFF_FFFF)
        #expect(BSONObjectID.generate(seconds: 0x0102_0304).bytes.prefix(4) == [1, 2, 3, 4])
    }

    @Test("generate is unique across concurrent tasks", .tags(.small))
    func concurrentUniqueness() async {
        let ids = await withTaskGroup(of: [BSONObjectID].self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<1000).map { _ in BSONObjectID.generate(seconds: 7) } }
            }
            var all: [BSONObjectID] = []
            for await batch in group { all += batch }
            return all
        }
        #expect(ids.count == 8000)
        #expect(Set(ids).count == 8000)
    }
}
