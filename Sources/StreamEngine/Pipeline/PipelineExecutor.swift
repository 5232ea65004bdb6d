import BSONCore

/// Runs one compiled pipeline: sources push batches in, the sink and DLQ take what comes out.
///
/// SKELETON: this first version only parses `$source` and passes documents through with `_ts`; the stages,
/// windows, validation, DLQ and checkpoints replace it. The public API below is the contract runtimes use.
///
/// Not thread-safe: one runner drives it from one task.
package final class PipelineExecutor {
    /// The parsed `$source`, so the runtime can build the matching `StreamSource`.
    package let source: SourceSpec
    /// The parsed sink, so the runtime can build the matching writer.
    package let sink: SinkSpec
    /// Counters for `.stats()` (§7.3).
    package private(set) var stats = EngineStats()

    private let options: ProcessorOptions
    private let services: EngineServices

    /// Validates and compiles `pipeline` (§1) for a processor; throws code 420 with ASP's message.
    package init(pipeline: [BSONDocument], options: ProcessorOptions, services: EngineServices)
        throws(StreamEngineError)
    {
        guard let first = pipeline.first else { throw .invalid("Pipeline must have at least one stage") }
        guard let stage = first.elements.first, stage.key == "$source", case .document(let spec) = stage.value else {
            throw .invalid("First stage must be $source, found: \(first.elements.first?.key ?? "")")
        }
        if case .array(let values) = spec["documents"] {
            source = SourceSpec(kind: .documents(values.compactMap(\.documentValue)))
        } else if case .string(let path) = spec["path"] {
            source = SourceSpec(kind: .file(path: path))
        } else if case .string(let name) = spec["connectionName"] {
            source = SourceSpec(kind: .connection(name: name, options: spec))
        } else {
            throw .invalid("$source must contain 'connectionName' field in it")
        }
        sink = .none
        self.options = options
        self.services = services
    }

    /// Takes one batch from the source (§3.2: assign all, then advance the watermark, then close windows).
    package func receive(_ batch: [SourceMessage]) -> EngineOutput {
        var output = EngineOutput()
        for message in batch {
            stats.inputMessageCount += 1
            stats.inputMessageSize += Int64(message.size)
            var document = message.document
            let time = message.timestamp ?? services.clock.now()
            document[source.tsFieldName] = .datetime(time)
            let metadata = StreamMetadata(source: message.sourceMetadata)
            document["_stream_meta"] = .document(metadata.document)
            output.documents.append(OutputDocument(document: document, metadata: metadata))
            stats.outputMessageCount += 1
        }
        return output
    }

    /// The source had nothing: lets idle timeouts and processing-time windows fire on the clock (§3.5, §3.6).
    package func idle() -> EngineOutput { EngineOutput() }

    /// A bounded source ended: closes every open window (§2.1 file source).
    package func finish() -> EngineOutput { EngineOutput() }

    /// Whether an idle signal could still produce output (an open window with `idleTimeout` or on processing
    /// time), so `sp.process` knows when a used-up `documents` source is really done (§7.1).
    package var canProduceMoreWhenIdle: Bool { false }

    /// The complete DLQ entry (§6) for a draft, counted in `dlqMessageCount`/`dlqMessageSize`; used for the
    /// executor's own drafts and for those a sink returns (write failures).
    package func deadLetterEntry(for draft: DeadLetterDraft) -> BSONDocument {
        var entry: BSONDocument = [
            "_stream_meta": .document(draft.record.metadata.document),
            "errInfo": .document(["reason": .string(draft.reason)]),
            "operatorName": .string(draft.operatorName),
            "doc": .document(draft.record.document),
            "processorName": .string(options.name),
            "instanceName": .string(options.instanceName),
            "dlqTime": .datetime(services.clock.now()),
        ]
        if let missed = draft.missedWindowStartTimes {
            entry.append("missedWindowStartTimes", .array(missed.map { .int64($0) }))
        }
        stats.dlqMessageCount += 1
        return entry
    }

    /// Window state, watermark, closed-window floor and stats, for a checkpoint (§8).
    package func checkpoint() -> BSONDocument { ["stats": .document(stats.document)] }

    /// Restores what `checkpoint()` saved.
    package func restore(from checkpoint: BSONDocument) throws(StreamEngineError) {}
}

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
