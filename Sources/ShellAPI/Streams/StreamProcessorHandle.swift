import BSONCore
import Interpreter

/// A stream processor, as `sp.<name>`, `sp["name with spaces"]`, `sp.getProcessor(name)`, an element of
/// `sp.listStreamProcessors()` or the result of `sp.createStreamProcessor(...)` gives it: `.start(opts?)`,
/// `.stop()`, `.drop()`, `.stats()`, `.modify(pipeline?, opts?)`, and the processor's fields (`.state`,
/// `.pipeline`, …) as the workspace last described it.
///
/// Like mongosh's, a handle is made without asking the workspace; an unknown name fails when it is used, with
/// the nearest known name. Unlike mongosh's (which prints a blank line), a handle prints as the processor's
/// document without its `stats` (`{ _id, name, pipeline, state, … }`, fetched first when the handle has not
/// seen it yet or a method has changed it since).
final class StreamProcessorHandle: MethodTableObject, BSONValueConvertible {
    unowned let shell: Shell
    let name: String
    /// The processor as last returned by the workspace; nil until fetched, and again after a state change.
    private(set) var document: BSONDocument?

    init(shell: Shell, name: String, document: BSONDocument? = nil) {
        self.shell = shell
        self.name = name
        self.document = document
    }

    var className: String { "StreamProcessor" }

    static let methodTable: [String: Method] = [
        "start": { processor, call in
            let options = try ArgumentChecks.options(call, 0, method: "StreamProcessor.start")
            try processor.run { try $0.startProcessor(name: processor.name, options: options.isEmpty ? nil : options) }
            return processor.shell.okReply()
        },
        "stop": { processor, call in
            // mongosh passes `{force: true}` through to the workspace; the Admin API's `:stop` takes no options.
            _ = try ArgumentChecks.options(call, 0, method: "StreamProcessor.stop")
            try processor.run { try $0.stopProcessor(name: processor.name) }
            return processor.shell.okReply()
        },
        "drop": { processor, call in
            _ = try ArgumentChecks.options(call, 0, method: "StreamProcessor.drop")
            try processor.run { try $0.deleteProcessor(name: processor.name) }
            processor.shell.streams.processorNames.remove(processor.name)
            return processor.shell.okReply()
        },
        "stats": { processor, call in
            // `{options: {scale, verbose}}` is accepted as in mongosh; the Admin API returns one form of stats.
            _ = try ArgumentChecks.options(call, 0, method: "StreamProcessor.stats")
            let current = try processor.shell.streams.onProcessor(processor.name) {
                try $0.getProcessor(name: processor.name, includeStats: true)
            }
            processor.document = current
            return processor.shell.serverObject(statsReply(current))
        },
        "sample": { processor, call in
            _ = try ArgumentChecks.options(call, 0, method: "StreamProcessor.sample")
            try processor.shell.sample(processorNamed: processor.name)
            return .undefined
        },
        "modify": { processor, call in
            let (pipeline, options) = try modifyArguments(call)
            let modified = try processor.shell.streams.onProcessor(processor.name) {
                try $0.modifyProcessor(name: processor.name, pipeline: pipeline, options: options)
            }
            processor.document = modified
            return processor.shell.okReply()
        },
    ]

    /// The method names, sorted, for completion.
    static let methods = methodTable.keys.sorted()

    var propertyNames: [String] { Self.methods }

    /// The processor fields that a property read may fetch from the workspace (other names never do).
    static let fields: Set<String> = [
        "_id", "id", "name", "pipeline", "state", "options", "tier", "stats", "errorMsg", "failoverEnabled",
        "eligibleForFailover", "lastModified", "lastStateChange",
    ]

    func getProperty(_ key: String, interpreter: Interpreter) throws -> JSValue? {
        if let method = boundMethod(key) { return method }
        if key == "name" { return .string(name) }
        if document == nil, Self.fields.contains(key) { try refresh() }
        return document?[key].map(BSONBridge.jsValue(from:))
    }

    /// The processor's document as it prints: without `stats` (see `.stats()`), and with at least its name.
    var bsonValue: BSONValue {
        var printed = document ?? BSONDocument([("name", .string(name))])
        printed["stats"] = nil
        return .document(printed)
    }

    /// Fetches the processor's current document (no stats); an unknown name fails with the nearest known one.
    func refresh() throws {
        document = try shell.streams.onProcessor(name) { try $0.getProcessor(name: name, includeStats: false) }
    }

    /// Runs a state change, after which the handle's document is stale.
    private func run(_ body: (any AtlasAdmin) throws -> Void) throws {
        try shell.streams.onProcessor(name, body)
        document = nil
    }

    /// mongosh's stats reply, `{ ok: 1, stats: {…}, pipeline: […] }`, from the processor's document (the
    /// workspace's `ns` is not part of the Admin API's answer, so it is left out).
    static func statsReply(_ processor: BSONDocument) -> BSONDocument {
        BSONDocument([
            ("ok", .int32(1)),
            ("stats", processor["stats"] ?? .document(BSONDocument())),
            ("pipeline", processor["pipeline"] ?? .array([])),
        ])
    }

    /// `modify(pipeline)`, `modify(pipeline, opts)` or `modify(opts)`, with mongosh's messages for the others.
    static func modifyArguments(_ call: NativeCall) throws -> (pipeline: [BSONValue]?, options: BSONDocument?) {
        let first = call.argument(0)
        guard case .object(let object) = first, object.host == nil, !object.isCallable else {
            throw ShellError(.invalidArgument, "The first argument to modify must be an array or object.")
        }
        if object.arrayElements != nil {
            let pipeline = try StreamsArguments.pipeline(first, method: "StreamProcessor.modify")
            let options = try ArgumentChecks.options(call, 1, method: "StreamProcessor.modify")
            try StreamsArguments.checkDeadLetterQueue(options, method: "StreamProcessor.modify")
            return (pipeline, options.isEmpty ? nil : options)
        }
        guard call.argument(1).isUndefined else {
            throw ShellError(
                .invalidArgument,
                "If the first argument to modify is an object, the second argument should not be specified.")
        }
        let options = try BSONBridge.document(from: first, what: "The options")
        try StreamsArguments.checkDeadLetterQueue(options, method: "StreamProcessor.modify")
        return (nil, options)
    }
}
