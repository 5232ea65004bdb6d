import BSONCore
import Interpreter

/// `db.<name>`: one collection. Methods build server commands; `find` and `aggregate` give cursors.
final class CollectionHandle: HostObject {
    let database: DatabaseHandle
    let name: String

    init(database: DatabaseHandle, name: String) {
        self.database = database
        self.name = name
    }

    var className: String { "Collection" }
    var fullName: String { "\(database.name).\(name)" }
    var shell: Shell { database.shell }

    static let methods = [
        "find", "findOne", "insertOne", "insertMany", "countDocuments", "aggregate", "getName", "getFullName",
    ]

    var propertyNames: [String] { Self.methods }

    func getProperty(_ key: String, interpreter: Interpreter) throws -> JSValue? {
        switch key {
        case "getName": return .makeFunction(name: key) { [name] _ in .string(name) }
        case "getFullName": return .makeFunction(name: key) { [fullName] _ in .string(fullName) }
        case "find":
            return .makeFunction(name: key) { [self] call in
                let cursor = ShellCursor(collection: self, filter: try filter(call.argument(0)))
                if case .object = call.argument(1) {
                    cursor.options["projection"] = .document(
                        try BSONBridge.document(from: call.argument(1), what: "The projection"))
                }
                return .object(JSObject(host: cursor))
            }
        case "findOne":
            return .makeFunction(name: key) { [self] call in
                var options = BSONDocument([("limit", .int64(1)), ("singleBatch", .bool(true))])
                if case .object = call.argument(1) {
                    options["projection"] = .document(
                        try BSONBridge.document(from: call.argument(1), what: "The projection"))
                }
                let cursor = try shell.requireConnection().find(
                    database: database.name, collection: name, filter: try filter(call.argument(0)), options: options)
                defer { cursor.close() }
                guard let document = try cursor.next() else { return .null }
                return shell.serverObject(document)
            }
        case "insertOne":
            return .makeFunction(name: key) { [self] call in
                var document = try BSONBridge.document(from: call.argument(0), what: "The document")
                let id = Self.ensureID(&document)
                _ = try shell.requireConnection().insertOne(
                    database: database.name, collection: name, document: document)
                return shell.serverObject(BSONDocument([("acknowledged", .bool(true)), ("insertedId", id)]))
            }
        case "insertMany":
            return .makeFunction(name: key) { [self] call in
                guard case .object(let array) = call.argument(0), let elements = array.arrayElements else {
                    throw ShellError(.invalidArgument, "insertMany() takes an array of documents")
                }
                var documents: [BSONDocument] = []
                var ids = BSONDocument()
                for (index, element) in elements.enumerated() {
                    var document = try BSONBridge.document(from: element, what: "Document \(index)")
                    ids.append(String(index), Self.ensureID(&document))
                    documents.append(document)
                }
                var ordered = true
                if case .object(let options) = call.argument(1), case .bool(let o)? = options.get("ordered") {
                    ordered = o
                }
                _ = try shell.requireConnection().insertMany(
                    database: database.name, collection: name, documents: documents, ordered: ordered)
                return shell.serverObject(
                    BSONDocument([("acknowledged", .bool(true)), ("insertedIds", .document(ids))]))
            }
        case "countDocuments":
            return .makeFunction(name: key) { [self] call in
                var options = BSONDocument()
                if case .object = call.argument(1) {
                    options = try BSONBridge.document(from: call.argument(1), what: "The options")
                }
                let n = try shell.requireConnection().countDocuments(
                    database: database.name, collection: name, filter: try filter(call.argument(0)), options: options)
                return .number(Double(n))
            }
        case "aggregate":
            return .makeFunction(name: key) { [self] call in
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
                return .object(JSObject(host: ShellCursor(collection: self, pipeline: pipeline, options: options)))
            }
        default:
            return nil
        }
    }

    private func filter(_ value: JSValue) throws -> BSONDocument {
        if case .undefined = value { return BSONDocument() }
        return try BSONBridge.document(from: value, what: "The filter")
    }

    /// Adds an `_id` ObjectId first when the document has none, as the drivers do; returns the `_id`.
    static func ensureID(_ document: inout BSONDocument) -> BSONValue {
        if let id = document["_id"] { return id }
        let id = BSONValue.objectID(BSONObjectID.generate())
        document = BSONDocument([("_id", id)] + document.elements)
        return id
    }
}
