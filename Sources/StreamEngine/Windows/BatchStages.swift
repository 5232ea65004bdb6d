import BSONCore

/// A stage of a window's inner pipeline that runs over the whole window when it closes: `$sort`, `$limit`,
/// `$count`, a `$group` after one of those, and stateless stages after the first window-aware stage.
package protocol BatchStage: AnyObject {
    /// Transforms one window's records; per-document failures are appended to `deadLetters`.
    func run(_ records: [StreamRecord], _ environment: StageEnvironment, _ deadLetters: inout [DeadLetterDraft])
        -> [StreamRecord]
}

/// `$sort: {field: 1|-1, …}` (server semantics, BSON order §11.1, stable; missing sorts as null).
package final class SortBatchStage: BatchStage {
    /// The name in DLQ entries and stats (§4).
    package static let operatorName = "SortOperator"
    private let paths: [FieldPath]
    private let directions: [Int]

    /// Compiles the spec; throws the server's messages.
    package init(_ spec: BSONValue) throws(ExpressionError) {
        guard case .document(let document) = spec else {
            throw ExpressionError(code: 15973, "the $sort key specification must be an object")
        }
        guard !document.isEmpty else {
            throw ExpressionError(code: 15976, "$sort stage must have at least one sort key")
        }
        var paths: [FieldPath] = []
        var directions: [Int] = []
        for (key, direction) in document.elements {
            guard direction.isNumber, let value = direction.int64Value, value == 1 || value == -1 else {
                throw ExpressionError(
                    code: 15975, "$sort key ordering must be 1 (for ascending) or -1 (for descending)")
            }
            paths.append(try FieldPath(Substring(key)))
            directions.append(Int(value))
        }
        self.paths = paths
        self.directions = directions
    }

    package func run(
        _ records: [StreamRecord], _ environment: StageEnvironment, _ deadLetters: inout [DeadLetterDraft]
    ) -> [StreamRecord] {
        let keyed = records.enumerated().map { offset, record in
            (offset, paths.map { $0.lookup(in: record.document) ?? .null }, record)
        }
        let sorted = keyed.sorted { a, b in
            for index in directions.indices {
                let order = BSONOrder.compare(a.1[index], b.1[index])
                if order != 0 { return order * directions[index] < 0 }
            }
            return a.0 < b.0
        }
        return sorted.map(\.2)
    }
}

/// `$limit: n` (positive integer).
package final class LimitBatchStage: BatchStage {
    private let limit: Int

    /// Parses the limit; throws the server's messages.
    package init(_ spec: BSONValue) throws(ExpressionError) {
        guard spec.isNumber, let value = spec.int64Value else {
            throw ExpressionError(code: 15957, "the limit must be specified as a number")
        }
        guard value > 0 else { throw ExpressionError(code: 15958, "the limit must be positive") }
        limit = Int(value)
    }

    package func run(
        _ records: [StreamRecord], _ environment: StageEnvironment, _ deadLetters: inout [DeadLetterDraft]
    ) -> [StreamRecord] { Array(records.prefix(limit)) }
}

/// `$count: "field"`: one document `{field: <Int32 count>}`, or nothing for an empty window.
package final class CountBatchStage: BatchStage {
    private let field: String

    /// Parses the field name; throws the server's messages.
    package init(_ spec: BSONValue) throws(ExpressionError) {
        guard case .string(let field) = spec, !field.isEmpty else {
            throw ExpressionError(code: 40156, "the count field must be a non-empty string")
        }
        if field.hasPrefix("$") { throw ExpressionError(code: 40158, "the count field cannot be a $-prefixed path") }
        if field.contains(".") { throw ExpressionError(code: 40160, "the count field cannot contain '.'") }
        self.field = field
    }

    package func run(
        _ records: [StreamRecord], _ environment: StageEnvironment, _ deadLetters: inout [DeadLetterDraft]
    ) -> [StreamRecord] {
        guard let first = records.first else { return [] }
        let count: BSONValue =
            records.count <= Int(Int32.max) ? .int32(Int32(records.count)) : .int64(Int64(records.count))
        let metadata = StreamMetadata(
            source: ["type": first.metadata.source["type"] ?? .string("generated")], window: first.metadata.window)
        return [
            StreamRecord(document: [field: count], eventTime: first.eventTime, metadata: metadata, outputKey: .null)
        ]
    }
}

/// A `$group` that runs over the whole window (after a `$sort` or `$limit`, or a second `$group`).
package final class GroupBatchStage: BatchStage {
    private let group: GroupStage

    /// Wraps a compiled group.
    package init(_ group: GroupStage) { self.group = group }

    package func run(
        _ records: [StreamRecord], _ environment: StageEnvironment, _ deadLetters: inout [DeadLetterDraft]
    ) -> [StreamRecord] {
        let table = group.makeTable()
        for record in records {
            do {
                try group.add(record, to: table, clock: environment.now)
            } catch {
                deadLetters.append(.failure(record, in: GroupStage.operatorName, error))
            }
        }
        guard let first = records.first else { return [] }
        return GroupOutput.records(group.results(table), sourceType: table.sourceType, template: first)
    }
}

/// A stateless stage (§4) run over every record of the window.
package final class StatelessBatchStage: BatchStage {
    private let stage: any Stage

    /// Wraps a stage built by `StageFactory`.
    package init(_ stage: any Stage) { self.stage = stage }

    package func run(
        _ records: [StreamRecord], _ environment: StageEnvironment, _ deadLetters: inout [DeadLetterDraft]
    ) -> [StreamRecord] {
        var output: [StreamRecord] = []
        output.reserveCapacity(records.count)
        for record in records {
            do {
                try stage.process(record, environment) { result in
                    var result = result
                    if result.outputKey == nil { result.outputKey = record.outputKey }
                    output.append(result)
                }
            } catch {
                deadLetters.append(.failure(record, in: stage.operatorName, error))
            }
        }
        return output
    }
}

/// Turns `$group` results into records: `_stream_meta` keeps only `source.type` and the window (§2.3), and the
/// group key becomes the record's `outputKey`.
package enum GroupOutput {
    /// One record per group; `template` gives the window and the event time.
    package static func records(
        _ results: [(key: BSONValue, document: BSONDocument)], sourceType: BSONValue?, template: StreamRecord
    ) -> [StreamRecord] {
        let metadata = StreamMetadata(
            source: ["type": sourceType ?? .string("generated")], window: template.metadata.window)
        return results.map {
            StreamRecord(document: $0.document, eventTime: template.eventTime, metadata: metadata, outputKey: $0.key)
        }
    }
}
