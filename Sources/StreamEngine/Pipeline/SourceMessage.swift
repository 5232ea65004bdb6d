import BSONCore

/// One message as a source delivers it, before the engine adds `_ts` and `_stream_meta` (§2.2).
package struct SourceMessage: Sendable {
    /// The payload document.
    package var document: BSONDocument
    /// `_stream_meta.source`: `{type: "generated"}`, or Kafka's topic, partition, offset, key and headers.
    package var sourceMetadata: BSONDocument
    /// The record's own time in ms (Kafka record timestamp, change-stream wallTime), or `nil` to use the
    /// clock at ingest when there is no `timeField` (§2.2 rules 2–4).
    package var timestamp: Int64?
    /// The source partition, for per-partition watermarks (§3.2); 0 for single-partition sources.
    package var partition: Int
    /// The message's size in bytes as read (`inputMessageSize`, §7.3).
    package var size: Int

    /// A message from its parts.
    package init(
        document: BSONDocument, sourceMetadata: BSONDocument = ["type": .string("generated")], timestamp: Int64? = nil,
        partition: Int = 0, size: Int = 0
    ) {
        self.document = document
        self.sourceMetadata = sourceMetadata
        self.timestamp = timestamp
        self.partition = partition
        self.size = size
    }
}

/// A source of messages, pulled by a runner (documents, sample generators, files; Kafka and change streams
/// later). Sources that read files or networks live outside the engine, in the runtimes.
///
/// Not thread-safe: one runner pulls from it on one task.
package protocol StreamSource: AnyObject {
    /// Up to `limit` messages; `[]` when nothing is ready now (the source is idle); `nil` at the end of a
    /// bounded source (a file), after which every window closes (§2.1).
    func next(limit: Int) throws -> [SourceMessage]?
    /// True once an unbounded source can produce nothing more (a `documents` array used up), so `sp.process`
    /// can stop once no window can still close (§7.1).
    var isExhausted: Bool { get }
    /// Where to resume from, for checkpoints (§8); `nil` if the source does not checkpoint.
    var position: BSONValue? { get }
    /// Moves to a position taken from `position`.
    func seek(to position: BSONValue) throws
}

/// A source that meets input it cannot decode (a file line that is not JSON, like a Kafka payload that is not
/// JSON, §2.1) and sets it aside for the DLQ instead of stopping; the runner drains it after each pull.
package protocol DeadLetteringSource: StreamSource {
    /// The failures met since the last call, as DLQ drafts, in input order; empties the list.
    func takeDeadLetters() -> [DeadLetterDraft]
}
