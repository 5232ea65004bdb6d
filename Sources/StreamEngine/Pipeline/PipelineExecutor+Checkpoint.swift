import BSONCore

extension PipelineExecutor {
    /// Per-partition `maxT`, the combined watermark, the window's state and the stats, as one document (§8).
    package func checkpoint() -> BSONDocument {
        var document: BSONDocument = [
            "stats": .document(stats.document),
            "partitionMaxTimes": .array(partitionMaxTimes.map { .int64($0) }),
        ]
        if let watermark { document.append("watermark", .int64(watermark)) }
        if let window { document.append("window", .document(window.checkpoint())) }
        return document
    }

    /// Restores what `checkpoint()` saved; code 420 names a part that does not fit this pipeline.
    package func restore(from checkpoint: BSONDocument) throws(StreamEngineError) {
        guard case .document(let savedStats) = checkpoint["stats"] else {
            throw .invalid("Checkpoint has no stats")
        }
        var restoredTimes: [Int64] = []
        if case .array(let times) = checkpoint["partitionMaxTimes"] {
            for time in times {
                guard let value = time.int64Value else { throw .invalid("Checkpoint has an invalid partition time") }
                restoredTimes.append(value)
            }
        }
        switch (window, checkpoint["window"]) {
        case (let window?, .document(let state)?): try window.restore(from: state)
        case (nil, nil): break
        case (_?, _): throw .invalid("Checkpoint has no window state, but the pipeline has a window")
        case (nil, _?): throw .invalid("Checkpoint has window state, but the pipeline has no window")
        }
        stats = EngineStats(document: savedStats)
        partitionMaxTimes = restoredTimes
        watermark = checkpoint["watermark"]?.int64Value
    }
}

extension EngineStats {
    /// Counters from `document` (the `document` form); absent counters are zero.
    package init(document: BSONDocument) {
        self.init()
        func counter(_ name: String) -> Int64 { document[name]?.int64Value ?? 0 }
        inputMessageCount = counter("inputMessageCount")
        inputMessageSize = counter("inputMessageSize")
        outputMessageCount = counter("outputMessageCount")
        outputMessageSize = counter("outputMessageSize")
        dlqMessageCount = counter("dlqMessageCount")
        dlqMessageSize = counter("dlqMessageSize")
        stateSize = counter("stateSize")
        if case .datetime(let time) = document["watermark"] { watermark = time }
    }
}
