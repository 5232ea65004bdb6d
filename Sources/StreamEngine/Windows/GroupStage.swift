import BSONCore

/// A compiled `$group` (§11.3) inside a window: the `_id` expression and the accumulators, in the order written.
/// Its per-window state is a `GroupTable`.
///
/// Not thread-safe: one window stage owns it (it reuses one input buffer across documents).
package final class GroupStage {
    /// The name in DLQ entries and stats (§4).
    package static let operatorName = "GroupOperator"

    private let id: Expression
    /// For an object `_id` (`{symbol: "$s", start: …}`): its fields, evaluated into `keyParts` so a document's
    /// group is found by hashing the parts, without building the `_id` document (built once per group).
    private let idFields: [(key: String, value: Expression)]?
    /// The expressions giving the key parts: `idFields`' values, or the `_id` expression alone.
    private let keyExpressions: [Expression]
    private let accumulators: [CompiledAccumulator]
    /// Each accumulator's input expression, in order (read per document without copying the accumulators).
    private let inputExpressions: [Expression]
    /// Scratch buffers reused across documents; taken out of `self` while filled, so writes need no copy.
    private var inputs: [BSONValue?]
    private var keyParts: [BSONValue?]

    /// Compiles `{_id: <expr>, field: {$acc: …}, …}`; throws the server's message for a bad spec.
    package init(_ spec: BSONValue) throws(ExpressionError) {
        guard case .document(let document) = spec else {
            throw ExpressionError(code: 15947, "a group's fields must be specified in an object")
        }
        var compiler = ExpressionCompiler()
        var id: Expression?
        var accumulators: [CompiledAccumulator] = []
        for (field, value) in document.elements {
            if field == "_id" {
                id = try compiler.compile(value)
                continue
            }
            if field.hasPrefix("$") {
                throw ExpressionError(code: 40236, "The field name '\(field)' cannot be an operator name")
            }
            if field.contains(".") {
                throw ExpressionError(code: 40235, "The field name '\(field)' cannot contain '.'")
            }
            accumulators.append(try AccumulatorFactory.compile(field: field, spec: value, compiler: &compiler))
        }
        guard let id else { throw ExpressionError(code: 15955, "a group specification must include an _id") }
        self.id = id
        if case .object(let fields) = id { idFields = fields } else { idFields = nil }
        keyExpressions = idFields?.map(\.value) ?? [id]
        self.accumulators = accumulators
        inputExpressions = accumulators.map(\.input)
        self.inputs = Array(repeating: nil, count: accumulators.count)
        self.keyParts = Array(repeating: nil, count: idFields?.count ?? 1)
    }

    /// A table with no groups.
    package func makeTable() -> GroupTable { GroupTable() }

    /// Adds `record` to its group in `table`. Every input is evaluated before any state changes, so a failing
    /// document leaves the window as it was (§3.4: it goes to the DLQ and the window carries on).
    package func add(_ record: StreamRecord, to table: GroupTable, clock: @escaping @Sendable () -> Int64)
        throws(ExpressionError)
    {
        var context = EvaluationContext(root: record.document, metadata: record.metadata, now: clock)
        // Take the scratch buffers out of `self` (unique, so filled in place) and put them back when done.
        var parts = keyParts
        keyParts = []
        var values = inputs
        inputs = []
        defer {
            keyParts = parts
            inputs = values
        }
        // Through buffer pointers: indexing the arrays would retain each expression around its evaluation.
        try keyExpressions.withUnsafeBufferPointer { expressions throws(ExpressionError) in
            for index in expressions.indices { parts[index] = try expressions[index].evaluate(&context) }
        }
        if idFields == nil && parts[0] == nil { parts[0] = .null }
        try inputExpressions.withUnsafeBufferPointer { expressions throws(ExpressionError) in
            for index in expressions.indices { values[index] = try expressions[index].evaluate(&context) }
        }
        let hash = GroupKey.hash(parts: parts)
        let position: Int
        if let found = table.find(parts, hash: hash) {
            position = found
        } else {
            position = table.insert(
                key: key(of: parts), parts: parts, hash: hash, states: accumulators.map { $0.makeState() })
            if table.sourceType == nil { table.sourceType = record.metadata.source["type"] }
        }
        try table.update(position, with: values)
    }

    /// The `_id` value for key parts: the object built from the present fields, or the single value.
    private func key(of parts: [BSONValue?]) -> BSONValue {
        guard let idFields else { return parts[0] ?? .null }
        var document = BSONDocument()
        for (field, part) in zip(idFields, parts) {
            if let part { document.append(field.key, part) }
        }
        return .document(document)
    }

    /// The key parts of an `_id` value (from a checkpoint or another table).
    private func parts(of key: BSONValue) -> [BSONValue?] {
        guard let idFields else { return [key] }
        guard case .document(let document) = key else { return idFields.map { _ in nil } }
        return idFields.map { document[$0.key] }
    }

    /// The states of `key`'s group in `table`, created empty on first use.
    private func group(for key: BSONValue, in table: GroupTable) -> ArraySlice<any AccumulatorState> {
        let keyParts = parts(of: key)
        let hash = GroupKey.hash(parts: keyParts)
        if let found = table.find(keyParts, hash: hash) { return table.states(at: found) }
        let fresh = accumulators.map { $0.makeState() }
        _ = table.insert(key: key, parts: keyParts, hash: hash, states: fresh)
        return fresh[...]
    }

    /// The output documents, one per group in first-seen order: `_id` first, then the accumulators as written.
    package func results(_ table: GroupTable) -> [(key: BSONValue, document: BSONDocument)] {
        var results: [(key: BSONValue, document: BSONDocument)] = []
        results.reserveCapacity(table.keys.count)
        for (position, key) in table.keys.enumerated() {
            let states = table.states(at: position)
            var elements: [(key: String, value: BSONValue)] = [("_id", key)]
            elements.reserveCapacity(states.count + 1)
            for (accumulator, state) in zip(accumulators, states) { elements.append((accumulator.field, state.result)) }
            results.append((key, BSONDocument(elements)))
        }
        return results
    }

    /// Adds `other`'s groups to `table` (session merges, §3.7).
    package func merge(_ other: GroupTable, into table: GroupTable) throws(ExpressionError) {
        if table.sourceType == nil { table.sourceType = other.sourceType }
        for (position, key) in other.keys.enumerated() {
            let group = group(for: key, in: table)
            for (state, otherState) in zip(group, other.states(at: position)) { try state.merge(otherState) }
        }
    }

    /// The table as BSON, for checkpoints: `{sourceType?, groups: [{key, states: [...]}]}`.
    package func snapshot(_ table: GroupTable) -> BSONDocument {
        var groups: [BSONValue] = []
        for (position, key) in table.keys.enumerated() {
            let states = table.states(at: position)
            groups.append(.document(["key": key, "states": .array(states.map(\.snapshot))]))
        }
        var result: BSONDocument = ["groups": .array(groups)]
        if let sourceType = table.sourceType { result.append("sourceType", sourceType) }
        return result
    }

    /// A table restored from `snapshot(_:)`.
    package func restoreTable(_ snapshot: BSONDocument) throws(StreamEngineError) -> GroupTable {
        let table = GroupTable()
        table.sourceType = snapshot["sourceType"]
        guard case .array(let groups) = snapshot["groups"] else { throw WindowCheckpoint.corrupt("groups") }
        for group in groups {
            guard case .document(let entry) = group, let key = entry["key"], case .array(let states) = entry["states"],
                states.count == accumulators.count
            else { throw WindowCheckpoint.corrupt("group") }
            var restored: [any AccumulatorState] = []
            for (accumulator, state) in zip(accumulators, states) {
                restored.append(try accumulator.restoreState(state))
            }
            let keyParts = parts(of: key)
            _ = table.insert(key: key, parts: keyParts, hash: GroupKey.hash(parts: keyParts), states: restored)
        }
        return table
    }
}

/// One window's groups: keys found by the hash of their normalized parts (`GroupKey`), so numerically equal keys
/// share a group; the accumulator states of each group, updated in place. Size: groups × accumulators.
///
/// Not thread-safe: one window stage owns it.
package final class GroupTable {
    /// Hash → the newest group with that hash; `chain` links to older groups with the same hash.
    private var buckets: [Int: Int] = [:]
    private var chain: [Int] = []
    private var hashes: [Int] = []
    private var keyParts: [[BSONValue?]] = []
    /// The group keys in first-seen order (as first seen: `_id` keeps the first document's type).
    package private(set) var keys: [BSONValue] = []
    /// Every group's accumulator states, group after group (`width` per group, in the accumulators' order), in
    /// one flat array so a document's update reads no per-group array.
    private var flatStates: [any AccumulatorState] = []
    /// The number of accumulators per group (set by the first insert).
    private var width = 0
    /// `_stream_meta.source.type` of the first document (§2.3: `$group` output keeps only that).
    package var sourceType: BSONValue?

    /// An empty table.
    package init() {}

    /// The position of the group with these key parts, if any.
    func find(_ parts: [BSONValue?], hash: Int) -> Int? {
        var candidate = buckets[hash] ?? -1
        while candidate >= 0 {
            if hashes[candidate] == hash && GroupKey.partsEqual(keyParts[candidate], parts) { return candidate }
            candidate = chain[candidate]
        }
        return nil
    }

    /// Adds a group; returns its position.
    func insert(key: BSONValue, parts: [BSONValue?], hash: Int, states newStates: [any AccumulatorState]) -> Int {
        let position = keys.count
        chain.append(buckets[hash] ?? -1)
        buckets[hash] = position
        hashes.append(hash)
        keyParts.append(parts)
        keys.append(key)
        width = newStates.count
        flatStates.append(contentsOf: newStates)
        return position
    }

    /// The accumulator states of the group at `position`.
    func states(at position: Int) -> ArraySlice<any AccumulatorState> {
        flatStates[position * width..<(position + 1) * width]
    }

    /// Adds one document's evaluated inputs (one per accumulator) to the group at `position`.
    func update(_ position: Int, with inputs: [BSONValue?]) throws(ExpressionError) {
        let base = position * width
        for index in inputs.indices { try flatStates[base + index].add(inputs[index]) }
    }

    /// Bytes held, roughly.
    package var estimatedSize: Int {
        var total = 64
        for (position, key) in keys.enumerated() {
            total += 64 + 2 * AccumulatorFactory.size(of: key)
            for state in states(at: position) { total += state.estimatedSize }
        }
        return total
    }
}
