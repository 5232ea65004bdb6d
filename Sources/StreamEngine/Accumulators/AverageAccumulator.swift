import BSONCore

/// `$avg` (§11.3): non-numbers ignored; null with no number; Double (Decimal128 with a decimal input) otherwise.
/// Fixed size.
final class AverageAccumulator: AccumulatorState {
    private var sum = NumericSum()

    /// An empty average.
    init() {}

    /// An average restored from a checkpoint.
    init(snapshot: BSONValue) throws(StreamEngineError) { sum = try NumericSum(snapshot: snapshot) }

    func add(_ value: BSONValue?) throws(ExpressionError) { sum.add(value) }

    func merge(_ other: any AccumulatorState) throws(ExpressionError) {
        if let other = other as? AverageAccumulator { sum.merge(other.sum) }
    }

    var result: BSONValue { sum.average }
    var snapshot: BSONValue { sum.snapshot }
    var estimatedSize: Int { 80 }

    /// `field: {$avg: <expr>}`.
    @Sendable static func compile(
        field: String, name: String, argument: BSONValue, compiler: inout ExpressionCompiler
    ) throws(ExpressionError) -> CompiledAccumulator {
        let input = try AccumulatorFactory.compileUnary(name, argument, &compiler)
        return CompiledAccumulator(
            field: field, name: name, input: input, makeState: { AverageAccumulator() },
            restoreState: { snapshot throws(StreamEngineError) in try AverageAccumulator(snapshot: snapshot) })
    }
}
