import BSONCore

/// `$addToSet` (§11.3): the distinct inputs (missing skipped; `1` and `1.0` are one value), in first-seen
/// order (the server's order is unspecified). Grows with the distinct values.
final class AddToSetAccumulator: AccumulatorState {
    private var seen: Set<GroupKey> = []
    private var values: [BSONValue] = []
    private var bytes = 16

    /// A set holding `values`.
    init(values: [BSONValue] = []) {
        for value in values { insert(value) }
    }

    func add(_ value: BSONValue?) throws(ExpressionError) {
        guard let value else { return }
        insert(value)
    }

    private func insert(_ value: BSONValue) {
        guard seen.insert(GroupKey(value)).inserted else { return }
        values.append(value)
        bytes += 2 * AccumulatorFactory.size(of: value)
    }

    func merge(_ other: any AccumulatorState) throws(ExpressionError) {
        guard let other = other as? AddToSetAccumulator else { return }
        for value in other.values { insert(value) }
    }

    var result: BSONValue { .array(values) }
    var snapshot: BSONValue { .array(values) }
    var estimatedSize: Int { bytes }

    /// `field: {$addToSet: <expr>}`.
    @Sendable static func compile(
        field: String, name: String, argument: BSONValue, compiler: inout ExpressionCompiler
    ) throws(ExpressionError) -> CompiledAccumulator {
        let input = try AccumulatorFactory.compileUnary(name, argument, &compiler)
        return CompiledAccumulator(
            field: field, name: name, input: input, makeState: { AddToSetAccumulator() },
            restoreState: { snapshot throws(StreamEngineError) in
                guard case .array(let values) = snapshot else { throw AccumulatorFactory.corrupt(name) }
                return AddToSetAccumulator(values: values)
            })
    }
}
