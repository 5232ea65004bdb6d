import BSONCore
import Interpreter

/// What `watch()` returns: a change stream's events, as mongosh's `ChangeStreamCursor` hands them out.
///
/// `tryNext` waits at most the stream's `maxAwaitTimeMS` (1000 ms unless given); `hasNext`, `next`, `forEach`
/// and `for…of` wait for an event, checking for Ctrl-C between waits, which stops them with "execution was
/// interrupted". As the value of an input it prints its events as they arrive (`ShellOutput.changeStream`).
package final class ChangeStreamCursor: HostObject {
    private let stream: any ChangeStream
    /// An event read ahead by `hasNext`.
    private var peeked: BSONDocument?

    init(stream: any ChangeStream) { self.stream = stream }

    deinit { stream.close() }

    package var className: String { "ChangeStreamCursor" }

    static let methods = [
        "close", "forEach", "getResumeToken", "hasNext", "isClosed", "isExhausted", "next", "tryNext",
    ]

    package var propertyNames: [String] { Self.methods }

    /// The default wait of one `tryNext`, short so that Ctrl-C is noticed within about a second.
    static let defaultMaxAwaitTimeMS: Int32 = 1000

    /// Opens a change stream for `watch(pipeline, options)` on a collection, a database or (both nil) the
    /// deployment.
    static func open(shell: Shell, database: String?, collection: String?, call: NativeCall) throws -> JSValue {
        var pipeline: [BSONValue] = []
        switch call.argument(0) {
        case .undefined, .null: break
        case let value:
            guard case .array(let stages) = try BSONBridge.bson(from: value) else {
                throw ShellError(.invalidArgument, "watch() takes an array of pipeline stages")
            }
            pipeline = stages
        }
        var options = BSONDocument()
        if case .object = call.argument(1) {
            options = try BSONBridge.document(from: call.argument(1), what: "The options")
        }
        if options["maxAwaitTimeMS"] == nil { options["maxAwaitTimeMS"] = .int32(defaultMaxAwaitTimeMS) }
        let stream = try shell.requireConnection().watch(
            database: database, collection: collection, pipeline: pipeline, options: options)
        return .object(JSObject(host: ChangeStreamCursor(stream: stream)))
    }

    /// The next event, or nil when none arrived within one wait.
    package func tryNextEvent() throws -> BSONDocument? {
        if let event = peeked {
            peeked = nil
            return event
        }
        return try stream.tryNext()
    }

    /// Closes the server cursor. Idempotent.
    package func close() {
        peeked = nil
        stream.close()
    }

    /// Waits for the next event, checking for Ctrl-C between waits; nil once the stream is closed.
    private func waitForEvent(_ interpreter: Interpreter) throws -> BSONDocument? {
        while !stream.isClosed {
            if let event = try tryNextEvent() { return event }
            try interpreter.checkInterrupted()
        }
        return nil
    }

    package func getProperty(_ key: String, interpreter: Interpreter) throws -> JSValue? {
        let method: (NativeCall) throws -> JSValue
        switch key {
        case "tryNext":
            method = { [self] _ in try tryNextEvent().map(Self.event) ?? .null }
        case "hasNext":
            method = { [self] call in
                if peeked == nil { peeked = try waitForEvent(call.interpreter) }
                return .bool(peeked != nil)
            }
        case "next":
            method = { [self] call in try waitForEvent(call.interpreter).map(Self.event) ?? .null }
        case "forEach":
            method = { [self] call in
                while let event = try waitForEvent(call.interpreter) {
                    let result = try call.interpreter.call(
                        call.argument(0), this: .undefined, arguments: [Self.event(event)])
                    if case .bool(false) = result { break }
                }
                return .undefined
            }
        case "isClosed", "isExhausted":
            method = { [self] _ in .bool(stream.isClosed) }
        case "close":
            method = { [self] _ in
                close()
                return .undefined
            }
        case "getResumeToken":
            method = { [self] _ in stream.resumeToken.map { .object(BSONBridge.jsObject(from: $0)) } ?? .null }
        default:
            return nil
        }
        return .makeFunction(name: key, method)
    }

    package func makeIterator(interpreter: Interpreter) throws -> (() throws -> JSValue?)? {
        { [self] in try waitForEvent(interpreter).map(Self.event) }
    }

    private static func event(_ document: BSONDocument) -> JSValue { .object(BSONBridge.jsObject(from: document)) }
}
