import BSONCore
import Interpreter

/// Reading: `find`, `findOne`, `aggregate`, `distinct` and the counts.
extension CollectionHandle {
    static let queryMethods: [String: Method] = [
        "find": { collection, call in
            var options = try ArgumentChecks.options(call, 2, method: "Collection.find")
            if case .object = call.argument(1) {
                options["projection"] = .document(
                    try BSONBridge.document(from: call.argument(1), what: "The projection"))
            }
            let cursor = ShellCursor(
                collection: collection, filter: try collection.filter(call.argument(0)), options: options)
            return .object(JSObject(host: cursor))
        },
        "findOne": { collection, call in
            var options = try ArgumentChecks.options(call, 2, method: "Collection.findOne")
            options["limit"] = .int64(1)
            options["singleBatch"] = .bool(true)
            if case .object = call.argument(1) {
                options["projection"] = .document(
                    try BSONBridge.document(from: call.argument(1), what: "The projection"))
            }
            let cursor = try collection.shell.requireConnection().find(
                database: collection.database.name, collection: collection.name,
                filter: try collection.filter(call.argument(0)), options: options)
            defer { cursor.close() }
            guard let document = try cursor.next() else { return .null }
            return collection.shell.serverObject(document)
        },
        "countDocuments": { collection, call in
            let n = try collection.shell.requireConnection().countDocuments(
                database: collection.database.name, collection: collection.name,
                filter: try collection.filter(call.argument(0)), options: try collection.options(call.argument(1)))
            return .number(Double(n))
        },
        "estimatedDocumentCount": { collection, call in
            let options = try ArgumentChecks.options(call, 0, method: "Collection.estimatedDocumentCount")
            var command = BSONDocument([("count", .string(collection.name))])
            for key in ["maxTimeMS", "comment"] {
                if let value = options[key] { command[key] = value }
            }
            return .number(Double(try CollectionHandle.count(in: try collection.runCommand(command))))
        },
        "count": { collection, call in
            // Deprecated in mongosh but common in scripts: the `count` command, with skip and limit only as given.
            var command = BSONDocument([
                ("count", .string(collection.name)), ("query", .document(try collection.filter(call.argument(0)))),
            ])
            for (key, value) in try ArgumentChecks.options(call, 1, method: "Collection.count").elements {
                command[key] = value
            }
            return .number(Double(try CollectionHandle.count(in: try collection.runCommand(command))))
        },
        "distinct": { collection, call in
            let field = try ArgumentChecks.string(call, 0, method: "Collection.distinct")
            var command = BSONDocument([("distinct", .string(collection.name)), ("key", .string(field))])
            if !call.argument(1).isNullish { command["query"] = .document(try collection.filter(call.argument(1))) }
            for (key, value) in try ArgumentChecks.options(call, 2, method: "Collection.distinct").elements {
                command[key] = value
            }
            let reply = try collection.runCommand(command)
            guard case .array(let values)? = reply["values"] else {
                throw ShellError(.unexpectedReply, "The distinct reply has no 'values' array")
            }
            let array = JSObject.makeArray(values.map(BSONBridge.jsValue(from:)))
            collection.shell.lastServerObject = array
            return .object(array)
        },
        "aggregate": { collection, call in
            let (pipeline, given) = try CollectionHandle.aggregateArguments(call)
            var options = given
            var explain: String?
            if let value = options["explain"] {
                explain = try ArgumentChecks.verbosity(BSONBridge.jsValue(from: value))
                options["explain"] = nil
            }
            let cursor = ShellCursor(collection: collection, pipeline: pipeline, options: options)
            if let explain { return try cursor.explain(verbosity: explain) }
            if CollectionHandle.writesOutput(pipeline) {
                _ = try cursor.hasNext()  // $out and $merge run now, as in mongosh, not when first read
            }
            return .object(JSObject(host: cursor))
        },
    ]

    /// The pipeline and options of `aggregate([stages], options?)` or `aggregate(stage1, stage2, ...)`.
    static func aggregateArguments(_ call: NativeCall) throws -> ([BSONValue], BSONDocument) {
        if case .object(let array) = call.argument(0), array.arrayElements != nil {
            return (
                try ArgumentChecks.pipeline(call.argument(0), method: "aggregate()"),
                try ArgumentChecks.options(call, 1, method: "Collection.aggregate")
            )
        }
        let pipeline: [BSONValue] = try call.arguments.enumerated().map {
            .document(try BSONBridge.document(from: $0.element, what: "Pipeline stage \($0.offset)"))
        }
        return (pipeline, BSONDocument())
    }

    /// Runs a command on the collection's database and returns the reply.
    func runCommand(_ command: BSONDocument) throws -> BSONDocument {
        try shell.requireConnection().runCommand(command, database: database.name)
    }

    /// The `n` of a `count` reply.
    static func count(in reply: BSONDocument) throws -> Int64 {
        switch reply["n"] {
        case .int32(let n)?: return Int64(n)
        case .int64(let n)?: return n
        case .double(let n)?: return Int64(n)
        default: throw ShellError(.unexpectedReply, "The count reply has no number 'n'")
        }
    }

    /// Whether a pipeline ends by writing a collection (`$out`, `$merge`).
    static func writesOutput(_ pipeline: [BSONValue]) -> Bool {
        pipeline.contains { stage in
            guard case .document(let document) = stage else { return false }
            return document.keys.contains { $0 == "$out" || $0 == "$merge" }
        }
    }
}
