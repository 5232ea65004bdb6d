import BSONCore
import Foundation
import StreamEngine
import Synchronization

/// The processors `spsh serve` runs: one `ProcessorRunner` (its own thread) per started processor, their
/// checkpoints (§8) and `__testLog` files, and their live stats (§7.3) and samples.
///
/// Thread-safe: the runner table sits behind a mutex; no call waits for a runner while holding it.
package final class ProcessorRuntime: Sendable {
    /// How processors run: where clusters are, the clock, the parts, and the pacing.
    package struct Settings: Sendable {
        /// The MongoDB every `Cluster` connection resolves to unless `clusterURIs` maps its `clusterName`.
        package var defaultMongoURI = "mongodb://127.0.0.1:27017"
        /// `clusterName` to URI, from the serve config file.
        package var clusterURIs: [String: String] = [:]
        /// Wall-clock time for the engine and for the checkpoint interval.
        package var clock: any EngineClock = WallClock()
        /// Builds sources and sinks.
        package var components: any RunComponents = StandardRunComponents()
        /// How long a runner waits after its source had nothing.
        package var idleDelay: DispatchTimeInterval = .milliseconds(100)
        /// Time between checkpoints while running (§8 leaves the interval open; one second here).
        package var checkpointIntervalMillis: Int64 = 1000
        /// How many outputs `.sample()` keeps between two calls (the newest).
        package var sampleCapacity = 1000

        /// The defaults: the local MongoDB, the wall clock, the real sources and sinks.
        package init() {}
    }

    /// Why a processor could not start.
    enum StartProblem: Error {
        /// The pipeline is invalid (§1): the start request fails with this message.
        case invalid(String)
        /// A part could not be built (a connection, a sink): the processor goes to FAILED with this message.
        case failed(String)
    }

    let settings: Settings
    let checkpoints: CheckpointStore
    /// `<state dir>/logs`: one `__testLog` file per processor (§5.2a).
    let logsURL: URL
    private let runners = Mutex<[RunnerKey: ProcessorRunner]>([:])

    /// A runtime keeping its checkpoints and logs under `stateDirectory`.
    init(stateDirectory: URL, settings: Settings) {
        self.settings = settings
        checkpoints = CheckpointStore(url: stateDirectory.appendingPathComponent("checkpoints", isDirectory: true))
        logsURL = stateDirectory.appendingPathComponent("logs", isDirectory: true)
        checkpoints.prepare()
    }

    /// The file `__testLog` writes the processor's outputs to.
    func testLogURL(workspace: String, processor: String) -> URL {
        logsURL.appendingPathComponent(PathSegment.encode(workspace), isDirectory: true)
            .appendingPathComponent(PathSegment.encode(processor) + ".log")
    }

    /// Validates and compiles the pipeline, builds its source and sinks, then runs it on a new thread (which
    /// restores the checkpoint unless `resume` is false). `onFailure` gets the error text of a run that fails.
    func start(
        _ key: RunnerKey, pipeline: [BSONDocument], options: ProcessorOptions, connections: RuntimeConnections,
        resume: Bool, onFailure: @escaping @Sendable (String) -> Void
    ) throws(StartProblem) {
        let executor: PipelineExecutor
        do {
            executor = try PipelineExecutor(
                pipeline: pipeline, options: options, services: EngineServices(clock: settings.clock))
        } catch {
            throw .invalid(error.description)
        }
        let parts: ProcessorRunner.Parts
        do {
            let components = settings.components
            parts = ProcessorRunner.Parts(
                executor: executor,
                source: try components.makeSource(executor.source, connections: connections, clock: settings.clock),
                sink: try components.makeSink(executor.sink, connections: connections),
                deadLetters: try components.makeDeadLetterSink(options.deadLetterQueue, connections: connections))
        } catch {
            throw .failed(String(describing: error))
        }
        let runner = ProcessorRunner(key: key, initialStats: resume ? savedStats(key) : EngineStats())
        let previous = runners.withLock { table in
            defer { table[key] = runner }
            return table[key]
        }
        runner.launch(
            parts, previous: previous, resume: resume, settings: settings, checkpoints: checkpoints,
            onFailure: onFailure)
    }

    /// Asks the processor's runner to stop after its current step (it then flushes and checkpoints).
    func stop(_ key: RunnerKey) {
        runners.withLock { $0[key] }?.requestStop()
    }

    /// Stops the processor's runner and deletes its checkpoint (drop).
    func drop(_ key: RunnerKey) {
        let runner = runners.withLock { $0.removeValue(forKey: key) }
        runner?.requestStop(discard: true)
        checkpoints.remove(workspace: key.workspace, processorId: key.processorId)
    }

    /// Forgets the checkpoint and the counters so the next start is a first run (`modify` with
    /// `resumeFromCheckpoint: false`). A runner still finishing its stop deletes its checkpoint instead of writing
    /// it (never waited for here: the store calls this under its lock, which a failing runner needs).
    func resetCheckpoint(_ key: RunnerKey) {
        if let runner = runners.withLock({ $0[key] }) {
            runner.requestStop(discard: true)
            runner.clearStats()
        }
        checkpoints.remove(workspace: key.workspace, processorId: key.processorId)
    }

    /// The counters of the processor: live while it runs or finishes, else from its checkpoint (zero when none);
    /// `stopping` while a stopped runner still finishes.
    func stats(_ key: RunnerKey) -> (stats: EngineStats, stopping: Bool) {
        if let runner = runners.withLock({ $0[key] }) { return (runner.stats, !runner.isFinished) }
        return (savedStats(key), false)
    }

    /// The outputs since the last call, for `.sample()`; empty when the processor does not run.
    func takeSamples(_ key: RunnerKey) -> [BSONDocument] {
        runners.withLock { $0[key] }?.takeSamples() ?? []
    }

    /// Blocks until the processor's runner (if any) has ended.
    func waitUntilFinished(_ key: RunnerKey) {
        runners.withLock { $0[key] }?.waitUntilFinished()
    }

    /// Stops every runner with a final checkpoint and waits for them (the server is shutting down; their
    /// processors stay STARTED and resume at the next start).
    func shutdown() {
        let all = runners.withLock { Array($0.values) }
        for runner in all { runner.requestStop() }
        for runner in all { runner.waitUntilFinished() }
    }

    private func savedStats(_ key: RunnerKey) -> EngineStats {
        (try? checkpoints.load(workspace: key.workspace, processorId: key.processorId))??.stats ?? EngineStats()
    }
}
