import BSONCore

/// The built-in `sample_stock_trades` connection: Confluent datagen's `stock_trades` records (§9), in the
/// schema's field order, at `rate` documents per second on the injected clock, from a seedable generator.
/// Unbounded; no checkpoints.
///
/// Not thread-safe: one runner pulls from it.
package final class SampleStockTradesSource: StreamSource {
    /// The schema's `symbol` options (§9).
    static let symbols = ["ZBZX", "ZJZZT", "ZTEST", "ZVV", "ZVZZT", "ZWZZT", "ZXZZT"]
    /// The schema's `account` options (§9).
    static let accounts = ["ABC123", "LMN456", "XYZ789"]

    private let clock: any EngineClock
    private var random: SplitMix64
    private var schedule: GenerationSchedule

    /// A generator reading `clock`, seeded with `seed`, producing `rate` trades per second.
    package init(clock: any EngineClock, seed: UInt64, rate: Int = 20) {
        self.clock = clock
        random = SplitMix64(seed: seed)
        schedule = GenerationSchedule(rate: rate)
    }

    /// The trades due since the last call (at most `limit`), `[]` when none is due yet. Each carries its
    /// scheduled time as the record timestamp, as a Kafka record would (§2.2 rule 2).
    package func next(limit: Int) throws -> [SourceMessage]? {
        schedule.due(now: clock.now(), limit: limit).map { time in
            SourceMessage(document: trade(), sourceMetadata: GeneratedSource.metadata, timestamp: time)
        }
    }

    /// Never: the generator runs until stopped.
    package var isExhausted: Bool { false }
    /// No checkpoints for this source.
    package var position: BSONValue? { nil }
    /// Nothing to seek.
    package func seek(to position: BSONValue) throws {}

    /// One trade: `{side, quantity 1…4999, symbol, price 5…999 (pennies), account, userid User_1…User_9}`, the
    /// numbers Int32 as ASP reads them (§9).
    func trade() -> BSONDocument {
        [
            "side": .string(Bool.random(using: &random) ? "BUY" : "SELL"),
            "quantity": .int32(Int32.random(in: 1..<5000, using: &random)),
            "symbol": .string(Self.symbols[Int.random(in: 0..<Self.symbols.count, using: &random)]),
            "price": .int32(Int32.random(in: 5..<1000, using: &random)),
            "account": .string(Self.accounts[Int.random(in: 0..<Self.accounts.count, using: &random)]),
            "userid": .string("User_\(Int.random(in: 1...9, using: &random))"),
        ]
    }
}
