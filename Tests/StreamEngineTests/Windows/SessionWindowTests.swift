import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

/// `$sessionWindow` on virtual time (§3.7).
@Suite("Session windows", .tags(.small))
struct SessionWindowTests {
    @Test("§3.7 example: the a = 1 session closes at 01:40 with both documents")
    func specExample() throws {
        let driver = try WindowDriver(
            #"""
            {"$sessionWindow": {"partitionBy": "$a", "gap": {"size": 1, "unit": "hour"}, "allowedLateness": 0,
              "pipeline": [{"$group": {"_id": "$a", "allIds": {"$push": "$_id"}}}]}}
            """#)
        try driver.send(#"{"_id": 0, "a": 1}"#, at: 0)
        try driver.send(#"{"_id": 1, "a": 1}"#, at: 40 * 60_000)
        #expect(driver.outputs.isEmpty)
        try driver.send(#"{"_id": 2, "a": 5}"#, at: 100 * 60_000 + 1)
        #expect(driver.documents == [#"{"_id":1,"allIds":[0,1]}"#])
        #expect(driver.windows == [[0, 100 * 60_000]])
        let window = try #require(driver.outputs.first?.metadata.window)
        #expect(window.document["partition"] == .int32(1))
        #expect(driver.window.operatorName == "SessionWindowOperator")
    }

    @Test("A document bridging two sessions merges them; missing and null are different partitions")
    func merge() throws {
        let driver = try WindowDriver(
            #"""
            {"$sessionWindow": {"partitionBy": "$k", "gap": {"size": 10, "unit": "second"},
              "allowedLateness": {"size": 1, "unit": "minute"},
              "pipeline": [{"$group": {"_id": null, "ids": {"$push": "$i"}, "first": {"$first": "$i"}, "n": {"$sum": 1},
                                       "sd": {"$stdDevPop": "$i"}}}]}}
            """#)
        try driver.send(#"{"k": 1, "i": 1}"#, at: 0)
        try driver.send(#"{"k": 1, "i": 2}"#, at: 18_000)
        try driver.send(#"{"k": 1, "i": 3}"#, at: 9_000)
        try driver.send(#"{"k": 2, "i": 4}"#, at: 5_000)
        try driver.send(#"{"i": 5}"#, at: 6_000)
        try driver.send(#"{"k": null, "i": 6}"#, at: 7_000)
        #expect(driver.outputs.isEmpty)
        driver.take(driver.window.closeAll())
        #expect(driver.windows == [[0, 28_000], [5_000, 15_000], [6_000, 16_000], [7_000, 17_000]])
        #expect(
            driver.documents == [
                #"{"_id":null,"ids":[1,2,3],"first":1,"n":3,"sd":0.816496580927726}"#,
                #"{"_id":null,"ids":[4],"first":4,"n":1,"sd":0.0}"#,
                #"{"_id":null,"ids":[5],"first":5,"n":1,"sd":0.0}"#,
                #"{"_id":null,"ids":[6],"first":6,"n":1,"sd":0.0}"#,
            ])
        #expect(
            driver.outputs.map { $0.metadata.window?.partition } == [
                .some(.int32(1)), .some(.int32(2)), .some(nil), .some(.null),
            ])
    }

    @Test("A document older than the watermark that matches no open session goes to the DLQ")
    func late() throws {
        let driver = try WindowDriver(
            #"""
            {"$sessionWindow": {"partitionBy": "$k", "gap": {"size": 10, "unit": "second"}, "allowedLateness": 0,
              "pipeline": [{"$sort": {"i": 1}}]}}
            """#)
        try driver.send(#"{"k": 1, "i": 2}"#, at: 20_000)
        try driver.send(#"{"k": 1, "i": 1}"#, at: 15_000)
        try driver.send(#"{"k": 2, "i": 3}"#, at: 1_000)
        #expect(driver.deadLetters.map(\.reason) == ["Input document arrived late."])
        #expect(driver.deadLetters.first?.operatorName == "SessionWindowOperator")
        try driver.send(#"{"k": 3, "i": 4}"#, at: 30_000)
        #expect(driver.outputs.isEmpty)
        try driver.send(#"{"k": 3, "i": 5}"#, at: 30_001)
        #expect(driver.documents == [#"{"k":1,"i":1}"#, #"{"k":1,"i":2}"#])
        #expect(driver.windows == [[15_000, 30_000], [15_000, 30_000]])
    }
}
