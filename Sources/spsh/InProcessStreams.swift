import BSONCore
import Foundation
import ShellAPI
import StreamEngine
import Workspace

/// `sp.process` in this process: the engine with the local workspace's connections (its state directory), so
/// it works the same with a local workspace or with Atlas (which never hands out connection secrets).
final class InProcessStreams: StreamProcessing {
    private let stateDirectory: URL
    private let mongoURI: String

    /// Streams over the connections kept in `stateDirectory`; clusters resolve to `mongoURI`.
    init(stateDirectory: URL, mongoURI: String) {
        self.stateDirectory = stateDirectory
        self.mongoURI = mongoURI
    }

    func start(pipeline: [BSONDocument], options: BSONDocument?) throws -> any StreamProcessingRun {
        let connections = try RuntimeConnections.load(stateDirectory: stateDirectory, defaultMongoURI: mongoURI)
        let buffer = EventBuffer()
        let run = try PipelineRun.assemble(
            pipeline: pipeline, options: options,
            processor: ProcessorOptions(name: "sp.process", instanceName: "local", isEphemeral: true),
            connections: connections, clock: WallClock(), batchSize: 64, observer: buffer.add)
        return Run(run: run, buffer: buffer)
    }

    /// The documents a step produced, in order; DLQ entries wrapped as `{_dlqMessage: …}` (§7.1).
    private final class EventBuffer {
        var documents: [BSONDocument] = []

        func add(_ event: PipelineRun.Event) {
            switch event {
            case .output(let output): documents.append(output.document)
            case .deadLetter(let entry): documents.append(["_dlqMessage": .document(entry)])
            }
        }

        func take() -> [BSONDocument] {
            defer { documents.removeAll(keepingCapacity: true) }
            return documents
        }
    }

    private final class Run: StreamProcessingRun {
        private let run: PipelineRun
        private let buffer: EventBuffer
        private var isClosed = false

        init(run: PipelineRun, buffer: EventBuffer) {
            self.run = run
            self.buffer = buffer
        }

        func step() throws -> StreamProcessingStep {
            guard !isClosed else { return .finished("") }
            let result = try run.step()
            let documents = buffer.take()
            if !documents.isEmpty { return .documents(documents) }
            switch result {
            case .finished:
                return .finished("sp.process: the source has ended and every window has closed")
            case .idle where run.isDone:
                return .finished(
                    "sp.process: the documents are used up and no window can close any more (a documents source "
                        + "does not end windows, as in Atlas; use a file source or idleTimeout to close them)")
            case .idle:
                return .idle
            case .progressed:
                return .documents([])
            }
        }

        func close() { isClosed = true }
    }
}
