import BSONCore

/// `$push` (§11.3): every input except missing, in window order. Grows with the window's documents.
final class PushAccumulator: AccumulatorState {
    private var values: [BSONValue]
    private var bytes = 16

    /// A list holding `values`.
    init(values: [BSONValue] = []) {
        self.values = values
        for value in values { bytes += AccumulatorFactory.size(of: value) }
    }

    func add(_ value: BSONValue?) throws(ExpressionError) {
        guard let value else { return }
        values.append(value)
        bytes += AccumulatorFactory.size(of: value)
    }

    func merge(_ other: any AccumulatorState) throws(ExpressionError) {
        guard let other = other as? PushAccumulator else { return }
        values.append(contentsOf: other.values)
        bytes += other.bytes
    }

    var result: BSONValue { .array(values) }
    var snapshot: BSONValue { .array(values) }
    var estimatedSize: Int { bytes }

    /// `field: {$push: <expr>}`.
    @Sendable static func compile(
        field: String, name: String, argument: BSONValue, compiler: inout ExpressionCompiler
    ) throws(ExpressionError) -> CompiledAccumulator {
        let input = try AccumulatorFactory.compileUnary(name, argument, &compiler)
        return CompiledAccumulator(
            field: field, name: name, input: input, makeState: { PushAccumulator() },
            restoreState: { snapshot throws(StreamEngineError) in
                guard case .array(let values) = snapshot else { throw AccumulatorFactory.corrupt(name) }
                return PushAccumulator(values: values)
            })
    }
}
