import Foundation
import TestSupport
import Testing

/// A realistic multi-file script run by `spsh --file` against the real SecantusDB: trading helpers in one
/// file, `load`ed by a report that inserts trades, aggregates them and prints a per-symbol table. Stdout,
/// stderr and the exit code are compared exactly, for a report that works and for one that fails inside
/// the helper file.
@Suite(.tags(.large), .enabled(if: TestServers.mongoTestsEnabled, "SPSH_TEST_MONGODB_URI is not set"))
final class ScriptFileTests {
    let database = "scripts_\(UUID().uuidString.prefix(8).lowercased())"
    let uri: String
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spsh-report-\(UUID().uuidString)")

    init() throws {
        uri = "\(try TestServers.requireMongoURI())/\(database)"
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("lib"), withIntermediateDirectories: true)
        try Self.helpers.write(to: folder.appendingPathComponent("lib/trading.js"), atomically: true, encoding: .utf8)
    }

    deinit {
        _ = try? SpshProcess.run([uri, "--eval", "db.runCommand({ dropDatabase: 1 })"])
        try? FileManager.default.removeItem(at: folder)
    }

    static let helpers = """
        // Helpers shared by the daily trading reports.
        function vwap(trades) {
          let notional = 0
          let volume = 0
          for (const { price, qty } of trades) {
            notional += price * qty
            volume += qty
          }
          if (volume === 0) throw new RangeError('vwap needs trades with volume')
          return notional / volume
        }

        function money(amount) {
          return '$' + amount.toFixed(2)
        }

        function row(symbol, trades, price) {
          return symbol.padEnd(8) + String(trades).padStart(6) + price.padStart(12)
        }

        """

    static let report = """
        load('lib/trading.js')

        db.trades.insertMany([
          { symbol: 'MDB', price: 402.17, qty: 100, side: 'buy', at: ISODate('2025-11-21T14:30:00Z') },
          { symbol: 'MDB', price: 405.5, qty: 50, side: 'sell', at: ISODate('2025-11-21T14:31:00Z') },
          { symbol: 'ZVZZT', price: 12.5, qty: 1000, side: 'buy', at: ISODate('2025-11-21T14:32:00Z') },
          { symbol: 'ZVZZT', price: 12.75, qty: 400, side: 'sell', at: ISODate('2025-11-21T14:33:00Z') },
          { symbol: 'ZJZZT', price: 7.25, qty: 250, side: 'buy', at: ISODate('2025-11-21T14:34:00Z') },
        ])

        print(`Trades: ${db.trades.countDocuments()} (${db.trades.countDocuments({ side: 'buy' })} buys)`)
        print(row('Symbol', 'Trades', 'VWAP'))
        const bySymbol = db.trades.aggregate([
          { $group: { _id: '$symbol', n: { $sum: 1 }, fills: { $push: { price: '$price', qty: '$qty' } } } },
          { $sort: { _id: 1 } },
        ]).toArray()
        for (const { _id, n, fills } of bySymbol) print(row(_id, n, money(vwap(fills))))
        const largest = db.trades.find({}, { _id: 0, symbol: 1, qty: 1 }).sort({ qty: -1 }).limit(1).toArray()[0]
        print(`Largest: ${largest.symbol} x${largest.qty}`)
        printjson(db.trades.findOne({ symbol: 'ZJZZT' }, { _id: 0, symbol: 1, price: 1, at: 1 }))
        bySymbol.length

        """

    func write(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func reportRunsAcrossFiles() throws {
        let report = try write("report.js", Self.report)
        let result = try SpshProcess.run([uri, "--file", report])
        #expect(
            result.stdout == """
                Trades: 5 (3 buys)
                Symbol  Trades        VWAP
                MDB          2     $403.28
                ZJZZT        1       $7.25
                ZVZZT        2      $12.57
                Largest: ZVZZT x1000
                {
                  symbol: 'ZJZZT',
                  price: 7.25,
                  at: ISODate('2025-11-21T14:34:00.000Z')
                }

                """)
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }

    @Test func anErrorInTheHelperFilePointsIntoIt() throws {
        let check = try write(
            "check.js",
            """
            load('lib/trading.js')
            db.trades.insertMany([{ symbol: 'MDB', price: 402.17, qty: 0 }, { symbol: 'MDB', price: 401.9, qty: 0 }])
            const fills = db.trades.find({ symbol: 'MDB' }, { _id: 0, price: 1, qty: 1 }).toArray()
            print(`Checking ${fills.length} MDB fills`)
            print(row('MDB', fills.length, money(vwap(fills))))
            print('done')

            """)
        let helpers = folder.appendingPathComponent("lib/trading.js").standardizedFileURL.path
        let result = try SpshProcess.run([uri, "--file", check])
        #expect(result.stdout == "Checking 2 MDB fills\n")
        #expect(
            result.stderr == """
                RangeError: vwap needs trades with volume
                    at \(helpers):9:21
                      if (volume === 0) throw new RangeError('vwap needs trades with volume')
                                        ^

                """)
        #expect(result.status == 1)
    }

    @Test func aServerErrorInTheReportKeepsItsCodeName() throws {
        let failing = try write(
            "dedupe.js",
            """
            load('lib/trading.js')
            db.trades.insertOne({ _id: 'T-1', symbol: 'MDB', price: 402.17, qty: 100 })
            print('first insert ok')
            db.trades.insertOne({ _id: 'T-1', symbol: 'MDB', price: 402.17, qty: 100 })
            print('never')

            """)
        let result = try SpshProcess.run([uri, "--file", failing])
        #expect(result.stdout == "first insert ok\n")
        #expect(
            result.stderr == """
                MongoServerError[DuplicateKey]: E11000 duplicate key error collection: \(database).trades index: _id_ \
                dup key: { _id: "T-1" }
                    at \(failing):4:1
                    db.trades.insertOne({ _id: 'T-1', symbol: 'MDB', price: 402.17, qty: 100 })
                    ^

                """)
        #expect(result.status == 1)
    }

    @Test func jsonPrintsACursorAsTheArrayOfItsDocuments() throws {
        let insert =
            "db.trades.insertMany([{ symbol: 'MDB', qty: NumberLong(100) }, { symbol: 'ZJZZT', qty: NumberLong(250) }])"
        let result = try SpshProcess.run([
            uri, "--json=relaxed", "--eval", insert, "--eval", "db.trades.find({}, { _id: 0 }).sort({ qty: -1 })",
        ])
        #expect(
            result.stdout == """
                [
                  {
                    "symbol": "ZJZZT",
                    "qty": 250
                  },
                  {
                    "symbol": "MDB",
                    "qty": 100
                  }
                ]

                """)
        #expect(result.stderr == "")
        #expect(result.status == 0)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(parsed.map { $0["symbol"] as? String } == ["ZJZZT", "MDB"])
    }
}
