import Foundation
import Interpreter
import REPL
import ShellAPI
import TestSupport
import Testing

@testable import spsh

/// One write at the prompt: what it prints (exact, as mongosh prints it) and the collection afterwards.
struct WriteCase: Sendable, CustomTestStringConvertible {
    var input: String
    var printed: String
    /// `JSON.stringify` of the collection sorted by `_id` after the write.
    var state: String
    var testDescription: String { input }
}

/// An input that fails: its first stderr line, and the collection afterwards.
struct FailingWriteCase: Sendable, CustomTestStringConvertible {
    var input: String
    var error: String
    var state: String
    var testDescription: String { input }
}

/// The write methods at the prompt against the real SecantusDB: results, server state, errors. Each case starts
/// from the same three documents in its own database.
@Suite(.tags(.medium), .enabled(if: TestServers.mongoTestsEnabled, "SPSH_TEST_MONGODB_URI is not set"))
final class WriteMethodTests {
    let server: ServerShell
    var database: String { server.database }

    static let seed = """
        db.c.insertMany([{_id: 1, a: 1, s: 'A', tags: ['x', 'y']}, {_id: 2, a: 2, s: 'a'}, {_id: 3, a: 3, s: 'b'}])
        """
    static let seeded =
        #"[{"_id":1,"a":1,"s":"A","tags":["x","y"]},{"_id":2,"a":2,"s":"a"},{"_id":3,"a":3,"s":"b"}]"#

    init() throws {
        server = try ServerShell(prefix: "writes")
        let (_, seedErrors) = type(Self.seed)
        if !seedErrors.isEmpty { throw ShellError(.invalidArgument, "seeding failed: \(seedErrors)") }
    }

    /// Feeds lines as if piped to stdin; returns (stdout, stderr) of just these lines.
    func type(_ lines: String) -> (String, String) { server.type(lines) }

    /// The collection's documents, sorted by `_id`, as JSON.
    func state() -> String {
        type("print(JSON.stringify(db.c.find().sort({_id: 1}).toArray()))").0.trimmingCharacters(in: .newlines)
    }

    static let updated = """
        {
          acknowledged: true,
          insertedId: null,
          matchedCount: 1,
          modifiedCount: 1,
          upsertedCount: 0
        }
        """

    static let cases: [WriteCase] = [
        WriteCase(
            input: "db.c.insertOne({_id: 4, a: 4})", printed: "{ acknowledged: true, insertedId: 4 }",
            state: seeded.dropLast() + #",{"_id":4,"a":4}]"#),
        WriteCase(
            input: "db.c.insertMany([{_id: 4}, {_id: 5}], {ordered: false})",
            printed: "{ acknowledged: true, insertedIds: { '0': 4, '1': 5 } }",
            state: seeded.dropLast() + #",{"_id":4},{"_id":5}]"#),
        WriteCase(
            input: "db.c.updateOne({_id: 1}, {$set: {b: 1}})", printed: updated,
            state: #"[{"_id":1,"a":1,"s":"A","tags":["x","y"],"b":1},{"_id":2,"a":2,"s":"a"},{"_id":3,"a":3,"s":"b"}]"#),
        WriteCase(
            input: "db.c.updateMany({a: {$gte: 2}}, {$inc: {a: 10}})",
            printed: """
                {
                  acknowledged: true,
                  insertedId: null,
                  matchedCount: 2,
                  modifiedCount: 2,
                  upsertedCount: 0
                }
                """,
            state: #"[{"_id":1,"a":1,"s":"A","tags":["x","y"]},{"_id":2,"a":12,"s":"a"},{"_id":3,"a":13,"s":"b"}]"#),
        WriteCase(
            input: "db.c.updateOne({_id: 9}, {$set: {a: 9}}, {upsert: true})",
            printed: """
                {
                  acknowledged: true,
                  insertedId: 9,
                  matchedCount: 0,
                  modifiedCount: 0,
                  upsertedCount: 1
                }
                """,
            state: seeded.dropLast() + #",{"_id":9,"a":9}]"#),
        WriteCase(
            input: "db.c.updateMany({_id: {$lt: 3}}, [{$set: {b: {$add: ['$a', 100]}}}])",
            printed: """
                {
                  acknowledged: true,
                  insertedId: null,
                  matchedCount: 2,
                  modifiedCount: 2,
                  upsertedCount: 0
                }
                """,
            state:
                #"[{"_id":1,"a":1,"s":"A","tags":["x","y"],"b":101},{"_id":2,"a":2,"s":"a","b":102},{"_id":3,"a":3,"s":"b"}]"#
        ),
        WriteCase(
            input: "db.c.updateOne({_id: 1}, {$set: {'tags.$[t]': 'z'}}, {arrayFilters: [{t: 'y'}]})", printed: updated,
            state: #"[{"_id":1,"a":1,"s":"A","tags":["x","z"]},{"_id":2,"a":2,"s":"a"},{"_id":3,"a":3,"s":"b"}]"#),
        WriteCase(
            input: "db.c.updateOne({s: 'a'}, {$set: {k: 1}}, {collation: {locale: 'en', strength: 2}, hint: {_id: 1}})",
            printed: updated,
            state: #"[{"_id":1,"a":1,"s":"A","tags":["x","y"],"k":1},{"_id":2,"a":2,"s":"a"},{"_id":3,"a":3,"s":"b"}]"#),
        WriteCase(
            input: "db.c.updateOne({$expr: {$eq: ['$_id', '$$target']}}, {$set: {l: 1}}, {let: {target: 2}})",
            printed: updated,
            state: #"[{"_id":1,"a":1,"s":"A","tags":["x","y"]},{"_id":2,"a":2,"s":"a","l":1},{"_id":3,"a":3,"s":"b"}]"#),
        WriteCase(
            input: "db.c.replaceOne({_id: 2}, {r: 1})", printed: updated,
            state: #"[{"_id":1,"a":1,"s":"A","tags":["x","y"]},{"_id":2,"r":1},{"_id":3,"a":3,"s":"b"}]"#),
        WriteCase(
            input: "db.c.replaceOne({_id: 8}, {r: 8}, {upsert: true}).insertedId", printed: "8",
            state: seeded.dropLast() + #",{"_id":8,"r":8}]"#),
        WriteCase(
            input: "db.c.deleteOne({a: {$gte: 2}})", printed: "{ acknowledged: true, deletedCount: 1 }",
            state: #"[{"_id":1,"a":1,"s":"A","tags":["x","y"]},{"_id":3,"a":3,"s":"b"}]"#),
        WriteCase(
            input: "db.c.deleteMany({s: 'a'}, {collation: {locale: 'en', strength: 2}})",
            printed: "{ acknowledged: true, deletedCount: 2 }", state: #"[{"_id":3,"a":3,"s":"b"}]"#),
        WriteCase(
            input: "db.c.findOneAndUpdate({_id: 2}, {$inc: {a: 1}})", printed: "{ _id: 2, a: 2, s: 'a' }",
            state: #"[{"_id":1,"a":1,"s":"A","tags":["x","y"]},{"_id":2,"a":3,"s":"a"},{"_id":3,"a":3,"s":"b"}]"#),
        WriteCase(
            input:
                "db.c.findOneAndUpdate({}, {$inc: {a: 10}}, {sort: {a: -1}, projection: {a: 1}, returnNewDocument: true})",
            printed: "{ _id: 3, a: 13 }",
            state: #"[{"_id":1,"a":1,"s":"A","tags":["x","y"]},{"_id":2,"a":2,"s":"a"},{"_id":3,"a":13,"s":"b"}]"#),
        WriteCase(
            input: "db.c.findOneAndUpdate({_id: 5}, {$set: {a: 5}}, {upsert: true, returnDocument: 'after'})",
            printed: "{ _id: 5, a: 5 }", state: seeded.dropLast() + #",{"_id":5,"a":5}]"#),
        WriteCase(
            input: "db.c.findOneAndReplace({_id: 3}, {r: 3}, {returnDocument: 'before'})",
            printed: "{ _id: 3, a: 3, s: 'b' }",
            state: #"[{"_id":1,"a":1,"s":"A","tags":["x","y"]},{"_id":2,"a":2,"s":"a"},{"_id":3,"r":3}]"#),
        WriteCase(
            input: "db.c.findOneAndDelete({a: {$gt: 1}}, {sort: {a: -1}})", printed: "{ _id: 3, a: 3, s: 'b' }",
            state: #"[{"_id":1,"a":1,"s":"A","tags":["x","y"]},{"_id":2,"a":2,"s":"a"}]"#),
        WriteCase(input: "db.c.findOneAndDelete({_id: 99})", printed: "null", state: seeded),
        WriteCase(
            input: """
                db.c.bulkWrite([{insertOne: {document: {_id: 4}}}, {updateOne: {filter: {_id: 1}, update: {$set: {u: 1}}}}, \
                {updateMany: {filter: {_id: {$gte: 2}}, update: [{$set: {m: true}}]}}, \
                {replaceOne: {filter: {_id: 6}, replacement: {r: 6}, upsert: true}}, \
                {deleteOne: {filter: {_id: 2}}}, {deleteMany: {filter: {_id: {$gte: 3}, r: {$exists: false}}}}])
                """,
            printed: """
                {
                  acknowledged: true,
                  insertedCount: 1,
                  insertedIds: { '0': 4 },
                  matchedCount: 4,
                  modifiedCount: 4,
                  deletedCount: 3,
                  upsertedCount: 1,
                  upsertedIds: { '3': 6 }
                }
                """,
            state: #"[{"_id":1,"a":1,"s":"A","tags":["x","y"],"u":1},{"_id":6,"r":6}]"#),
        WriteCase(
            input:
                "const r = db.c.updateMany({}, {$set: {z: 0}}); print(r.acknowledged, r.matchedCount, r.modifiedCount)",
            printed: "true 3 3",
            state:
                #"[{"_id":1,"a":1,"s":"A","tags":["x","y"],"z":0},{"_id":2,"a":2,"s":"a","z":0},{"_id":3,"a":3,"s":"b","z":0}]"#
        ),
        WriteCase(
            input: "db.c.insertOne({_id: 4}, {writeConcern: {w: 0}})",
            printed: "{ acknowledged: false, insertedId: 4 }",
            state: seeded.dropLast() + #",{"_id":4}]"#),
        WriteCase(
            input: "db.c.updateOne({_id: 1}, {$set: {w: 0}}, {writeConcern: {w: 0}})",
            printed: """
                {
                  acknowledged: false,
                  insertedId: null,
                  matchedCount: undefined,
                  modifiedCount: undefined,
                  upsertedCount: 0
                }
                """,
            state: #"[{"_id":1,"a":1,"s":"A","tags":["x","y"],"w":0},{"_id":2,"a":2,"s":"a"},{"_id":3,"a":3,"s":"b"}]"#),
        WriteCase(
            input: "db.c.deleteMany({}, {writeConcern: {w: 0}})",
            printed: "{ acknowledged: false, deletedCount: undefined }",
            state: "[]"),
        WriteCase(
            input: "try { db.c.insertOne({_id: 1}) } catch (e) { print(e.name, e.code, e.codeName) }",
            printed: "MongoServerError 11000 DuplicateKey", state: seeded),
        WriteCase(
            input: """
                try { db.c.insertMany([{_id: 1}, {_id: 9}, {_id: 2}], {ordered: false}) } catch (e) {
                  print(e.name, e.code, e.writeErrors.map((w) => `${w.index}:${w.code}`).join(' '))
                }
                """,
            printed: "MongoBulkWriteError 11000 0:11000 2:11000",
            state: seeded.dropLast() + #",{"_id":9}]"#),
    ]

    @Test(arguments: cases) func write(_ testCase: WriteCase) {
        let (printed, stderr) = type(testCase.input)
        #expect(stderr == "")
        #expect(printed == testCase.printed + "\n")
        #expect(state() == testCase.state)
    }

    static let failures: [FailingWriteCase] = [
        FailingWriteCase(
            input: "db.c.updateOne({}, {a: 1})",
            error: "MongoInvalidArgumentError: Update document requires atomic operators",
            state: seeded),
        FailingWriteCase(
            input: "db.c.updateMany({}, [])",
            error: "MongoInvalidArgumentError: Update document requires atomic operators",
            state: seeded),
        FailingWriteCase(
            input: "db.c.findOneAndUpdate({}, {a: 1})",
            error: "MongoInvalidArgumentError: Update document requires atomic operators", state: seeded),
        FailingWriteCase(
            input: "db.c.replaceOne({}, {$set: {a: 1}})",
            error: "MongoInvalidArgumentError: Replacement document must not contain atomic operators", state: seeded),
        FailingWriteCase(
            input: "db.c.bulkWrite([{updateOne: {filter: {}, update: {a: 1}}}])",
            error: "MongoInvalidArgumentError: Update document requires atomic operators", state: seeded),
        FailingWriteCase(
            input: "db.c.findOneAndDelete({}, {returnDocument: 'later'})",
            error: "", state: #"[{"_id":2,"a":2,"s":"a"},{"_id":3,"a":3,"s":"b"}]"#),
        FailingWriteCase(
            input: "db.c.findOneAndReplace({}, {r: 1}, {returnDocument: 'later'})",
            error: "MongoshInvalidInputError: [SPSH-1003] returnDocument needs to be either 'before' or 'after'",
            state: seeded),
        FailingWriteCase(
            input: "db.c.updateOne({_id: 1})",
            error:
                "MongoshInvalidInputError: [SPSH-1003] Missing required argument at position 1 (Collection.updateOne)",
            state: seeded),
        FailingWriteCase(
            input: "db.c.insertOne({_id: 1})",
            error:
                "MongoServerError[DuplicateKey]: E11000 duplicate key error collection: DB.c index: _id_ dup key: { _id: 1 }",
            state: seeded),
        FailingWriteCase(
            input: "db.c.updateOne({_id: 1}, {$inc: {s: 1}})",
            error:
                "MongoServerError[TypeMismatch]: Plan executor error during update :: caused by :: Cannot apply $inc to a value of non-numeric type. {_id: 1} has the field 's' of non-numeric type string",
            state: seeded),
        FailingWriteCase(
            input: "db.c.insertMany([{_id: 4}, {_id: 1}, {_id: 5}])",
            error: "MongoBulkWriteError: E11000 duplicate key error collection: DB.c index: _id_ dup key: { _id: 1 }",
            state: seeded.dropLast() + #",{"_id":4}]"#),
        FailingWriteCase(
            input: "db.c.insertMany([{_id: 4}, {_id: 1}, {_id: 5}], {ordered: false})",
            error: "MongoBulkWriteError: E11000 duplicate key error collection: DB.c index: _id_ dup key: { _id: 1 }",
            state: seeded.dropLast() + #",{"_id":4},{"_id":5}]"#),
        FailingWriteCase(
            input:
                "db.c.bulkWrite([{insertOne: {document: {_id: 1}}}, {deleteOne: {filter: {_id: 2}}}], {ordered: false})",
            error: "MongoBulkWriteError: E11000 duplicate key error collection: DB.c index: _id_ dup key: { _id: 1 }",
            state: #"[{"_id":1,"a":1,"s":"A","tags":["x","y"]},{"_id":3,"a":3,"s":"b"}]"#),
        FailingWriteCase(
            input: "db.c.bulkWrite([{insertOne: {document: {_id: 1}}}, {deleteOne: {filter: {_id: 2}}}])",
            error: "MongoBulkWriteError: E11000 duplicate key error collection: DB.c index: _id_ dup key: { _id: 1 }",
            state: seeded),
        FailingWriteCase(
            input: "db.c.bulkWrite([{removeAll: {filter: {}}}])",
            error:
                "MongoInvalidArgumentError: bulkWrite only supports insertOne, updateOne, updateMany, replaceOne, deleteOne, deleteMany; found 'removeAll'",
            state: seeded),
        FailingWriteCase(
            input: "db.c.insertOne({_id: 4}, {writeConcern: {w: 5}})",
            // A write-concern error comes after the write is applied.
            error: "MongoServerError[UnsatisfiableWriteConcern]: Not enough data-bearing nodes",
            state: seeded.dropLast() + #",{"_id":4}]"#),
    ]

    @Test(arguments: failures) func failingWrite(_ testCase: FailingWriteCase) {
        let (_, stderr) = type(testCase.input)
        let expected = testCase.error.replacingOccurrences(of: "DB.c", with: "\(database).c")
        #expect(stderr.split(separator: "\n").first.map(String.init) ?? "" == expected)
        #expect(state() == testCase.state)
    }
}
