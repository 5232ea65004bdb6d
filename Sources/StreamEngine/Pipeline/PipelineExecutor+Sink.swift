import BSONCore

extension PipelineExecutor {
    /// Parses the last stage (§5): `$merge` into a `MergeSpec`, `$emit` to `__testLog` or to Kafka/time series.
    static func parseSink(name: String, spec: BSONValue, options: ProcessorOptions) throws(StreamEngineError)
        -> SinkSpec
    {
        guard case .document(let document) = spec else {
            throw .invalid("\(name) specification must be an object, got \(spec.typeName)")
        }
        if name == "$merge" { return .merge(try parseMerge(document, options: options)) }
        guard case .string(let connectionName) = document["connectionName"] else {
            throw .invalid("BSON field '$emit.connectionName' is missing but a required field")
        }
        if connectionName == "__testLog" { return .testLog }
        if document["timeseries"] != nil, document["parallelism"] != nil {
            // §0 and §5.2: the time-series sink has no `parallelism`; ASP's IDL parser says so in these words.
            throw .invalid("IDLUnknownField: BSON field 'TimeseriesSinkOptions.parallelism' is an unknown field.")
        }
        if case .document(let config) = document["config"], config["key"] != nil, config["keyFormat"] == nil {
            throw .invalid("Expected config.keyFormat to be specified when config.key is specified")
        }
        return .emit(document)
    }

    private static let mergeFields: Set<String> = ["into", "on", "let", "whenMatched", "whenNotMatched", "parallelism"]

    /// `$merge` (§5.1): `into` with literal or dynamic `db`/`coll`, `on`, `whenMatched`, `whenNotMatched` (no
    /// `fail`), `parallelism` 1 to 16 (literal names only above 1).
    private static func parseMerge(_ document: BSONDocument, options: ProcessorOptions) throws(StreamEngineError)
        -> MergeSpec
    {
        for (key, _) in document.elements where !mergeFields.contains(key) {
            throw .invalid("BSON field '$merge.\(key)' is an unknown field.")
        }
        guard case .document(let into) = document["into"] else {
            throw .invalid("BSON field '$merge.into' is missing but a required field")
        }
        for (key, _) in into.elements where !["connectionName", "db", "coll"].contains(key) {
            throw .invalid("BSON field '$merge.into.\(key)' is an unknown field.")
        }
        guard case .string(let connectionName) = into["connectionName"] else {
            throw .invalid("BSON field '$merge.into.connectionName' is missing but a required field")
        }
        if let type = options.connectionTypes[connectionName], !PipelineValidator.isClusterType(type) {
            throw .invalid("$merge.into.connectionName '\(connectionName)' must be an Atlas connection, not \(type)")
        }
        let db = try namespacePart(into["db"], field: "db")
        let coll = try namespacePart(into["coll"], field: "coll")
        var spec = MergeSpec(connectionName: connectionName, db: db, coll: coll)
        if let on = document["on"] { spec.on = try onFields(on) }
        if let value = document["let"] {
            guard case .document(let variables) = value else {
                throw .invalid("BSON field '$merge.let' is the wrong type '\(value.typeName)', expected type 'object'")
            }
            spec.letVariables = variables
        }
        if let value = document["whenMatched"] {
            switch value {
            case .string("merge"): spec.whenMatched = .merge
            case .string("replace"): spec.whenMatched = .replace
            case .string("keepExisting"): spec.whenMatched = .keepExisting
            case .string("fail"):
                throw .invalid("$merge.whenMatched: 'fail' is not supported in Atlas Stream Processing")
            case .array(let stages):
                spec.whenMatched = .pipeline(stages.compactMap(\.documentValue))
                guard stages.count == spec.whenMatchedPipelineCount else {
                    throw .invalid("$merge.whenMatched pipeline must be an array of objects")
                }
            default:
                throw .invalid(
                    "Enumeration value '\(display(value))' for field '$merge.whenMatched' is not a valid value.")
            }
        }
        if let value = document["whenNotMatched"] {
            switch value {
            case .string("insert"): spec.insertWhenNotMatched = true
            case .string("discard"): spec.insertWhenNotMatched = false
            case .string("fail"):
                throw .invalid("$merge.whenNotMatched: 'fail' is not supported in Atlas Stream Processing")
            default:
                throw .invalid(
                    "Enumeration value '\(display(value))' for field '$merge.whenNotMatched' is not a valid value.")
            }
        }
        if let value = document["parallelism"] {
            guard let number = value.int64Value, (1...16).contains(number) else {
                throw .invalid("$merge.parallelism must be an integer between 1 and 16, got \(display(value))")
            }
            spec.parallelism = Int(number)
        }
        if spec.parallelism > 1, spec.db.isDynamic || spec.coll.isDynamic {
            throw .invalid(
                "$merge.into.db and $merge.into.coll must be literals if $merge.parallelism is greater than 1")
        }
        return spec
    }

    /// A literal name, or (for a string starting with `$` or an object) an expression evaluated per document.
    private static func namespacePart(_ value: BSONValue?, field: String) throws(StreamEngineError)
        -> MergeSpec.NamespacePart
    {
        guard let value else { throw .invalid("BSON field '$merge.into.\(field)' is missing but a required field") }
        switch value {
        case .string(let text) where !text.hasPrefix("$"):
            guard !text.isEmpty else { throw .invalid("$merge.into.\(field) must not be empty") }
            return .literal(text)
        case .string, .document:
            var compiler = ExpressionCompiler()
            do throws(ExpressionError) { return .expression(try compiler.compile(value)) } catch {
                throw .invalid("$merge.into.\(field): \(error.message)")
            }
        case let other:
            throw .invalid("$merge.into.\(field) must be a string or an expression, got \(other.typeName)")
        }
    }

    private static func onFields(_ value: BSONValue) throws(StreamEngineError) -> [String] {
        let names: [BSONValue]
        switch value {
        case .string: names = [value]
        case .array(let values) where !values.isEmpty: names = values
        default: throw .invalid("$merge.on must be a string or a non-empty array of strings")
        }
        var fields: [String] = []
        for name in names {
            guard case .string(let text) = name else {
                throw .invalid("$merge.on must be a string or a non-empty array of strings")
            }
            guard !fields.contains(text) else { throw .invalid("Found a duplicate field '\(text)'") }
            fields.append(text)
        }
        return fields
    }

    private static func display(_ value: BSONValue) -> String {
        value.stringValue ?? ExtendedJSON.serialize(value, mode: .relaxed)
    }

    /// §2.3: writes the record's metadata as `_stream_meta`, merging its sub-fields into an existing object.
    func materialise(_ metadata: StreamMetadata, into document: inout BSONDocument) {
        let meta: BSONDocument
        if let cached = cachedMetadata, cached.metadata == metadata {
            meta = cached.document
        } else {
            meta = metadata.document
            cachedMetadata = (metadata, meta)
        }
        guard case .document(var existing) = document["_stream_meta"] else {
            document["_stream_meta"] = .document(meta)
            return
        }
        document["_stream_meta"] = .null
        for (key, value) in meta.elements { existing[key] = value }
        document["_stream_meta"] = .document(existing)
    }

    /// One record reaches the sink: `_stream_meta` as §2.3 says, the `$merge` namespace (§5.1), the replay key
    /// for window outputs, and the output counters (§7.3).
    func deliver(_ record: consuming StreamRecord) {
        var record = record
        if materialiseAtSink { materialise(record.metadata, into: &record.document) }
        let document = record.document
        var namespace: (db: String, coll: String)?
        if case .merge(let spec) = sink {
            do throws(ExpressionError) {
                namespace = (
                    try resolve(spec.db, "db", document, record), try resolve(spec.coll, "coll", document, record)
                )
            } catch {
                pending.deadLetters.append(
                    deadLetterEntry(
                        for: DeadLetterDraft(
                            record: record, operatorName: "MergeOperator",
                            reason: "Failed to evaluate target namespace in MergeOperator with error: \(error.message)")
                    ))
                return
            }
        }
        var replayKey: BSONDocument?
        if let window = record.metadata.window {
            replayKey = [
                "processor": .string(options.name), "start": .datetime(window.start), "end": .datetime(window.end),
                "key": record.outputKey ?? .null,
            ]
        }
        stats.outputMessageCount += 1
        stats.outputMessageSize += Int64(BSONSize.of(document))
        pending.documents.append(
            OutputDocument(document: document, namespace: namespace, metadata: record.metadata, replayKey: replayKey))
    }

    private func resolve(
        _ part: MergeSpec.NamespacePart, _ field: String, _ document: BSONDocument, _ record: StreamRecord
    ) throws(ExpressionError) -> String {
        switch part {
        case .literal(let name):
            return name
        case .expression(let expression):
            var context = EvaluationContext(root: document, metadata: record.metadata, now: environment.now)
            let value = try expression.evaluate(&context)
            guard case .string(let name) = value, !name.isEmpty else {
                throw ExpressionError(
                    "$merge.into.\(field) must evaluate to a non-empty string, got \(value?.typeName ?? "missing")")
            }
            return name
        }
    }

    /// The complete DLQ entry (§6) for a draft, counted in `dlqMessageCount`/`dlqMessageSize`; used for the
    /// executor's own drafts and for those a sink returns (write failures).
    package func deadLetterEntry(for draft: DeadLetterDraft) -> BSONDocument {
        let documentSize = BSONSize.of(draft.record.document)
        var entry: BSONDocument = [
            "_stream_meta": .document(draft.record.metadata.document),
            "errInfo": .document(["reason": .string(draft.reason)]),
            "operatorName": .string(draft.operatorName),
            "doc": documentSize > 8 * 1024 * 1024
                ? .string("full document too large to emit") : .document(draft.record.document),
            "processorName": .string(options.name),
            "instanceName": .string(options.instanceName),
            "dlqTime": .datetime(services.clock.now()),
        ]
        if let missed = draft.missedWindowStartTimes {
            entry.append("missedWindowStartTimes", .array(missed.map { .int64($0) }))
        }
        stats.dlqMessageCount += 1
        stats.dlqMessageSize += Int64(BSONSize.of(entry))
        return entry
    }
}

extension MergeSpec {
    /// The number of stages of a `whenMatched` pipeline (0 otherwise).
    fileprivate var whenMatchedPipelineCount: Int {
        if case .pipeline(let stages) = whenMatched { return stages.count }
        return 0
    }
}

extension MergeSpec.NamespacePart {
    /// Whether the name is evaluated per document.
    package var isDynamic: Bool {
        if case .expression = self { return true }
        return false
    }
}
