import BSONCore
import Interpreter

/// The shell's state and its objects: `db`, the current cursor for `it`, the BSON constructors, and the
/// direct commands (`use`, `show`, `it`). It evaluates one input at a time and says what to show.
///
/// Not thread-safe: use from one task (the REPL's). Only `interpreter.interruptFlag` may be set from elsewhere.
package final class Shell {
    package let interpreter: Interpreter
    /// The database connection, or nil when started with `--nodb`.
    package let connection: (any CommandRunner)?
    /// The current database name (`use x` changes it).
    package private(set) var databaseName: String
    /// Documents per cursor page (mongosh's `displayBatchSize`).
    package var displayBatchSize = 20
    /// The cursor `it` continues: the most recently evaluated one.
    var currentCursor: ShellCursor?
    /// The last object built from a server reply, so it prints at full depth.
    weak var lastServerObject: JSObject?
    /// Names fetched for Tab completion.
    let completionCache = CompletionCache()
    /// What `sleep` waits on; tests replace it with a virtual clock.
    package var clock: any ShellClock = SystemClock()
    /// `sp`'s target and the processor and connection names it has seen.
    let streams = StreamsSession()

    /// The in-process stream engine behind `sp.process`; the executable sets it (nil: `sp.process` says so).
    package var streamProcessing: (any StreamProcessing)?
    /// Prints one document as `printjson` does; the REPL sets it (`sp.process` output, §7.1).
    package var documentPrinter: (BSONDocument) -> Void = { _ in }
    /// Prints one line of text; the REPL sets it.
    package var textPrinter: (String) -> Void = { _ in }

    /// The Atlas Stream Processing workspace that `sp` manages (Atlas, or a local `spsh serve`); nil when none
    /// is configured, and `sp`'s methods then say how to configure one. Setting it forgets the cached names.
    package var atlasAdmin: (any AtlasAdmin)? {
        get { streams.admin }
        set { streams.admin = newValue }
    }

    /// A shell on `connection` (nil for `--nodb`), whose `sp` manages `atlasAdmin`'s workspace.
    package init(
        interpreter: Interpreter, connection: (any CommandRunner)?, databaseName: String,
        atlasAdmin: (any AtlasAdmin)? = nil
    ) {
        self.interpreter = interpreter
        self.connection = connection
        self.databaseName = databaseName
        BSONConstructors.install(in: interpreter)
        ShellGlobals.install(in: self)
        installDatabase()
        installStreams(atlasAdmin: atlasAdmin)
    }

    /// Evaluates one complete input (a statement list or a direct command) and says what to print.
    package func evaluate(_ source: String, fileName: String = "<repl>") throws -> ShellOutput {
        if let command = DirectCommand(source) {
            return try run(command)
        }
        let value = try interpreter.evaluate(source, fileName: fileName)
        return try present(value)
    }

    /// How a value that an input evaluated to is shown: a cursor prints its next page (and becomes `it`'s), a
    /// change stream its events as they arrive.
    package func present(_ value: JSValue) throws -> ShellOutput {
        switch value {
        case .undefined:
            return .nothing
        case .object(let object):
            if let cursor = object.host as? ShellCursor {
                currentCursor = cursor
                return try page(of: cursor)
            }
            if let stream = object.host as? ChangeStreamCursor { return .changeStream(stream) }
            if let database = object.host as? DatabaseHandle {
                _ = try requireConnection()
                return .text(database.name)
            }
            if let collection = object.host as? CollectionHandle { return .text(collection.fullName) }
            if let mongo = object.host as? MongoHandle { return .text(mongo.uri) }
            if let explainable = object.host as? Explainable {
                return .text("Explainable(\(explainable.collection.fullName))")
            }
            if object.host is StreamsHandle { return .text(StreamsHandle.printedForm) }
            if let processor = object.host as? StreamProcessorHandle {
                try processor.refresh()  // a handle shows the processor's current state
                return .value(value, fromServer: true)
            }
            return .value(value, fromServer: object === lastServerObject)
        default:
            return .value(value, fromServer: false)
        }
    }

    func page(of cursor: ShellCursor) throws -> ShellOutput {
        try cursor.page(size: displayBatchSize)
    }

    /// The live connection, or the `--nodb` error.
    func requireConnection() throws -> any CommandRunner {
        guard let connection else {
            throw ShellError(.noDatabase, "No database connection: spsh was started with --nodb")
        }
        return connection
    }

    /// Wraps a server reply as a script object that prints at full depth.
    func serverObject(_ document: BSONDocument) -> JSValue {
        let object = BSONBridge.jsObject(from: document)
        lastServerObject = object
        return .object(object)
    }

    /// Switches the current database, as `use x` does.
    func use(_ name: String) throws -> String {
        guard DatabaseHandle.isValidName(name) else {
            throw ShellError(.invalidDatabaseName, "Invalid database name: '\(name)'")
        }
        if name == databaseName { return "already on db \(name)" }
        databaseName = name
        currentCursor = nil
        completionCache.collections[name] = nil
        installDatabase()
        return "switched to db \(name)"
    }

    private func installDatabase() {
        interpreter.defineGlobal("db", .object(JSObject(host: DatabaseHandle(shell: self, name: databaseName))))
    }
}
