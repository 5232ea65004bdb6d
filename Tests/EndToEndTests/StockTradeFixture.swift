import Foundation

/// A deterministic file of stock trades (the datagen schema of spec §9, plus an event time `ts`) and the
/// windows the seed's `stock_trade_window_processor` must make of it, computed here independently of the
/// engine: per 30-second window and symbol, the counts, sums, min/max, the average and the VWAP rounded to 4
/// places.
struct StockTradeFixture {
    struct Trade {
        var side: String
        var quantity: Int
        var symbol: String
        var price: Int
        var account: String
        var userid: String
        var millis: Int64
    }

    static let symbols = ["ZBZX", "ZJZZT", "ZTEST", "ZVV", "ZVZZT", "ZWZZT", "ZXZZT"]
    static let accounts = ["ABC123", "LMN456", "XYZ789"]
    /// 2024-01-01T00:00:00Z, a multiple of 30 s.
    static let start: Int64 = 1_704_067_200_000

    let trades: [Trade]

    /// `count` trades, one every `stepMillis` ms from `start`, drawn from a fixed-seed generator.
    init(count: Int, stepMillis: Int64, seed: UInt64 = 42) {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        trades = (0..<count).map { index in
            Trade(
                side: next(2) == 0 ? "BUY" : "SELL", quantity: 1 + next(4999), symbol: Self.symbols[next(7)],
                price: 5 + next(995), account: Self.accounts[next(3)], userid: "User_\(1 + next(9))",
                millis: Self.start + Int64(index) * stepMillis)
        }
    }

    /// The trades as JSON Lines, `ts` as an ISO-8601 string.
    var jsonLines: String {
        trades.map { trade in
            #"{"side":"\#(trade.side)","quantity":\#(trade.quantity),"symbol":"\#(trade.symbol)","price":\#(trade.price),"#
                + #""account":"\#(trade.account)","userid":"\#(trade.userid)","ts":"\#(Self.iso(trade.millis))"}"#
        }.joined(separator: "\n") + "\n"
    }

    /// The expected `stock_prices` documents as canonical Extended JSON objects without `_id` and `_stream_meta`,
    /// sorted by window start, then symbol; every window closes because a file source ends the stream (§2.1).
    /// Types are part of the expectation: counts and sums are Int32, `windowSecs` is Int64 (`$dateDiff`), the
    /// rounded average and VWAP are doubles.
    var expectedWindows: [String] {
        struct Totals {
            var count = 0
            var quantity = 0
            var buy = 0
            var sell = 0
            var priceSum = 0
            var notional = 0
            var minPrice = Int.max
            var maxPrice = Int.min
        }
        var windows: [Int64: [String: Totals]] = [:]
        for trade in trades {
            let windowStart = trade.millis - trade.millis % 30_000
            var totals = windows[windowStart, default: [:]][trade.symbol, default: Totals()]
            totals.count += 1
            totals.quantity += trade.quantity
            if trade.side == "BUY" { totals.buy += trade.quantity } else { totals.sell += trade.quantity }
            totals.priceSum += trade.price
            totals.notional += trade.price * trade.quantity
            totals.minPrice = min(totals.minPrice, trade.price)
            totals.maxPrice = max(totals.maxPrice, trade.price)
            windows[windowStart, default: [:]][trade.symbol] = totals
        }
        func int(_ value: Int) -> String { #"{"$numberInt":"\#(value)"}"# }
        func double(_ value: Double) -> String { #"{"$numberDouble":"\#(Self.rounded(value))"}"# }
        func date(_ millis: Int64) -> String { #"{"$date":{"$numberLong":"\#(millis)"}}"# }
        var documents: [String] = []
        for windowStart in windows.keys.sorted() {
            for (symbol, totals) in (windows[windowStart] ?? [:]).sorted(by: { $0.key < $1.key }) {
                documents.append(
                    #"{"symbol":"\#(symbol)","windowStart":\#(date(windowStart)),"#
                        + #""windowEnd":\#(date(windowStart + 30_000)),"windowSecs":{"$numberLong":"30"},"#
                        + #""tradeCount":\#(int(totals.count)),"totalQty":\#(int(totals.quantity)),"#
                        + #""avgPrice":\#(double(Double(totals.priceSum) / Double(totals.count))),"#
                        + #""vwap":\#(double(Double(totals.notional) / Double(totals.quantity))),"#
                        + #""totalBuyQty":\#(int(totals.buy)),"totalSellQty":\#(int(totals.sell)),"#
                        + #""imbalance":\#(int(totals.buy - totals.sell)),"minPrice":\#(int(totals.minPrice)),"#
                        + #""maxPrice":\#(int(totals.maxPrice))}"#)
            }
        }
        return documents
    }

    /// `x` rounded to 4 places, ties to even on the exact binary value (as `$round` does, §11.6), in the
    /// shortest form that reads back as the same double (`275.0`, `563.225`).
    static func rounded(_ value: Double) -> String {
        let number = Double(String(format: "%.4f", value)) ?? value
        return "\(number)"
    }

    static func iso(_ millis: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
    }
}
