import BSONCore

/// `$sessionWindow` (§3.7): per `partitionBy` value, documents closer than `gap` to a session's `[minT, maxT]`
/// join it (merging sessions they bridge); a session closes when `E = W - L >= maxT + gap` and is output with
/// `window = {start: minT, end: maxT + gap, partition}`.
///
/// Memory: open sessions × their contents. Not thread-safe: one executor drives it.
package final class SessionWindowStage: WindowStage {
    /// UNCONFIRMED name (§4 lists none for window stages).
    package let operatorName = "SessionWindowOperator"
    private let partitionBy: Expression
    private let gap: Int64
    private let timing: WindowTiming
    private let inner: InnerPipeline
    private let environment: StageEnvironment

    /// One open session.
    private final class Session {
        /// The partition value; `nil` for documents where `partitionBy` is missing (a partition of its own).
        let partition: BSONValue?
        /// Creation order, to order sessions that start at the same time.
        let sequence: Int64
        var minTime: Int64
        var maxTime: Int64
        let contents: WindowContents

        init(partition: BSONValue?, sequence: Int64, minTime: Int64, maxTime: Int64, contents: WindowContents) {
            self.partition = partition
            self.sequence = sequence
            self.minTime = minTime
            self.maxTime = maxTime
            self.contents = contents
        }
    }

    /// Sessions by partition; the key wraps the value in an array (`[]` for missing) so missing and null differ.
    private var partitions: [GroupKey: [Session]] = [:]
    private var watermark: Int64 = -1
    private var nextSequence: Int64 = 0

    init(partitionBy: Expression, gap: Int64, timing: WindowTiming, inner: InnerPipeline, environment: StageEnvironment)
    {
        self.partitionBy = partitionBy
        self.gap = gap
        self.timing = timing
        self.inner = inner
        self.environment = environment
    }

    private static func key(_ partition: BSONValue?) -> GroupKey { GroupKey(.array(partition.map { [$0] } ?? [])) }

    package func receive(_ records: [StreamRecord]) -> [DeadLetterDraft] {
        var deadLetters: [DeadLetterDraft] = []
        let clock = environment.services.clock
        for record in records {
            let time = timing.processingTime ? clock.now() : record.eventTime
            var context = EvaluationContext(root: record.document, metadata: record.metadata, now: { clock.now() })
            let partition: BSONValue?
            do {
                partition = try partitionBy.evaluate(&context)
            } catch {
                deadLetters.append(.failure(record, in: operatorName, error))
                continue
            }
            let key = Self.key(partition)
            var sessions = partitions[key] ?? []
            let matching = sessions.indices.filter {
                sessions[$0].minTime - time < gap && time - sessions[$0].maxTime < gap
            }
            let target: Session
            if let first = matching.first {
                target = sessions[first]
                for index in matching.dropFirst() {
                    let other = sessions[index]
                    do {
                        try inner.merge(other.contents, into: target.contents)
                    } catch {
                        deadLetters.append(.failure(record, in: GroupStage.operatorName, error))
                    }
                    target.minTime = min(target.minTime, other.minTime)
                    target.maxTime = max(target.maxTime, other.maxTime)
                }
                for index in matching.dropFirst().reversed() { sessions.remove(at: index) }
                target.minTime = min(target.minTime, time)
                target.maxTime = max(target.maxTime, time)
            } else {
                // §3.7: a document older than the watermark that matches no open session goes to the DLQ. We
                // compare with E = W - L, so allowedLateness applies to new sessions too (the spec's rule exactly
                // when L = 0; inferred for L > 0, where comparing with W would make lateness meaningless here).
                if !timing.processingTime && time < watermark - timing.allowedLateness {
                    deadLetters.append(
                        DeadLetterDraft(
                            record: record, operatorName: operatorName, reason: "Input document arrived late."))
                    continue
                }
                target = Session(
                    partition: partition, sequence: nextSequence, minTime: time, maxTime: time,
                    contents: inner.makeContents())
                nextSequence += 1
                sessions.append(target)
            }
            sessions.sort { $0.minTime < $1.minTime }
            partitions[key] = sessions
            inner.add(record, to: target.contents, environment, &deadLetters)
        }
        return deadLetters
    }

    package func advance(to watermark: Int64) -> WindowOutput {
        if timing.processingTime { return close { $0.maxTime + gap <= environment.services.clock.now() } }
        if watermark > self.watermark { self.watermark = watermark }
        let closing = self.watermark - timing.allowedLateness
        return close { $0.maxTime + gap <= closing }
    }

    package func idle(now: Int64) -> WindowOutput {
        timing.processingTime ? close { $0.maxTime + gap <= now } : WindowOutput()
    }

    package func closeAll() -> WindowOutput { close { _ in true } }

    /// Closes the sessions `shouldClose` picks, earliest start first.
    private func close(_ shouldClose: (Session) -> Bool) -> WindowOutput {
        var closing: [Session] = []
        for (key, sessions) in partitions {
            let (done, open) = (sessions.filter(shouldClose), sessions.filter { !shouldClose($0) })
            guard !done.isEmpty else { continue }
            closing.append(contentsOf: done)
            partitions[key] = open.isEmpty ? nil : open
        }
        closing.sort { ($0.minTime, $0.sequence) < ($1.minTime, $1.sequence) }
        var output = WindowOutput()
        for session in closing {
            let window = WindowMetadata(
                start: session.minTime, end: session.maxTime + gap, partition: .some(session.partition))
            let result = inner.finish(session.contents, window: window, environment)
            output.records.append(contentsOf: result.records)
            output.deadLetters.append(contentsOf: result.deadLetters)
        }
        return output
    }

    package var canCloseWhenIdle: Bool { timing.processingTime && !partitions.isEmpty }

    package var stateSize: Int {
        partitions.values.reduce(0) { total, sessions in
            sessions.reduce(total + 32) { $0 + 32 + $1.contents.estimatedSize }
        }
    }

    package func checkpoint() -> BSONDocument {
        var sessions: [BSONValue] = []
        for list in partitions.values {
            for session in list {
                sessions.append(
                    .document([
                        "partition": .array(session.partition.map { [$0] } ?? []), "seq": .int64(session.sequence),
                        "minT": .int64(session.minTime),
                        "maxT": .int64(session.maxTime), "contents": .document(inner.snapshot(session.contents)),
                    ]))
            }
        }
        return [
            "kind": .string("session"), "watermark": .int64(watermark), "next": .int64(nextSequence),
            "sessions": .array(sessions),
        ]
    }

    package func restore(from checkpoint: BSONDocument) throws(StreamEngineError) {
        guard checkpoint["kind"] == .string("session"), case .array(let saved) = checkpoint["sessions"] else {
            throw WindowCheckpoint.corrupt("window kind")
        }
        var restored: [GroupKey: [Session]] = [:]
        for element in saved {
            guard case .document(let entry) = element, case .array(let wrapped) = entry["partition"],
                wrapped.count <= 1, case .document(let contents) = entry["contents"]
            else { throw WindowCheckpoint.corrupt("session") }
            let session = Session(
                partition: wrapped.first, sequence: try WindowCheckpoint.int64(entry, "seq"),
                minTime: try WindowCheckpoint.int64(entry, "minT"),
                maxTime: try WindowCheckpoint.int64(entry, "maxT"), contents: try inner.restoreContents(contents))
            restored[Self.key(wrapped.first), default: []].append(session)
        }
        for key in restored.keys { restored[key]?.sort { $0.minTime < $1.minTime } }
        partitions = restored
        watermark = try WindowCheckpoint.int64(checkpoint, "watermark")
        nextSequence = try WindowCheckpoint.int64(checkpoint, "next")
    }
}
