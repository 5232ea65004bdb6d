import BSONCore
import MongoBridge
import StreamEngine

/// Builds the writers a pipeline's sink and DLQ need: `$merge` into MongoDB, the DLQ collection, `__testLog`.
package enum SinkFactory {
    /// The writer for `spec`.
    ///
    /// `clients` is the run's client cache, shared with `makeDeadLetterSink` so one URI gets one client;
    /// `testLog` is the processor's `__testLog` sink (the serve runner owns its file); without one, `__testLog`
    /// output is only kept in memory. `$emit` to Kafka or a time-series collection is a 420 error for now.
    package static func makeSink(
        _ spec: SinkSpec, connections: RuntimeConnections, clients: MongoClientCache = MongoClientCache(),
        testLog: TestLogSink? = nil
    ) throws(StreamEngineError) -> any OutputSink {
        switch spec {
        case .none:
            return DiscardingSink()
        case .testLog:
            return testLog ?? TestLogSink()
        case .merge(let merge):
            let uri = try connections.mongoURI(forConnection: merge.connectionName)
            return try MergeWriter(spec: merge, client: try client(uri, clients, "$merge"))
        case .emit:
            throw .invalid(
                "$emit to Kafka or a time-series collection cannot run locally yet: it comes with the Kafka issue")
        }
    }

    /// The DLQ writer for `target`, or `nil` when no DLQ is configured.
    package static func makeDeadLetterSink(
        _ target: DeadLetterQueueTarget?, connections: RuntimeConnections,
        clients: MongoClientCache = MongoClientCache()
    ) throws(StreamEngineError) -> (any DeadLetterSink)? {
        guard let target else { return nil }
        let uri = try connections.mongoURI(forConnection: target.connectionName)
        return DeadLetterWriter(client: try client(uri, clients, "the DLQ"), db: target.db, coll: target.coll)
    }

    private static func client(_ uri: String, _ clients: MongoClientCache, _ purpose: String) throws(StreamEngineError)
        -> MongoClient
    {
        do { return try clients.client(for: uri) } catch {
            throw StreamEngineError(
                code: error.code, message: "Cannot connect to MongoDB for \(purpose): \(error.message)")
        }
    }
}
