import BSONCore
import MongoBridge
import TestSupport
import Testing

/// `runBulkWriteCommand` and `listIndexes` against the real server.
@Suite(
    "MongoClient bulk writes and indexes against the test server", .tags(.medium),
    .enabled(if: TestServers.mongoTestsEnabled, "SPSH_TEST_MONGODB_URI is not set"))
struct MongoBulkWriteTests {
    @Test func writeErrorsComeBackInTheReplyAndTheOtherStatementsApply() throws {
        try TestDatabase.with { db in
            let insert = bson([
                "insert": .string("c"),
                "documents": .array([1, 1, 2].map { .document(bson(["_id": .int32($0)])) }),
                "ordered": .bool(false),
            ])
            let reply = try db.client.runBulkWriteCommand(insert, database: db.name)
            #expect(reply["n"]?.integer == 2)
            guard case .array(let errors)? = reply["writeErrors"], case .document(let first)? = errors.first else {
                Issue.record("no writeErrors in \(reply)")
                return
            }
            #expect(errors.count == 1)
            #expect(first["index"]?.integer == 1)
            #expect(first["code"]?.integer == 11000)
        }
    }

    @Test func aFailedCommandStillThrows() throws {
        try TestDatabase.with { db in
            _ = #expect(throws: MongoError.self) {
                _ = try db.client.runBulkWriteCommand(
                    bson(["insert": .string("c"), "documents": .string("not an array")]), database: db.name)
            }
        }
    }

    @Test func listIndexesOfACollectionAndOfNone() throws {
        try TestDatabase.with { db in
            #expect(try db.client.listIndexes(database: db.name, collection: "missing").isEmpty)
            _ = try db.client.runWriteCommand(
                bson(["insert": .string("c"), "documents": .array([.document(bson(["_id": .int32(1)]))])]),
                database: db.name)
            let index = bson(["key": .document(bson(["k": .int32(1)])), "name": .string("k_1"), "unique": .bool(true)])
            _ = try db.client.runCommand(
                bson(["createIndexes": .string("c"), "indexes": .array([.document(index)])]), database: db.name)
            let names = try db.client.listIndexes(database: db.name, collection: "c").compactMap {
                $0["name"]?.stringValue
            }
            #expect(names.sorted() == ["_id_", "k_1"])
        }
    }
}

/// Which errors a writer may retry (the retryable-writes specification's list).
@Suite(.tags(.small)) struct MongoErrorRetryTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let error: MongoError
        let transient: Bool
        var testDescription: String { "\(error.kind) \(error.code) \(error.errorLabels)" }
    }

    static var labelled: MongoError {
        var error = MongoError(kind: .server, message: "stepdown", code: 1)
        error.errorLabels = ["RetryableWriteError"]
        return error
    }

    static let cases: [Case] = [
        Case(error: MongoError(kind: .connection, message: "reset"), transient: true),
        Case(error: MongoError(kind: .serverSelection, message: "no server"), transient: true),
        Case(error: MongoError(kind: .server, message: "not primary", code: 10107), transient: true),
        Case(error: MongoError(kind: .server, message: "shutting down", code: 91), transient: true),
        Case(error: labelled, transient: true),
        Case(error: MongoError(kind: .server, message: "auth", code: 18), transient: false),
        Case(error: MongoError(kind: .bulkWrite, message: "dup", code: 11000), transient: false),
        Case(error: MongoError(kind: .invalidURI, message: "bad"), transient: false),
    ]

    @Test(arguments: cases) func transient(_ testCase: Case) {
        #expect(testCase.error.isTransient == testCase.transient)
    }
}
