import BSONCore
import StreamEngine

/// Drives one pipeline: pulls batches from its source, runs them through the executor, writes the results to
/// the sink and the DLQ, and tells an observer what came out (for `sp.process`, `.sample()`, `spsh process`).
///
/// Not thread-safe: one task calls `step()` repeatedly.
package final class PipelineRun {
    /// What came out of one step, for observers.
    package enum Event {
        /// A document the sink received.
        case output(OutputDocument)
        /// A complete DLQ entry (§6).
        case deadLetter(BSONDocument)
    }

    /// What a step did.
    package enum StepResult: Equatable {
        /// A batch was processed.
        case progressed
        /// The source had nothing; the caller should wait a little before the next step.
        case idle
        /// A bounded source ended and every window was closed; the run is over.
        case finished
    }

    /// The executor, for stats and checkpoints.
    package let executor: PipelineExecutor
    private let source: any StreamSource
    private let deadLetteringSource: (any DeadLetteringSource)?
    let sink: any OutputSink
    private let deadLetters: (any DeadLetterSink)?
    private let observer: ((Event) -> Void)?
    private let batchSize: Int

    /// A run of `executor` over `source` into `sink`; DLQ entries go to `deadLetters` when given.
    package init(
        executor: PipelineExecutor, source: any StreamSource, sink: any OutputSink,
        deadLetters: (any DeadLetterSink)?, batchSize: Int = 1024, observer: ((Event) -> Void)? = nil
    ) {
        self.executor = executor
        self.source = source
        deadLetteringSource = source as? any DeadLetteringSource
        self.sink = sink
        self.deadLetters = deadLetters
        self.batchSize = batchSize
        self.observer = observer
    }

    /// Pulls one batch and handles everything it produced.
    package func step() throws -> StepResult {
        let pulled = try source.next(limit: batchSize)
        if let drafts = deadLetteringSource?.takeDeadLetters(), !drafts.isEmpty {
            var output = EngineOutput()
            output.deadLetters = drafts.map { executor.deadLetterEntry(for: $0) }
            try deliver(output)
        }
        guard let batch = pulled else {
            try deliver(executor.finish())
            try sink.flush()
            return .finished
        }
        if batch.isEmpty {
            try deliver(executor.idle())
            return .idle
        }
        try deliver(executor.receive(batch))
        return .progressed
    }

    /// Whether the source is used up and no idle signal can close another window (§7.1).
    package var isDone: Bool { source.isExhausted && !executor.canProduceMoreWhenIdle }

    private func deliver(_ output: EngineOutput) throws {
        var entries = output.deadLetters
        if !output.documents.isEmpty {
            let failed = try sink.write(output.documents)
            entries += failed.map { executor.deadLetterEntry(for: $0) }
            if let observer {
                for document in output.documents { observer(.output(document)) }
            }
        }
        guard !entries.isEmpty else { return }
        try deadLetters?.write(entries)
        if let observer {
            for entry in entries { observer(.deadLetter(entry)) }
        }
    }
}
