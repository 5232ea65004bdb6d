import BSONCore

/// Runs one compiled pipeline: sources push batches in, the sink and DLQ take what comes out.
///
/// The pipeline is validated (§1) and compiled once: `$source` (§2.1), the stateless stages before the window,
/// at most one window (§3), the stages after it, and the sink (§5). Per batch (§3.2): event time and `_ts`
/// (§2.2), the stages before the window, then the window gets the batch's records sorted by event time, then
/// the watermark moves, then windows close and their output runs through the stages after the window to the
/// sink. Split over files: `+Source` (parsing `$source`, event time), `+Sink` (parsing the sink, delivering
/// output, DLQ entries), `+Checkpoint` (§8), `+StreamMeta` (§2.3).
///
/// Not thread-safe: one runner drives it from one task.
package final class PipelineExecutor {
    /// The parsed `$source`, so the runtime can build the matching `StreamSource`.
    package let source: SourceSpec
    /// The parsed sink, so the runtime can build the matching writer.
    package let sink: SinkSpec
    /// Counters for `.stats()` (§7.3).
    package internal(set) var stats = EngineStats()

    let options: ProcessorOptions
    let services: EngineServices
    let environment: StageEnvironment
    /// `DocumentsDataSourceOperator`, `KafkaConsumerOperator`, … for timestamp failures (§2.2, §4).
    let sourceOperatorName: String
    /// Stateless stages before the window (all of them when there is no window).
    let preWindow: StageChain
    /// The window, if any.
    let window: (any WindowStage)?
    /// Stateless stages after the window.
    let postWindow: StageChain
    /// §2.3: whether `_stream_meta` is written at the source (something before or in the window depends on it).
    let materialiseAtSource: Bool
    /// §2.3: whether something after the window depends on `_stream_meta`, so it is written on window output.
    let materialiseAfterWindow: Bool
    /// §2.3: whether the sink writes `_stream_meta` (nothing upstream of it in its segment did).
    let materialiseAtSink: Bool

    /// `maxT` per source partition (§3.2), `Int64.min` for a partition that has not produced an event.
    var partitionMaxTimes: [Int64] = []
    /// The combined watermark, once an event has been accepted; it only goes forward (§3.2).
    var watermark: Int64?
    /// What the current step produced so far.
    var pending = EngineOutput()
    /// The current batch's records on their way into the window.
    var windowInput: [StreamRecord] = []
    /// The last metadata written as `_stream_meta` and its document, reused while it repeats.
    var cachedMetadata: (metadata: StreamMetadata, document: BSONDocument)?

    /// Validates and compiles `pipeline` (§1) for a processor; throws code 420 with ASP's message.
    package convenience init(pipeline: [BSONDocument], options: ProcessorOptions, services: EngineServices)
        throws(StreamEngineError)
    {
        try self.init(pipeline: pipeline, options: options, services: services) {
            name, spec, options, services throws(StreamEngineError) in
            try WindowFactory.makeWindow(name: name, spec: spec, options: options, services: services)
        }
    }

    /// The same, with the window stage built by `makeWindow(name, spec, options, services)` (tests drive the
    /// executor with their own windows).
    package init(
        pipeline: [BSONDocument], options: ProcessorOptions, services: EngineServices,
        makeWindow: (String, BSONDocument, ProcessorOptions, EngineServices) throws(StreamEngineError) ->
            any WindowStage
    ) throws(StreamEngineError) {
        let entries = try PipelineValidator.validate(pipeline, isEphemeral: options.isEphemeral)
        if let target = options.deadLetterQueue {
            try PipelineValidator.checkDeadLetterQueue(target, connectionTypes: options.connectionTypes)
        }
        self.options = options
        self.services = services
        environment = StageEnvironment(services: services)
        (source, sourceOperatorName) = try Self.parseSource(entries[0].spec, options: options, environment: environment)
        var rest = entries.dropFirst()
        if let last = rest.last, PipelineValidator.sinkStages.contains(last.name) {
            sink = try Self.parseSink(name: last.name, spec: last.spec, options: options)
            rest = rest.dropLast()
        } else {
            sink = .none
        }
        var before: [any Stage] = []
        var after: [any Stage] = []
        var windowStage: (any WindowStage)?
        var beforeEntries: [PipelineValidator.StageEntry] = []
        var afterEntries: [PipelineValidator.StageEntry] = []
        for entry in rest {
            if PipelineValidator.windowStages.contains(entry.name) {
                guard case .document(let spec) = entry.spec else {
                    throw .invalid("\(entry.name) specification must be an object, got \(entry.spec.typeName)")
                }
                windowStage = try makeWindow(entry.name, spec, options, services)
                beforeEntries.append(entry)
                continue
            }
            let stage = try StageFactory.makeStage(
                name: entry.name, spec: entry.spec, options: options, services: services)
            if windowStage == nil {
                before.append(stage)
                beforeEntries.append(entry)
            } else {
                after.append(stage)
                afterEntries.append(entry)
            }
        }
        window = windowStage
        preWindow = StageChain(before, environment: environment)
        postWindow = StageChain(after, environment: environment)
        materialiseAtSource = beforeEntries.contains(where: StreamMetaDependency.dependsOnStreamMeta)
        materialiseAfterWindow = afterEntries.contains(where: StreamMetaDependency.dependsOnStreamMeta)
        materialiseAtSink = windowStage == nil ? !materialiseAtSource : !materialiseAfterWindow
    }

    /// Takes one batch from the source (§3.2: assign all, then advance the watermark, then close windows).
    package func receive(_ batch: consuming [SourceMessage]) -> EngineOutput {
        windowInput.removeAll(keepingCapacity: true)
        for index in batch.indices {
            // Move the payload out of the (consumed, so unique) batch: `_ts` is then written without a copy.
            var document = BSONDocument()
            swap(&document, &batch[index].document)
            guard let record = ingest(batch[index], consume document) else { continue }
            if window != nil {
                preWindow.run(record) { windowInput.append($0) }
            } else {
                preWindow.run(record) { deliver($0) }
            }
        }
        collectDeadLetters(preWindow)
        if let window {
            if !windowInput.isEmpty {
                sortWindowInputByEventTime()
                for draft in window.receive(windowInput) { pending.deadLetters.append(deadLetterEntry(for: draft)) }
                windowInput.removeAll(keepingCapacity: true)
            }
            advanceWatermark(window)
            stats.stateSize = Int64(window.stateSize)
        }
        return takePending()
    }

    /// The source had nothing: lets idle timeouts and processing-time windows fire on the clock (§3.5, §3.6).
    package func idle() -> EngineOutput {
        if let window {
            handle(window.idle(now: services.clock.now()))
            stats.stateSize = Int64(window.stateSize)
        }
        return takePending()
    }

    /// A bounded source ended: closes every open window (§2.1 file source).
    package func finish() -> EngineOutput {
        if let window {
            handle(window.closeAll())
            stats.stateSize = Int64(window.stateSize)
        }
        return takePending()
    }

    /// Whether an idle signal could still produce output (an open window with `idleTimeout` or on processing
    /// time), so `sp.process` knows when a used-up `documents` source is really done (§7.1).
    package var canProduceMoreWhenIdle: Bool { window?.canCloseWhenIdle ?? false }

    /// §3.2: the combined watermark is the minimum of `maxT - 1 ms` over the partitions that have produced an
    /// event; it only moves forward, and each move lets the window close what it can.
    private func advanceWatermark(_ window: any WindowStage) {
        var combined = Int64.max
        for maxTime in partitionMaxTimes where maxTime != Int64.min { combined = min(combined, maxTime - 1) }
        guard combined != Int64.max else { return }
        if let current = watermark, combined <= current { return }
        watermark = combined
        stats.watermark = combined
        handle(window.advance(to: combined))
    }

    /// Window results through the stages after the window to the sink; window failures to the DLQ.
    func handle(_ output: WindowOutput) {
        for draft in output.deadLetters { pending.deadLetters.append(deadLetterEntry(for: draft)) }
        for var record in output.records {
            if materialiseAtSource, case .document = record.document["_stream_meta"] {
                // §2.3: the window adds its start and end to the `_stream_meta` its documents already carry.
                materialise(record.metadata, into: &record.document)
            }
            if materialiseAfterWindow { materialise(record.metadata, into: &record.document) }
            postWindow.run(record) { deliver($0) }
        }
        collectDeadLetters(postWindow)
    }

    private func sortWindowInputByEventTime() {
        var sorted = true
        for index in windowInput.indices.dropFirst()
        where windowInput[index - 1].eventTime > windowInput[index].eventTime {
            sorted = false
            break
        }
        guard !sorted else { return }
        windowInput = windowInput.enumerated()
            .sorted { ($0.element.eventTime, $0.offset) < ($1.element.eventTime, $1.offset) }
            .map(\.element)
    }

    private func collectDeadLetters(_ chain: StageChain) {
        guard !chain.deadLetters.isEmpty else { return }
        for draft in chain.takeDeadLetters() { pending.deadLetters.append(deadLetterEntry(for: draft)) }
    }

    private func takePending() -> EngineOutput {
        defer { pending = EngineOutput() }
        return pending
    }
}
