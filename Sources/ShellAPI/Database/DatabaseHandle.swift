import BSONCore
import Interpreter

/// `db`: one database on the connection. Any other property name is a collection (`db.stock_prices`),
/// as is `db["name with spaces"]`. Methods live in tables by topic: collections and commands here,
/// administration in `DatabaseHandle+Admin`.
final class DatabaseHandle: MethodTableObject {
    unowned let shell: Shell
    let name: String

    init(shell: Shell, name: String) {
        self.shell = shell
        self.name = name
    }

    var className: String { "Database" }

    /// Every method, by name.
    static let methodTable: [String: Method] = coreMethods.merging(adminMethods) { first, _ in first }
        .merging(watchMethods) { first, _ in first }

    /// The method names, sorted, for completion.
    static let methods = methodTable.keys.sorted()

    var propertyNames: [String] { Self.methods }

    /// MongoDB's rules for database names: non-empty, under 64 bytes, none of `/\. "$` or NUL.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count < 64 && !name.contains(where: { "/\\. \"$\0".contains($0) })
    }

    func getProperty(_ key: String, interpreter: Interpreter) throws -> JSValue? {
        _ = try shell.requireConnection()
        if let method = boundMethod(key) { return method }
        if key.hasPrefix("_") { return nil }
        return .object(JSObject(host: CollectionHandle(database: self, name: key)))
    }

    /// Runs a command on this database and wraps the reply for printing.
    func command(_ command: BSONDocument) throws -> JSValue {
        shell.serverObject(try shell.requireConnection().runCommand(command, database: name))
    }

    static let coreMethods: [String: Method] = [
        "getName": { database, _ in .string(database.name) },
        "getCollectionNames": { database, _ in
            .object(
                JSObject.makeArray(
                    try database.shell.collectionInfos(database: database.name).map(\.name).sorted().map(
                        JSValue.string)))
        },
        "getCollection": { database, call in
            guard case .string(let collection) = call.argument(0), !collection.isEmpty else {
                throw ShellError(.invalidArgument, "getCollection() takes a collection name string")
            }
            return .object(JSObject(host: CollectionHandle(database: database, name: collection)))
        },
        "getSiblingDB": { database, call in
            guard case .string(let other) = call.argument(0), DatabaseHandle.isValidName(other) else {
                throw ShellError(.invalidDatabaseName, "getSiblingDB() takes a valid database name")
            }
            return .object(JSObject(host: DatabaseHandle(shell: database.shell, name: other)))
        },
        "getMongo": { database, _ in .object(JSObject(host: MongoHandle(shell: database.shell))) },
        "runCommand": { database, call in try database.command(try commandDocument(call.argument(0))) },
        "adminCommand": { database, call in
            database.shell.serverObject(
                try database.shell.requireConnection().runCommand(
                    try commandDocument(call.argument(0)), database: "admin"))
        },
    ]

    /// `runCommand('ping')` or `runCommand({ping: 1})`.
    private static func commandDocument(_ value: JSValue) throws -> BSONDocument {
        if case .string(let commandName) = value { return BSONDocument([(commandName, .int32(1))]) }
        return try BSONBridge.document(from: value, what: "The command")
    }
}
