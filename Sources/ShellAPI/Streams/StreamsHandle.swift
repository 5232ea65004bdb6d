import BSONCore
import Interpreter

/// `sp`: Atlas Stream Processing through the Atlas Admin API, with mongosh's names. Any property that is not
/// a method (and does not start with `_`) is a processor handle, so `sp.kafka_stock_trade_processor` and
/// `sp["Kafka stock trade processor"]` work as in mongosh. Processor methods live here, connection methods
/// (which mongosh lacks) in `StreamsHandle+Connections`. Prints as `Atlas Stream Processing`.
final class StreamsHandle: MethodTableObject {
    unowned let shell: Shell

    init(shell: Shell) { self.shell = shell }

    var className: String { "Streams" }

    /// What `sp` prints as (mongosh's `asPrintable`).
    static let printedForm = "Atlas Stream Processing"

    /// Every method, by name.
    static let methodTable: [String: Method] = processorMethods.merging(connectionMethods) { first, _ in first }
        .merging(processMethods) { first, _ in first }

    /// The method names, sorted, for completion.
    static let methods = methodTable.keys.sorted()

    var propertyNames: [String] { Self.methods }

    func getProperty(_ key: String, interpreter: Interpreter) throws -> JSValue? {
        if let method = boundMethod(key) { return method }
        if key.hasPrefix("_") { return nil }
        return processor(named: key)
    }

    /// A handle on the processor `name`, knowing `document` when given.
    func processor(named name: String, document: BSONDocument? = nil) -> JSValue {
        .object(JSObject(host: StreamProcessorHandle(shell: shell, name: name, document: document)))
    }

    static let processorMethods: [String: Method] = [
        "listStreamProcessors": { sp, call in
            let method = "sp.listStreamProcessors"
            let filter = try StreamsFilter(ArgumentChecks.options(call, 0, method: method), method: method)
            let processors = try sp.shell.streams.listProcessors().filter(filter.matches)
            return sp.shell.serverArray(
                processors.compactMap { document in
                    StreamsSession.name(of: document).map { sp.processor(named: $0, document: document) }
                })
        },
        "getProcessor": { sp, call in
            sp.processor(
                named: try StreamsArguments.name(call.argument(0), what: "processor", method: "sp.getProcessor"))
        },
        "createStreamProcessor": { sp, call in
            let method = "sp.createStreamProcessor"
            let name = try StreamsArguments.processorName(call.argument(0), method: method)
            let pipeline = try StreamsArguments.pipeline(call.argument(1), method: method)
            var options = try ArgumentChecks.options(call, 2, method: method)
            let ifNotExists = try StreamsArguments.takeFlag("ifNotExists", from: &options, method: method)
            try StreamsArguments.checkDeadLetterQueue(options, method: method)
            let admin = try sp.shell.streams.requireAdmin()
            let created = try createIfNotExists(ifNotExists) {
                try admin.createProcessor(name: name, pipeline: pipeline, options: options.isEmpty ? nil : options)
            } existing: {
                try admin.getProcessor(name: name, includeStats: false)
            }
            sp.shell.streams.processorNames.insert(name)
            return sp.processor(named: name, document: created)
        },
    ]

    /// Creates something, or with `ifNotExists` (for deploy scripts that are run again) gives back the one that
    /// already exists. The create is tried first, so a first run costs one request. When it fails and
    /// `existing` finds one of that name, that one is returned as it is (its definition is not compared with
    /// the requested one, nor changed: `{ifNotExists: true}` means "make sure one of this name exists", like
    /// SQL's `CREATE … IF NOT EXISTS`). When `existing` fails too, the create's own error is thrown, so a bad
    /// pipeline or an authorization failure still reads as such.
    static func createIfNotExists(
        _ ifNotExists: Bool, create: () throws -> BSONDocument, existing: () throws -> BSONDocument
    ) throws -> BSONDocument {
        do {
            return try create()
        } catch {
            guard ifNotExists, !(error is ShellError), let found = try? existing() else { throw error }
            return found
        }
    }
}
