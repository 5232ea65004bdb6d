import BSONCore

/// One document in flight through a pipeline, with its event time and stream metadata (§2.2, §2.3).
package struct StreamRecord: Sendable {
    /// The document as the next stage sees it (`_ts` already set by the source).
    package var document: BSONDocument
    /// Event time in milliseconds since the epoch; kept apart from `_ts`, so `$project: {_ts: 0}` does not
    /// move the document to another window (§2.2).
    package var eventTime: Int64
    /// `{$meta: "stream…"}` data: source, window, https.
    package var metadata: StreamMetadata
    /// A window output's identity within its window: the `$group` key, or the arrival ordinal when the window
    /// has no `$group`. Set by window stages; the `$merge` writer derives a stable `_id` from it, so a replay
    /// after a restart rewrites a window instead of duplicating it.
    package var outputKey: BSONValue?

    /// A record from its parts.
    package init(document: BSONDocument, eventTime: Int64, metadata: StreamMetadata, outputKey: BSONValue? = nil) {
        self.document = document
        self.eventTime = eventTime
        self.metadata = metadata
        self.outputKey = outputKey
    }
}

/// The stream metadata a document carries (§2.3): what `{$meta: "stream…"}` reads and `_stream_meta` shows.
package struct StreamMetadata: Sendable, Equatable {
    /// `source`: `{type: "generated"}`, or Kafka's `{type: "kafka", topic, partition, offset, key, headers}`.
    package var source: BSONDocument
    /// `window`: set by a window stage on its input and output.
    package var window: WindowMetadata?
    /// `https`: set by `$https` (not supported locally yet).
    package var https: BSONDocument?

    /// Metadata of a generated document (`documents` and sample sources).
    package init(source: BSONDocument = ["type": .string("generated")], window: WindowMetadata? = nil) {
        self.source = source
        self.window = window
        self.https = nil
    }

    /// The metadata as the `_stream_meta` document: `{source, window?, https?}`.
    package var document: BSONDocument {
        var result: BSONDocument = ["source": .document(source)]
        if let window { result.append("window", .document(window.document)) }
        if let https { result.append("https", .document(https)) }
        return result
    }

    /// `{$meta: "stream.a.b"}`: the value at a path that starts with `stream`, or `nil` when missing.
    package func value(atMetaPath path: String) -> BSONValue? {
        // Fast path for the window bounds, read per document by window `$group` keys (no allocation).
        switch path {
        case "stream.window.start": return window.map { .datetime($0.start) }
        case "stream.window.end": return window.map { .datetime($0.end) }
        default: break
        }
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.first == "stream" else { return nil }
        let root = BSONValue.document(document)
        guard parts.count > 1 else { return root }
        return FieldPath(components: Array(parts.dropFirst())).lookup(in: root)
    }
}

/// The window a document belongs to (§2.3, §3.7): `[start, end)` and, for session windows, the partition.
package struct WindowMetadata: Sendable, Equatable {
    /// Window start in milliseconds (inclusive).
    package var start: Int64
    /// Window end in milliseconds (exclusive).
    package var end: Int64
    /// `$sessionWindow`'s partition value; `nil` for tumbling and hopping windows.
    package var partition: BSONValue??

    /// A window `[start, end)`.
    package init(start: Int64, end: Int64, partition: BSONValue?? = nil) {
        self.start = start
        self.end = end
        self.partition = partition
    }

    /// `{start: Date, end: Date, partition?}`.
    package var document: BSONDocument {
        var result: BSONDocument = ["start": .datetime(start), "end": .datetime(end)]
        if case .some(let value) = partition { result.append("partition", value ?? .null) }
        return result
    }
}
