import BSONCore
import Interpreter

/// What a cursor asks the server without reading its documents: `explain` and `count`/`size`.
extension ShellCursor {
    /// The `find` or `aggregate` command this cursor runs, as the `explain` command wraps it.
    var command: BSONDocument {
        switch kind {
        case .find(let filter):
            var command = BSONDocument([("find", .string(collection.name)), ("filter", .document(filter))])
            for (key, value) in options.elements { command[key] = value }
            return command
        case .aggregate(let pipeline):
            var command = BSONDocument([("aggregate", .string(collection.name)), ("pipeline", .array(pipeline))])
            var cursor = BSONDocument()
            for (key, value) in options.elements {
                if key == "batchSize" { cursor[key] = value } else { command[key] = value }
            }
            command["cursor"] = .document(cursor)
            return command
        }
    }

    /// `cursor.explain(verbosity)`: the server's plan, trimmed as mongosh trims it (no `executionStats` below
    /// that verbosity, no `allPlansExecution` at `executionStats`).
    func explain(verbosity: String) throws -> JSValue {
        var reply = try collection.shell.requireConnection().runCommand(
            BSONDocument([("explain", .document(command)), ("verbosity", .string(verbosity))]),
            database: collection.database.name)
        if verbosity != "executionStats" && verbosity != "allPlansExecution" {
            reply["executionStats"] = nil
        } else if verbosity == "executionStats", case .document(var stats)? = reply["executionStats"] {
            stats["allPlansExecution"] = nil
            reply["executionStats"] = .document(stats)
        }
        return collection.shell.serverObject(reply)
    }

    /// `count()` and `size()`: the `count` command with the cursor's filter, `skip` and `limit` (mongosh always
    /// applies them; its `applySkipLimit` argument is ignored), `hint`, `collation`, `maxTimeMS` and `comment`.
    func countMatching() throws -> Int64 {
        guard case .find(let filter) = kind else { return 0 }
        var command = BSONDocument([("count", .string(collection.name)), ("query", .document(filter))])
        for key in ["limit", "skip", "hint", "collation", "maxTimeMS", "readConcern", "comment"] {
            if let value = options[key] { command[key] = value }
        }
        let reply = try collection.shell.requireConnection().runCommand(command, database: collection.database.name)
        return try CollectionHandle.count(in: reply)
    }
}
