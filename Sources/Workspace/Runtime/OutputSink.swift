import BSONCore
import StreamEngine

/// Where a running pipeline's output documents go: MongoDB (`$merge`), the console, the test log, Kafka.
///
/// Not thread-safe: one run writes through it from one task.
package protocol OutputSink: AnyObject {
    /// Writes `documents` in order. Documents that cannot be written (a duplicate key, a dynamic namespace
    /// that is not a string) come back as DLQ drafts (§5.1); a failure that should stop the processor throws.
    func write(_ documents: [OutputDocument]) throws -> [DeadLetterDraft]
    /// Makes everything written so far durable (before a checkpoint, §8).
    func flush() throws
}

/// Where complete DLQ entries (§6) go: a collection, or nowhere when no DLQ is configured.
///
/// Not thread-safe: one run writes through it from one task.
package protocol DeadLetterSink: AnyObject {
    /// Stores the entries (each gets its `_id` on insert).
    func write(_ entries: [BSONDocument]) throws
}

/// A sink that keeps nothing: for `sp.process` without `$merge`/`$emit`, where the run's observer shows the
/// documents (§5.3), and for benchmarks.
package final class DiscardingSink: OutputSink, DeadLetterSink {
    /// A sink that drops everything.
    package init() {}
    /// Drops the documents.
    package func write(_ documents: [OutputDocument]) throws -> [DeadLetterDraft] { [] }
    /// Nothing to flush.
    package func flush() throws {}
    /// Drops the entries.
    package func write(_ entries: [BSONDocument]) throws {}
}
