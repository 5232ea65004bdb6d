import BSONCore
import Interpreter

/// `db.c.explain(verbosity)`: the collection's read methods, answering with the server's plan instead of
/// results (mongosh's `Explainable`). `find` returns a cursor that prints its plan when evaluated; `aggregate`,
/// `count` and `distinct` return the plan at once.
final class Explainable: MethodTableObject {
    let collection: CollectionHandle
    var verbosity: String

    init(collection: CollectionHandle, verbosity: String) {
        self.collection = collection
        self.verbosity = verbosity
    }

    var className: String { "Explainable" }

    static let methodTable: [String: Method] = [
        "getCollection": { explainable, _ in .object(JSObject(host: explainable.collection)) },
        "getVerbosity": { explainable, _ in .string(explainable.verbosity) },
        "setVerbosity": { explainable, call in
            explainable.verbosity = try ArgumentChecks.verbosity(call.argument(0))
            return .undefined
        },
        "find": { explainable, call in
            let cursor = try explainable.cursor(for: "find", call)
            cursor.explainVerbosity = explainable.verbosity
            return .object(JSObject(host: cursor))
        },
        "aggregate": { explainable, call in
            let (pipeline, given) = try CollectionHandle.aggregateArguments(call)
            var options = given
            options["explain"] = nil
            let cursor = ShellCursor(collection: explainable.collection, pipeline: pipeline, options: options)
            return try cursor.explain(verbosity: explainable.verbosity)
        },
        "count": { explainable, call in
            var command = BSONDocument([
                ("count", .string(explainable.collection.name)),
                ("query", .document(try explainable.collection.filter(call.argument(0)))),
            ])
            for (key, value) in try ArgumentChecks.options(call, 1, method: "Explainable.count").elements {
                command[key] = value
            }
            return try explainable.explain(command)
        },
        "distinct": { explainable, call in
            let field = try ArgumentChecks.string(call, 0, method: "Explainable.distinct")
            var command = BSONDocument([("distinct", .string(explainable.collection.name)), ("key", .string(field))])
            if !call.argument(1).isNullish {
                command["query"] = .document(try explainable.collection.filter(call.argument(1)))
            }
            for (key, value) in try ArgumentChecks.options(call, 2, method: "Explainable.distinct").elements {
                command[key] = value
            }
            return try explainable.explain(command)
        },
    ]

    var propertyNames: [String] { Self.methodTable.keys.sorted() }

    func getProperty(_ key: String, interpreter: Interpreter) throws -> JSValue? {
        boundMethod(key)
    }

    /// Calls the collection's own method of that name, so arguments are read the same way.
    private func collectionMethod(_ name: String, _ call: NativeCall) throws -> JSValue {
        guard let method = CollectionHandle.methodTable[name] else {
            throw ShellError(.invalidArgument, "\(name)() cannot be explained")
        }
        return try method(collection, call)
    }

    private func cursor(for name: String, _ call: NativeCall) throws -> ShellCursor {
        guard case .object(let object) = try collectionMethod(name, call), let cursor = object.host as? ShellCursor
        else {
            throw ShellError(.unexpectedReply, "\(name)() did not return a cursor")
        }
        return cursor
    }

    /// Runs `explain` around a command and returns the plan.
    private func explain(_ command: BSONDocument) throws -> JSValue {
        let reply = try collection.runCommand(
            BSONDocument([("explain", .document(command)), ("verbosity", .string(verbosity))]))
        return collection.shell.serverObject(reply)
    }
}
