import BSONCore

/// `$source: {documents: [...]}` (§2.1): one document per batch, so the watermark advances after each one; then
/// `[]` forever (the source goes quiet and never ends the stream), with `isExhausted` true.
///
/// Not thread-safe: one runner pulls from it.
package final class DocumentsSource: StreamSource {
    private let documents: [BSONDocument]
    private var index = 0

    /// A source over `documents`, in order.
    package init(_ documents: [BSONDocument]) { self.documents = documents }

    /// The next document alone (whatever `limit` is), or `[]` once all were delivered.
    package func next(limit: Int) throws -> [SourceMessage]? {
        guard index < documents.count, limit > 0 else { return [] }
        let document = documents[index]
        index += 1
        return [SourceMessage(document: document, sourceMetadata: GeneratedSource.metadata)]
    }

    /// True once every document was delivered.
    package var isExhausted: Bool { index >= documents.count }

    /// The index of the next document.
    package var position: BSONValue? { .int64(Int64(index)) }

    /// Moves to the document at an index taken from `position` (clamped to the array).
    package func seek(to position: BSONValue) throws {
        let target: Int64
        switch position {
        case .int32(let value): target = Int64(value)
        case .int64(let value): target = value
        default: throw StreamEngineError(code: 420, message: "A documents source position must be an index")
        }
        index = Int(min(max(0, target), Int64(documents.count)))
    }
}

/// What the generated sources share.
package enum GeneratedSource {
    /// `_stream_meta.source` of `documents` and sample sources (§2.3), built once and shared.
    package static let metadata: BSONDocument = ["type": .string("generated")]
}
