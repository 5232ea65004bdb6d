import BSONCore

/// `$top`, `$bottom`, `$topN`, `$bottomN` (server semantics): the outputs of the first (last) `n` documents in
/// `sortBy` order; a missing sort field sorts as null and a missing output is null. Keeps at most `n` entries.
final class TopBottomAccumulator: AccumulatorState {
    /// One kept document: its sort values and its output.
    private struct Entry {
        var keys: [BSONValue]
        var output: BSONValue
    }

    private let directions: [Int]
    private let n: Int
    private let isBottom: Bool
    private let isSingle: Bool
    private var entries: [Entry] = []
    private var bytes = 16

    /// An empty accumulator.
    init(directions: [Int], n: Int, isBottom: Bool, isSingle: Bool) {
        self.directions = directions
        self.n = n
        self.isBottom = isBottom
        self.isSingle = isSingle
    }

    private func compare(_ a: [BSONValue], _ b: [BSONValue]) -> Int {
        for index in directions.indices {
            let order = BSONOrder.compare(a[index], b[index])
            if order != 0 { return order * directions[index] }
        }
        return 0
    }

    func add(_ value: BSONValue?) throws(ExpressionError) {
        guard case .array(let pair) = value, pair.count == 2, case .array(let keys) = pair[0] else { return }
        insert(Entry(keys: keys, output: pair[1]))
    }

    private func insert(_ entry: Entry) {
        // Ties keep arrival order: a new entry goes after every entry it equals.
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if compare(entries[middle].keys, entry.keys) <= 0 { low = middle + 1 } else { high = middle }
        }
        if !isBottom && low >= n { return }
        entries.insert(entry, at: low)
        bytes += AccumulatorFactory.size(of: entry.output) + 16 * entry.keys.count
        if entries.count > n {
            let removed = isBottom ? entries.removeFirst() : entries.removeLast()
            bytes -= AccumulatorFactory.size(of: removed.output) + 16 * removed.keys.count
        }
    }

    func merge(_ other: any AccumulatorState) throws(ExpressionError) {
        guard let other = other as? TopBottomAccumulator else { return }
        for entry in other.entries { insert(entry) }
    }

    var result: BSONValue {
        if isSingle { return (isBottom ? entries.last : entries.first)?.output ?? .null }
        return .array(entries.map(\.output))
    }

    var snapshot: BSONValue { .array(entries.map { .array([.array($0.keys), $0.output]) }) }
    var estimatedSize: Int { bytes }

    /// `field: {$top: {sortBy, output}}`, `{$topN: {sortBy, output, n}}` and the `$bottom` forms.
    @Sendable static func compile(
        field: String, name: String, argument: BSONValue, compiler: inout ExpressionCompiler
    ) throws(ExpressionError) -> CompiledAccumulator {
        guard case .document(let spec) = argument else {
            throw ExpressionError(code: 5_788_001, "specification must be an object; found \(argument)")
        }
        let isSingle = name == "$top" || name == "$bottom"
        let isBottom = name.hasPrefix("$bottom")
        for key in spec.keys where !["sortBy", "output", "n"].contains(key) || (isSingle && key == "n") {
            throw ExpressionError(code: 5_787_901, "Unknown argument for '\(name)': \(key)")
        }
        guard let outputSpec = spec["output"] else {
            throw ExpressionError(code: 5_788_004, "'output' is a required field for \(name).")
        }
        guard case .document(let sortBy) = spec["sortBy"], !sortBy.isEmpty else {
            throw ExpressionError(code: 5_788_005, "'sortBy' is a required field for \(name).")
        }
        let n = isSingle ? 1 : try AccumulatorFactory.parseN(spec["n"], name)
        var paths: [FieldPath] = []
        var directions: [Int] = []
        for (key, direction) in sortBy.elements {
            guard direction.isNumber, let value = direction.int64Value, value == 1 || value == -1 else {
                throw ExpressionError(
                    code: 15975, "$sort key ordering must be 1 (for ascending) or -1 (for descending)")
            }
            paths.append(try FieldPath(Substring(key)))
            directions.append(Int(value))
        }
        let output = try compiler.compile(outputSpec)
        let sortPaths = paths
        let sortDirections = directions
        let input = Expression.operation(name: name) { context throws(ExpressionError) in
            var keys: [BSONValue] = []
            keys.reserveCapacity(sortPaths.count)
            for path in sortPaths { keys.append(path.lookup(in: context.current) ?? .null) }
            return .array([.array(keys), try output.evaluate(&context) ?? .null])
        }
        let make: @Sendable () -> TopBottomAccumulator = {
            TopBottomAccumulator(directions: sortDirections, n: n, isBottom: isBottom, isSingle: isSingle)
        }
        return CompiledAccumulator(
            field: field, name: name, input: input, makeState: make,
            restoreState: { snapshot throws(StreamEngineError) in
                guard case .array(let entries) = snapshot else { throw AccumulatorFactory.corrupt(name) }
                let state = make()
                for entry in entries { try? state.add(entry) }
                return state
            })
    }
}
