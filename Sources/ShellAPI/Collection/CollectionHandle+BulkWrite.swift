import BSONCore
import Interpreter

/// `bulkWrite(models, options)`: `insertOne`, `updateOne`, `updateMany`, `replaceOne`, `deleteOne` and
/// `deleteMany` models, sent in batches by `WriteBatch` (`ordered`, default true).
extension CollectionHandle {
    func bulkWrite(_ call: NativeCall) throws -> JSValue {
        guard case .object(let array) = call.argument(0), let models = array.arrayElements else {
            throw ShellError(.invalidArgument, "bulkWrite() takes an array of write models")
        }
        var operations: [WriteOperation] = []
        var insertedIds: [(index: Int, id: BSONValue)] = []
        for (index, model) in models.enumerated() {
            let spec = try BSONBridge.document(from: model, what: "Write model \(index)")
            guard spec.count == 1, let (name, value) = spec.elements.first, case .document(let arguments) = value
            else {
                throw WriteArgumentError("Invalid bulkWrite model at index \(index): expected one operation")
            }
            let operation = try Self.operation(name, arguments)
            if case .insert(var document) = operation {
                insertedIds.append((index, CollectionHandle.ensureID(&document)))
                operations.append(.insert(document))
            } else {
                operations.append(operation)
            }
        }
        guard !operations.isEmpty else { throw WriteArgumentError("Invalid BulkOperation, Batch cannot be empty") }
        let batch = WriteBatch(collection: self, options: try options(call.argument(1)), isBulkWrite: true)
        let tally = try batch.run(operations)
        return shell.serverObject(
            WriteResults.bulkWrite(acknowledged: batch.acknowledged, tally, insertedIds: insertedIds))
    }

    /// One model as a write operation, with the same checks as the single-document methods.
    private static func operation(_ name: String, _ arguments: BSONDocument) throws -> WriteOperation {
        let filter = arguments["filter"]?.documentValue ?? BSONDocument()
        switch name {
        case "insertOne":
            guard case .document(let document)? = arguments["document"] else {
                throw WriteArgumentError("insertOne model requires a 'document'")
            }
            return .insert(document)
        case "updateOne", "updateMany":
            return try WriteOperation.update(
                filter: filter, update: arguments["update"] ?? .null, multi: name == "updateMany", options: arguments)
        case "replaceOne":
            return try WriteOperation.replace(
                filter: filter, replacement: arguments["replacement"] ?? .null, options: arguments)
        case "deleteOne", "deleteMany":
            return WriteOperation.delete(filter: filter, multi: name == "deleteMany", options: arguments)
        default:
            throw WriteArgumentError(
                "bulkWrite only supports insertOne, updateOne, updateMany, replaceOne, deleteOne, deleteMany;"
                    + " found '\(name)'")
        }
    }
}
