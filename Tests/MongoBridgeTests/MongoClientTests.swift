import BSONCore
import MongoBridge
import TestSupport
import Testing

@Suite(
    "MongoClient against the test server", .tags(.medium),
    .enabled(if: TestServers.mongoTestsEnabled, "SPSH_TEST_MONGODB_URI is not set"))
struct MongoClientTests {
    @Test func pingSucceeds() throws {
        try TestDatabase.with { db in try db.client.ping() }
    }

    @Test func serverVersionComesFromBuildInfo() throws {
        try TestDatabase.with { db in
            let version = try db.client.serverVersion()
            #expect(version.split(separator: ".").count >= 2, "version '\(version)'")
            #expect(version.first?.isNumber == true)
        }
    }

    @Test func runCommandReturnsTheReply() throws {
        try TestDatabase.with { db in
            let reply = try db.client.runCommand(bson(["ping": .int32(1)]), database: "admin")
            #expect(reply["ok"]?.integer == 1)
        }
    }

    @Test func insertOneReturnsTheInsertCount() throws {
        try TestDatabase.with { db in
            let reply = try db.client.insertOne(
                database: db.name, collection: "c", document: bson(["_id": .int32(1), "a": .string("x")]))
            #expect(reply["n"]?.integer == 1)
            let count = try db.client.countDocuments(
                database: db.name, collection: "c", filter: BSONDocument(), options: BSONDocument())
            #expect(count == 1)
        }
    }

    @Test func insertManyAndCountWithFilter() throws {
        try TestDatabase.with { db in
            let documents = (1...5).map { bson(["_id": .int32(Int32($0)), "even": .bool($0 % 2 == 0)]) }
            let reply = try db.client.insertMany(
                database: db.name, collection: "c", documents: documents, ordered: true)
            #expect(reply["n"]?.integer == 5)
            let evens = try db.client.countDocuments(
                database: db.name, collection: "c", filter: bson(["even": .bool(true)]), options: BSONDocument())
            #expect(evens == 2)
            let limited = try db.client.countDocuments(
                database: db.name, collection: "c", filter: BSONDocument(), options: bson(["limit": .int64(3)]))
            #expect(limited == 3)
        }
    }

    @Test func duplicateKeyKeepsCodeCodeNameAndMessage() throws {
        try TestDatabase.with { db in
            let document = bson(["_id": .string("dup")])
            _ = try db.client.insertOne(database: db.name, collection: "c", document: document)
            let error = try #require(throws: MongoError.self) {
                try db.client.insertOne(database: db.name, collection: "c", document: document)
            }
            #expect(error.kind == .server)
            #expect(error.name == "MongoServerError")
            #expect(error.code == 11000)
            #expect(error.codeName == "DuplicateKey")
            #expect(error.message.contains("E11000"), "message '\(error.message)'")
            #expect(error.message.contains("\(db.name).c"), "message '\(error.message)'")
        }
    }

    @Test func insertManyDuplicateIsABulkWriteErrorWithThePartialResult() throws {
        try TestDatabase.with { db in
            let documents = [bson(["_id": .int32(1)]), bson(["_id": .int32(2)]), bson(["_id": .int32(1)])]
            let error = try #require(throws: MongoError.self) {
                try db.client.insertMany(database: db.name, collection: "c", documents: documents, ordered: true)
            }
            #expect(error.kind == .bulkWrite)
            #expect(error.name == "MongoBulkWriteError")
            #expect(error.code == 11000)
            #expect(error.codeName == nil)  // mongosh prints `MongoBulkWriteError: E11000 …`
            #expect(error.reply?["n"]?.integer == 2)
        }
    }

    @Test func emptyInsertManyIsAnInvalidArgument() throws {
        try TestDatabase.with { db in
            let error = try #require(throws: MongoError.self) {
                try db.client.insertMany(database: db.name, collection: "c", documents: [], ordered: true)
            }
            #expect(error.kind == .invalidArgument)
            #expect(error.name == "MongoInvalidArgumentError")
            #expect(error.message == "Invalid BulkOperation, Batch cannot be empty")
        }
    }

    @Test func serverErrorKeepsCodeAndCodeName() throws {
        try TestDatabase.with { db in
            let command = bson([
                "find": .string("c"), "filter": .document(bson(["a": .document(bson(["$bogus": .int32(1)]))])),
            ])
            let error = try #require(throws: MongoError.self) {
                try db.client.runCommand(command, database: db.name)
            }
            #expect(error.kind == .server)
            #expect(error.name == "MongoServerError")
            #expect(error.code == 2)
            #expect(error.codeName == "BadValue")
            #expect(error.message == "unknown operator: $bogus")
            #expect(error.reply?["ok"]?.integer == 0)
        }
    }

    @Test func unknownCommandIsCommandNotFound() throws {
        try TestDatabase.with { db in
            let error = try #require(throws: MongoError.self) {
                try db.client.runCommand(bson(["noSuchCommand": .int32(1)]), database: db.name)
            }
            #expect(error.kind == .server)
            #expect(error.code == 59)
            #expect(error.codeName == "CommandNotFound")
            #expect(error.message.contains("noSuchCommand"), "message '\(error.message)'")
        }
    }

    @Test func runCursorCommandListsCollections() throws {
        try TestDatabase.with { db in
            for name in ["alpha", "beta", "gamma"] {
                _ = try db.client.insertOne(database: db.name, collection: name, document: bson(["_id": .int32(1)]))
            }
            let cursor = try db.client.runCursorCommand(
                bson(["listCollections": .int32(1), "cursor": .document(bson(["batchSize": .int32(1)]))]),
                database: db.name)
            let names = try TestDatabase.drain(cursor).compactMap { document -> String? in
                if case .string(let name)? = document["name"] { name } else { nil }
            }
            #expect(names.sorted() == ["alpha", "beta", "gamma"])
            #expect(cursor.isExhausted)
        }
    }

    @Test func runCursorCommandReportsServerErrors() throws {
        try TestDatabase.with { db in
            let error = try #require(throws: MongoError.self) {
                let cursor = try db.client.runCursorCommand(
                    bson([
                        "aggregate": .string("c"), "pipeline": .array([.document(bson(["$nope": .int32(1)]))]),
                        "cursor": .document(BSONDocument()),
                    ]),
                    database: db.name)
                _ = try cursor.next()
            }
            #expect(error.kind == .server)
            #expect(error.codeName != nil)
        }
    }

    @Test func closedClientRejectsCommands() throws {
        let client = try MongoClient(uri: try TestServers.requireMongoURI())
        client.close()
        client.close()
        let error = try #require(throws: MongoError.self) { try client.ping() }
        #expect(error.kind == .invalidArgument)
        #expect(error.message == "The client is closed")
    }
}
