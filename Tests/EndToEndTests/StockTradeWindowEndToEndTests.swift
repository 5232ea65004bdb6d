import Foundation
import TestSupport
import Testing

/// Issue 5's end-to-end checks: the seed's `stock_trade_window_processor` pipeline (30 s tumbling window,
/// per-symbol VWAP metrics, `$merge`) runs unchanged in `spsh serve` over a generated trades file, and the
/// collection in the real SecantusDB ends with exactly the windows `StockTradeFixture` computes, document by
/// document and type by type, even when `spsh serve` is killed with `kill -9` in the middle of the stream.
@Suite(
    .tags(.large), .serialized, .enabled(if: TestServers.mongoTestsEnabled, "SPSH_TEST_MONGODB_URI is not set"))
struct StockTradeWindowEndToEndTests {
    static let processor = "stock_trade_window_processor"

    /// The seed's pipeline, with its Kafka `$source` replaced by the trades file (event time from `ts`) and its
    /// `$merge` aimed at `database`.
    static func pipeline(file: URL, database: String) throws -> String {
        var text = StreamsEndToEndTests.seedDefinition
        let source = try #require(
            text.range(of: #""\$source": \{[^}]*\}"#, options: .regularExpression))
        text.replaceSubrange(
            source, with: #""$source": { "path": "\#(file.path)", "timeField": { "$toDate": "$ts" } }"#)
        text = text.replacingOccurrences(of: #""db": "confluent_cloud""#, with: #""db": "\#(database)""#)
        return text
    }

    /// A world of its own: a folder with the trades file and the serve state, and a database name.
    final class World {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("spsh-trades-\(UUID().uuidString)")
        let database = "trades_e2e_\(UUID().uuidString.prefix(8).lowercased())"
        let mongoURI: String
        let fixture: StockTradeFixture
        var state: URL { root.appendingPathComponent("state") }
        var trades: URL { root.appendingPathComponent("trades.jsonl") }

        init(fixture: StockTradeFixture) throws {
            mongoURI = try TestServers.requireMongoURI()
            self.fixture = fixture
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try fixture.jsonLines.write(to: trades, atomically: true, encoding: .utf8)
        }

        func serve() throws -> ServeProcess {
            try ServeProcess(arguments: ["--state-dir", state.path, "--mongodb-uri", mongoURI])
        }

        /// Runs `code` in spsh against `serve` (and the test database).
        func spsh(_ serve: ServeProcess, _ code: String, json: Bool = false) throws -> SpshProcess.Result {
            var arguments = [mongoURI + "/" + database, "--quiet", "--atlas-base-url", serve.baseURL]
            if json { arguments.append("--json=canonical") }
            return try SpshProcess.run(arguments + ["--eval", code], environment: ["HOME": root.path])
        }

        /// Creates the seed's Cluster connection and the processor, and starts it.
        func deploy(_ serve: ServeProcess) throws {
            let definition = try StockTradeWindowEndToEndTests.pipeline(file: trades, database: database)
            let result = try spsh(
                serve,
                """
                const definition = \(definition);
                sp.createConnection({ name: 'stock trade sample data collection', type: 'Cluster',
                  clusterName: 'Cluster0', dbRoleToExecute: { role: 'readWriteAnyDatabase', type: 'BUILT_IN' } });
                sp.createStreamProcessor(definition.name, definition.pipeline);
                sp[definition.name].start();
                """)
            #expect(result.status == 0, "stderr: \(result.stderr)")
        }

        /// The processor's stats field, or -1.
        func stat(_ serve: ServeProcess, _ field: String) throws -> Int {
            let result = try spsh(serve, "sp['\(StockTradeWindowEndToEndTests.processor)'].stats().stats.\(field)")
            return Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        }

        /// The documents in `stock_prices` (without `_id` and `_stream_meta`), in window and symbol order.
        func stockPrices(_ serve: ServeProcess) throws -> [NSDictionary] {
            let result = try spsh(
                serve,
                "db.stock_prices.find({}, {_id: 0, _stream_meta: 0}).sort({windowStart: 1, symbol: 1}).toArray()",
                json: true)
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
            return (parsed as? [NSDictionary]) ?? []
        }

        /// Waits until `stock_prices` holds `count` documents and the source has been read to its end.
        func waitForWindows(_ serve: ServeProcess, count: Int, trades: Int, seconds: Double) throws {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                let stored = try spsh(serve, "db.stock_prices.countDocuments()")
                if Int(stored.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) == count,
                    try stat(serve, "inputMessageCount") >= trades
                {
                    return
                }
                usleep(250_000)
            }
        }

        /// The fixture's windows as the shell prints them: a double with an integral value reaches JavaScript as
        /// a plain number, which `--json=canonical` writes as `$numberInt` (mongosh does the same), so the
        /// double types are checked apart, by `doubleFieldTypes`.
        func expected() throws -> [NSDictionary] {
            try fixture.expectedWindows.map { text in
                let printed = text.replacingOccurrences(
                    of: #"\{"\$numberDouble":"(-?[0-9]+)\.0"\}"#, with: #"{"$numberInt":"$1"}"#,
                    options: .regularExpression)
                return try #require(try JSONSerialization.jsonObject(with: Data(printed.utf8)) as? NSDictionary)
            }
        }

        /// The BSON types of `avgPrice` and `vwap` over the whole collection, as the server reports them.
        func doubleFieldTypes(_ serve: ServeProcess) throws -> String {
            try spsh(
                serve,
                "db.stock_prices.aggregate([{$group: {_id: null, avg: {$addToSet: {$type: '$avgPrice'}}, "
                    + "vwap: {$addToSet: {$type: '$vwap'}}}}]).toArray().map(t => `${t.avg} ${t.vwap}`).join()"
            ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        func cleanUp() {
            if let serve = try? serve() {
                _ = try? spsh(serve, "db.dropDatabase()")
                serve.stop()
            }
            try? FileManager.default.removeItem(at: root)
        }
    }

    @Test func theSeedPipelineFillsStockPricesWithTheExpectedWindows() throws {
        // 3,000 trades 40 ms apart: 120 s, four 30-second windows of 7 symbols.
        let world = try World(fixture: StockTradeFixture(count: 3000, stepMillis: 40))
        defer { world.cleanUp() }
        let expected = try world.expected()
        #expect(expected.count == 28)
        let serve = try world.serve()
        defer { serve.stop() }
        try world.deploy(serve)
        try world.waitForWindows(serve, count: expected.count, trades: 3000, seconds: 60)
        let stored = try world.stockPrices(serve)
        #expect(stored.count == expected.count)
        for (index, (got, want)) in zip(stored, expected).enumerated() {
            #expect(got == want, "window document \(index)")
        }
        #expect(try world.doubleFieldTypes(serve) == "double double")
        #expect(try world.stat(serve, "outputMessageCount") == expected.count)
        #expect(try world.stat(serve, "dlqMessageCount") == 0)
    }

    @Test func stopAndStartMidStreamEndsWithExactlyTheSameWindows() throws {
        // 150,000 trades 20 ms apart: 3,000 s, 100 windows of 7 symbols; long enough to be stopped mid-stream.
        let trades = 150_000
        let world = try World(fixture: StockTradeFixture(count: trades, stepMillis: 20))
        defer { world.cleanUp() }
        let expected = try world.expected()
        let serve = try world.serve()
        defer { serve.stop() }
        try world.deploy(serve)
        let deadline = Date().addingTimeInterval(60)
        var read = 0
        while read <= 0, Date() < deadline {
            read = try world.stat(serve, "inputMessageCount")
            usleep(20_000)
        }
        let stopped = try world.spsh(
            serve, "sp['\(Self.processor)'].stop(); sp['\(Self.processor)'].stats().stats.inputMessageCount")
        let atStop = Int(stopped.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        #expect(atStop > 0 && atStop < trades, "stopped after \(atStop) of \(trades) trades")
        #expect(try world.spsh(serve, "sp['\(Self.processor)'].start()").status == 0)
        try world.waitForWindows(serve, count: expected.count, trades: trades, seconds: 120)
        #expect(try world.stockPrices(serve) == expected)
        #expect(try world.stat(serve, "inputMessageCount") == trades)
    }

    @Test func killMinus9MidStreamEndsWithExactlyTheSameWindows() throws {
        // 150,000 trades 20 ms apart: 3,000 s, 100 windows of 7 symbols; long enough to be killed mid-stream.
        let trades = 150_000
        let world = try World(fixture: StockTradeFixture(count: trades, stepMillis: 20))
        defer { world.cleanUp() }
        let expected = try world.expected()
        let first = try world.serve()
        try world.deploy(first)
        // Kill once a checkpoint exists and part of the file has been read, but not all of it.
        let checkpoints = world.state.appendingPathComponent("checkpoints")
        let deadline = Date().addingTimeInterval(60)
        var read = 0
        while Date() < deadline {
            read = try world.stat(first, "inputMessageCount")
            let saved = FileManager.default.enumerator(atPath: checkpoints.path)?.allObjects.count ?? 0
            if saved > 0, read > 0 { break }
            usleep(20_000)
        }
        first.kill()
        #expect(read > 0 && read < trades, "killed after \(read) of \(trades) trades")

        let second = try world.serve()
        defer { second.stop() }
        try world.waitForWindows(second, count: expected.count, trades: trades, seconds: 120)
        let stored = try world.stockPrices(second)
        #expect(stored.count == expected.count)
        #expect(stored == expected)
        #expect(try world.doubleFieldTypes(second) == "double double")
    }
}
