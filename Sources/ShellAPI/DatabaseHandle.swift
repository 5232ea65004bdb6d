import BSONCore
import Interpreter

/// `db`: one database on the connection. Any other property name is a collection (`db.stock_prices`),
/// as is `db["name with spaces"]`.
final class DatabaseHandle: HostObject {
    unowned let shell: Shell
    let name: String

    init(shell: Shell, name: String) {
        self.shell = shell
        self.name = name
    }

    var className: String { "Database" }

    static let methods = [
        "getName", "getCollectionNames", "getCollection", "runCommand", "adminCommand", "getSiblingDB",
    ]

    var propertyNames: [String] { Self.methods }

    /// MongoDB's rules for database names: non-empty, under 64 bytes, none of `/\. "$` or NUL.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count < 64 && !name.contains(where: { "/\\. \"$\0".contains($0) })
    }

    func getProperty(_ key: String, interpreter: Interpreter) throws -> JSValue? {
        _ = try shell.requireConnection()
        switch key {
        case "getName":
            return .makeFunction(name: key) { [name] _ in .string(name) }
        case "getCollectionNames":
            return .makeFunction(name: key) { [shell, name] _ in
                .object(
                    JSObject.makeArray(
                        try shell.collectionInfos(database: name).map(\.name).sorted().map(JSValue.string)))
            }
        case "getCollection":
            return .makeFunction(name: key) { [self] call in
                guard case .string(let collection) = call.argument(0), !collection.isEmpty else {
                    throw ShellError(.invalidArgument, "getCollection() takes a collection name string")
                }
                return .object(JSObject(host: CollectionHandle(database: self, name: collection)))
            }
        case "getSiblingDB":
            return .makeFunction(name: key) { [shell] call in
                guard case .string(let other) = call.argument(0), DatabaseHandle.isValidName(other) else {
                    throw ShellError(.invalidDatabaseName, "getSiblingDB() takes a valid database name")
                }
                return .object(JSObject(host: DatabaseHandle(shell: shell, name: other)))
            }
        case "runCommand", "adminCommand":
            let database = key == "adminCommand" ? "admin" : name
            return .makeFunction(name: key) { [shell] call in
                let command: BSONDocument
                if case .string(let commandName) = call.argument(0) {
                    command = BSONDocument([(commandName, .int32(1))])
                } else {
                    command = try BSONBridge.document(from: call.argument(0), what: "The command")
                }
                return shell.serverObject(try shell.requireConnection().runCommand(command, database: database))
            }
        default:
            if key.hasPrefix("_") { return nil }
            return .object(JSObject(host: CollectionHandle(database: self, name: key)))
        }
    }
}
