import BSONCore

@testable import StreamEngine

/// Drives a window stage the way the executor does for a one-partition source with one document per batch
/// (§3.2): assign, then move the watermark to `maxT - 1 ms`, then close. Virtual time only.
final class WindowDriver {
    /// 2024-01-01T00:00:00Z, a multiple of 3 s, 10 s and 1 h since the epoch (§3.4 worked example).
    static let t0: Int64 = 1_704_067_200_000

    let window: any WindowStage
    let clock: ManualClock
    private(set) var outputs: [StreamRecord] = []
    private(set) var deadLetters: [DeadLetterDraft] = []
    private var maxTime: Int64 = .min

    /// A window built from `stage` (`{"$tumblingWindow": {...}}` as Extended JSON).
    init(_ stage: String, clock: ManualClock = ManualClock(WindowDriver.t0)) throws {
        let document = try ExtendedJSON.parseDocument(stage)
        guard let (name, spec) = document.elements.first, case .document(let body) = spec else {
            fatalError("a stage with one field")
        }
        self.clock = clock
        window = try WindowFactory.makeWindow(
            name: name, spec: body, options: ProcessorOptions(name: "test"), services: EngineServices(clock: clock))
    }

    /// Sends `document` (Extended JSON) at `offset` ms after `t0`, then advances the watermark.
    func send(_ document: String, at offset: Int64, source: BSONDocument = ["type": .string("generated")]) throws {
        let time = Self.t0 + offset
        let record = StreamRecord(
            document: try ExtendedJSON.parseDocument(document), eventTime: time,
            metadata: StreamMetadata(source: source))
        deadLetters.append(contentsOf: window.receive([record]))
        maxTime = max(maxTime, time)
        take(window.advance(to: maxTime - 1))
    }

    /// Adds a window step's output.
    func take(_ output: WindowOutput) {
        outputs.append(contentsOf: output.records)
        deadLetters.append(contentsOf: output.deadLetters)
    }

    /// The output documents as relaxed Extended JSON, one string each.
    var documents: [String] { outputs.map { $0.document.description } }

    /// Each output's window as `[start - t0, end - t0]` in ms.
    var windows: [[Int64]] {
        outputs.map { record in
            guard let window = record.metadata.window else { return [] }
            return [window.start - Self.t0, window.end - Self.t0]
        }
    }
}
