import BSONCore
import Interpreter
import MongoBridge
import ShellAPI

/// The libmongoc client as the shell's `CommandRunner`: the one place where MongoBridge meets ShellAPI.
///
/// Not thread-safe: use from one task.
final class MongoCommandRunner: CommandRunner {
    let client: MongoClient

    private init(client: MongoClient) { self.client = client }

    /// Connects and pings, so a server that does not answer fails here, within the selection timeout.
    static func connect(uri: String, serverSelectionTimeoutMS: Int) throws -> MongoCommandRunner {
        let client = try MongoClient(uri: uri, serverSelectionTimeoutMS: serverSelectionTimeoutMS)
        try client.ping()
        return MongoCommandRunner(client: client)
    }

    /// A connection string from what the user typed, as mongosh reads it: a URI as it is, `host:port[/db]`
    /// with `mongodb://` added, and a bare word as a database on the local server.
    static func connectionString(from argument: String) -> String {
        if argument.contains("://") { return argument }
        if argument.contains(":") || argument.contains("/") || argument.contains(".") { return "mongodb://" + argument }
        return "mongodb://127.0.0.1:27017/" + argument
    }

    /// The database named in a connection string's path (`mongodb://host/db?...` gives `db`).
    static func databaseName(in uri: String) -> String? {
        guard let scheme = uri.range(of: "://") else { return nil }
        let rest = uri[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let name = rest[rest.index(after: slash)...].prefix(while: { $0 != "?" })
        return name.isEmpty ? nil : String(name.removingPercentEncoding ?? String(name))
    }

    var redactedURI: String { client.redactedURI }

    func runCommand(_ command: BSONDocument, database: String) throws -> BSONDocument {
        try client.runCommand(command, database: database)
    }

    func runCursorCommand(_ command: BSONDocument, database: String) throws -> any DocumentCursor {
        try client.runCursorCommand(command, database: database)
    }

    func find(database: String, collection: String, filter: BSONDocument, options: BSONDocument) throws
        -> any DocumentCursor
    {
        try client.find(database: database, collection: collection, filter: filter, options: options)
    }

    func aggregate(database: String, collection: String?, pipeline: [BSONValue], options: BSONDocument) throws
        -> any DocumentCursor
    {
        try client.aggregate(database: database, collection: collection, pipeline: pipeline, options: options)
    }

    func runWriteCommand(_ command: BSONDocument, database: String, isBulkWrite: Bool) throws -> BSONDocument {
        try client.runWriteCommand(command, database: database, isBulkWrite: isBulkWrite)
    }

    func watch(database: String?, collection: String?, pipeline: [BSONValue], options: BSONDocument) throws
        -> any ChangeStream
    {
        try client.watch(database: database, collection: collection, pipeline: pipeline, options: options)
    }

    func countDocuments(database: String, collection: String, filter: BSONDocument, options: BSONDocument) throws
        -> Int64
    {
        try client.countDocuments(database: database, collection: collection, filter: filter, options: options)
    }
}

extension MongoCursor: DocumentCursor {}

extension MongoChangeStream: ChangeStream {}

extension MongoError: JSErrorConvertible {
    package var jsErrorName: String { name }
    package var jsErrorMessage: String { message }
    /// What the Node driver's errors carry, so scripts can test `e.code === 11000` as with mongosh: `code` and
    /// `codeName`; for a multi-document write (`MongoBulkWriteError`) the server's `writeErrors`; for a
    /// single-document write the failing write's `errInfo` (why validation failed), `keyPattern` and `keyValue`
    /// (which unique key clashed); and a `writeConcernError`.
    package var jsErrorProperties: [(String, JSValue)] {
        var properties: [(String, JSValue)] = [("code", .number(Double(code)))]
        if let codeName { properties.append(("codeName", .string(codeName))) }
        if kind == .bulkWrite, let writeErrors = reply?["writeErrors"] {
            properties.append(("writeErrors", BSONBridge.jsValue(from: writeErrors)))
        } else if case .array(let writeErrors)? = reply?["writeErrors"], case .document(let first)? = writeErrors.first
        {
            for key in ["errInfo", "keyPattern", "keyValue"] {
                if let value = first[key] { properties.append((key, BSONBridge.jsValue(from: value))) }
            }
        }
        if let concernError = reply?["writeConcernError"] {
            properties.append(("writeConcernError", BSONBridge.jsValue(from: concernError)))
        }
        return properties
    }
}

extension MongoError: ServerErrorDescribing {
    package var errorName: String { name }
    package var errorMessage: String { message }
}
