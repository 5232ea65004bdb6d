import BSONCore

extension PipelineExecutor {
    /// The fields a `$source` may have across its forms (§2.1); anything else is rejected, as ASP parses strictly.
    static let sourceFields: Set<String> = [
        "documents", "connectionName", "path", "timeField", "tsFieldName", "topic", "db", "coll",
        "partitionIdleTimeout", "config",
    ]

    /// Parses `$source` (§2.1): a `documents` array (or an expression evaluated once to one), the spsh file
    /// source `path`, or a `connectionName`; `timeField` compiled; `tsFieldName` checked (§2.2).
    static func parseSource(_ value: BSONValue, options: ProcessorOptions, environment: StageEnvironment)
        throws(StreamEngineError) -> (SourceSpec, operatorName: String)
    {
        guard case .document(let spec) = value else {
            throw .invalid("$source specification must be an object, got \(value.typeName)")
        }
        for (key, _) in spec.elements where !sourceFields.contains(key) {
            throw .invalid("BSON field '$source.\(key)' is an unknown field.")
        }
        var compiler = ExpressionCompiler()
        var timeField: Expression?
        if let field = spec["timeField"] {
            do throws(ExpressionError) { timeField = try compiler.compile(field) } catch {
                throw .invalid("$source.timeField: \(error.message)")
            }
        }
        var tsFieldName = "_ts"
        if let name = spec["tsFieldName"] {
            guard case .string(let text) = name else {
                throw .invalid(
                    "BSON field '$source.tsFieldName' is the wrong type '\(name.typeName)', expected type 'string'")
            }
            guard !text.isEmpty else { throw .invalid("$source.tsFieldName must not be empty") }
            guard !text.contains(".") else { throw .invalid("$source.tsFieldName must not contain '.': \(text)") }
            tsFieldName = text
        }
        let kind: SourceSpec.Kind
        let operatorName: String
        if let documents = spec["documents"] {
            guard spec["connectionName"] == nil, spec["path"] == nil else {
                throw .invalid("$source cannot have 'connectionName' or 'path' together with 'documents'")
            }
            kind = .documents(try evaluateDocuments(documents, environment: environment))
            operatorName = "DocumentsDataSourceOperator"
        } else if let path = spec["path"] {
            guard case .string(let text) = path, !text.isEmpty else {
                throw .invalid("$source.path must be a non-empty string")
            }
            guard spec["connectionName"] == nil else {
                throw .invalid("$source cannot have both 'connectionName' and 'path'")
            }
            kind = .file(path: text)
            operatorName = "FileSourceOperator"  // spsh extension: ASP has no file source, so no name to mirror
        } else if case .string(let name) = spec["connectionName"] {
            kind = .connection(name: name, options: spec)
            operatorName = connectionOperatorName(name: name, type: options.connectionTypes[name])
        } else {
            throw .invalid("$source must contain 'connectionName' field in it")
        }
        return (SourceSpec(kind: kind, timeField: timeField, tsFieldName: tsFieldName), operatorName)
    }

    /// `documents`: a literal array of objects, or an expression evaluated once at start that must give one.
    private static func evaluateDocuments(_ value: BSONValue, environment: StageEnvironment)
        throws(StreamEngineError) -> [BSONDocument]
    {
        var result: BSONValue? = value
        let isLiteral: Bool =
            if case .array(let values) = value { values.allSatisfy { $0.documentValue != nil } } else { false }
        if !isLiteral {
            var compiler = ExpressionCompiler()
            do throws(ExpressionError) {
                let expression = try compiler.compile(value)
                var context = EvaluationContext(root: BSONDocument(), now: environment.now)
                result = try expression.evaluate(&context)
            } catch {
                throw .invalid("Failed to evaluate $source.documents: \(error.message)")
            }
        }
        guard case .array(let values) = result else {
            throw .invalid(
                "$source.documents must evaluate to an array of objects, got \(result?.typeName ?? "missing")")
        }
        var documents: [BSONDocument] = []
        documents.reserveCapacity(values.count)
        for element in values {
            guard case .document(let document) = element else {
                throw .invalid("$source.documents must evaluate to an array of objects, found \(element.typeName)")
            }
            documents.append(document)
        }
        return documents
    }

    /// The source operator's name for a connection (§4 table), by its type when the registry knows it.
    private static func connectionOperatorName(name: String, type: String?) -> String {
        let lowered = type?.lowercased() ?? ""
        if lowered == "kafka" { return "KafkaConsumerOperator" }
        if PipelineValidator.isClusterType(lowered) {
            return "ChangeStreamConsumerOperator"  // UNCONFIRMED name (§4, §13 item 4)
        }
        return "SampleDataSourceOperator"
    }

    /// §2.2: turns one message into a record with its event time and `_ts` (or `tsFieldName`), and `_stream_meta`
    /// when §2.3 wants it at the source; `nil` (and a DLQ entry) when `timeField` gives no Date.
    /// `payload` is the message's document, moved out of it by the caller.
    func ingest(_ message: borrowing SourceMessage, _ payload: consuming BSONDocument) -> StreamRecord? {
        var document = payload
        stats.inputMessageCount += 1
        stats.inputMessageSize += Int64(message.size > 0 ? message.size : BSONSize.of(document))
        let metadata = StreamMetadata(source: message.sourceMetadata)
        let eventTime: Int64
        if let timeField = source.timeField {
            let value: BSONValue?
            do throws(ExpressionError) {
                if case .fieldPath(let path) = timeField {
                    value = path.lookup(in: document)  // no context needed for a plain path
                } else {
                    var context = EvaluationContext(root: document, metadata: metadata, now: environment.now)
                    value = try timeField.evaluate(&context)
                }
            } catch {
                // §2.2: an exception takes the same reason; the engine shows no value for it.
                value = nil
            }
            guard case .datetime(let time) = value else {
                let shown = value.map { ExtendedJSON.serialize($0, mode: .relaxed) } ?? "MISSING"
                let record = StreamRecord(document: document, eventTime: 0, metadata: metadata)
                pending.deadLetters.append(
                    deadLetterEntry(
                        for: DeadLetterDraft(
                            record: record, operatorName: sourceOperatorName,
                            reason: "Failed to extract timestamp from document, extracted timestampVal: \(shown)")))
                return nil
            }
            eventTime = time
        } else {
            eventTime = message.timestamp ?? services.clock.now()
        }
        notePartitionTime(message.partition, eventTime)
        document[source.tsFieldName] = .datetime(eventTime)
        if materialiseAtSource { materialise(metadata, into: &document) }
        return StreamRecord(document: document, eventTime: eventTime, metadata: metadata)
    }

    /// Records an accepted event time for its partition (§3.2 `maxT`).
    private func notePartitionTime(_ partition: Int, _ time: Int64) {
        let index = max(partition, 0)
        if index >= partitionMaxTimes.count {
            partitionMaxTimes.append(contentsOf: repeatElement(Int64.min, count: index - partitionMaxTimes.count + 1))
        }
        if time > partitionMaxTimes[index] { partitionMaxTimes[index] = time }
    }
}
