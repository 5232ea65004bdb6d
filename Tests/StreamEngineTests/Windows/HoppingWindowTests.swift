import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

/// `$hoppingWindow` on virtual time (§3.3, §3.4).
@Suite("Hopping windows", .tags(.small))
struct HoppingWindowTests {
    private static func hopping(size: Int, hop: Int, lateness: String = "0") -> String {
        #"""
        {"$hoppingWindow": {"interval": {"size": \#(size), "unit": "second"}, "hopSize": {"size": \#(hop), "unit": "second"},
          "allowedLateness": \#(lateness), "pipeline": [{"$group": {"_id": null, "ids": {"$push": "$i"}}}]}}
        """#
    }

    @Test("Overlap: 10 s / 5 s, t = 12 s belongs to [5 s, 15 s) and [10 s, 20 s); each window emits once")
    func overlap() throws {
        let driver = try WindowDriver(Self.hopping(size: 10, hop: 5))
        try driver.send(#"{"i": 1}"#, at: 12_000)
        try driver.send(#"{"i": 2}"#, at: 16_000)
        #expect(driver.windows == [[5_000, 15_000]])
        try driver.send(#"{"i": 3}"#, at: 20_001)
        #expect(driver.windows == [[5_000, 15_000], [10_000, 20_000]])
        driver.take(driver.window.closeAll())
        #expect(driver.windows == [[5_000, 15_000], [10_000, 20_000], [15_000, 25_000], [20_000, 30_000]])
        #expect(
            driver.documents == [
                #"{"_id":null,"ids":[1]}"#, #"{"_id":null,"ids":[1,2]}"#, #"{"_id":null,"ids":[2,3]}"#,
                #"{"_id":null,"ids":[3]}"#,
            ])
    }

    @Test("Gaps: 3 s / 5 s, documents in [0, 2) or [5, 7) belong to no window and are dropped silently")
    func gaps() throws {
        let driver = try WindowDriver(Self.hopping(size: 3, hop: 5))
        try driver.send(#"{"i": 1}"#, at: 1_000)
        try driver.send(#"{"i": 2}"#, at: 2_000)
        try driver.send(#"{"i": 3}"#, at: 4_999)
        try driver.send(#"{"i": 4}"#, at: 6_000)
        try driver.send(#"{"i": 5}"#, at: 7_000)
        driver.take(driver.window.closeAll())
        #expect(driver.windows == [[2_000, 5_000], [7_000, 10_000]])
        #expect(driver.documents == [#"{"_id":null,"ids":[2,3]}"#, #"{"_id":null,"ids":[5]}"#])
        #expect(driver.deadLetters.isEmpty)
    }

    @Test("Partly late: the document joins its open window and one DLQ entry names the missed one")
    func partlyLate() throws {
        let driver = try WindowDriver(Self.hopping(size: 10, hop: 5))
        try driver.send(#"{"i": 1}"#, at: 9_000)
        try driver.send(#"{"i": 2}"#, at: 10_001)
        #expect(driver.windows == [[0, 10_000]])
        try driver.send(#"{"i": 3}"#, at: 7_000)
        #expect(driver.deadLetters.map(\.missedWindowStartTimes) == [[WindowDriver.t0]])
        driver.take(driver.window.closeAll())
        #expect(driver.documents.last == #"{"_id":null,"ids":[2]}"#)
        #expect(driver.documents[1] == #"{"_id":null,"ids":[1,2,3]}"#)
        #expect(driver.windows == [[0, 10_000], [5_000, 15_000], [10_000, 20_000]])
    }

    @Test("Completely late in a hopping window: every missed start is listed")
    func allMissed() throws {
        let driver = try WindowDriver(Self.hopping(size: 10, hop: 5))
        try driver.send(#"{"i": 1}"#, at: 30_000)
        try driver.send(#"{"i": 2}"#, at: 12_000)
        #expect(
            driver.deadLetters.map(\.missedWindowStartTimes) == [[WindowDriver.t0 + 5_000, WindowDriver.t0 + 10_000]])
    }
}
