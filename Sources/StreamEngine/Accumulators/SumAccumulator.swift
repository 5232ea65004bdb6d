import BSONCore

/// `$sum` and `$count: {}` (§11.3): numbers only, widest type, compensated double sum; Int32 0 for nothing.
/// Fixed size.
final class SumAccumulator: AccumulatorState {
    private var sum = NumericSum()

    /// An empty sum.
    init() {}

    /// A sum restored from a checkpoint.
    init(snapshot: BSONValue) throws(StreamEngineError) { sum = try NumericSum(snapshot: snapshot) }

    func add(_ value: BSONValue?) throws(ExpressionError) { sum.add(value) }

    func merge(_ other: any AccumulatorState) throws(ExpressionError) {
        if let other = other as? SumAccumulator { sum.merge(other.sum) }
    }

    var result: BSONValue { sum.result }
    var snapshot: BSONValue { sum.snapshot }
    var estimatedSize: Int { 80 }

    /// `field: {$sum: <expr>}`.
    @Sendable static func compile(
        field: String, name: String, argument: BSONValue, compiler: inout ExpressionCompiler
    ) throws(ExpressionError) -> CompiledAccumulator {
        let input = try AccumulatorFactory.compileUnary(name, argument, &compiler)
        return CompiledAccumulator(
            field: field, name: name, input: input, makeState: { SumAccumulator() },
            restoreState: { snapshot throws(StreamEngineError) in try SumAccumulator(snapshot: snapshot) })
    }

    /// `field: {$count: {}}`: the same as `{$sum: 1}`.
    @Sendable static func compileCount(
        field: String, name: String, argument: BSONValue, compiler: inout ExpressionCompiler
    ) throws(ExpressionError) -> CompiledAccumulator {
        guard case .document(let options) = argument, options.isEmpty else {
            throw ExpressionError(code: 40237, "$count takes no arguments, i.e. $count:{}")
        }
        return CompiledAccumulator(
            field: field, name: name, input: .literal(.int32(1)), makeState: { SumAccumulator() },
            restoreState: { snapshot throws(StreamEngineError) in try SumAccumulator(snapshot: snapshot) })
    }
}
