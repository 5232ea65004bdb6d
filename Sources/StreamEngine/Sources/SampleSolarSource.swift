import BSONCore

/// The built-in `sample_stream_solar` connection (§10): solar panel readings at `rate` documents per second on
/// the injected clock, from a seedable generator. Unbounded; no checkpoints (§10 "Checkpoints are off").
///
/// Not thread-safe: one runner pulls from it.
package final class SampleSolarSource: StreamSource {
    private let clock: any EngineClock
    private var random: SplitMix64
    private var schedule: GenerationSchedule

    /// A generator reading `clock`, seeded with `seed`, producing `rate` documents per second.
    package init(clock: any EngineClock, seed: UInt64, rate: Int = 10) {
        self.clock = clock
        random = SplitMix64(seed: seed)
        schedule = GenerationSchedule(rate: rate)
    }

    /// The documents due since the last call (at most `limit`), `[]` when none is due yet.
    package func next(limit: Int) throws -> [SourceMessage]? {
        schedule.due(now: clock.now(), limit: limit).map { time in
            SourceMessage(document: document(at: time), sourceMetadata: GeneratedSource.metadata, timestamp: time)
        }
    }

    /// Never: the generator runs until stopped.
    package var isExhausted: Bool { false }
    /// No checkpoints for this source (§10).
    package var position: BSONValue? { nil }
    /// Nothing to seek.
    package func seek(to position: BSONValue) throws {}

    /// One reading at `time`: `{device_id, group_id, timestamp, max_watts, event_type, obs | event_details}`;
    /// between 00:00 and 12:00 UTC the upper bounds of watts and temp are halved (§10).
    func document(at time: Int64) -> BSONDocument {
        let morning = (time % 86_400_000 + 86_400_000) % 86_400_000 < 43_200_000
        let device = Int.random(in: 0...10, using: &random)
        let group = Int32.random(in: 0...10, using: &random)
        let isError = UInt64.random(in: 0..<200, using: &random) == 0
        var document: BSONDocument = [
            "device_id": .string("device_\(device)"), "group_id": .int32(group),
            "timestamp": .string(Self.timestamp(time)), "max_watts": .int32(450),
            "event_type": .int32(isError ? 1 : 0),
        ]
        if isError {
            document.append("event_details", .string("Network error"))
        } else {
            let watts = Int32.random(in: 0...(morning ? 225 : 450), using: &random)
            let temp = Int32.random(in: 5...(morning ? 12 : 25), using: &random)
            document.append("obs", .document(["watts": .int32(watts), "temp": .int32(temp)]))
        }
        return document
    }

    /// `2024-08-12T21:41:01.788+00:00`: always milliseconds, always `+00:00` (§10).
    static func timestamp(_ millis: Int64) -> String {
        ISODate.formatWithMilliseconds(millis: millis, suffix: "+00:00")
    }
}
