import BSONCore

/// The counters `.stats()` reports (§7.3), cumulative across stop and start.
package struct EngineStats: Sendable, Equatable {
    /// Messages read by `$source`, including ones later filtered or dead-lettered.
    package var inputMessageCount: Int64 = 0
    /// Their bytes.
    package var inputMessageSize: Int64 = 0
    /// Documents handed to the sink.
    package var outputMessageCount: Int64 = 0
    /// Their BSON bytes.
    package var outputMessageSize: Int64 = 0
    /// DLQ entries, counted even with no DLQ configured.
    package var dlqMessageCount: Int64 = 0
    /// Their bytes.
    package var dlqMessageSize: Int64 = 0
    /// Bytes held by open windows.
    package var stateSize: Int64 = 0
    /// The combined watermark (`maxT - 1 ms`), once a windowed pipeline has seen an event.
    package var watermark: Int64?

    /// Zero counters.
    package init() {}

    /// The counters as a document, for checkpoints and `.stats()`.
    package var document: BSONDocument {
        var result: BSONDocument = [
            "inputMessageCount": .int64(inputMessageCount), "inputMessageSize": .int64(inputMessageSize),
            "outputMessageCount": .int64(outputMessageCount), "outputMessageSize": .int64(outputMessageSize),
            "dlqMessageCount": .int64(dlqMessageCount), "dlqMessageSize": .int64(dlqMessageSize),
            "stateSize": .int64(stateSize),
        ]
        if let watermark { result.append("watermark", .datetime(watermark)) }
        return result
    }
}
