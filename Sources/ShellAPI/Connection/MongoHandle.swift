import BSONCore
import Interpreter

/// `db.getMongo()`: the connection itself, as mongosh's `Mongo` object. It prints as its connection string
/// (password masked) and reaches any database: `getDB`, `getDBNames`, `getDBs`, `getCollection('db.coll')`.
final class MongoHandle: MethodTableObject {
    unowned let shell: Shell

    init(shell: Shell) { self.shell = shell }

    var className: String { "Mongo" }

    var propertyNames: [String] { Self.methods }

    /// The method names, sorted, for completion.
    static let methods = methodTable.keys.sorted()

    func getProperty(_ key: String, interpreter: Interpreter) throws -> JSValue? {
        boundMethod(key)
    }

    /// The connection string with the password masked.
    var uri: String { (try? shell.requireConnection().redactedURI) ?? "" }

    static let methodTable: [String: Method] = [
        "getDB": { mongo, call in
            .object(JSObject(host: try mongo.database(named: ArgumentChecks.string(call, 0, method: "Mongo.getDB"))))
        },
        "getDBNames": { mongo, _ in
            let reply = try mongo.listDatabases(nameOnly: true)
            let names = (reply["databases"]?.arrayValue ?? []).compactMap { $0.documentValue?["name"]?.stringValue }
            return .object(JSObject.makeArray(names.map(JSValue.string)))
        },
        "getDBs": { mongo, _ in mongo.shell.serverObject(try mongo.listDatabases(nameOnly: false)) },
        "getCollection": { mongo, call in
            let namespace = try ArgumentChecks.string(call, 0, method: "Mongo.getCollection")
            guard let dot = namespace.firstIndex(of: "."), dot != namespace.startIndex,
                namespace.index(after: dot) != namespace.endIndex
            else {
                throw ShellError(
                    .invalidArgument, "getCollection() takes a namespace 'database.collection', found '\(namespace)'")
            }
            let database = try mongo.database(named: String(namespace[..<dot]))
            let collection = String(namespace[namespace.index(after: dot)...])
            return .object(JSObject(host: CollectionHandle(database: database, name: collection)))
        },
        "getURI": { mongo, _ in .string(mongo.uri) },
        "getReadPrefMode": { _, _ in .string("primary") },
    ]

    private func database(named name: String) throws -> DatabaseHandle {
        guard DatabaseHandle.isValidName(name) else {
            throw ShellError(.invalidDatabaseName, "Invalid database name: '\(name)'")
        }
        return DatabaseHandle(shell: shell, name: name)
    }

    private func listDatabases(nameOnly: Bool) throws -> BSONDocument {
        try shell.requireConnection().runCommand(
            BSONDocument([("listDatabases", .int32(1)), ("nameOnly", .bool(nameOnly))]), database: "admin")
    }
}
