import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

/// `$tumblingWindow` on virtual time (§3.3, §3.4, §3.5, §3.6).
@Suite("Tumbling windows", .tags(.small))
struct TumblingWindowTests {
    private static let workedExample = #"""
        {"$tumblingWindow": {"interval": {"size": 3, "unit": "second"}, "allowedLateness": 0,
          "pipeline": [{"$group": {"_id": "$g", "sum": {"$sum": "$v"}}}]}}
        """#

    @Test("§3.4 worked example: one output, [3 s, 6 s) stays open; a late document goes to the DLQ")
    func workedExample() throws {
        let driver = try WindowDriver(Self.workedExample)
        for (second, group) in [(0, 0), (1, 0), (2, 0), (3, 1), (4, 1)] {
            try driver.send(#"{"g": \#(group), "v": \#(second)}"#, at: Int64(second) * 1_000)
            #expect(driver.outputs.count == (second == 4 ? 1 : 0), "after t = \(second) s")
        }
        try driver.send(#"{"g": 1, "v": 5}"#, at: 5_000)
        #expect(driver.documents == [#"{"_id":0,"sum":3}"#])
        #expect(driver.windows == [[0, 3_000]])
        #expect(driver.outputs[0].metadata.source == ["type": .string("generated")])
        #expect(driver.outputs[0].outputKey == .int32(0))
        #expect(driver.window.stateSize > 0)

        try driver.send(#"{"g": 9, "v": 9}"#, at: 2_500)
        #expect(driver.deadLetters.count == 1)
        let late = try #require(driver.deadLetters.first)
        #expect(late.reason == "Input document arrived late.")
        #expect(late.missedWindowStartTimes == [WindowDriver.t0])
        #expect(late.operatorName == "TumblingWindowOperator")
        #expect(late.record.document.description == #"{"g":9,"v":9}"#)
        #expect(driver.outputs.count == 1)
    }

    @Test("§3.4: with the default 3 s lateness the worked example has no output")
    func defaultLateness() throws {
        let driver = try WindowDriver(Self.workedExample.replacingOccurrences(of: #""allowedLateness": 0,"#, with: ""))
        for second in 0..<6 { try driver.send(#"{"g": 0, "v": 1}"#, at: Int64(second) * 1_000) }
        #expect(driver.outputs.isEmpty)
        driver.take(driver.window.closeAll())
        #expect(driver.documents == [#"{"_id":0,"sum":3}"#, #"{"_id":0,"sum":3}"#])
        #expect(driver.windows == [[0, 3_000], [3_000, 6_000]])
    }

    @Test("§12 window part: per-symbol group, sorted, types as the spec says; [10 s, 20 s) stays open")
    func stockVector() throws {
        let driver = try WindowDriver(
            #"""
            {"$tumblingWindow": {"interval": {"size": 10, "unit": "second"}, "allowedLateness": 0,
              "pipeline": [{"$group": {"_id": "$symbol", "trades": {"$sum": 1}, "net": {"$sum": "$signedQty"},
                                        "avgPx": {"$avg": "$price"}, "maxPx": {"$max": "$price"},
                                        "notional": {"$sum": "$notional"}}},
                           {"$sort": {"_id": 1}}]}}
            """#)
        try driver.send(#"{"symbol": "ZVV", "price": 250, "signedQty": 100, "notional": 250.0}"#, at: 500)
        try driver.send(#"{"symbol": "ZVV", "price": 300, "signedQty": -50, "notional": 150.0}"#, at: 4_000)
        try driver.send(#"{"symbol": "ZBZX", "price": 999, "signedQty": 10, "notional": 99.9}"#, at: 7_000)
        #expect(driver.outputs.isEmpty)
        try driver.send(#"{"symbol": "ZVV", "price": 5, "signedQty": 1, "notional": 0.05}"#, at: 10_001)
        let expected = [
            #"{"_id": "ZBZX", "trades": 1, "net": 10, "avgPx": 999.0, "maxPx": 999, "notional": 99.9}"#,
            #"{"_id": "ZVV", "trades": 2, "net": 50, "avgPx": 275.0, "maxPx": 300, "notional": 400.0}"#,
        ]
        #expect(driver.outputs.map { BSONValue.document($0.document) } == (try expected.map(ExtendedJSON.parse)))
        #expect(driver.windows == [[0, 10_000], [0, 10_000]])
        #expect(driver.outputs.map(\.outputKey) == [.string("ZBZX"), .string("ZVV")])
        #expect(driver.window.canCloseWhenIdle == false)
    }

    @Test("In order: windows close one after another, in increasing start")
    func inOrder() throws {
        let driver = try WindowDriver(
            #"{"$tumblingWindow": {"interval": {"size": 1, "unit": "second"}, "allowedLateness": 0, "pipeline": [{"$count": "n"}]}}"#
        )
        for offset in stride(from: Int64(0), to: 5_000, by: 250) { try driver.send("{}", at: offset) }
        #expect(driver.documents == Array(repeating: #"{"n":4}"#, count: 4))
        #expect(driver.windows == [[0, 1_000], [1_000, 2_000], [2_000, 3_000], [3_000, 4_000]])
    }

    @Test("Out of order within lateness is accepted; [30 s, 31 s) closes only at 34.001 s with L = 3 s")
    func outOfOrderWithinLateness() throws {
        let driver = try WindowDriver(
            #"""
            {"$tumblingWindow": {"interval": {"size": 1, "unit": "second"},
              "pipeline": [{"$group": {"_id": null, "ids": {"$push": "$i"}}}]}}
            """#)
        try driver.send(#"{"i": 1}"#, at: 30_500)
        try driver.send(#"{"i": 2}"#, at: 32_000)
        try driver.send(#"{"i": 3}"#, at: 30_700)
        try driver.send(#"{"i": 4}"#, at: 34_000)
        #expect(driver.outputs.isEmpty)
        #expect(driver.deadLetters.isEmpty)
        try driver.send(#"{"i": 5}"#, at: 34_001)
        #expect(driver.documents == [#"{"_id":null,"ids":[1,3]}"#])
        #expect(driver.windows == [[30_000, 31_000]])
    }

    @Test("Late beyond lateness: dropped, one DLQ entry naming the missed window")
    func lateBeyondLateness() throws {
        let driver = try WindowDriver(
            #"""
            {"$tumblingWindow": {"interval": {"size": 1, "unit": "second"}, "allowedLateness": {"size": 500, "unit": "ms"},
              "pipeline": [{"$group": {"_id": null, "n": {"$sum": 1}}}]}}
            """#)
        try driver.send(#"{"i": 1}"#, at: 100)
        try driver.send(#"{"i": 2}"#, at: 1_501)
        #expect(driver.documents == [#"{"_id":null,"n":1}"#])
        try driver.send(#"{"i": 3}"#, at: 999)
        try driver.send(#"{"i": 4}"#, at: 1_000)
        #expect(driver.deadLetters.map(\.missedWindowStartTimes) == [[WindowDriver.t0]])
        #expect(driver.deadLetters.first?.record.eventTime == WindowDriver.t0 + 999)
        driver.take(driver.window.closeAll())
        #expect(driver.documents == [#"{"_id":null,"n":1}"#, #"{"_id":null,"n":2}"#])
    }

    @Test("Offset: a 1 h window with a 15 min offset runs from hh:15 to hh+1:15")
    func offset() throws {
        let driver = try WindowDriver(
            #"""
            {"$tumblingWindow": {"interval": {"size": 1, "unit": "hour"}, "offset": {"offsetFromUtc": 15, "unit": "minute"},
              "allowedLateness": 0, "pipeline": []}}
            """#)
        try driver.send(#"{"a": 2}"#, at: 10 * 60_000)
        try driver.send(#"{"a": 1}"#, at: 20 * 60_000)
        #expect(driver.documents == [#"{"a":2}"#])
        driver.take(driver.window.closeAll())
        let minute: Int64 = 60_000
        let expected: [[Int64]] = [[-45 * minute, 15 * minute], [15 * minute, 75 * minute]]
        #expect(driver.windows == expected)
        #expect(driver.documents == [#"{"a":2}"#, #"{"a":1}"#])
    }

    @Test("§3.5 idle timeout closes a window once idle for max(idleTimeout, the time it had left)")
    func idleTimeout() throws {
        let clock = ManualClock(0)
        let driver = try WindowDriver(
            #"""
            {"$tumblingWindow": {"interval": {"size": 10, "unit": "second"}, "allowedLateness": 0,
              "idleTimeout": {"size": 5, "unit": "second"}, "pipeline": [{"$count": "n"}]}}
            """#, clock: clock)
        try driver.send("{}", at: 1_000)
        #expect(driver.window.canCloseWhenIdle)
        driver.take(driver.window.idle(now: 100_000))
        driver.take(driver.window.idle(now: 103_000))
        driver.take(driver.window.idle(now: 106_000))
        #expect(driver.outputs.isEmpty, "idle 6 s, but the window still had 9.001 s left")
        driver.take(driver.window.idle(now: 109_000))
        #expect(driver.outputs.isEmpty)
        driver.take(driver.window.idle(now: 109_001))
        #expect(driver.documents == [#"{"n":1}"#])
        #expect(!driver.window.canCloseWhenIdle)
        // A document ends the idle period; the closed window stays closed.
        try driver.send("{}", at: 2_000)
        #expect(driver.deadLetters.map(\.reason) == ["Input document arrived late."])
        try driver.send("{}", at: 12_000)
        driver.take(driver.window.idle(now: 200_000))
        driver.take(driver.window.idle(now: 204_999))
        #expect(driver.outputs.count == 1)
        driver.take(driver.window.idle(now: 208_001))
        #expect(driver.windows == [[0, 10_000], [10_000, 20_000]])
    }

    @Test("§3.6 processing time: windows follow the injected clock and close on it")
    func processingTime() throws {
        let clock = ManualClock(WindowDriver.t0 + 100)
        let driver = try WindowDriver(
            #"""
            {"$tumblingWindow": {"interval": {"size": 1, "unit": "second"}, "boundary": "processingTime",
              "pipeline": [{"$group": {"_id": null, "n": {"$sum": 1}}}]}}
            """#, clock: clock)
        try driver.send("{}", at: -50_000)
        try driver.send("{}", at: 90_000)
        clock.set(WindowDriver.t0 + 999)
        driver.take(driver.window.idle(now: clock.now()))
        #expect(driver.outputs.isEmpty)
        #expect(driver.window.canCloseWhenIdle)
        try driver.send("{}", at: 0)
        clock.set(WindowDriver.t0 + 1_000)
        driver.take(driver.window.idle(now: clock.now()))
        #expect(driver.documents == [#"{"_id":null,"n":3}"#])
        #expect(driver.windows == [[0, 1_000]])
        #expect(driver.deadLetters.isEmpty)
    }
}
