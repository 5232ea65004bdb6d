import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

@Suite("sample_stream_solar generator (§10)", .tags(.small))
struct SampleSolarSourceTests {
    /// 2024-08-12T21:41:01.788Z, in the afternoon half of the day.
    private static let afternoon: Int64 = 1_723_498_861_788
    /// 2024-08-12T03:00:00Z, in the halved (00:00–12:00 UTC) half.
    private static let morning: Int64 = 1_723_431_600_000

    private func generate(count: Int, from start: Int64, seed: UInt64 = 7) throws -> [SourceMessage] {
        let clock = ManualClock(start)
        let source = SampleSolarSource(clock: clock, seed: seed, rate: 1000)
        var messages: [SourceMessage] = []
        while messages.count < count {
            messages += try #require(try source.next(limit: 500))
            clock.advance(by: 100)
        }
        return messages
    }

    @Test(
        "Fields, order and ranges; halved bounds before noon UTC",
        arguments: [(afternoon, 450, 25), (morning, 225, 12)])
    func fieldsAndRanges(start: Int64, maxWatts: Int32, maxTemp: Int32) throws {
        let messages = try generate(count: 20_000, from: start)
        var errors = 0
        var devices = Set<String>()
        var groups = Set<Int32>()
        var wattsSeen = Set<Int32>()
        var tempsSeen = Set<Int32>()
        for message in messages {
            let document = message.document
            #expect(message.sourceMetadata == ["type": .string("generated")])
            let time = try #require(message.timestamp)
            #expect(document["timestamp"] == .string(SampleSolarSource.timestamp(time)))
            #expect(document["max_watts"] == .int32(450))
            if case .string(let device) = document["device_id"] { devices.insert(device) }
            if case .int32(let group) = document["group_id"] { groups.insert(group) }
            switch document["event_type"] {
            case .int32(0):
                #expect(document.keys == ["device_id", "group_id", "timestamp", "max_watts", "event_type", "obs"])
                guard case .document(let obs) = document["obs"], case .int32(let watts) = obs["watts"],
                    case .int32(let temp) = obs["temp"]
                else {
                    Issue.record("obs is malformed: \(document)")
                    continue
                }
                #expect(obs.keys == ["watts", "temp"])
                wattsSeen.insert(watts)
                tempsSeen.insert(temp)
            case .int32(1):
                errors += 1
                #expect(
                    document.keys == ["device_id", "group_id", "timestamp", "max_watts", "event_type", "event_details"])
                #expect(document["event_details"] == .string("Network error"))
            default: Issue.record("bad event_type in \(document)")
            }
        }
        #expect(devices == Set((0...10).map { "device_\($0)" }))
        #expect(groups == Set(0...10))
        #expect(wattsSeen.min() == 0 && wattsSeen.max() == maxWatts)
        #expect(tempsSeen.min() == 5 && tempsSeen.max() == maxTemp)
        // p = 1/200 over 20,000 documents: about 100 errors.
        #expect((50...160).contains(errors))
    }

    @Test(
        "The timestamp string has milliseconds and +00:00",
        arguments: [
            (Int64(1_723_498_861_788), "2024-08-12T21:41:01.788+00:00"),
            (0, "1970-01-01T00:00:00.000+00:00"),
            (951_782_400_005, "2000-02-29T00:00:00.005+00:00"),
            (-1, "1969-12-31T23:59:59.999+00:00"),
        ])
    func timestampFormat(millis: Int64, expected: String) {
        #expect(SampleSolarSource.timestamp(millis) == expected)
    }

    @Test("The same seed gives the same stream; another seed another")
    func determinism() throws {
        let first = try generate(count: 300, from: Self.afternoon, seed: 1).map(\.document)
        let again = try generate(count: 300, from: Self.afternoon, seed: 1).map(\.document)
        let other = try generate(count: 300, from: Self.afternoon, seed: 2).map(\.document)
        #expect(
            first.map { ExtendedJSON.serialize($0, mode: .canonical) }
                == again.map {
                    ExtendedJSON.serialize($0, mode: .canonical)
                })
        #expect(
            first.map { ExtendedJSON.serialize($0, mode: .canonical) }
                != other.map {
                    ExtendedJSON.serialize($0, mode: .canonical)
                })
    }

    @Test(
        "Rate: documents due by the clock, evenly spaced; nothing when none is due",
        arguments: [(10, Int64(1000), 11), (10, 950, 10), (20, 10_000, 201), (1, 0, 1)])
    func rate(rate: Int, elapsed: Int64, expected: Int) throws {
        let clock = ManualClock(Self.afternoon)
        let source = SampleSolarSource(clock: clock, seed: 3, rate: rate)
        var times: [Int64] = []
        times += try #require(try source.next(limit: 10_000)).compactMap(\.timestamp)
        clock.advance(by: elapsed)
        times += try #require(try source.next(limit: 10_000)).compactMap(\.timestamp)
        #expect(times.count == expected)
        #expect(times.first == Self.afternoon)
        #expect(times == (0..<expected).map { Self.afternoon + Int64($0) * 1000 / Int64(rate) })
        #expect(try source.next(limit: 10_000)?.isEmpty == true)
        #expect(!source.isExhausted)
        #expect(source.position == nil)
    }

    @Test("At most limit documents per batch; the rest stay due")
    func limit() throws {
        let clock = ManualClock(Self.afternoon)
        let source = SampleSolarSource(clock: clock, seed: 3, rate: 100)
        clock.advance(by: 0)
        _ = try source.next(limit: 1)
        clock.advance(by: 1000)
        #expect(try source.next(limit: 30)?.count == 30)
        #expect(try source.next(limit: 1000)?.count == 70)
    }
}
