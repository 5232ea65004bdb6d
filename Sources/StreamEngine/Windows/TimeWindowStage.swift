import BSONCore

/// `$tumblingWindow` and `$hoppingWindow` (§3.3–§3.6): assigns each document to the windows `[e - size, e)` whose
/// ends lie on the hop grid, closes them as the watermark passes (with allowed lateness), on idle timeouts, or on
/// the clock for processing time, and sends late documents to the DLQ.
///
/// Memory: open windows × their contents (groups × accumulators); a window without a leading `$group` buffers its
/// documents. Not thread-safe: one executor drives it.
package final class TimeWindowStage: WindowStage {
    package let operatorName: String
    private let size: Int64
    private let hop: Int64
    private let offset: Int64
    private let timing: WindowTiming
    private let inner: InnerPipeline
    private let environment: StageEnvironment

    /// Open windows, by increasing start.
    private var windows: [(start: Int64, contents: WindowContents)] = []
    /// The closed-window floor: windows starting before it are closed for good (§3.4).
    private var minStart: Int64 = .min
    /// The last watermark seen, and `E = W - L` (§3.4).
    private var watermark: Int64 = -1
    /// When the current idle period began (wall clock, §3.5); `nil` while documents arrive.
    private var idleStart: Int64?

    init(
        operatorName: String, size: Int64, hop: Int64, offset: Int64, timing: WindowTiming, inner: InnerPipeline,
        environment: StageEnvironment
    ) {
        self.operatorName = operatorName
        self.size = size
        self.hop = hop
        self.offset = offset
        self.timing = timing
        self.inner = inner
        self.environment = environment
    }

    private var closingTime: Int64 { watermark - timing.allowedLateness }

    /// §3.3: the oldest window start containing `t`: `t - size + hop - ((t - off) mod hop)`, then at least 0.
    package func oldestStart(_ time: Int64) -> Int64 {
        let remainder = (time &- offset) % hop
        let positive = remainder < 0 ? remainder + hop : remainder
        return max(time - size + hop - positive, 0)
    }

    package func receive(_ records: [StreamRecord]) -> [DeadLetterDraft] {
        var deadLetters: [DeadLetterDraft] = []
        guard !records.isEmpty else { return deadLetters }
        idleStart = nil
        let now = timing.processingTime ? environment.services.clock.now() : 0
        for record in records {
            let time = timing.processingTime ? now : record.eventTime
            var start = oldestStart(time)
            var missed: [Int64] = []
            while start <= time {
                if start < minStart {
                    missed.append(start)
                } else {
                    assign(record, start: start, &deadLetters)
                }
                start += hop
            }
            if !missed.isEmpty {
                // §3.4: one entry whether all or only some windows were missed. missedWindowStartTimes holds Int64
                // ms (UNCONFIRMED: Int64 or Date; the engine source appends int64 values).
                deadLetters.append(
                    DeadLetterDraft(
                        record: record, operatorName: operatorName, reason: "Input document arrived late.",
                        missedWindowStartTimes: missed))
            }
        }
        return deadLetters
    }

    private func assign(_ record: StreamRecord, start: Int64, _ deadLetters: inout [DeadLetterDraft]) {
        var position = windows.count
        while position > 0 && windows[position - 1].start > start { position -= 1 }
        let contents: WindowContents
        if position > 0 && windows[position - 1].start == start {
            contents = windows[position - 1].contents
        } else {
            contents = inner.makeContents()
            windows.insert((start, contents), at: position)
        }
        var record = record
        record.metadata.window = WindowMetadata(start: start, end: start + size)
        inner.add(record, to: contents, environment, &deadLetters)
    }

    package func advance(to watermark: Int64) -> WindowOutput {
        if timing.processingTime { return closeWindows(endingBy: environment.services.clock.now()) }
        if watermark > self.watermark { self.watermark = watermark }
        let output = closeWindows(endingBy: closingTime)
        minStart = max(minStart, oldestStart(closingTime))
        return output
    }

    package func idle(now: Int64) -> WindowOutput {
        if timing.processingTime { return closeWindows(endingBy: now) }
        guard let idleTimeout = timing.idleTimeout else { return WindowOutput() }
        let began = idleStart ?? now
        idleStart = began
        let idleFor = now - began
        guard idleFor >= idleTimeout else { return WindowOutput() }
        // §3.5: close every window whose remaining time (end - E) the idle period has covered.
        return closeWindows(endingBy: closingTime + idleFor)
    }

    package func closeAll() -> WindowOutput { closeWindows(endingBy: .max) }

    /// Closes, earliest start first, every open window with `end <= limit`, and raises the floor past them.
    private func closeWindows(endingBy limit: Int64) -> WindowOutput {
        var output = WindowOutput()
        var closed = 0
        while closed < windows.count && windows[closed].start + size <= limit {
            let (start, contents) = windows[closed]
            let result = inner.finish(contents, window: WindowMetadata(start: start, end: start + size), environment)
            output.records.append(contentsOf: result.records)
            output.deadLetters.append(contentsOf: result.deadLetters)
            minStart = max(minStart, start + hop)
            closed += 1
        }
        if closed > 0 { windows.removeFirst(closed) }
        return output
    }

    package var canCloseWhenIdle: Bool {
        !windows.isEmpty && (timing.processingTime || timing.idleTimeout != nil)
    }

    package var stateSize: Int { windows.reduce(0) { $0 + 16 + $1.contents.estimatedSize } }

    package func checkpoint() -> BSONDocument {
        var result: BSONDocument = [
            "kind": .string("time"), "minStart": .int64(minStart), "watermark": .int64(watermark),
            "windows": .array(
                windows.map {
                    .document(["start": .int64($0.start), "contents": .document(inner.snapshot($0.contents))])
                }),
        ]
        if let idleStart { result.append("idleStart", .int64(idleStart)) }
        return result
    }

    package func restore(from checkpoint: BSONDocument) throws(StreamEngineError) {
        guard checkpoint["kind"] == .string("time"), case .array(let saved) = checkpoint["windows"] else {
            throw WindowCheckpoint.corrupt("window kind")
        }
        var restored: [(start: Int64, contents: WindowContents)] = []
        for element in saved {
            guard case .document(let window) = element, case .document(let contents) = window["contents"] else {
                throw WindowCheckpoint.corrupt("window")
            }
            restored.append((try WindowCheckpoint.int64(window, "start"), try inner.restoreContents(contents)))
        }
        minStart = try WindowCheckpoint.int64(checkpoint, "minStart")
        watermark = try WindowCheckpoint.int64(checkpoint, "watermark")
        if case .int64(let began) = checkpoint["idleStart"] { idleStart = began } else { idleStart = nil }
        windows = restored.sorted { $0.start < $1.start }
    }
}
