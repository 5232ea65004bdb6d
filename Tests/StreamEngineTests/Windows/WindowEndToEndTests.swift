import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

/// Windows inside the real executor (validation, `$source` with `timeField` (a Date field here: `$toDate` is the dates family's), stateless stages before, inside and
/// after the window): the §12 vector and the seed's window with `{$meta: "stream.window.start"}` in `_id`.
@Suite("Windows end to end in the executor", .tags(.small))
struct WindowEndToEndTests {
    private func run(_ json: String, finish: Bool = false) throws -> EngineOutput {
        let pipeline = try #require(ExtendedJSON.parse(json).arrayValue).map { try #require($0.documentValue) }
        let executor = try PipelineExecutor(
            pipeline: pipeline, options: ProcessorOptions(name: "p", isEphemeral: true),
            services: EngineServices(clock: ManualClock(0)))
        guard case .documents(let documents) = executor.source.kind else { throw StreamEngineError.invalid("source") }
        var output = EngineOutput()
        for document in documents { output.append(executor.receive([SourceMessage(document: document)])) }
        if finish { output.append(executor.finish()) }
        return output
    }

    @Test("§12: the first window closes at 10.001 s with ZBZX then ZVV, types as the spec says")
    func stockVector() throws {
        let output = try run(
            #"""
            [{"$source": {"documents": [
               {"symbol": "ZVV", "side": "BUY", "quantity": 100, "price": 250, "ts": {"$date": "2024-01-01T00:00:00.500Z"}},
               {"symbol": "ZVV", "side": "SELL", "quantity": 50, "price": 300, "ts": {"$date": "2024-01-01T00:00:04.000Z"}},
               {"symbol": "ZBZX", "side": "BUY", "quantity": 10, "price": 999, "ts": {"$date": "2024-01-01T00:00:07.000Z"}},
               {"symbol": "ZVV", "side": "BUY", "quantity": 1, "price": 5, "ts": {"$date": "2024-01-01T00:00:10.001Z"}}],
               "timeField": "$ts"}},
             {"$addFields": {"notional": {"$divide": [{"$multiply": ["$price", "$quantity"]}, 100]},
                             "signedQty": {"$cond": [{"$eq": ["$side", "BUY"]}, "$quantity", {"$multiply": ["$quantity", -1]}]}}},
             {"$tumblingWindow": {"interval": {"size": 10, "unit": "second"}, "allowedLateness": 0,
               "pipeline": [{"$group": {"_id": "$symbol", "trades": {"$sum": 1}, "net": {"$sum": "$signedQty"},
                                        "avgPx": {"$avg": "$price"}, "maxPx": {"$max": "$price"}, "notional": {"$sum": "$notional"}}},
                            {"$sort": {"_id": 1}}]}},
             {"$addFields": {"avgPx": {"$round": ["$avgPx", 1]}}}]
            """#)
        let window =
            #""window": {"start": {"$date": "2024-01-01T00:00:00Z"}, "end": {"$date": "2024-01-01T00:00:10Z"}}"#
        let expected = try [
            #"{"_id": "ZBZX", "trades": 1, "net": 10, "avgPx": 999.0, "maxPx": 999, "notional": 99.9, "_stream_meta": {"source": {"type": "generated"}, \#(window)}}"#,
            #"{"_id": "ZVV", "trades": 2, "net": 50, "avgPx": 275.0, "maxPx": 300, "notional": 400.0, "_stream_meta": {"source": {"type": "generated"}, \#(window)}}"#,
        ].map(ExtendedJSON.parseDocument)
        #expect(output.documents.map(\.document) == expected)
        #expect(output.deadLetters.isEmpty)
    }

    @Test("The seed's window: {$meta: stream.window.start/end} in the group _id; a $divide by zero goes to the DLQ")
    func seedWindow() throws {
        let output = try run(
            #"""
            [{"$source": {"documents": [
               {"symbol": "A", "price": 10, "quantity": 2, "d": 1, "ts": {"$date": "2024-01-01T00:00:01Z"}},
               {"symbol": "A", "price": 20, "quantity": 1, "d": 0, "ts": {"$date": "2024-01-01T00:00:02Z"}},
               {"symbol": "B", "price": 5, "quantity": 4, "d": 2, "ts": {"$date": "2024-01-01T00:00:29Z"}},
               {"symbol": "A", "price": 30, "quantity": 3, "d": 3, "ts": {"$date": "2024-01-01T00:00:40Z"}}],
               "timeField": "$ts"}},
             {"$tumblingWindow": {"interval": {"size": 30, "unit": "second"},
               "pipeline": [{"$group": {"_id": {"symbol": "$symbol", "windowStart": {"$meta": "stream.window.start"},
                                                "windowEnd": {"$meta": "stream.window.end"}},
                                        "vwap_num": {"$sum": {"$multiply": ["$price", "$quantity"]}},
                                        "per": {"$sum": {"$divide": ["$price", "$d"]}}, "minPrice": {"$min": "$price"}}},
                            {"$project": {"_id": 0, "symbol": "$_id.symbol", "windowStart": "$_id.windowStart",
                                          "vwap_num": 1, "per": 1, "minPrice": 1}},
                            {"$sort": {"symbol": 1}}]}}]
            """#, finish: true)
        let documents = output.documents.map { document in
            var copy = document.document
            copy["_stream_meta"] = nil
            return copy.description
        }
        #expect(
            documents == [
                #"{"vwap_num":20,"per":10.0,"minPrice":10,"symbol":"A","windowStart":{"$date":"2024-01-01T00:00:00Z"}}"#,
                #"{"vwap_num":20,"per":2.5,"minPrice":5,"symbol":"B","windowStart":{"$date":"2024-01-01T00:00:00Z"}}"#,
                #"{"vwap_num":90,"per":10.0,"minPrice":30,"symbol":"A","windowStart":{"$date":"2024-01-01T00:00:30Z"}}"#,
            ])
        #expect(output.deadLetters.count == 1)
        let entry = try #require(output.deadLetters.first)
        #expect(entry["operatorName"] == .string("GroupOperator"))
        #expect(
            entry["errInfo"]
                == .document([
                    "reason": .string(
                        "Failed to process input document in GroupOperator with error: can't $divide by zero")
                ]))
    }
}
