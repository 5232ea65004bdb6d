import BSONCore
import MongoBridge
import TestSupport
import Testing

@Suite(
    "MongoCursor against the test server", .tags(.medium),
    .enabled(if: TestServers.mongoTestsEnabled, "SPSH_TEST_MONGODB_URI is not set"))
struct MongoCursorTests {
    /// Inserts `_id` 1...count with `n` = `_id` and `group` = `_id % 3`.
    private func seed(_ db: TestDatabase, count: Int = 7) throws {
        let documents = (1...count).map {
            bson([
                "_id": .int32(Int32($0)), "n": .int32(Int32($0)), "group": .int32(Int32($0 % 3)),
                "name": .string("doc\($0)"),
            ])
        }
        _ = try db.client.insertMany(database: db.name, collection: "c", documents: documents, ordered: true)
    }

    private func ids(_ documents: [BSONDocument]) -> [Int] { documents.compactMap { $0["_id"]?.integer } }

    @Test func findWithFilterSortSkipAndLimit() throws {
        try TestDatabase.with { db in
            try seed(db)
            let cursor = try db.client.find(
                database: db.name, collection: "c", filter: bson(["n": .document(bson(["$gte": .int32(2)]))]),
                options: bson([
                    "sort": .document(bson(["n": .int32(-1)])), "skip": .int64(1), "limit": .int64(3),
                ]))
            #expect(ids(try TestDatabase.drain(cursor)) == [6, 5, 4])
            #expect(cursor.isExhausted)
        }
    }

    @Test func findWithProjection() throws {
        try TestDatabase.with { db in
            try seed(db, count: 2)
            let cursor = try db.client.find(
                database: db.name, collection: "c", filter: bson(["_id": .int32(2)]),
                options: bson(["projection": .document(bson(["_id": .int32(0), "name": .int32(1)]))]))
            let documents = try TestDatabase.drain(cursor)
            #expect(documents.count == 1)
            #expect(documents.first?.keys == ["name"])
            if case .string(let name)? = documents.first?["name"] {
                #expect(name == "doc2")
            } else {
                Issue.record("no name in \(documents)")
            }
        }
    }

    @Test func cursorFetchesMoreThanOneBatch() throws {
        try TestDatabase.with { db in
            try seed(db)
            let cursor = try db.client.find(
                database: db.name, collection: "c", filter: BSONDocument(),
                options: bson(["sort": .document(bson(["_id": .int32(1)])), "batchSize": .int32(2)]))
            #expect(!cursor.isExhausted)
            #expect(try cursor.hasNext())
            #expect(ids(try TestDatabase.drain(cursor)) == [1, 2, 3, 4, 5, 6, 7])
            #expect(cursor.isExhausted)
            #expect(try cursor.next() == nil)
        }
    }

    @Test func closingACursorEarlyStopsIt() throws {
        try TestDatabase.with { db in
            try seed(db)
            let cursor = try db.client.find(
                database: db.name, collection: "c", filter: BSONDocument(), options: bson(["batchSize": .int32(2)]))
            #expect(try cursor.next() != nil)
            cursor.close()
            #expect(cursor.isExhausted)
            let error = try #require(throws: MongoError.self) { try cursor.next() }
            #expect(error.message == "The cursor is closed")
        }
    }

    @Test func closingTheClientClosesItsCursors() throws {
        let client = try MongoClient(uri: try TestServers.requireMongoURI())
        let cursor = try client.aggregate(
            database: "admin", collection: nil,
            pipeline: [.document(bson(["$documents": .array([.document(bson(["a": .int32(1)]))])]))],
            options: BSONDocument())
        client.close()
        #expect(cursor.isExhausted)
        #expect(throws: MongoError.self) { try cursor.next() }
    }

    @Test func aggregateWithGroup() throws {
        try TestDatabase.with { db in
            try seed(db)
            let pipeline: [BSONValue] = [
                .document(
                    bson([
                        "$group": .document(
                            bson([
                                "_id": .string("$group"), "total": .document(bson(["$sum": .string("$n")])),
                            ]))
                    ])),
                .document(bson(["$sort": .document(bson(["_id": .int32(1)]))])),
            ]
            let cursor = try db.client.aggregate(
                database: db.name, collection: "c", pipeline: pipeline, options: bson(["batchSize": .int32(1)]))
            let results = try TestDatabase.drain(cursor).map { ($0["_id"]?.integer, $0["total"]?.integer) }
            // group 0: 3+6, group 1: 1+4+7, group 2: 2+5
            #expect(results.map(\.0) == [0, 1, 2])
            #expect(results.map(\.1) == [9, 12, 7])
        }
    }

    @Test func findErrorSurfacesFromNext() throws {
        try TestDatabase.with { db in
            try seed(db, count: 1)
            let cursor = try db.client.find(
                database: db.name, collection: "c", filter: bson(["n": .document(bson(["$bogus": .int32(1)]))]),
                options: BSONDocument())
            let error = try #require(throws: MongoError.self) { try cursor.next() }
            #expect(error.kind == .server)
            #expect(error.code == 2)
            #expect(error.codeName == "BadValue")
            #expect(error.message == "unknown operator: $bogus")
            #expect(cursor.isExhausted)
        }
    }
}
