/// Processor operations: create, list, get, modify, start, startWith, stop, delete, and the state machine.
extension WorkspaceStore {
    /// `POST …/processor`: validates the body and the connections it names (an unknown connection is Atlas's
    /// 400 `STREAM_PROCESSOR_GENERIC_ERROR`), 409 when the name exists. Answers the `StreamsProcessor` echo.
    package func createProcessor(group: String, workspace: String, body: JSONValue) throws(APIError) -> JSONValue {
        try withWorkspace(group, workspace) { record throws(APIError) in
            guard body.objectValue != nil else {
                throw APIError.validation("The processor must be a JSON object, found \(body.kindName).")
            }
            let name: String
            switch body["name"] {
            case .string(let given) where !given.isEmpty: name = given
            case nil, .string: throw APIError.validation("The required attribute name was not specified.", ["name"])
            case let other?:
                throw APIError.validation("Attribute name must be a string, found \(other.kindName).", ["name"])
            }
            var processor = Processor(
                id: ObjectID.make(), name: name,
                pipeline: try Processor.validatedPipeline(body["pipeline"], name: name),
                options: try Processor.validatedOptions(body["options"]),
                tier: try Processor.validatedTier(body["tier"]))
            if case .bool(let flag)? = body["failoverEnabled"] { processor.failoverEnabled = flag }
            try Self.checkConnections(of: processor, in: record)
            if record.processorIndex(name) != nil {
                throw APIError.duplicateProcessor(workspace: workspace, name: name)
            }
            record.processors.append(processor)
            return processor.createdView
        }
    }

    /// `GET …/processors`: one page, each with state and stats.
    package func listProcessors(group: String, workspace: String, page: Page) throws(APIError) -> JSONValue {
        try withWorkspace(group, workspace) { record in
            page.envelope(record.processors.map { statsView($0, in: record) })
        }
    }

    /// `GET …/processor/{processorName}`: the processor with state and stats.
    package func processor(group: String, workspace: String, name: String) throws(APIError) -> JSONValue {
        try withWorkspace(group, workspace) { record throws(APIError) in
            statsView(record.processors[try Self.index(of: name, in: record, workspace: workspace)], in: record)
        }
    }

    /// `PATCH …/processor/{processorName}`: refused while STARTED (stop first, as Terraform does). Accepts
    /// `name`, `pipeline`, `options` (`dlq`, `resumeFromCheckpoint`), `tier`, `failoverEnabled`. A FAILED
    /// processor that is modified goes back to STOPPED with its error cleared.
    package func modifyProcessor(
        group: String, workspace: String, name: String, body: JSONValue
    ) throws(APIError) -> JSONValue {
        try withWorkspace(group, workspace) { record throws(APIError) in
            let index = try Self.index(of: name, in: record, workspace: workspace)
            var processor = record.processors[index]
            guard processor.state != .started else {
                throw APIError.invalidState(name, state: processor.state.rawValue, action: "modify")
            }
            guard body.objectValue != nil else {
                throw APIError.validation("The modification must be a JSON object, found \(body.kindName).")
            }
            if let newName = body["name"] {
                guard case .string(let text) = newName, !text.isEmpty else {
                    throw APIError.validation("Attribute name must be a non-empty string.", ["name"])
                }
                if text != name, record.processorIndex(text) != nil {
                    // PATCH declares no 409, so a clash on rename answers 400 with the duplicate code.
                    var error = APIError.duplicateProcessor(workspace: workspace, name: text)
                    error.status = 400
                    throw error
                }
                processor.name = text
            }
            if body["pipeline"] != nil {
                processor.pipeline = try Processor.validatedPipeline(body["pipeline"], name: processor.name)
            }
            if let options = try Processor.validatedOptions(body["options"]) {
                var merged = processor.options ?? .object([])
                for (key, value) in options.objectValue ?? [] { merged = merged.setting(key, value) }
                processor.options = merged
            }
            if let tier = try Processor.validatedTier(body["tier"]) { processor.tier = tier }
            if case .bool(let flag)? = body["failoverEnabled"] { processor.failoverEnabled = flag }
            try Self.checkConnections(of: processor, in: record)
            if processor.state == .failed {
                processor.state = .stopped
                processor.errorMsg = nil
            }
            if case .bool(false)? = body["options"]?["resumeFromCheckpoint"] {
                // §8: the next start is a first run, window state and stats included.
                runtime.resetCheckpoint(Self.key(processor, in: record))
            }
            record.processors[index] = processor
            return statsView(processor, in: record)
        }
    }

    /// `POST …/processor/{processorName}:start` and `:startWith` (with `options` already checked). Allowed from
    /// CREATED, STOPPED and FAILED. A processor whose connections cannot serve their stage (for example `$merge`
    /// into a Kafka connection), or whose source or sink cannot be built, goes to FAILED with `errorMsg`, as a
    /// running processor fails in Atlas: the start call itself succeeds and GET shows the failure. An invalid
    /// pipeline (§1) fails the call with 400 and ASP's message. Otherwise the processor runs on its own thread,
    /// resuming from its checkpoint unless `resumeFromCheckpoint` is false (§8).
    package func startProcessor(
        group: String, workspace: String, name: String, options: JSONValue? = nil
    ) throws(APIError) {
        try withWorkspace(group, workspace) { record throws(APIError) in
            let index = try Self.index(of: name, in: record, workspace: workspace)
            var processor = record.processors[index]
            guard processor.state != .started else {
                throw APIError.invalidState(name, state: processor.state.rawValue, action: "start")
            }
            if let tier = options?["tier"]?.stringValue { processor.tier = tier }
            let resume = options?["resumeFromCheckpoint"] != .bool(false)
            var problem = Self.roleProblem(of: processor, in: record)
            if problem == nil { problem = try launch(processor, in: record, resume: resume) }
            if let problem {
                processor.state = .failed
                processor.errorMsg = problem
            } else {
                processor.state = .started
                processor.errorMsg = nil
            }
            record.processors[index] = processor
        }
    }

    /// `POST …/processor/{processorName}:stop`: only a STARTED processor stops; its runner ends after its current
    /// step, flushes and takes a final checkpoint (§8).
    package func stopProcessor(group: String, workspace: String, name: String) throws(APIError) {
        try withWorkspace(group, workspace) { record throws(APIError) in
            let index = try Self.index(of: name, in: record, workspace: workspace)
            // A FAILED processor may be stopped too, so it can be modified and started again.
            guard [.started, .failed].contains(record.processors[index].state) else {
                throw APIError.invalidState(name, state: record.processors[index].state.rawValue, action: "stop")
            }
            record.processors[index].state = .stopped
            record.processors[index].errorMsg = nil
            runtime.stop(Self.key(record.processors[index], in: record))
        }
    }

    /// `DELETE …/processor/{processorName}`: drops it in any state; a STARTED processor is stopped first, as
    /// mongosh's `.drop()` and Terraform's delete expect (the spec declares no 409 here); its checkpoint goes too.
    package func deleteProcessor(group: String, workspace: String, name: String) throws(APIError) {
        try withWorkspace(group, workspace) { record throws(APIError) in
            let index = try Self.index(of: name, in: record, workspace: workspace)
            runtime.drop(Self.key(record.processors[index], in: record))
            record.processors.remove(at: index)
        }
    }

    // MARK: - Checks

    private static func index(of name: String, in record: WorkspaceRecord, workspace: String) throws(APIError) -> Int {
        guard let index = record.processorIndex(name) else {
            throw APIError.processorNotFound(workspace: workspace, name: name)
        }
        return index
    }

    /// Every connection the processor names must be in the registry, except the built-in `__testLog` sink
    /// (§5.2a) and the built-in samples (`sample_stock_trades`, §9); the dlq must be a Cluster connection.
    private static func checkConnections(of processor: Processor, in record: WorkspaceRecord) throws(APIError) {
        for name in Connection.names(usedBy: processor.pipeline, options: processor.options)
        where name != "__testLog" && RuntimeConnections.builtInSamples[name] == nil
            && record.connectionIndex(name) == nil
        {
            throw APIError.processorProblem(
                processor.name, "Connection '\(name)' not found in the connection registry of workspace \(record.name)")
        }
        if let dlq = processor.options?["dlq"]?["connectionName"]?.stringValue,
            let index = record.connectionIndex(dlq), record.connections[index]["type"]?.stringValue != "Cluster"
        {
            throw APIError.processorProblem(processor.name, "The dlq connection '\(dlq)' must be a Cluster connection")
        }
    }

    /// Why a connection cannot serve the stage that names it (checked at start), or nil.
    static func roleProblem(of processor: Processor, in record: WorkspaceRecord) -> String? {
        func type(_ name: String?) -> String? {
            guard let name, let index = record.connectionIndex(name) else { return nil }
            return record.connections[index]["type"]?.stringValue
        }
        let sources: Set = ["Kafka", "Cluster", "Sample", "AWSKinesisDataStreams", "GCPPubSub"]
        for stage in processor.pipeline {
            guard let (op, spec) = stage.objectValue?.first else { continue }
            switch op {
            case "$source":
                if let kind = type(spec["connectionName"]?.stringValue), !sources.contains(kind) {
                    return "$source cannot read from a \(kind) connection"
                }
            case "$merge":
                if let kind = type(spec["into"]?["connectionName"]?.stringValue), kind != "Cluster" {
                    return "$merge can only write into a Cluster connection, not a \(kind) connection"
                }
            case "$emit":
                if let kind = type(spec["connectionName"]?.stringValue), kind == "Sample" || kind == "Cluster" {
                    return "$emit cannot write to a \(kind) connection"
                }
            default: continue
            }
        }
        return nil
    }
}
