import BSONCore
import Interpreter

/// Reading: `find`, `findOne`, `countDocuments`, `aggregate`.
extension CollectionHandle {
    static let queryMethods: [String: Method] = [
        "find": { collection, call in
            let cursor = ShellCursor(collection: collection, filter: try collection.filter(call.argument(0)))
            if case .object = call.argument(1) {
                cursor.options["projection"] = .document(
                    try BSONBridge.document(from: call.argument(1), what: "The projection"))
            }
            return .object(JSObject(host: cursor))
        },
        "findOne": { collection, call in
            var options = BSONDocument([("limit", .int64(1)), ("singleBatch", .bool(true))])
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
        "aggregate": { collection, call in
            let stages: [JSValue]
            if case .object(let array) = call.argument(0), let elements = array.arrayElements {
                stages = elements
            } else {
                stages = call.arguments  // aggregate(stage1, stage2, ...) as mongosh allows
            }
            let pipeline = try stages.enumerated().map {
                BSONValue.document(try BSONBridge.document(from: $0.element, what: "Pipeline stage \($0.offset)"))
            }
            var options = BSONDocument()
            if call.arguments.count > 1, case .object(let o) = call.argument(1), o.arrayElements == nil,
                case .object = call.argument(0)
            {
                options = try BSONBridge.document(from: call.argument(1), what: "The options")
            }
            return .object(
                JSObject(host: ShellCursor(collection: collection, pipeline: pipeline, options: options)))
        },
    ]
}
