import BSONCore
import MongoBridge
import TestSupport
import Testing

/// `runWriteCommand` against the real server: replies, and write errors turned into `MongoError`s.
@Suite(
    "MongoClient write commands against the test server", .tags(.medium),
    .enabled(if: TestServers.mongoTestsEnabled, "SPSH_TEST_MONGODB_URI is not set"))
struct MongoWriteCommandTests {
    private static func insert(_ ids: [Int32], ordered: Bool = true) -> BSONDocument {
        bson([
            "insert": .string("c"), "documents": .array(ids.map { .document(bson(["_id": .int32($0)])) }),
            "ordered": .bool(ordered),
        ])
    }

    @Test func updateReplyCarriesTheCountsAndUpsertedIds() throws {
        try TestDatabase.with { db in
            _ = try db.client.runWriteCommand(Self.insert([1, 2]), database: db.name)
            let update = bson([
                "update": .string("c"),
                "updates": .array([
                    .document(
                        bson([
                            "q": .document(bson([:])),
                            "u": .document(bson(["$set": .document(bson(["a": .int32(1)]))])), "multi": .bool(true),
                        ])),
                    .document(
                        bson([
                            "q": .document(bson(["_id": .int32(9)])),
                            "u": .document(bson(["$set": .document(bson(["a": .int32(2)]))])), "upsert": .bool(true),
                        ])),
                ]),
            ])
            let reply = try db.client.runWriteCommand(update, database: db.name)
            #expect(reply["n"]?.integer == 3)
            #expect(reply["nModified"]?.integer == 2)
            guard case .array(let upserted)? = reply["upserted"], case .document(let first)? = upserted.first else {
                Issue.record("no upserted in \(reply)")
                return
            }
            #expect(first["index"]?.integer == 1)
            #expect(first["_id"]?.integer == 9)
        }
    }

    /// Each write error keeps the server's code; single writes are `MongoServerError` with the table's code
    /// name, multi-document writes `MongoBulkWriteError` without one (as mongosh shows them) and the reply.
    @Test(arguments: [
        (false, MongoError.Kind.server, "MongoServerError", "DuplicateKey" as String?),
        (true, .bulkWrite, "MongoBulkWriteError", nil),
    ])
    func duplicateKeyWriteError(isBulkWrite: Bool, kind: MongoError.Kind, name: String, codeName: String?) throws {
        try TestDatabase.with { db in
            _ = try db.client.runWriteCommand(Self.insert([1]), database: db.name)
            let error = try #require(throws: MongoError.self) {
                try db.client.runWriteCommand(Self.insert([2, 1, 3]), database: db.name, isBulkWrite: isBulkWrite)
            }
            #expect(error.kind == kind)
            #expect(error.name == name)
            #expect(error.code == 11000)
            #expect(error.codeName == codeName)
            #expect(error.message.hasPrefix("E11000 duplicate key error"), "message '\(error.message)'")
            #expect(error.reply?["n"]?.integer == 1)
        }
    }

    @Test func unorderedInsertGoesPastTheError() throws {
        try TestDatabase.with { db in
            _ = try db.client.runWriteCommand(Self.insert([1]), database: db.name)
            let error = try #require(throws: MongoError.self) {
                try db.client.runWriteCommand(
                    Self.insert([1, 2, 3], ordered: false), database: db.name, isBulkWrite: true)
            }
            #expect(error.reply?["n"]?.integer == 2)
        }
    }

    @Test func updateWriteErrorKeepsItsCodeName() throws {
        try TestDatabase.with { db in
            _ = try db.client.runWriteCommand(Self.insert([1]), database: db.name)
            let update = bson([
                "update": .string("c"),
                "updates": .array([
                    .document(
                        bson([
                            "q": .document(bson([:])),
                            "u": .document(bson(["$inc": .document(bson(["s": .string("x")]))])),
                        ]))
                ]),
            ])
            let error = try #require(throws: MongoError.self) {
                try db.client.runWriteCommand(update, database: db.name)
            }
            #expect(error.kind == .server)
            #expect(error.code == 14)
            #expect(error.codeName == "TypeMismatch")
        }
    }

    /// The write concern travels from the command to libmongoc's options; an unsatisfiable one is a server error.
    @Test func writeConcernErrorKeepsItsCodeName() throws {
        try TestDatabase.with { db in
            var command = Self.insert([1])
            command["writeConcern"] = .document(bson(["w": .int32(5)]))
            let error = try #require(throws: MongoError.self) {
                try db.client.runWriteCommand(command, database: db.name)
            }
            #expect(error.kind == .server)
            #expect(error.code == 100)
            #expect(error.codeName == "UnsatisfiableWriteConcern")
        }
    }

    @Test func unacknowledgedWriteHasAnEmptyReplyAndStillWrites() throws {
        try TestDatabase.with { db in
            var command = Self.insert([7])
            command["writeConcern"] = .document(bson(["w": .int32(0)]))
            let reply = try db.client.runWriteCommand(command, database: db.name)
            #expect(reply["n"] == nil)
            // An acknowledged read on the same connection follows the unacknowledged write.
            let count = try db.client.countDocuments(
                database: db.name, collection: "c", filter: bson(["_id": .int32(7)]))
            #expect(count == 1)
        }
    }

    @Test func findAndModifyReturnsTheDocument() throws {
        try TestDatabase.with { db in
            _ = try db.client.runWriteCommand(Self.insert([1]), database: db.name)
            let command = bson([
                "findAndModify": .string("c"), "query": .document(bson(["_id": .int32(1)])),
                "update": .document(bson(["$set": .document(bson(["a": .int32(5)]))])), "new": .bool(true),
            ])
            let reply = try db.client.runWriteCommand(command, database: db.name)
            #expect(reply["value"]?.documentValue?["a"]?.integer == 5)
        }
    }

    /// The conversion itself, for replies the test server does not produce (a `writeConcernError` beside `ok: 1`).
    @Test(arguments: [
        (
            bson([
                "ok": .int32(1), "n": .int32(1),
                "writeConcernError": .document(
                    bson(["code": .int32(64), "errmsg": .string("waiting for replication timed out")])),
            ]),
            false, MongoError.Kind.server, 64, "WriteConcernFailed" as String?, "waiting for replication timed out"
        ),
        (
            bson([
                "ok": .int32(1), "n": .int32(0),
                "writeErrors": .array([
                    .document(
                        bson(["index": .int32(0), "code": .int32(121), "errmsg": .string("Document failed validation")])
                    )
                ]),
            ]),
            true, .bulkWrite, 121, nil, "Document failed validation"
        ),
    ])
    func writeReplyConversion(
        reply: BSONDocument, isBulkWrite: Bool, kind: MongoError.Kind, code: Int, codeName: String?, message: String
    ) throws {
        let error = try #require(MongoError(writeReply: reply, context: "test", isBulkWrite: isBulkWrite))
        #expect(error.kind == kind)
        #expect(error.code == code)
        #expect(error.codeName == codeName)
        #expect(error.message == message)
        #expect(error.reply == reply)
    }

    @Test func successfulReplyIsNoError() {
        #expect(MongoError(writeReply: bson(["ok": .int32(1), "n": .int32(1)]), context: "", isBulkWrite: true) == nil)
    }

    @Test func changeStreamReportsInsertsAndCloses() throws {
        try TestDatabase.with { db in
            let stream = try db.client.watch(
                database: db.name, collection: "c", pipeline: [],
                options: bson(["maxAwaitTimeMS": .int32(200)]))
            #expect(try stream.tryNext() == nil)
            _ = try db.client.runWriteCommand(Self.insert([42]), database: db.name)
            var event: BSONDocument?
            for _ in 0..<20 where event == nil { event = try stream.tryNext() }
            #expect(event?["operationType"] == .string("insert"))
            #expect(event?["documentKey"]?.documentValue?["_id"]?.integer == 42)
            #expect(stream.resumeToken != nil)
            stream.close()
            #expect(stream.isClosed)
            #expect(throws: MongoError.self) { try stream.tryNext() }
        }
    }

    @Test func changeStreamWithABadStageThrows() throws {
        try TestDatabase.with { db in
            let error = try #require(throws: MongoError.self) {
                try db.client.watch(
                    database: db.name, collection: nil, pipeline: [.document(bson(["$bogus": .int32(1)]))],
                    options: BSONDocument())
            }
            #expect(error.kind == .server)
        }
    }
}
