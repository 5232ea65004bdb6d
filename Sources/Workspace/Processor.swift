import Foundation
import StreamEngine

/// One stream processor as the local workspace keeps it, and its state machine
/// (CREATED -> STARTED -> STOPPED, FAILED with `errorMsg`; atlas-api.md §6).
struct Processor: Sendable, Equatable {
    /// The states the spec names ("commonly CREATED, STARTED, STOPPED, FAILED").
    enum State: String, Sendable {
        case created = "CREATED"
        case started = "STARTED"
        case stopped = "STOPPED"
        case failed = "FAILED"
    }

    var id: String
    var name: String
    var pipeline: [JSONValue]
    var options: JSONValue?
    var tier: String?
    var failoverEnabled: Bool?
    var state: State
    var errorMsg: String?

    static let tiers = ["SP2", "SP5", "SP10", "SP30", "SP50"]

    /// The `StreamsProcessor` echo a create answers with (no `state`, as in the spec).
    var createdView: JSONValue {
        var fields: [(key: String, value: JSONValue)] = [
            ("_id", .string(id)), ("name", .string(name)), ("pipeline", .array(pipeline)),
        ]
        if let options { fields.append(("options", options)) }
        if let tier { fields.append(("tier", .string(tier))) }
        if let failoverEnabled { fields.append(("failoverEnabled", .bool(failoverEnabled))) }
        return .object(fields)
    }

    /// The `StreamsProcessorWithStats` view of GET, list and modify, with the runner's counters.
    func statsView(_ counts: EngineStats, stopping: Bool = false) -> JSONValue {
        var view = createdView
        view = view.setting("state", .string(state.rawValue))
        if let errorMsg { view = view.setting("errorMsg", .string(errorMsg)) }
        return view.setting("stats", stats(counts, stopping: stopping))
    }

    /// The engine status of §7.3 for the state: `created`, `running`, `error`, `stopping` (while a stopped runner
    /// finishes its checkpoint). The engine has no status for a processor it no longer runs; `stopped` is this
    /// server's choice for STOPPED (INFERRED).
    func status(stopping: Bool) -> String {
        switch state {
        case .created: return "created"
        case .started: return "running"
        case .failed: return "error"
        case .stopped: return stopping ? "stopping" : "stopped"
        }
    }

    /// The keys of mongosh's `sp.<name>.stats()` (§7.3), sizes in bytes (`scaleFactor` 1: the API takes no
    /// `scale`); `watermark` only once a windowed pipeline has seen an event.
    func stats(_ counts: EngineStats, stopping: Bool = false) -> JSONValue {
        func number(_ value: Int64) -> JSONValue { .number(String(value)) }
        var fields: [(key: String, value: JSONValue)] = [
            ("name", .string(name)), ("processorId", .string(id)), ("status", .string(status(stopping: stopping))),
            ("scaleFactor", .int(1)), ("inputMessageCount", number(counts.inputMessageCount)),
            ("inputMessageSize", number(counts.inputMessageSize)),
            ("outputMessageCount", number(counts.outputMessageCount)),
            ("outputMessageSize", number(counts.outputMessageSize)),
            ("dlqMessageCount", number(counts.dlqMessageCount)), ("dlqMessageSize", number(counts.dlqMessageSize)),
            ("stateSize", number(counts.stateSize)), ("memoryTrackerBytes", .int(0)),
        ]
        if let watermark = counts.watermark {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            let date = Date(timeIntervalSince1970: Double(watermark) / 1000)
            fields.append(("watermark", .string(formatter.string(from: date))))
        }
        return .object(fields)
    }

    /// The stored form (one element of the workspace file's `processors`).
    var stored: JSONValue {
        var view = createdView.setting("state", .string(state.rawValue))
        if let errorMsg { view = view.setting("errorMsg", .string(errorMsg)) }
        return view
    }

    /// Reads the stored form back; nil when the file was edited into something else.
    init?(stored: JSONValue) {
        guard case .string(let id)? = stored["_id"], case .string(let name)? = stored["name"],
            case .array(let pipeline)? = stored["pipeline"], case .string(let raw)? = stored["state"],
            let state = State(rawValue: raw)
        else { return nil }
        self.init(id: id, name: name, pipeline: pipeline, state: state)
        options = stored["options"]
        tier = stored["tier"]?.stringValue
        if case .bool(let flag)? = stored["failoverEnabled"] { failoverEnabled = flag }
        errorMsg = stored["errorMsg"]?.stringValue
    }

    init(
        id: String, name: String, pipeline: [JSONValue], options: JSONValue? = nil, tier: String? = nil,
        state: State = .created
    ) {
        self.id = id
        self.name = name
        self.pipeline = pipeline
        self.options = options
        self.tier = tier
        self.state = state
    }
}

// MARK: - Request bodies

extension Processor {
    /// Checks `pipeline`: an array of one-key stage objects starting with `$source`.
    static func validatedPipeline(_ value: JSONValue?, name: String) throws(APIError) -> [JSONValue] {
        guard let value else {
            throw APIError.validation("The required attribute pipeline was not specified.", ["pipeline"])
        }
        guard case .array(let stages) = value else {
            throw APIError.validation("Attribute pipeline must be an array, found \(value.kindName).", ["pipeline"])
        }
        guard !stages.isEmpty else { throw APIError.processorProblem(name, "Pipeline must have at least one stage") }
        for (index, stage) in stages.enumerated() {
            guard let fields = stage.objectValue, fields.count == 1, fields[0].key.hasPrefix("$") else {
                throw APIError.processorProblem(
                    name, "Stage \(index) must be an object with exactly one field naming the stage, like {$source: …}")
            }
        }
        guard stages[0].objectValue?.first?.key == "$source" else {
            throw APIError.processorProblem(name, "The first stage of the pipeline must be $source")
        }
        return stages
    }

    /// Checks `options`: an object whose `dlq`, when present, has `connectionName`, `db` and `coll` strings.
    static func validatedOptions(_ value: JSONValue?) throws(APIError) -> JSONValue? {
        guard let value else { return nil }
        guard value.objectValue != nil else {
            throw APIError.validation("Attribute options must be an object, found \(value.kindName).", ["options"])
        }
        if let dlq = value["dlq"] {
            for field in ["connectionName", "db", "coll"] {
                guard case .string(let text)? = dlq[field], !text.isEmpty else {
                    throw APIError.validation(
                        "The required attribute options.dlq.\(field) was not specified.",
                        [.string("options.dlq.\(field)")])
                }
            }
        }
        return value
    }

    /// Checks `tier` against the spec's enum.
    static func validatedTier(_ value: JSONValue?) throws(APIError) -> String? {
        guard let value else { return nil }
        guard case .string(let tier) = value, tiers.contains(tier) else {
            throw APIError.validation(
                "Attribute tier must be one of \(tiers.joined(separator: ", ")), found \(value.text).", ["tier"])
        }
        return tier
    }
}
