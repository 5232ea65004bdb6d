import BSONCore
import Interpreter

/// Writing: `insertOne`, `insertMany`, `updateOne`, `updateMany`, `replaceOne`, `deleteOne`, `deleteMany`,
/// `bulkWrite` (all through `WriteBatch`) and `findOneAndUpdate`, `findOneAndReplace`, `findOneAndDelete`
/// (`findAndModify`). Results print as mongosh prints them (`WriteResults`).
extension CollectionHandle {
    static let writeMethods: [String: Method] = [
        "insertOne": { collection, call in
            var document = try BSONBridge.document(
                from: try required(call, 0, "insertOne"), what: "The document")
            let id = CollectionHandle.ensureID(&document)
            let batch = WriteBatch(
                collection: collection, options: try collection.options(call.argument(1)), isBulkWrite: false)
            _ = try batch.run([.insert(document)])
            return collection.shell.serverObject(WriteResults.insertOne(acknowledged: batch.acknowledged, id: id))
        },
        "insertMany": { collection, call in
            guard case .object(let array) = try required(call, 0, "insertMany"), let elements = array.arrayElements
            else {
                throw ShellError(.invalidArgument, "insertMany() takes an array of documents")
            }
            var documents: [WriteOperation] = []
            var ids: [BSONValue] = []
            for (index, element) in elements.enumerated() {
                var document = try BSONBridge.document(from: element, what: "Document \(index)")
                ids.append(CollectionHandle.ensureID(&document))
                documents.append(.insert(document))
            }
            guard !documents.isEmpty else { throw WriteArgumentError("Invalid BulkOperation, Batch cannot be empty") }
            let batch = WriteBatch(
                collection: collection, options: try collection.options(call.argument(1)), isBulkWrite: true)
            _ = try batch.run(documents)
            return collection.shell.serverObject(WriteResults.insertMany(acknowledged: batch.acknowledged, ids: ids))
        },
        "updateOne": { collection, call in try collection.update(call, method: "updateOne", multi: false) },
        "updateMany": { collection, call in try collection.update(call, method: "updateMany", multi: true) },
        "replaceOne": { collection, call in
            let filter = try collection.filter(try required(call, 0, "replaceOne"))
            let replacement = try BSONBridge.bson(from: try required(call, 1, "replaceOne"))
            let options = try collection.options(call.argument(2))
            let operation = try WriteOperation.replace(filter: filter, replacement: replacement, options: options)
            let batch = WriteBatch(collection: collection, options: options, isBulkWrite: false)
            let tally = try batch.run([operation])
            return collection.shell.serverObject(WriteResults.update(acknowledged: batch.acknowledged, tally))
        },
        "deleteOne": { collection, call in try collection.delete(call, method: "deleteOne", multi: false) },
        "deleteMany": { collection, call in try collection.delete(call, method: "deleteMany", multi: true) },
        "bulkWrite": { collection, call in try collection.bulkWrite(call) },
        "findOneAndUpdate": { collection, call in
            let update = try BSONBridge.bson(from: try required(call, 1, "findOneAndUpdate"))
            try WriteOperation.checkUpdate(update)
            return try collection.findAndModify(call, method: "findOneAndUpdate", change: ("update", update))
        },
        "findOneAndReplace": { collection, call in
            let replacement = try BSONBridge.bson(from: try required(call, 1, "findOneAndReplace"))
            try WriteOperation.checkReplacement(replacement)
            return try collection.findAndModify(call, method: "findOneAndReplace", change: ("update", replacement))
        },
        "findOneAndDelete": { collection, call in
            try collection.findAndModify(call, method: "findOneAndDelete", change: ("remove", .bool(true)))
        },
    ]

    /// Argument `index`, or mongosh's error when it is missing.
    private static func required(_ call: NativeCall, _ index: Int, _ method: String) throws -> JSValue {
        let value = call.argument(index)
        if case .undefined = value {
            throw ShellError(
                .invalidArgument, "Missing required argument at position \(index) (Collection.\(method))")
        }
        return value
    }

    private func update(_ call: NativeCall, method: String, multi: Bool) throws -> JSValue {
        let filter = try filter(try Self.required(call, 0, method))
        let update = try BSONBridge.bson(from: try Self.required(call, 1, method))
        let options = try options(call.argument(2))
        let operation = try WriteOperation.update(filter: filter, update: update, multi: multi, options: options)
        let batch = WriteBatch(collection: self, options: options, isBulkWrite: false)
        let tally = try batch.run([operation])
        return shell.serverObject(WriteResults.update(acknowledged: batch.acknowledged, tally))
    }

    private func delete(_ call: NativeCall, method: String, multi: Bool) throws -> JSValue {
        let filter = try filter(try Self.required(call, 0, method))
        let options = try options(call.argument(1))
        let batch = WriteBatch(collection: self, options: options, isBulkWrite: false)
        let tally = try batch.run([WriteOperation.delete(filter: filter, multi: multi, options: options)])
        return shell.serverObject(WriteResults.delete(acknowledged: batch.acknowledged, tally))
    }

    /// The `findAndModify` fields of the shell options, by option name.
    private static let findAndModifyFields: [(option: String, field: String)] = [
        ("sort", "sort"), ("projection", "fields"), ("upsert", "upsert"), ("arrayFilters", "arrayFilters"),
        ("collation", "collation"), ("hint", "hint"), ("let", "let"), ("maxTimeMS", "maxTimeMS"),
        ("bypassDocumentValidation", "bypassDocumentValidation"), ("comment", "comment"),
        ("writeConcern", "writeConcern"),
    ]

    /// `findOneAndUpdate`, `findOneAndReplace`, `findOneAndDelete`: the document before (or, with
    /// `returnDocument: 'after'`, after) the change, or null when none matched.
    private func findAndModify(_ call: NativeCall, method: String, change: (String, BSONValue)) throws -> JSValue {
        let filter = try filter(try Self.required(call, 0, method))
        let options = try options(call.argument(change.0 == "remove" ? 1 : 2))
        var command = BSONDocument([("findAndModify", .string(name)), ("query", .document(filter))])
        command[change.0] = change.1
        if change.0 == "update" { command["new"] = .bool(try Self.returnsNewDocument(options)) }
        for (option, field) in Self.findAndModifyFields { if let value = options[option] { command[field] = value } }
        let reply = try shell.requireConnection().runWriteCommand(command, database: database.name, isBulkWrite: false)
        guard case .document(let document)? = reply["value"] else { return .null }
        return shell.serverObject(document)
    }

    /// mongosh's reading of `returnDocument`, `returnOriginal`, `returnNewDocument` and `new`, in that order.
    private static func returnsNewDocument(_ options: BSONDocument) throws -> Bool {
        if let value = options["returnDocument"] {
            switch value.stringValue {
            case "after": return true
            case "before": return false
            default: throw ShellError(.invalidArgument, "returnDocument needs to be either 'before' or 'after'")
            }
        }
        if let value = options["returnOriginal"] { return !(value.boolValue ?? false) }
        if let value = options["returnNewDocument"] { return value.boolValue ?? false }
        if let value = options["new"] { return value.boolValue ?? false }
        return false
    }
}
