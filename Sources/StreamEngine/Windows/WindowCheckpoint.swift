import BSONCore

/// Helpers for window checkpoints (§8): records as BSON and the error for a checkpoint that does not parse.
package enum WindowCheckpoint {
    /// A checkpoint that does not have the shape `checkpoint()` writes.
    package static func corrupt(_ what: String) -> StreamEngineError {
        StreamEngineError(code: 1, message: "Corrupt window checkpoint: bad \(what)")
    }

    /// A buffered record as `{doc, t, source, key?}`.
    package static func encode(_ record: StreamRecord) -> BSONValue {
        var result: BSONDocument = [
            "doc": .document(record.document), "t": .int64(record.eventTime),
            "source": .document(record.metadata.source),
        ]
        if let key = record.outputKey { result.append("key", key) }
        return .document(result)
    }

    /// A record from `encode(_:)`.
    package static func decode(_ value: BSONValue) throws(StreamEngineError) -> StreamRecord {
        guard case .document(let entry) = value, case .document(let document) = entry["doc"],
            case .int64(let time) = entry["t"], case .document(let source) = entry["source"]
        else { throw corrupt("buffered document") }
        return StreamRecord(
            document: document, eventTime: time, metadata: StreamMetadata(source: source), outputKey: entry["key"])
    }

    /// An Int64 field of a checkpoint document.
    package static func int64(_ document: BSONDocument, _ key: String) throws(StreamEngineError) -> Int64 {
        guard case .int64(let value) = document[key] else { throw corrupt(key) }
        return value
    }
}
