import BSONCore
import StreamEngine

extension PipelineRun {
    /// Builds everything one pipeline needs to run — executor, source, sink and DLQ writer — from its stages
    /// and options (`{dlq: {connectionName, db, coll}}`), resolving connections through `connections`.
    /// `spsh process` and `sp.process` start pipelines here; `spsh serve`'s runtime builds the same parts through
    /// the same `RunComponents` in two steps, to tell an invalid pipeline from a source or sink that fails.
    package static func assemble(
        pipeline: [BSONDocument], options: BSONDocument?, processor: ProcessorOptions,
        connections: RuntimeConnections, clock: any EngineClock, batchSize: Int = 1024,
        components: any RunComponents = StandardRunComponents(), observer: ((Event) -> Void)? = nil
    ) throws -> PipelineRun {
        var processor = processor
        processor.connectionTypes = connections.types
        processor.deadLetterQueue = try deadLetterTarget(options, connectionTypes: processor.connectionTypes)
        let executor = try PipelineExecutor(
            pipeline: pipeline, options: processor, services: EngineServices(clock: clock))
        let source = try components.makeSource(executor.source, connections: connections, clock: clock)
        let sink = try components.makeSink(executor.sink, connections: connections)
        let deadLetters = try components.makeDeadLetterSink(processor.deadLetterQueue, connections: connections)
        return PipelineRun(
            executor: executor, source: source, sink: sink, deadLetters: deadLetters, batchSize: batchSize,
            observer: observer)
    }

    /// The `dlq` option (§6), checked by the engine's rules (`PipelineValidator.deadLetterQueue`), or nil.
    package static func deadLetterTarget(_ options: BSONDocument?, connectionTypes: [String: String])
        throws(StreamEngineError) -> DeadLetterQueueTarget?
    {
        guard let dlq = options?["dlq"] else { return nil }
        guard case .document(let fields) = dlq else {
            throw .invalid("BSON field 'dlq' must be an object, not \(dlq.typeName)")
        }
        return try PipelineValidator.deadLetterQueue(fields, connectionTypes: connectionTypes)
    }

    /// Makes everything the sink has written durable (after the caller stops stepping, e.g. on Ctrl-C).
    package func flush() throws { try sink.flush() }
}
