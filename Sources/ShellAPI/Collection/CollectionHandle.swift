import BSONCore
import Interpreter

/// `db.<name>`: one collection. Its methods live in tables by topic, one file each: queries
/// (`CollectionHandle+Queries`), writes (`+Writes`), administration (`+Admin`) and statistics (`+Stats`).
final class CollectionHandle: MethodTableObject {
    let database: DatabaseHandle
    let name: String

    init(database: DatabaseHandle, name: String) {
        self.database = database
        self.name = name
    }

    var className: String { "Collection" }
    var fullName: String { "\(database.name).\(name)" }
    var shell: Shell { database.shell }

    /// Every method, by name.
    static let methodTable: [String: Method] = queryMethods.merging(writeMethods) { first, _ in first }
        .merging(adminMethods) { first, _ in first }.merging(statsMethods) { first, _ in first }
        .merging(watchMethods) { first, _ in first }

    /// The method names, sorted, for completion.
    static let methods = methodTable.keys.sorted()

    var propertyNames: [String] { Self.methods }

    func getProperty(_ key: String, interpreter: Interpreter) throws -> JSValue? {
        boundMethod(key)
    }

    /// The filter argument: `{}` when absent.
    func filter(_ value: JSValue) throws -> BSONDocument {
        if case .undefined = value { return BSONDocument() }
        return try BSONBridge.document(from: value, what: "The filter")
    }

    /// The options argument: `{}` when absent or not an object.
    func options(_ value: JSValue, what: String = "The options") throws -> BSONDocument {
        guard case .object = value else { return BSONDocument() }
        return try BSONBridge.document(from: value, what: what)
    }

    /// Adds an `_id` ObjectId first when the document has none, as the drivers do; returns the `_id`.
    static func ensureID(_ document: inout BSONDocument) -> BSONValue {
        if let id = document["_id"] { return id }
        let id = BSONValue.objectID(BSONObjectID.generate())
        document = BSONDocument([("_id", id)] + document.elements)
        return id
    }
}
