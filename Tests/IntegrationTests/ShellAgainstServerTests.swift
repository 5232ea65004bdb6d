import Foundation
import Interpreter
import REPL
import ShellAPI
import TestSupport
import Testing

@testable import spsh

/// The shell against the real SecantusDB that scripts/test starts: what a user types, what they see.
@Suite(.tags(.medium), .enabled(if: TestServers.mongoTestsEnabled, "SPSH_TEST_MONGODB_URI is not set"))
final class ShellAgainstServerTests {
    let server: ServerShell
    var database: String { server.database }
    var shell: Shell { server.shell }

    init() throws { server = try ServerShell(prefix: "it") }

    /// Feeds lines as if piped to stdin; returns (stdout, stderr) of just these lines.
    func type(_ lines: String) -> (String, String) { server.type(lines) }

    @Test func seedQueryPrintsTheInsertedDocument() throws {
        let (inserted, insertErrors) = type(
            """
            db.stock_prices.insertOne({_id: ObjectId('65a000000000000000000001'), symbol:'ZVZZT', price: 12.5, windowStart: ISODate('2025-11-21T04:42:00Z')})
            """)
        #expect(insertErrors == "")
        #expect(
            inserted == """
                {
                  acknowledged: true,
                  insertedId: ObjectId('65a000000000000000000001')
                }

                """)
        let (found, findErrors) = type("db.stock_prices.find().sort({ windowStart: -1 }).limit(5).pretty()")
        #expect(findErrors == "")
        #expect(
            found == """
                [
                  {
                    _id: ObjectId('65a000000000000000000001'),
                    symbol: 'ZVZZT',
                    price: 12.5,
                    windowStart: ISODate('2025-11-21T04:42:00.000Z')
                  }
                ]

                """)
    }

    @Test func findWithSortLimitSkipAndProjection() throws {
        _ = type(
            "db.t.insertMany([{_id: 1, v: 'a', x: 1}, {_id: 2, v: 'b', x: 2}, {_id: 3, v: 'c', x: 3}, {_id: 4, v: 'd', x: 4}])"
        )
        let (out, err) = type("db.t.find({x: {$gte: 2}}, {v: 1, _id: 0}).sort({x: -1}).skip(1).limit(2)")
        #expect(err == "")
        #expect(out == "[ { v: 'c' }, { v: 'b' } ]\n")
        let (count, _) = type("db.t.find({x: {$gt: 1}}).count()")
        #expect(count == "3\n")
        let (one, _) = type("db.t.findOne({_id: 4})")
        #expect(one == "{ _id: 4, v: 'd', x: 4 }\n")
        let (documents, _) = type("db.t.countDocuments({x: {$lt: 3}})")
        #expect(documents == "2\n")
    }

    @Test func cursorPagingWithIt() throws {
        var docs: [String] = []
        for i in 0..<23 { docs.append("{_id: \(i)}") }
        _ = type("db.p.insertMany([\(docs.joined(separator: ", "))])")
        let (first, _) = type("db.p.find().sort({_id: 1})")
        // The layout is mongosh's (Node's util.inspect groups short entries into columns), from mongosh-inspect.js.
        #expect(
            first == """
                [
                  { _id: 0 },  { _id: 1 },
                  { _id: 2 },  { _id: 3 },
                  { _id: 4 },  { _id: 5 },
                  { _id: 6 },  { _id: 7 },
                  { _id: 8 },  { _id: 9 },
                  { _id: 10 }, { _id: 11 },
                  { _id: 12 }, { _id: 13 },
                  { _id: 14 }, { _id: 15 },
                  { _id: 16 }, { _id: 17 },
                  { _id: 18 }, { _id: 19 }
                ]
                Type "it" for more

                """)
        let (second, _) = type("it")
        #expect(second == "[ { _id: 20 }, { _id: 21 }, { _id: 22 } ]\n")
        let (third, _) = type("it")
        #expect(third == "no cursor\n")
    }

    @Test func aggregateRunsOnTheServer() throws {
        _ = type("db.trades.insertMany([{s: 'A', q: 1}, {s: 'B', q: 5}, {s: 'A', q: 2}])")
        let (out, err) = type(
            "db.trades.aggregate([{ $group: { _id: '$s', total: { $sum: '$q' } } }, { $sort: { _id: 1 } }])")
        #expect(err == "")
        #expect(out == "[ { _id: 'A', total: 3 }, { _id: 'B', total: 5 } ]\n")
    }

    @Test func showCollectionsAndUse() throws {
        _ = type("db.b.insertOne({a: 1})\ndb.a.insertOne({a: 1})")
        let (out, _) = type("show collections")
        #expect(out == "a\nb\n")
        let (names, _) = type("db.getCollectionNames()")
        #expect(names == "[ 'a', 'b' ]\n")
        let (switched, _) = type("use \(database)")
        #expect(switched == "already on db \(database)\n")
        let (dbs, _) = type("show dbs")
        #expect(dbs.contains(database))
    }

    @Test func serverErrorKeepsItsCodeName() throws {
        _ = type("db.e.insertOne({_id: 1})")
        let (_, duplicate) = type("db.e.insertOne({_id: 1})")
        #expect(duplicate.hasPrefix("MongoServerError[DuplicateKey]: "))
        #expect(duplicate.contains("E11000"))
        let (_, badOperator) = type("db.e.find({a: {$bogus: 1}}).toArray()")
        #expect(badOperator.hasPrefix("MongoServerError[BadValue]: "))
        #expect(badOperator.contains("$bogus"))
        let (after, _) = type("db.e.countDocuments()")
        #expect(after == "1\n")  // the shell carries on
    }

    @Test func runCommandReturnsTheReply() throws {
        let (out, err) = type("db.runCommand({ ping: 1 }).ok")
        #expect(err == "")
        #expect(out == "1\n")
    }
}

@Suite(.tags(.small))
struct ConnectionStringTests {
    @Test(arguments: [
        ("mongodb://h:1/db?x=1", "mongodb://h:1/db?x=1"),
        ("mongodb+srv://c.example.net/db", "mongodb+srv://c.example.net/db"),
        ("localhost:27018/trading", "mongodb://localhost:27018/trading"),
        ("trading", "mongodb://127.0.0.1:27017/trading"),
    ])
    func whatTheUserTypedBecomesAURI(argument: String, uri: String) {
        #expect(MongoCommandRunner.connectionString(from: argument) == uri)
    }

    @Test(arguments: [
        ("mongodb://h:1/db?x=1", "db"),
        ("mongodb://h:1/?x=1", nil),
        ("mongodb://h:1", nil),
        ("mongodb://u:p@h1,h2/stock%20data", "stock data"),
    ])
    func databaseFromThePath(uri: String, database: String?) {
        #expect(MongoCommandRunner.databaseName(in: uri) == database)
    }
}
