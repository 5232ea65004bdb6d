import TestSupport
import Testing

@testable import BSONCore

@Suite("BSON corpus cases")
struct BSONCorpusTests {
    @Test("canonical bytes decode to the value", .tags(.small), arguments: corpusCases)
    func decode(_ testCase: BSONCorpusCase) throws {
        #expect(try BSONDocument(bytes: Hex.bytes(testCase.hex)) == testCase.value)
    }

    @Test("the value encodes to the canonical bytes", .tags(.small), arguments: corpusCases)
    func encode(_ testCase: BSONCorpusCase) {
        #expect(Hex.string(testCase.value.encoded()) == Hex.string(Hex.bytes(testCase.hex)))
    }

    @Test("the value writes canonical Extended JSON", .tags(.small), arguments: corpusCases)
    func writeCanonical(_ testCase: BSONCorpusCase) {
        #expect(ExtendedJSON.serialize(testCase.value, mode: .canonical) == testCase.canonical)
    }

    @Test("the value writes relaxed Extended JSON", .tags(.small), arguments: corpusCases)
    func writeRelaxed(_ testCase: BSONCorpusCase) {
        #expect(ExtendedJSON.serialize(testCase.value, mode: .relaxed) == testCase.relaxed)
    }

    @Test("canonical Extended JSON parses to the value and its bytes", .tags(.small), arguments: corpusCases)
    func parseCanonical(_ testCase: BSONCorpusCase) throws {
        let parsed = try ExtendedJSON.parseDocument(testCase.canonical)
        #expect(parsed == testCase.value)
        #expect(Hex.string(parsed.encoded()) == Hex.string(Hex.bytes(testCase.hex)))
    }

    @Test("relaxed Extended JSON parses back to relaxed Extended JSON", .tags(.small), arguments: corpusCases)
    func parseRelaxed(_ testCase: BSONCorpusCase) throws {
        let parsed = try ExtendedJSON.parseDocument(testCase.relaxed)
        #expect(ExtendedJSON.serialize(parsed, mode: .relaxed) == testCase.relaxed)
        if !testCase.relaxedIsLossy {
            #expect(parsed == testCase.value)
        }
    }
}
