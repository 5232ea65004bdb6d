import BSONCore
import Interpreter

/// Writing: `insertOne`, `insertMany`.
extension CollectionHandle {
    static let writeMethods: [String: Method] = [
        "insertOne": { collection, call in
            var document = try BSONBridge.document(from: call.argument(0), what: "The document")
            let id = CollectionHandle.ensureID(&document)
            _ = try collection.shell.requireConnection().insertOne(
                database: collection.database.name, collection: collection.name, document: document)
            return collection.shell.serverObject(BSONDocument([("acknowledged", .bool(true)), ("insertedId", id)]))
        },
        "insertMany": { collection, call in
            guard case .object(let array) = call.argument(0), let elements = array.arrayElements else {
                throw ShellError(.invalidArgument, "insertMany() takes an array of documents")
            }
            var documents: [BSONDocument] = []
            var ids = BSONDocument()
            for (index, element) in elements.enumerated() {
                var document = try BSONBridge.document(from: element, what: "Document \(index)")
                ids.append(String(index), CollectionHandle.ensureID(&document))
                documents.append(document)
            }
            var ordered = true
            if case .object(let options) = call.argument(1), case .bool(let o)? = options.get("ordered") {
                ordered = o
            }
            _ = try collection.shell.requireConnection().insertMany(
                database: collection.database.name, collection: collection.name, documents: documents,
                ordered: ordered)
            return collection.shell.serverObject(
                BSONDocument([("acknowledged", .bool(true)), ("insertedIds", .document(ids))]))
        },
    ]
}
