import BSONCore

/// ASP's pipeline validation (§1), in the order the engine checks, with its messages (code 420).
///
/// The executor calls `validate` on the whole pipeline; window stages call `validateInnerPipeline` (or
/// `checkInnerStage` per stage) on their inner pipelines.
package enum PipelineValidator {
    /// Stages allowed in the main pipeline and inside windows (§1 allow-list).
    package static let statelessStages: Set<String> = [
        "$addFields", "$set", "$project", "$unset", "$replaceRoot", "$replaceWith", "$redact", "$match", "$unwind",
        "$validate", "$lookup", "$cachedLookup",
    ]
    /// Stages that make network calls; allowed by ASP, rejected locally (§4.4).
    package static let networkStages: Set<String> = ["$https", "$externalFunction"]
    /// The window stages (main pipeline only).
    package static let windowStages: Set<String> = ["$tumblingWindow", "$hoppingWindow", "$sessionWindow"]
    /// The window-aware stages (inner pipelines only).
    package static let windowAwareStages: Set<String> = ["$group", "$sort", "$limit", "$count"]
    /// The sinks (last stage of the main pipeline only).
    package static let sinkStages: Set<String> = ["$merge", "$emit"]
    /// The largest pipeline ASP accepts, in BSON bytes (§1 rule 9).
    package static let maximumPipelineSize = 16 * 1024 * 1024

    /// One stage as `{name: spec}` split apart.
    package typealias StageEntry = (name: String, spec: BSONValue)

    /// Checks a whole pipeline (§1 rules 1–9) and returns its stages split into name and spec.
    package static func validate(_ pipeline: [BSONDocument], isEphemeral: Bool) throws(StreamEngineError)
        -> [StageEntry]
    {
        guard let first = pipeline.first else { throw .invalid("Pipeline must have at least one stage") }
        let firstName = first.elements.first?.key ?? ""
        guard firstName == "$source" else { throw .invalid("First stage must be $source, found: \(firstName)") }
        let lastName = pipeline[pipeline.count - 1].elements.first?.key ?? ""
        if !isEphemeral && !sinkStages.contains(lastName) {
            throw .invalid("The last stage in the pipeline must be $merge or $emit.")
        }
        var stages: [StageEntry] = []
        stages.reserveCapacity(pipeline.count)
        for stage in pipeline {
            guard stage.count == 1, let element = stage.elements.first else {
                throw .invalid("A pipeline stage specification object must contain exactly one field.")
            }
            stages.append((element.key, element.value))
        }
        for stage in stages.dropLast() where sinkStages.contains(stage.name) {
            throw .invalid("No stages are allowed after a $merge or $emit stage.")
        }
        if stages.count(where: { windowStages.contains($0.name) }) > 1 {
            throw .invalid("Only one window stage is allowed in a pipeline.")
        }
        for stage in stages.dropFirst() { try checkMainStage(name: stage.name) }
        for stage in stages {
            try checkNoText(stage)
            // Rule 8 holds inside windows too; the window checks its inner stages' names itself (rule 7).
            if windowStages.contains(stage.name), case .array(let inner)? = stage.spec.documentValue?["pipeline"] {
                for case .document(let innerStage) in inner {
                    if let element = innerStage.elements.first { try checkNoText((element.key, element.value)) }
                }
            }
        }
        let size = BSONSize.of(pipeline.map { BSONValue.document($0) })
        if size > maximumPipelineSize {
            throw .invalid(
                "Pipeline size \(size) bytes exceeds the maximum BSON document size of \(maximumPipelineSize) bytes.")
        }
        return stages
    }

    /// Checks the inner pipeline of a window (§1 rules 4, 6, 7, 8 for position "win") and splits its stages.
    package static func validateInnerPipeline(_ pipeline: [BSONValue]) throws(StreamEngineError) -> [StageEntry] {
        var stages: [StageEntry] = []
        for value in pipeline {
            guard case .document(let stage) = value, stage.count == 1, let element = stage.elements.first else {
                throw .invalid("A pipeline stage specification object must contain exactly one field.")
            }
            stages.append((element.key, element.value))
        }
        for stage in stages {
            try checkInnerStage(name: stage.name)
            try checkNoText(stage)
        }
        return stages
    }

    /// Whether `name` may appear in a window's inner pipeline (§1 rule 7, column "win").
    package static func checkInnerStage(name: String) throws(StreamEngineError) {
        if statelessStages.contains(name) || windowAwareStages.contains(name) { return }
        if networkStages.contains(name) { throw networkStageError(name) }
        if sinkStages.contains(name) {
            throw .invalid("\(name) stage is not permitted in the inner pipeline of a window stage")
        }
        if windowStages.contains(name) { throw .invalid("Only one window stage is allowed in a pipeline.") }
        throw .invalid("Unsupported stage: \(name)")
    }

    /// Whether `name` may appear in the main pipeline after `$source` (§1 rule 7, column "main").
    package static func checkMainStage(name: String) throws(StreamEngineError) {
        if statelessStages.contains(name) || windowStages.contains(name) || sinkStages.contains(name) { return }
        if networkStages.contains(name) { throw networkStageError(name) }
        if windowAwareStages.contains(name) {
            throw .invalid("\(name) stage is only permitted in the inner pipeline of a window stage")
        }
        throw .invalid("Unsupported stage: \(name)")
    }

    /// §1 rule 8: `$match` (and `$validate`'s validator, §4.1) must not use `$text`.
    package static func checkNoText(_ stage: StageEntry) throws(StreamEngineError) {
        guard stage.name == "$match", containsKey("$text", in: stage.spec) else { return }
        throw .invalid("Cannot use $text in $match stage in Atlas Stream Processing.")
    }

    /// Whether `key` appears as a field name anywhere inside `value`.
    package static func containsKey(_ key: String, in value: BSONValue) -> Bool {
        switch value {
        case .document(let document):
            return document.elements.contains { $0.key == key || containsKey(key, in: $0.value) }
        case .array(let values):
            return values.contains { containsKey(key, in: $0) }
        default:
            return false
        }
    }

    /// Checks the processor's `dlq` option (§6): `connectionName`, `db` and `coll` are all required strings, and
    /// the connection must be an Atlas (cluster) connection when its type is known.
    package static func deadLetterQueue(_ option: BSONDocument, connectionTypes: [String: String])
        throws(StreamEngineError) -> DeadLetterQueueTarget
    {
        for (key, _) in option.elements where !["connectionName", "db", "coll"].contains(key) {
            throw .invalid("BSON field 'dlq.\(key)' is an unknown field.")
        }
        var parts: [String] = []
        for field in ["connectionName", "db", "coll"] {
            guard let value = option[field] else {
                throw .invalid("BSON field 'dlq.\(field)' is missing but a required field")
            }
            guard case .string(let text) = value, !text.isEmpty else {
                throw .invalid("BSON field 'dlq.\(field)' must be a non-empty string, not \(value.typeName)")
            }
            parts.append(text)
        }
        let target = DeadLetterQueueTarget(connectionName: parts[0], db: parts[1], coll: parts[2])
        try checkDeadLetterQueue(target, connectionTypes: connectionTypes)
        return target
    }

    /// The DLQ's connection must be an Atlas (cluster) connection (§6), when the registry knows it.
    package static func checkDeadLetterQueue(_ target: DeadLetterQueueTarget, connectionTypes: [String: String])
        throws(StreamEngineError)
    {
        guard let type = connectionTypes[target.connectionName], !isClusterType(type) else { return }
        throw .invalid("The DLQ connection '\(target.connectionName)' must be an Atlas connection, not \(type)")
    }

    /// Whether a connection type names an Atlas cluster (`atlas`, `Cluster`).
    package static func isClusterType(_ type: String) -> Bool {
        let lowered = type.lowercased()
        return lowered == "atlas" || lowered == "cluster"
    }

    private static func networkStageError(_ name: String) -> StreamEngineError {
        .invalid("\(name) is not supported by the local stream engine: it calls an external service")
    }
}
