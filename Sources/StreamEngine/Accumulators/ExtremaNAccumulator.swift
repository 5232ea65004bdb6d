import BSONCore

/// `$maxN` and `$minN: {input, n}` (server semantics): the `n` largest (smallest) inputs in BSON order, null and
/// missing ignored, largest (smallest) first. Keeps at most `n` values.
final class ExtremaNAccumulator: AccumulatorState {
    private let n: Int
    private let isMax: Bool
    private var values: [BSONValue] = []
    private var bytes = 16

    /// An empty accumulator.
    init(n: Int, isMax: Bool) {
        self.n = n
        self.isMax = isMax
    }

    /// Whether `a` goes before `b` in the output.
    private func precedes(_ a: BSONValue, _ b: BSONValue) -> Bool {
        let order = BSONOrder.compare(a, b)
        return isMax ? order > 0 : order < 0
    }

    func add(_ value: BSONValue?) throws(ExpressionError) {
        guard let value else { return }
        switch value {
        case .null, .undefined: return
        default: break
        }
        if values.count >= n, let last = values.last, !precedes(value, last) { return }
        var index = values.count
        while index > 0 && precedes(value, values[index - 1]) { index -= 1 }
        values.insert(value, at: index)
        bytes += AccumulatorFactory.size(of: value)
        if values.count > n { bytes -= AccumulatorFactory.size(of: values.removeLast()) }
    }

    func merge(_ other: any AccumulatorState) throws(ExpressionError) {
        guard let other = other as? ExtremaNAccumulator else { return }
        for value in other.values { try add(value) }
    }

    var result: BSONValue { .array(values) }
    var snapshot: BSONValue { .array(values) }
    var estimatedSize: Int { bytes }

    /// `field: {$maxN: {input, n}}` or `{$minN: …}`.
    @Sendable static func compile(
        field: String, name: String, argument: BSONValue, compiler: inout ExpressionCompiler
    ) throws(ExpressionError) -> CompiledAccumulator {
        let (input, n) = try FirstLastNAccumulator.parseInputAndN(name, argument, &compiler)
        let isMax = name == "$maxN"
        return CompiledAccumulator(
            field: field, name: name, input: input, makeState: { ExtremaNAccumulator(n: n, isMax: isMax) },
            restoreState: { snapshot throws(StreamEngineError) in
                guard case .array(let values) = snapshot else { throw AccumulatorFactory.corrupt(name) }
                let state = ExtremaNAccumulator(n: n, isMax: isMax)
                for value in values { try? state.add(value) }
                return state
            })
    }
}
