import BSONCore
import StreamEngine

/// Builds the writers a pipeline's sink and DLQ need: `$merge` into MongoDB, the DLQ collection, `__testLog`.
package enum SinkFactory {
    /// The writer for `spec`.
    ///
    /// SKELETON: only "no sink" works; the MongoDB family fills in the rest.
    package static func makeSink(_ spec: SinkSpec, connections: RuntimeConnections) throws(StreamEngineError)
        -> any OutputSink
    {
        switch spec {
        case .none: return DiscardingSink()
        default: throw .invalid("This sink cannot run here yet")
        }
    }

    /// The DLQ writer for `target`, or `nil` when no DLQ is configured.
    package static func makeDeadLetterSink(
        _ target: DeadLetterQueueTarget?, connections: RuntimeConnections
    ) throws(StreamEngineError) -> (any DeadLetterSink)? {
        guard target != nil else { return nil }
        throw .invalid("The DLQ collection cannot be written yet")
    }
}
