import BSONCore

@testable import StreamEngine

/// A test-only tumbling window (size in ms, no lateness) that counts documents per window, so the executor's
/// window driving (§3.2) can be tested before the real windows exist. It records each batch's event times.
final class TestTumblingWindow: WindowStage {
    let operatorName = "TestWindowOperator"
    let size: Int64
    /// Open windows: start → count.
    private(set) var open: [(start: Int64, count: Int32)] = []
    /// The event times of each `receive` call, in the order given.
    private(set) var batches: [[Int64]] = []
    /// Each watermark `advance` was called with.
    private(set) var advances: [Int64] = []

    init(size: Int64) { self.size = size }

    func receive(_ records: [StreamRecord]) -> [DeadLetterDraft] {
        batches.append(records.map(\.eventTime))
        for record in records {
            let start = record.eventTime - record.eventTime % size
            if let index = open.firstIndex(where: { $0.start == start }) {
                open[index].count += 1
            } else {
                open.append((start, 1))
                open.sort { $0.start < $1.start }
            }
        }
        return []
    }

    func advance(to watermark: Int64) -> WindowOutput {
        advances.append(watermark)
        return close { $0 + size <= watermark }
    }

    func idle(now: Int64) -> WindowOutput { WindowOutput() }

    func closeAll() -> WindowOutput { close { _ in true } }

    var canCloseWhenIdle: Bool { false }

    var stateSize: Int { open.count * 16 }

    func checkpoint() -> BSONDocument {
        ["open": .array(open.map { .document(["start": .int64($0.start), "count": .int32($0.count)]) })]
    }

    func restore(from checkpoint: BSONDocument) throws(StreamEngineError) {
        guard case .array(let windows) = checkpoint["open"] else { throw .invalid("bad window checkpoint") }
        open = windows.compactMap { value in
            guard case .document(let window) = value, case .int64(let start) = window["start"],
                case .int32(let count) = window["count"]
            else { return nil }
            return (start, count)
        }
    }

    private func close(_ shouldClose: (Int64) -> Bool) -> WindowOutput {
        var output = WindowOutput()
        while let first = open.first, shouldClose(first.start) {
            open.removeFirst()
            let metadata = StreamMetadata(window: WindowMetadata(start: first.start, end: first.start + size))
            output.records.append(
                StreamRecord(
                    document: ["count": .int32(first.count)], eventTime: first.start, metadata: metadata,
                    outputKey: .int32(0)))
        }
        return output
    }
}
