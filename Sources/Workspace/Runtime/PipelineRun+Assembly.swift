import BSONCore
import StreamEngine

extension PipelineRun {
    /// Builds everything one pipeline needs to run — executor, source, sink and DLQ writer — from its stages
    /// and options (`{dlq: {connectionName, db, coll}}`), resolving connections through `connections`.
    /// `spsh serve`'s runners, `spsh process` and `sp.process` all start pipelines here.
    package static func assemble(
        pipeline: [BSONDocument], options: BSONDocument?, processor: ProcessorOptions,
        connections: RuntimeConnections, clock: any EngineClock, batchSize: Int = 1024,
        observer: ((Event) -> Void)? = nil
    ) throws -> PipelineRun {
        var processor = processor
        processor.deadLetterQueue = try deadLetterTarget(options)
        processor.connectionTypes = connections.types
        let executor = try PipelineExecutor(
            pipeline: pipeline, options: processor, services: EngineServices(clock: clock))
        let source = try SourceFactory.makeSource(executor.source, connections: connections, clock: clock)
        let sink = try SinkFactory.makeSink(executor.sink, connections: connections)
        let deadLetters = try SinkFactory.makeDeadLetterSink(processor.deadLetterQueue, connections: connections)
        return PipelineRun(
            executor: executor, source: source, sink: sink, deadLetters: deadLetters, batchSize: batchSize,
            observer: observer)
    }

    /// The `dlq` option (§6): `{connectionName, db, coll}`, all three strings, or none.
    package static func deadLetterTarget(_ options: BSONDocument?) throws(StreamEngineError) -> DeadLetterQueueTarget? {
        guard let dlq = options?["dlq"] else { return nil }
        guard case .document(let fields) = dlq, case .string(let connection)? = fields["connectionName"],
            case .string(let db)? = fields["db"], case .string(let coll)? = fields["coll"]
        else {
            throw .invalid("dlq must have the string fields connectionName, db and coll")
        }
        return DeadLetterQueueTarget(connectionName: connection, db: db, coll: coll)
    }
}
