import BSONCore
import Interpreter

extension Shell {
    /// The prompt: `<db>> `, or `> ` without a connection (mongosh's forms).
    package var prompt: String { connection == nil ? "> " : "\(databaseName)> " }

    /// Member names after `base.` for Tab: `db.` offers methods and collection names, `db.<coll>.` the
    /// collection methods, other globals their own property names.
    package func memberNamesForCompletion(of base: String) -> [String] {
        let parts = base.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1 where parts[0] == "db":
            return DatabaseHandle.methods + collectionNamesForCompletion()
        case 2 where parts[0] == "db":
            return CollectionHandle.methods
        case 1:
            guard case .object(let object)? = interpreter.global(parts[0]) else { return [] }
            return object.host?.propertyNames ?? object.ownKeys
        default:
            return []
        }
    }

    /// Collection names of the current database, cached until `use` or `show collections`; empty when the
    /// server cannot say.
    package func collectionNamesForCompletion() -> [String] {
        if let cached = completionCache.collections[databaseName] { return cached }
        let names = (try? collectionInfos(database: databaseName).map(\.name)) ?? []
        completionCache.collections[databaseName] = names
        return names
    }

    /// Database names for `use <Tab>`.
    package func databaseNamesForCompletion() -> [String] {
        if let cached = completionCache.databases { return cached }
        var names: [String] = []
        if let connection,
            let reply = try? connection.runCommand(
                BSONDocument([("listDatabases", .int32(1)), ("nameOnly", .bool(true))]), database: "admin"),
            case .array(let entries)? = reply["databases"]
        {
            names = entries.compactMap {
                guard case .document(let d) = $0, case .string(let name)? = d["name"] else { return nil }
                return name
            }
        }
        completionCache.databases = names
        return names
    }
}

/// Names fetched for completion, kept until the shell changes database or lists collections.
final class CompletionCache {
    var collections: [String: [String]] = [:]
    var databases: [String]?
}
