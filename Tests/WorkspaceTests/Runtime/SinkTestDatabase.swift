import BSONCore
import MongoBridge
import StreamEngine
import TestSupport
import Testing
import Workspace

/// A client on the test server and a database name unique to one test (`sinks_<random>`), dropped afterwards.
struct SinkTestDatabase {
    let client: MongoClient
    let name: String

    /// Runs `body` with a fresh database on `SPSH_TEST_MONGODB_URI`, then drops it and closes the client.
    static func with<T>(_ body: (SinkTestDatabase) throws -> T) throws -> T {
        let client = try MongoClient(uri: try TestServers.requireMongoURI())
        let database = SinkTestDatabase(client: client, name: "sinks_\(UInt64.random(in: 0...UInt64.max))")
        defer {
            _ = try? client.runCommand(BSONDocument([("dropDatabase", .int32(1))]), database: database.name)
            client.close()
        }
        return try body(database)
    }

    /// The documents of `collection` sorted by `sort`, as relaxed Extended JSON lines (order- and type-exact).
    func contents(_ collection: String, sort: BSONDocument = ["_id": .int32(1)]) throws -> [String] {
        let cursor = try client.find(
            database: name, collection: collection, filter: BSONDocument(), options: ["sort": .document(sort)])
        var lines: [String] = []
        while let document = try cursor.next() { lines.append(ExtendedJSON.serialize(document, mode: .relaxed)) }
        return lines
    }

    /// All documents of `collection`, in natural order.
    func documents(_ collection: String) throws -> [BSONDocument] {
        let cursor = try client.find(
            database: name, collection: collection, filter: BSONDocument(), options: BSONDocument())
        var documents: [BSONDocument] = []
        while let document = try cursor.next() { documents.append(document) }
        return documents
    }

    /// Inserts `documents` (given as Extended JSON) into `collection`.
    func insert(_ collection: String, _ documents: [String]) throws {
        _ = try client.insertMany(
            database: name, collection: collection, documents: documents.map { try ExtendedJSON.parseDocument($0) })
    }

    /// Creates a unique index on `keys` in `collection`.
    func createUniqueIndex(_ collection: String, _ keys: BSONDocument) throws {
        let index = BSONDocument([("key", .document(keys)), ("name", .string("unique_on")), ("unique", .bool(true))])
        _ = try client.runCommand(
            BSONDocument([("createIndexes", .string(collection)), ("indexes", .array([.document(index)]))]),
            database: name)
    }

    /// A `$merge` spec into `collection` of this database through the connection `cluster`.
    func merge(
        _ collection: String, on: [String] = ["_id"], whenMatched: MergeSpec.WhenMatched = .merge,
        insert: Bool = true, letVariables: BSONDocument? = nil
    ) -> MergeSpec {
        MergeSpec(
            connectionName: "cluster", db: .literal(name), coll: .literal(collection), on: on,
            whenMatched: whenMatched, insertWhenNotMatched: insert, letVariables: letVariables)
    }

    /// Output documents for `collection`, parsed from Extended JSON.
    func outputs(_ collection: String, _ documents: [String]) throws -> [OutputDocument] {
        try documents.map { text in
            OutputDocument(
                document: try ExtendedJSON.parseDocument(text), namespace: (name, collection),
                metadata: StreamMetadata())
        }
    }
}
