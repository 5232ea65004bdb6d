import BSONCore

/// A window stage (`$tumblingWindow`, `$hoppingWindow`, `$sessionWindow`, §3) as a state machine driven by the
/// executor: records in, then watermark advances and idle signals, windows out.
///
/// Not thread-safe: one executor drives it.
package protocol WindowStage: AnyObject {
    /// The operator's name in stats and DLQ entries.
    var operatorName: String { get }
    /// Assigns one batch (sorted by event time) to windows using the state from before the batch (§3.2).
    /// Returns DLQ drafts for late documents and for documents an inner stage rejected.
    func receive(_ records: [StreamRecord]) -> [DeadLetterDraft]
    /// The combined watermark moved to `watermark`: closes every window the rules of §3.4 close, earliest
    /// start first, and returns their output records (each with `metadata.window` set).
    func advance(to watermark: Int64) -> WindowOutput
    /// The source had nothing at wall-clock time `now` (§3.5 idle timeout, §3.6 processing time).
    func idle(now: Int64) -> WindowOutput
    /// Closes every open window (end of a bounded source).
    func closeAll() -> WindowOutput
    /// Whether an idle signal could still close a window (idle timeout set or processing time, and a window open).
    var canCloseWhenIdle: Bool { get }
    /// Bytes held by open windows (`stateSize`).
    var stateSize: Int { get }
    /// Open windows, their accumulators and the closed-window floor, for a checkpoint (§8).
    func checkpoint() -> BSONDocument
    /// Restores what `checkpoint()` saved.
    func restore(from checkpoint: BSONDocument) throws(StreamEngineError)
}

/// What closing windows produced: output records in window order, and DLQ drafts.
package struct WindowOutput: Sendable {
    /// Window results, each with `metadata.window`, in increasing window start.
    package var records: [StreamRecord] = []
    /// Per-document or per-window failures.
    package var deadLetters: [DeadLetterDraft] = []

    /// Nothing.
    package init() {}
}
