import BSONCore
import Synchronization
import Testing

@testable import StreamEngine

/// Runs one stage spec on one document, both through a `StageChain` (the executor's path) and through
/// `Stage.process` directly, and describes the result: the outputs as a relaxed JSON array, or the DLQ draft
/// (`DLQ <operator>: <reason>`), or the compile error (`420: <message>`).
func runStage(
    _ stageJSON: String, on documentJSON: String, options: ProcessorOptions = ProcessorOptions(name: "p"),
    services: EngineServices = EngineServices(clock: ManualClock())
) throws -> String {
    let stage = try ExtendedJSON.parseDocument(stageJSON)
    let document = try ExtendedJSON.parseDocument(documentJSON)
    let built: any Stage
    do {
        built = try StageFactory.makeStage(
            name: stage.elements[0].key, spec: stage.elements[0].value, options: options, services: services)
    } catch {
        return "420: \(error.message)"
    }
    let environment = StageEnvironment(services: services)
    let record = StreamRecord(document: document, eventTime: 0, metadata: StreamMetadata())
    let chain = StageChain([built], environment: environment)
    var outputs: [BSONValue] = []
    chain.run(record) { outputs.append(.document($0.document)) }
    let viaChain: String
    if let draft = chain.deadLetters.first {
        viaChain = "DLQ \(draft.operatorName): \(draft.reason)"
    } else {
        viaChain = ExtendedJSON.serialize(.array(outputs), mode: .relaxed)
    }
    var direct: [BSONValue] = []
    let viaProcess: String
    do {
        try built.process(record, environment) { direct.append(.document($0.document)) }
        viaProcess = ExtendedJSON.serialize(.array(direct), mode: .relaxed)
    } catch {
        viaProcess =
            "DLQ \(built.operatorName): \(DeadLetterDraft.failure(record, in: built.operatorName, error).reason)"
    }
    #expect(viaChain == viaProcess)
    return viaChain
}

/// A `$lookup` resolver over fixed results that records the pipelines it was asked to run.
final class RecordingLookupResolver: LookupResolver {
    private let calls = Mutex<[String]>([])
    private let results: [BSONDocument]
    private let failure: String?

    init(results: [BSONDocument] = [], failure: String? = nil) {
        self.results = results
        self.failure = failure
    }

    /// Each call as `connection db.coll pipeline-json`.
    var recorded: [String] { calls.withLock { $0 } }

    func aggregate(connectionName: String, db: String, coll: String, pipeline: [BSONDocument]) throws -> [BSONDocument]
    {
        let json = ExtendedJSON.serialize(.array(pipeline.map { .document($0) }), mode: .relaxed)
        calls.withLock { $0.append("\(connectionName) \(db).\(coll) \(json)") }
        if let failure { throw LookupFailure(message: failure) }
        return results
    }

    struct LookupFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
