import BSONCore

/// A window's inner pipeline (§3.1), compiled: the stateless stages before the first window-aware stage run per
/// document as it arrives; a `$group` right after them keeps per-window state incrementally (state sized by the
/// groups, not by the documents); everything after runs over the window's results when it closes. Without such a
/// `$group`, the window buffers its documents (the one case where state grows with events).
///
/// Not thread-safe: one window stage owns it.
package final class InnerPipeline {
    private let prefix: [any Stage]
    /// The incremental `$group`, if the first window-aware stage is one.
    package let group: GroupStage?
    private let tail: [any BatchStage]
    /// Whether the window writes `window` into a materialised `_stream_meta` field of its inputs (§2.3 rule 1).
    private let writesMetadataField: Bool
    /// The stage names, in order (for `$sessionWindow`'s checks).
    package let stageNames: [String]

    /// Compiles `pipeline`; throws code 420 with ASP's message for a stage not allowed in a window (§1 rule 7).
    package init(_ pipeline: [BSONValue], options: ProcessorOptions, services: EngineServices) throws(StreamEngineError)
    {
        var prefix: [any Stage] = []
        var group: GroupStage?
        var tail: [any BatchStage] = []
        var names: [String] = []
        var sawWindowAware = false
        for element in pipeline {
            guard case .document(let stageSpec) = element, stageSpec.count == 1,
                let (name, spec) = stageSpec.elements.first
            else {
                throw .invalid("A pipeline stage specification object must contain exactly one field.")
            }
            names.append(name)
            switch name {
            case "$merge", "$emit":
                throw .invalid("\(name) stage is not permitted in the inner pipeline of a window stage")
            case "$tumblingWindow", "$hoppingWindow", "$sessionWindow", "$source":
                throw .invalid("Unsupported stage: \(name)")
            case "$group":
                let compiled = try Self.compiling { () throws(ExpressionError) in try GroupStage(spec) }
                if !sawWindowAware && group == nil {
                    group = compiled
                } else {
                    tail.append(GroupBatchStage(compiled))
                }
                sawWindowAware = true
            case "$sort":
                tail.append(try Self.compiling { () throws(ExpressionError) in try SortBatchStage(spec) })
                sawWindowAware = true
            case "$limit":
                tail.append(try Self.compiling { () throws(ExpressionError) in try LimitBatchStage(spec) })
                sawWindowAware = true
            case "$count":
                tail.append(try Self.compiling { () throws(ExpressionError) in try CountBatchStage(spec) })
                sawWindowAware = true
            default:
                let stage = try StageFactory.makeStage(name: name, spec: spec, options: options, services: services)
                if sawWindowAware { tail.append(StatelessBatchStage(stage)) } else { prefix.append(stage) }
            }
        }
        self.prefix = prefix
        self.group = group
        self.tail = tail
        self.stageNames = names
        let text = BSONValue.array(pipeline).description
        writesMetadataField = group == nil || text.contains("_stream_meta") || text.contains("$$ROOT")
    }

    /// Runs a stage compiler, turning its server error into an invalid-pipeline error (code 420).
    private static func compiling<T>(_ body: () throws(ExpressionError) -> T) throws(StreamEngineError) -> T {
        do {
            return try body()
        } catch {
            throw .invalid(error.message)
        }
    }

    /// Empty contents for a new window.
    package func makeContents() -> WindowContents { WindowContents(table: group?.makeTable()) }

    /// Runs `record` (its `metadata.window` already set) through the stateless prefix into `contents`.
    package func add(
        _ record: consuming StreamRecord, to contents: WindowContents, _ environment: StageEnvironment,
        _ deadLetters: inout [DeadLetterDraft]
    ) {
        if writesMetadataField, let window = record.metadata.window,
            case .document(var meta) = record.document["_stream_meta"]
        {
            meta["window"] = .document(window.document)
            record.document["_stream_meta"] = .document(meta)
        }
        if prefix.isEmpty {
            accept(record, into: contents, environment, &deadLetters)
        } else {
            runPrefix(record, from: 0, into: contents, environment, &deadLetters)
        }
    }

    private func runPrefix(
        _ record: StreamRecord, from index: Int, into contents: WindowContents, _ environment: StageEnvironment,
        _ deadLetters: inout [DeadLetterDraft]
    ) {
        guard index < prefix.count else {
            accept(record, into: contents, environment, &deadLetters)
            return
        }
        let stage = prefix[index]
        var outputs: [StreamRecord] = []
        do {
            try stage.process(record, environment) { outputs.append($0) }
        } catch {
            deadLetters.append(.failure(record, in: stage.operatorName, error))
            return
        }
        for output in outputs { runPrefix(output, from: index + 1, into: contents, environment, &deadLetters) }
    }

    private func accept(
        _ record: StreamRecord, into contents: WindowContents, _ environment: StageEnvironment,
        _ deadLetters: inout [DeadLetterDraft]
    ) {
        if let group, let table = contents.table {
            do {
                try group.add(record, to: table, clock: environment.now)
            } catch {
                deadLetters.append(.failure(record, in: GroupStage.operatorName, error))
            }
        } else {
            var record = record
            record.outputKey = .int64(contents.nextOrdinal)
            contents.nextOrdinal += 1
            contents.bufferBytes += 64 + AccumulatorFactory.size(of: .document(record.document))
            contents.buffer.append(record)
        }
    }

    /// The window's output when it closes: its records (each with `metadata.window = window`) and failures.
    package func finish(_ contents: WindowContents, window: WindowMetadata, _ environment: StageEnvironment)
        -> (records: [StreamRecord], deadLetters: [DeadLetterDraft])
    {
        var deadLetters: [DeadLetterDraft] = []
        var records: [StreamRecord]
        if let group, let table = contents.table {
            guard !table.keys.isEmpty else { return ([], []) }
            var template = StreamRecord(
                document: BSONDocument(), eventTime: window.end - 1, metadata: StreamMetadata(window: window))
            template.metadata.window = window
            records = GroupOutput.records(group.results(table), sourceType: table.sourceType, template: template)
        } else {
            records = contents.buffer
        }
        for stage in tail { records = stage.run(records, environment, &deadLetters) }
        for index in records.indices {
            records[index].metadata.window = window
            if records[index].outputKey == nil { records[index].outputKey = .int64(Int64(index)) }
        }
        return (records, deadLetters)
    }

    /// Adds `other`'s contents to `contents` (session merges, §3.7); `other` came later.
    package func merge(_ other: WindowContents, into contents: WindowContents) throws(ExpressionError) {
        if let group, let table = contents.table, let otherTable = other.table {
            try group.merge(otherTable, into: table)
        }
        for var record in other.buffer {
            record.outputKey = .int64(contents.nextOrdinal)
            contents.nextOrdinal += 1
            contents.buffer.append(record)
        }
        contents.bufferBytes += other.bufferBytes
    }

    /// `contents` as BSON, for checkpoints.
    package func snapshot(_ contents: WindowContents) -> BSONDocument {
        var result: BSONDocument = ["ordinal": .int64(contents.nextOrdinal)]
        if let group, let table = contents.table { result.append("group", .document(group.snapshot(table))) }
        if !contents.buffer.isEmpty { result.append("buffer", .array(contents.buffer.map(WindowCheckpoint.encode))) }
        return result
    }

    /// Contents restored from `snapshot(_:)`.
    package func restoreContents(_ snapshot: BSONDocument) throws(StreamEngineError) -> WindowContents {
        let contents = makeContents()
        if case .int64(let ordinal) = snapshot["ordinal"] { contents.nextOrdinal = ordinal }
        if let group, case .document(let table) = snapshot["group"] { contents.table = try group.restoreTable(table) }
        if case .array(let buffer) = snapshot["buffer"] {
            for element in buffer {
                let record = try WindowCheckpoint.decode(element)
                contents.bufferBytes += 64 + AccumulatorFactory.size(of: .document(record.document))
                contents.buffer.append(record)
            }
        }
        return contents
    }
}

/// What one open window holds: its `$group` table, or its buffered documents when the window has no leading
/// `$group`.
///
/// Not thread-safe: one window stage owns it.
package final class WindowContents {
    /// The incremental group's state.
    package var table: GroupTable?
    /// The buffered documents (no leading `$group`).
    package var buffer: [StreamRecord] = []
    /// The next arrival ordinal (the `outputKey` of buffered documents).
    package var nextOrdinal: Int64 = 0
    /// Bytes the buffer holds, roughly.
    package var bufferBytes = 0

    /// Contents over `table`.
    init(table: GroupTable?) { self.table = table }

    /// Bytes held, roughly.
    package var estimatedSize: Int { 64 + (table?.estimatedSize ?? 0) + bufferBytes }
}
