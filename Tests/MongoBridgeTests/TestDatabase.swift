import BSONCore
import MongoBridge
import TestSupport
import Testing

/// A client on the test server and a database name unique to one test, dropped afterwards.
struct TestDatabase {
    let client: MongoClient
    let name: String

    /// Runs `body` with a fresh `bridge_<random>` database on `SPSH_TEST_MONGODB_URI`, then drops it and closes
    /// the client.
    static func with<T>(_ body: (TestDatabase) throws -> T) throws -> T {
        let client = try MongoClient(uri: try TestServers.requireMongoURI())
        let database = TestDatabase(client: client, name: "bridge_\(UInt64.random(in: 0...UInt64.max))")
        defer {
            _ = try? client.runCommand(bson(["dropDatabase": .int32(1)]), database: database.name)
            client.close()
        }
        return try body(database)
    }

    /// All documents a cursor yields, in order.
    static func drain(_ cursor: MongoCursor) throws -> [BSONDocument] {
        var documents: [BSONDocument] = []
        while let document = try cursor.next() { documents.append(document) }
        return documents
    }
}

/// A document with `pairs` in order: `bson(["ping": .int32(1)])`.
func bson(_ pairs: KeyValuePairs<String, BSONValue>) -> BSONDocument {
    BSONDocument(pairs.map { (key: $0.key, value: $0.value) })
}

extension BSONValue {
    /// The integer value of an int32, int64 or integral double, for assertions.
    var integer: Int? {
        switch self {
        case .int32(let value): Int(value)
        case .int64(let value): Int(value)
        case .double(let value): Int(exactly: value)
        default: nil
        }
    }
}
