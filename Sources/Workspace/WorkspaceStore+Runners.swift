import BSONCore
import Foundation
import StreamEngine

/// The bridge between processor states and their runners: start, resume after a restart, failures to FAILED,
/// stats and samples.
extension WorkspaceStore {
    /// The runner key of a processor.
    static func key(_ processor: Processor, in record: WorkspaceRecord) -> RunnerKey {
        RunnerKey(workspace: record.name, processorId: processor.id)
    }

    /// Starts `processor`'s runner. An invalid pipeline (§1) throws Atlas's 400 `STREAM_PROCESSOR_GENERIC_ERROR`
    /// with ASP's message, as Atlas refuses it at create or start; a part that cannot be built (a source or sink
    /// the connection cannot serve, an unreachable system) answers its error text, which makes the processor
    /// FAILED, as in Atlas, where such problems appear after the start was accepted.
    func launch(_ processor: Processor, in record: WorkspaceRecord, resume: Bool) throws(APIError) -> String? {
        let settings = runtime.settings
        let pipeline: [BSONDocument]
        var connections: RuntimeConnections
        do {
            pipeline = try RuntimeConnections.pipeline(processor.pipeline)
            connections = try RuntimeConnections(
                connections: record.connections, defaultMongoURI: settings.defaultMongoURI,
                clusterURIs: settings.clusterURIs)
        } catch {
            throw APIError.processorProblem(processor.name, String(describing: error))
        }
        let logFile = runtime.testLogURL(workspace: record.name, processor: processor.name)
        try? FileManager.default.createDirectory(
            at: logFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        connections.testLogPath = logFile.path
        let options: ProcessorOptions
        do {
            options = ProcessorOptions(
                name: processor.name, instanceName: record.name,
                deadLetterQueue: try Self.deadLetterQueue(processor.options, connectionTypes: connections.types),
                connectionTypes: connections.types)
        } catch {
            throw APIError.processorProblem(processor.name, String(describing: error))
        }
        let key = Self.key(processor, in: record)
        do throws(ProcessorRuntime.StartProblem) {
            try runtime.start(key, pipeline: pipeline, options: options, connections: connections, resume: resume) {
                [weak self] message in
                self?.runnerFailed(key, message)
            }
            return nil
        } catch {
            switch error {
            case .invalid(let message): throw APIError.processorProblem(processor.name, message)
            case .failed(let message): return message
            }
        }
    }

    /// A running processor failed: FAILED with the error's text (unless it was stopped or dropped meanwhile).
    func runnerFailed(_ key: RunnerKey, _ message: String) {
        try? withWorkspace("", key.workspace) { record throws(APIError) in
            guard let index = record.processors.firstIndex(where: { $0.id == key.processorId }),
                record.processors[index].state == .started
            else { return }
            record.processors[index].state = .failed
            record.processors[index].errorMsg = message
        }
    }

    /// After a restart (graceful or `kill -9`): every STARTED processor runs again from its last checkpoint; one
    /// that cannot goes to FAILED with the reason.
    func resumeStartedProcessors() {
        let workspaces = records.withLock { $0.map(\.name) }
        for workspace in workspaces {
            try? withWorkspace("", workspace) { record throws(APIError) in
                for index in record.processors.indices where record.processors[index].state == .started {
                    let problem: String?
                    do throws(APIError) {
                        problem = try launch(record.processors[index], in: record, resume: true)
                    } catch {
                        problem = error.parameters.last?.stringValue ?? error.detail
                    }
                    if let problem {
                        record.processors[index].state = .failed
                        record.processors[index].errorMsg = problem
                    }
                }
            }
        }
    }

    /// Stops every runner with a final checkpoint; their processors stay STARTED and resume at the next open.
    package func shutdown() {
        runtime.shutdown()
    }

    /// The stats (§7.3) of `processor` as the API shows them.
    func statsView(_ processor: Processor, in record: WorkspaceRecord) -> JSONValue {
        let (stats, stopping) = runtime.stats(Self.key(processor, in: record))
        return processor.statsView(stats, stopping: stopping)
    }

    /// Local-only `GET …/processor/{name}:sample` (no Atlas REST equivalent, atlas-api.md §5): the outputs and
    /// `{_dlqMessage: …}` entries since the last call, as canonical Extended JSON, with the processor's state.
    package func sampleProcessor(group: String, workspace: String, name: String) throws(APIError) -> JSONValue {
        let (key, state) = try withWorkspace(group, workspace) { record throws(APIError) in
            guard let index = record.processorIndex(name) else {
                throw APIError.processorNotFound(workspace: workspace, name: name)
            }
            return (Self.key(record.processors[index], in: record), record.processors[index].state)
        }
        var documents: [JSONValue] = []
        for document in runtime.takeSamples(key) {
            let text = ExtendedJSON.serialize(document, mode: .canonical)
            guard let value = try? JSONValue.parse(text) else { continue }
            documents.append(value)
        }
        return .object([("name", .string(name)), ("state", .string(state.rawValue)), ("results", .array(documents))])
    }

    /// Test support: blocks until the processor's runner has ended (after a stop or a failure).
    package func waitUntilStopped(workspace: String, processor name: String) {
        let key = records.withLock { all -> RunnerKey? in
            guard let record = all.first(where: { $0.name == workspace }), let index = record.processorIndex(name)
            else { return nil }
            return Self.key(record.processors[index], in: record)
        }
        if let key { runtime.waitUntilFinished(key) }
    }

    /// `options.dlq` as the engine's target (checked when the processor was created).
    static func deadLetterQueue(_ options: JSONValue?, connectionTypes: [String: String]) throws
        -> DeadLetterQueueTarget?
    {
        guard let options else { return nil }
        let document = try RuntimeConnections.document(options, what: "processor options")
        return try PipelineRun.deadLetterTarget(document, connectionTypes: connectionTypes)
    }
}
