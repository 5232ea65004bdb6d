import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

@Suite("sample_stock_trades generator (§9)", .tags(.small))
struct SampleStockTradesSourceTests {
    private func generate(count: Int, seed: UInt64 = 11) throws -> [SourceMessage] {
        let clock = ManualClock(1_700_000_000_000)
        let source = SampleStockTradesSource(clock: clock, seed: seed, rate: 1000)
        var messages: [SourceMessage] = []
        while messages.count < count {
            messages += try #require(try source.next(limit: 1000))
            clock.advance(by: 250)
        }
        return messages
    }

    @Test("Datagen's stock_trades fields, in schema order, with its ranges and options")
    func fieldsAndRanges() throws {
        var sides = Set<String>()
        var symbols = Set<String>()
        var accounts = Set<String>()
        var users = Set<String>()
        var quantities: [Int32] = []
        var prices: [Int32] = []
        for message in try generate(count: 20_000) {
            let trade = message.document
            #expect(trade.keys == ["side", "quantity", "symbol", "price", "account", "userid"])
            #expect(message.sourceMetadata == ["type": .string("generated")])
            #expect(message.timestamp != nil)
            guard case .string(let side) = trade["side"], case .int32(let quantity) = trade["quantity"],
                case .string(let symbol) = trade["symbol"], case .int32(let price) = trade["price"],
                case .string(let account) = trade["account"], case .string(let user) = trade["userid"]
            else {
                Issue.record("wrong types in \(trade)")
                continue
            }
            sides.insert(side)
            symbols.insert(symbol)
            accounts.insert(account)
            users.insert(user)
            quantities.append(quantity)
            prices.append(price)
        }
        #expect(sides == ["BUY", "SELL"])
        #expect(symbols == ["ZBZX", "ZJZZT", "ZTEST", "ZVV", "ZVZZT", "ZWZZT", "ZXZZT"])
        #expect(accounts == ["ABC123", "LMN456", "XYZ789"])
        #expect(users == Set((1...9).map { "User_\($0)" }))
        #expect(quantities.min() == 1 && quantities.max() == 4999)
        #expect(prices.min() == 5 && prices.max() == 999)
    }

    @Test("The same seed gives the same trades", arguments: [UInt64(0), 1, 99])
    func determinism(seed: UInt64) throws {
        let first = try generate(count: 200, seed: seed).map { ExtendedJSON.serialize($0.document, mode: .canonical) }
        let again = try generate(count: 200, seed: seed).map { ExtendedJSON.serialize($0.document, mode: .canonical) }
        let other = try generate(count: 200, seed: seed + 1).map {
            ExtendedJSON.serialize($0.document, mode: .canonical)
        }
        #expect(first == again)
        #expect(first != other)
    }

    @Test("Rate: 20 trades per second by default", arguments: [(Int64(0), 1), (999, 20), (1000, 21), (5000, 101)])
    func defaultRate(elapsed: Int64, expected: Int) throws {
        let clock = ManualClock(0)
        let source = SampleStockTradesSource(clock: clock, seed: 5)
        var count = try #require(try source.next(limit: 1000)).count
        clock.advance(by: elapsed)
        count += try #require(try source.next(limit: 1000)).count
        #expect(count == expected)
    }
}
