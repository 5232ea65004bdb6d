import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

@Suite("Documents source (§2.1)", .tags(.small))
struct DocumentsSourceTests {
    private let documents: [BSONDocument] = [["a": .int32(1)], ["a": .int32(2)], ["a": .int32(3)]]

    @Test("One document per batch whatever the limit, then [] forever", arguments: [1, 2, 1024])
    func oneDocumentPerBatch(limit: Int) throws {
        let source = DocumentsSource(documents)
        var seen: [BSONValue?] = []
        for _ in 0..<3 {
            #expect(!source.isExhausted)
            let batch = try #require(try source.next(limit: limit))
            #expect(batch.count == 1)
            #expect(batch.first?.sourceMetadata["type"] == .string("generated"))
            #expect(batch.first?.timestamp == nil)
            seen.append(batch.first?.document["a"])
        }
        #expect(seen == [.int32(1), .int32(2), .int32(3)])
        #expect(source.isExhausted)
        for _ in 0..<3 { #expect(try source.next(limit: limit)?.isEmpty == true) }
    }

    @Test(
        "Position is the index of the next document; seek moves there (clamped)",
        arguments: [(BSONValue.int64(1), [2, 3]), (.int32(0), [1, 2, 3]), (.int64(3), []), (.int64(99), [])])
    func seek(position: BSONValue, rest: [Int32]) throws {
        let source = DocumentsSource(documents)
        #expect(source.position == .int64(0))
        _ = try source.next(limit: 10)
        #expect(source.position == .int64(1))
        try source.seek(to: position)
        var values: [Int32] = []
        while let message = try source.next(limit: 10)?.first {
            if case .int32(let value) = message.document["a"] { values.append(value) }
        }
        #expect(values == rest)
    }

    @Test("An empty array is exhausted at once")
    func empty() throws {
        let source = DocumentsSource([])
        #expect(source.isExhausted)
        #expect(try source.next(limit: 5)?.isEmpty == true)
    }

    @Test("A position that is not an index is refused")
    func badPosition() {
        #expect(throws: StreamEngineError.self) { try DocumentsSource(documents).seek(to: .string("x")) }
    }
}
