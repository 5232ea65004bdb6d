import BSONCore
import Interpreter

/// Naming and administration: names, indexes, `drop`, `renameCollection`, `exists`, `explain`. `stats` and the
/// size helpers are in `CollectionHandle+Stats`.
extension CollectionHandle {
    static let adminMethods: [String: Method] = [
        "getName": { collection, _ in .string(collection.name) },
        "getFullName": { collection, _ in .string(collection.fullName) },
        "getDB": { collection, _ in .object(JSObject(host: collection.database)) },
        "createIndex": { collection, call in
            let keys = try ArgumentChecks.required(call, 0, method: "Collection.createIndex")
            let names = try collection.createIndexes([keys], options: call.argument(1), commitQuorum: call.argument(2))
            return .string(names[0])
        },
        "createIndexes": { collection, call in
            let keys = try ArgumentChecks.required(call, 0, method: "Collection.createIndexes")
            guard case .object(let array) = keys, let patterns = array.arrayElements else {
                throw ShellError(.invalidArgument, "createIndexes() takes an array of index key documents")
            }
            let names = try collection.createIndexes(
                patterns, options: call.argument(1), commitQuorum: call.argument(2))
            return .object(JSObject.makeArray(names.map(JSValue.string)))
        },
        "getIndexes": { collection, _ in try collection.indexesValue() },
        "getIndexSpecs": { collection, _ in try collection.indexesValue() },
        "getIndices": { collection, _ in try collection.indexesValue() },
        "getIndexKeys": { collection, _ in
            let keys = try collection.listIndexes().map { BSONBridge.jsValue(from: $0["key"] ?? .null) }
            let array = JSObject.makeArray(keys)
            collection.shell.lastServerObject = array
            return .object(array)
        },
        "dropIndex": { collection, call in
            let index = try ArgumentChecks.required(call, 0, method: "Collection.dropIndex")
            if case .string("*") = index {
                throw ShellError(
                    .invalidArgument, "To drop indexes in the collection using '*', use db.collection.dropIndexes().")
            }
            if case .object(let object) = index, object.arrayElements != nil {
                throw ShellError(
                    .invalidArgument,
                    "The index to drop must be either the index name or the index specification document.")
            }
            return try collection.dropIndexes(index)
        },
        "dropIndexes": { collection, call in
            try collection.dropIndexes(call.argument(0).isUndefined ? .string("*") : call.argument(0))
        },
        "drop": { collection, call in
            var command = BSONDocument([("drop", .string(collection.name))])
            for (key, value) in try ArgumentChecks.options(call, 0, method: "Collection.drop").elements {
                command[key] = value
            }
            do {
                _ = try collection.runCommand(command)
            } catch let error as ServerErrorDescribing where error.codeName == "NamespaceNotFound" {
                return .bool(false)  // mongosh answers false for a collection that does not exist
            }
            return .bool(true)
        },
        "renameCollection": { collection, call in
            let newName = try ArgumentChecks.string(call, 0, method: "Collection.renameCollection")
            let command = BSONDocument([
                ("renameCollection", .string(collection.fullName)),
                ("to", .string("\(collection.database.name).\(newName)")),
                ("dropTarget", .bool(call.argument(1).isTruthy)),
            ])
            _ = try collection.shell.requireConnection().runCommand(command, database: "admin")
            return collection.shell.serverObject(BSONDocument([("ok", .int32(1))]))
        },
        "exists": { collection, _ in
            guard let info = try collection.collectionInfo() else { return .null }
            return collection.shell.serverObject(info)
        },
        "isCapped": { collection, _ in
            guard let info = try collection.collectionInfo() else {
                throw ShellError(.namespaceNotFound, "collection \(collection.fullName) not found")
            }
            guard case .document(let options)? = info["options"] else { return .bool(false) }
            return .bool(options["capped"].map { BSONBridge.jsValue(from: $0).isTruthy } ?? false)
        },
        "explain": { collection, call in
            let verbosity = try ArgumentChecks.verbosity(call.argument(0))
            return .object(JSObject(host: Explainable(collection: collection, verbosity: verbosity)))
        },
    ]

    /// Creates one index per key pattern, each with the options, and returns their names (given, or made as the
    /// drivers make them: `a_1_b_-1`).
    func createIndexes(_ patterns: [JSValue], options optionsValue: JSValue, commitQuorum: JSValue) throws -> [String] {
        var options = BSONDocument()
        switch optionsValue {
        case .undefined, .null: break
        case .object(let object) where object.arrayElements == nil && object.host == nil && !object.isCallable:
            options = try BSONBridge.document(from: optionsValue, what: "The options")
        default:
            throw ShellError(.invalidArgument, "The \"options\" argument must be an object.")
        }
        var command = BSONDocument([("createIndexes", .string(name))])
        var specOptions = BSONDocument()
        var commandOptions = BSONDocument()
        for (key, value) in options.elements {
            if ["maxTimeMS", "writeConcern", "commitQuorum", "comment"].contains(key) {
                commandOptions[key] = value
            } else {
                specOptions[key] = value
            }
        }
        var names: [String] = []
        var specs: [BSONValue] = []
        for (index, pattern) in patterns.enumerated() {
            let keys = try BSONBridge.document(from: pattern, what: "Index key pattern \(index)")
            var spec = specOptions
            spec["key"] = .document(keys)
            let indexName: String
            if case .string(let given)? = specOptions["name"] {
                indexName = given
            } else {
                indexName = Self.indexName(for: keys)
                spec["name"] = .string(indexName)
            }
            names.append(indexName)
            specs.append(.document(spec))
        }
        command["indexes"] = .array(specs)
        for (key, value) in commandOptions.elements { command[key] = value }
        if !commitQuorum.isUndefined { command["commitQuorum"] = try BSONBridge.bson(from: commitQuorum) }
        _ = try runCommand(command)
        return names
    }

    /// The default index name: each key and its value joined with `_` (`{a: 1, b: -1}` gives `a_1_b_-1`).
    static func indexName(for keys: BSONDocument) -> String {
        keys.elements.flatMap { element -> [String] in
            let value: String
            switch BSONBridge.jsValue(from: element.value) {
            case .number(let n): value = n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
            case .string(let s): value = s
            case let other: value = other.toDisplayString()
            }
            return [element.key, value]
        }.joined(separator: "_")
    }

    /// The index specifications (`listIndexes`).
    func listIndexes() throws -> [BSONDocument] {
        let cursor = try shell.requireConnection().runCursorCommand(
            BSONDocument([("listIndexes", .string(name))]), database: database.name)
        defer { cursor.close() }
        var indexes: [BSONDocument] = []
        while let index = try cursor.next() { indexes.append(index) }
        return indexes
    }

    private func indexesValue() throws -> JSValue {
        let array = JSObject.makeArray(try listIndexes().map { .object(BSONBridge.jsObject(from: $0)) })
        shell.lastServerObject = array
        return .object(array)
    }

    /// `dropIndexes` with a name, a key pattern, `'*'` or an array of names. A server that takes no array (as
    /// SecantusDB, and mongod 4.0 for which mongosh does the same) drops them one by one; the answer is then
    /// the reply with the highest `nIndexesWas`, as mongosh's.
    private func dropIndexes(_ indexes: JSValue) throws -> JSValue {
        let index = try BSONBridge.bson(from: indexes)
        do {
            return shell.serverObject(try runCommand(BSONDocument([("dropIndexes", .string(name)), ("index", index)])))
        } catch let error as ServerErrorDescribing where error.codeName == "TypeMismatch" {
            guard case .array(let names) = index, !names.isEmpty else { throw error }
            let replies = try names.map {
                try runCommand(BSONDocument([("dropIndexes", .string(name)), ("index", $0)]))
            }
            let last = replies.max { ($0["nIndexesWas"]?.asDouble ?? 0) < ($1["nIndexesWas"]?.asDouble ?? 0) }
            return shell.serverObject(last ?? BSONDocument())
        }
    }

    /// This collection's `listCollections` entry, or nil when it does not exist.
    func collectionInfo() throws -> BSONDocument? {
        let cursor = try shell.requireConnection().runCursorCommand(
            BSONDocument([
                ("listCollections", .int32(1)), ("filter", .document(BSONDocument([("name", .string(name))]))),
            ]),
            database: database.name)
        defer { cursor.close() }
        return try cursor.next()
    }
}
