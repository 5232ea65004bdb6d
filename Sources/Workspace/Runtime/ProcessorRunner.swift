import BSONCore
import Foundation
import StreamEngine
import Synchronization

/// One started processor: its own thread pulls batches through a `PipelineRun` until it is told to stop or its
/// run fails, checkpointing periodically and on stop (§8), publishing its stats (§7.3) and keeping the latest
/// outputs for `.sample()`.
///
/// Thread-safe: the pipeline objects live on the runner's thread only; everything others read sits behind a
/// mutex.
final class ProcessorRunner: Sendable {
    /// What a runner needs, built on the starting thread and then owned by the runner's thread alone.
    final class Parts: @unchecked Sendable {
        // @unchecked: the starting thread builds these and hands them over before the runner's thread starts;
        // afterwards only that thread touches them.
        let executor: PipelineExecutor
        let source: any StreamSource
        let sink: any OutputSink
        let deadLetters: (any DeadLetterSink)?

        init(
            executor: PipelineExecutor, source: any StreamSource, sink: any OutputSink,
            deadLetters: (any DeadLetterSink)?
        ) {
            self.executor = executor
            self.source = source
            self.sink = sink
            self.deadLetters = deadLetters
        }
    }

    /// How the runner was asked to end.
    private enum Ending {
        /// Keep running.
        case none
        /// Stop after the current step, flush, take a final checkpoint (stop, or the server shutting down).
        case stop
        /// Stop after the current step and delete the checkpoint (drop).
        case discard
    }

    private struct Shared {
        var ending = Ending.none
        var finished = false
        var stats = EngineStats()
        var samples: [BSONDocument] = []
    }

    let key: RunnerKey
    private let shared = Mutex(Shared())
    private let wake = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)

    init(key: RunnerKey, initialStats: EngineStats) {
        self.key = key
        shared.withLock { $0.stats = initialStats }
    }

    /// The counters as of the last step.
    var stats: EngineStats { shared.withLock { $0.stats } }

    /// Whether the thread has ended (stopped, dropped or failed).
    var isFinished: Bool { shared.withLock { $0.finished } }

    /// The outputs and `{_dlqMessage: …}` entries since the last call (at most `sampleCapacity`, the newest).
    func takeSamples() -> [BSONDocument] {
        shared.withLock { state in
            defer { state.samples = [] }
            return state.samples
        }
    }

    /// Asks the thread to stop after its current step; `discard` deletes the checkpoint instead of writing one.
    func requestStop(discard: Bool = false) {
        shared.withLock { state in
            if discard || state.ending == .none { state.ending = discard ? .discard : .stop }
        }
        wake.signal()
    }

    /// Zeroes the published counters (the checkpoint they came from is gone).
    func clearStats() {
        shared.withLock { $0.stats = EngineStats() }
    }

    /// Blocks until the thread has ended.
    func waitUntilFinished() {
        done.wait()
        done.signal()
    }

    /// Starts the thread. It first waits for `previous` (the same processor's last run, which may still be writing
    /// its final checkpoint), then restores the checkpoint unless `resume` is false, and runs.
    func launch(
        _ parts: Parts, previous: ProcessorRunner?, resume: Bool, settings: ProcessorRuntime.Settings,
        checkpoints: CheckpointStore, onFailure: @escaping @Sendable (String) -> Void
    ) {
        let thread = Thread { [self] in
            previous?.waitUntilFinished()
            do {
                try run(parts, resume: resume, settings: settings, checkpoints: checkpoints)
            } catch {
                onFailure(String(describing: error))
            }
            shared.withLock { $0.finished = true }
            done.signal()
        }
        thread.name = "spsh processor \(key.processorId)"
        thread.start()
    }

    private var ending: Ending { shared.withLock { $0.ending } }

    private func run(
        _ parts: Parts, resume: Bool, settings: ProcessorRuntime.Settings, checkpoints: CheckpointStore
    ) throws {
        let executor = parts.executor
        if !resume {
            checkpoints.remove(workspace: key.workspace, processorId: key.processorId)
        } else if let saved = try checkpoints.load(workspace: key.workspace, processorId: key.processorId) {
            try executor.restore(from: saved.engine)
            if let position = saved.sourcePosition { try parts.source.seek(to: position) }
        }
        let collector = SampleCollector()
        let run = PipelineRun(
            executor: executor, source: parts.source, sink: parts.sink, deadLetters: parts.deadLetters,
            observer: collector.observe)
        var lastCheckpoint = settings.clock.now()
        var checkpointed = executor.stats
        var dirty = false
        var sourceEnded = false
        func checkpoint() throws {
            let snapshot = Checkpoint(
                sourcePosition: parts.source.position, engine: executor.checkpoint(), stats: executor.stats)
            try checkpoints.save(snapshot, workspace: key.workspace, processorId: key.processorId)
            lastCheckpoint = settings.clock.now()
            checkpointed = snapshot.stats
            dirty = false
        }
        while ending == .none {
            if sourceEnded {
                _ = wake.wait(timeout: .now() + settings.idleDelay)
                continue
            }
            let result = try run.step()
            publish(executor.stats, collector.drain(), capacity: settings.sampleCapacity)
            switch result {
            case .finished:
                // A bounded source ended and every window closed (`step` flushed): keep the final state until stopped.
                sourceEnded = true
                try checkpoint()
            case .idle, .progressed:
                // Only a step that changed something needs a new checkpoint (an idle one may close windows).
                if result == .progressed || executor.stats != checkpointed { dirty = true }
                // A checkpoint counts only once the sink has flushed; DLQ writes are synchronous (§8).
                if dirty, settings.clock.now() - lastCheckpoint >= settings.checkpointIntervalMillis {
                    try parts.sink.flush()
                    try checkpoint()
                }
                if result == .idle { _ = wake.wait(timeout: .now() + settings.idleDelay) }
            }
        }
        if ending == .discard {
            checkpoints.remove(workspace: key.workspace, processorId: key.processorId)
        } else {
            try parts.sink.flush()
            try checkpoint()
        }
    }

    private func publish(_ stats: EngineStats, _ samples: [BSONDocument], capacity: Int) {
        shared.withLock { state in
            state.stats = stats
            guard !samples.isEmpty else { return }
            state.samples.append(contentsOf: samples)
            if state.samples.count > capacity { state.samples.removeFirst(state.samples.count - capacity) }
        }
    }
}

/// Collects what one step produced, on the runner's thread, for `.sample()` (§6: DLQ entries as `{_dlqMessage}`).
///
/// Not thread-safe: only the runner's thread uses it.
private final class SampleCollector {
    private var pending: [BSONDocument] = []

    func observe(_ event: PipelineRun.Event) {
        switch event {
        case .output(let output): pending.append(output.document)
        case .deadLetter(let entry): pending.append(["_dlqMessage": .document(entry)])
        }
    }

    func drain() -> [BSONDocument] {
        defer { pending = [] }
        return pending
    }
}

/// A processor in a workspace, by id (which survives a rename).
struct RunnerKey: Hashable, Sendable {
    var workspace: String
    var processorId: String
}
