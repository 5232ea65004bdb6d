import Foundation
import TestSupport
import Testing

/// The built binary against the real SecantusDB: a script piped to stdin and `--eval`, compared exactly.
@Suite(.tags(.large), .enabled(if: TestServers.mongoTestsEnabled, "SPSH_TEST_MONGODB_URI is not set"))
struct ServerEndToEndTests {
    let uri: String
    let database = "e2e_\(UUID().uuidString.prefix(8).lowercased())"

    init() throws {
        uri = "\(try TestServers.requireMongoURI())/\(database)"
    }

    func dropDatabase() {
        _ = try? SpshProcess.run([uri, "--eval", "db.runCommand({ dropDatabase: 1 })"])
    }

    @Test func pipedSessionPagesLikeAPerson() throws {
        defer { dropDatabase() }
        let script = """
            db.stock_prices.insertMany([{_id: 1, symbol: 'MDB', price: 402.17}, {_id: 2, symbol: 'ZVZZT', price: 12.5}, {_id: 3, symbol: 'ZJZZT', price: 7.25}])
            db.stock_prices.find({}, {_id: 0}).sort({ price: -1 }).limit(2)
            db.stock_prices.find().sort({_id: 1}).batchSize(1)
            it
            db.stock_prices.find({ price: { $bogus: 1 } }).toArray()
            db.stock_prices.countDocuments()

            """
        let result = try SpshProcess.run([uri, "--server-selection-timeout-ms", "2000"], stdin: script)
        #expect(
            result.stdout == """
                { acknowledged: true, insertedIds: { '0': 1, '1': 2, '2': 3 } }
                [ { symbol: 'MDB', price: 402.17 }, { symbol: 'ZVZZT', price: 12.5 } ]
                [
                  { _id: 1, symbol: 'MDB', price: 402.17 },
                  { _id: 2, symbol: 'ZVZZT', price: 12.5 },
                  { _id: 3, symbol: 'ZJZZT', price: 7.25 }
                ]
                no cursor
                3

                """)
        #expect(result.stderr == "MongoServerError[BadValue]: unknown operator: $bogus\n")
        #expect(result.status == 0)
    }

    @Test func evalPrintsTheLastValueInFull() throws {
        defer { dropDatabase() }
        let result = try SpshProcess.run([
            uri, "--eval", "db.t.insertOne({_id: 'a', nested: {deep: {deeper: {deepest: {x: [1, 2, 3]}}}}})",
            "--eval", "db.t.findOne()",
        ])
        // Expected layout from shared/tools/mongosh-inspect.js (server documents print at full depth).
        #expect(
            result.stdout == """
                {
                  _id: 'a',
                  nested: {
                    deep: {
                      deeper: { deepest: { x: [ 1, 2, 3 ] } }
                    }
                  }
                }

                """)
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }
}
