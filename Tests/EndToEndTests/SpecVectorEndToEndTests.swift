import Foundation
import TestSupport
import Testing

/// The worked examples of `shared/spec/asp-semantics.md`, run unchanged through the built binary's
/// `spsh process`, with the spec's expected output: §12 (the stock-trade window vector, types included: `999.0`
/// is a double, `trades` an int) and §3.4 (3-second windows, lateness 0, then a late document to the DLQ with
/// `missedWindowStartTimes`).
@Suite(.tags(.large))
struct SpecVectorEndToEndTests {
    static let section12 = """
        [{"$source": {"documents": [
           {"symbol":"ZVV", "side":"BUY",  "quantity":100, "price":250, "ts":"2024-01-01T00:00:00.500Z"},
           {"symbol":"ZVV", "side":"SELL", "quantity":50,  "price":300, "ts":"2024-01-01T00:00:04.000Z"},
           {"symbol":"ZBZX","side":"BUY",  "quantity":10,  "price":999, "ts":"2024-01-01T00:00:07.000Z"},
           {"symbol":"ZVV", "side":"BUY",  "quantity":1,   "price":5,   "ts":"2024-01-01T00:00:10.001Z"}],
           "timeField": {"$toDate": "$ts"}}},
         {"$addFields": {"notional": {"$divide": [{"$multiply": ["$price", "$quantity"]}, 100]},
           "signedQty": {"$cond": [{"$eq": ["$side", "BUY"]}, "$quantity", {"$multiply": ["$quantity", -1]}]}}},
         {"$tumblingWindow": {"interval": {"size": 10, "unit": "second"}, "allowedLateness": 0,
           "pipeline": [{"$group": {"_id": "$symbol", "trades": {"$sum": 1}, "net": {"$sum": "$signedQty"},
                                    "avgPx": {"$avg": "$price"}, "maxPx": {"$max": "$price"},
                                    "notional": {"$sum": "$notional"}}},
                        {"$sort": {"_id": 1}}]}},
         {"$addFields": {"avgPx": {"$round": ["$avgPx", 1]},
           "windowLabel": {"$dateToString": {"date": {"$meta": "stream.window.start"},
                                             "format": "%Y-%m-%dT%H:%M:%S"}}}}]
        """

    static let section34 = """
        [{"$source": {"documents": [
           {"g": 0, "v": 0, "ts": "2024-01-01T00:00:00Z"}, {"g": 0, "v": 1, "ts": "2024-01-01T00:00:01Z"},
           {"g": 0, "v": 2, "ts": "2024-01-01T00:00:02Z"}, {"g": 1, "v": 3, "ts": "2024-01-01T00:00:03Z"},
           {"g": 1, "v": 4, "ts": "2024-01-01T00:00:04Z"}, {"g": 1, "v": 5, "ts": "2024-01-01T00:00:05Z"},
           {"g": 0, "v": 9, "ts": "2024-01-01T00:00:02.500Z"}],
           "timeField": {"$toDate": "$ts"}}},
         {"$tumblingWindow": {"interval": {"size": 3, "unit": "second"}, "allowedLateness": 0,
           "pipeline": [{"$group": {"_id": "$g", "sum": {"$sum": "$v"}}}]}}]
        """

    private func run(_ pipeline: String) throws -> SpshProcess.Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spsh-vector-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(pipeline.utf8).write(to: folder.appendingPathComponent("p.json"))
        return try SpshProcess.run(["process", "p.json"], currentDirectory: folder)
    }

    @Test func section12StockTradeVector() throws {
        let result = try run(Self.section12)
        let window =
            #""_stream_meta":{"source":{"type":"generated"},"window":{"start":{"$date":"2024-01-01T00:00:00Z"},"#
            + #""end":{"$date":"2024-01-01T00:00:10Z"}}}"#
        #expect(
            result.stdout == """
                {"_id":"ZBZX","trades":1,"net":10,"avgPx":999.0,"maxPx":999,"notional":99.9,\
                "windowLabel":"2024-01-01T00:00:00",\(window)}
                {"_id":"ZVV","trades":2,"net":50,"avgPx":275.0,"maxPx":300,"notional":400.0,\
                "windowLabel":"2024-01-01T00:00:00",\(window)}

                """)
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }

    @Test func section34WorkedExampleWithALateDocument() throws {
        let result = try run(Self.section34)
        #expect(
            result.stdout == """
                {"_id":0,"sum":3,"_stream_meta":{"source":{"type":"generated"},"window":\
                {"start":{"$date":"2024-01-01T00:00:00Z"},"end":{"$date":"2024-01-01T00:00:03Z"}}}}

                """)
        let stderr = result.stderr.replacingOccurrences(
            of: #""dlqTime":\{"\$date":"[0-9T:.Z-]+"\}"#, with: #""dlqTime":T"#, options: .regularExpression)
        #expect(
            stderr == """
                {"_dlqMessage":{"_stream_meta":{"source":{"type":"generated"}},\
                "errInfo":{"reason":"Input document arrived late."},"operatorName":"TumblingWindowOperator",\
                "doc":{"g":0,"v":9,"ts":"2024-01-01T00:00:02.500Z","_ts":{"$date":"2024-01-01T00:00:02.500Z"}},\
                "processorName":"spsh-process","instanceName":"local","dlqTime":T,\
                "missedWindowStartTimes":[1704067200000]}}

                """)
        #expect(result.status == 0)
    }

    @Test func section71SpProcessPrintsEachOutputThenStops() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("spsh-vector-home-\(UUID())")
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try SpshProcess.run(
            ["--nodb", "--eval", "sp.process([{$source: {documents: [{a: 1}, {a: 2}]}}, {$match: {a: 2}}])"],
            environment: ["SPSH_HOME": home.path, "HOME": home.path])
        let stdout = result.stdout.replacingOccurrences(
            of: #"ISODate\('[0-9T:.Z-]+'\)"#, with: "ISODate('T')", options: .regularExpression)
        #expect(
            stdout == """
                {
                  a: 2,
                  _ts: ISODate('T'),
                  _stream_meta: {
                    source: {
                      type: 'generated'
                    }
                  }
                }
                sp.process: the documents are used up and no window can close any more (a documents source does \
                not end windows, as in Atlas; use a file source or idleTimeout to close them)

                """)
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }
}
