import BSONCore

/// `$stdDevPop` and `$stdDevSamp` (server semantics): numbers only (decimals through Double), Welford's running
/// mean and squared deviations; null with no number (or one number for the sample form). Fixed size.
final class StandardDeviationAccumulator: AccumulatorState {
    private let isSample: Bool
    private var count: Double = 0
    private var mean: Double = 0
    private var squares: Double = 0

    /// An empty deviation.
    init(isSample: Bool) { self.isSample = isSample }

    func add(_ value: BSONValue?) throws(ExpressionError) {
        guard let value, value.isNumber else { return }
        let x = NumericValue.approximateDouble(value)
        count += 1
        let delta = x - mean
        mean += delta / count
        squares += delta * (x - mean)
    }

    /// Chan et al.'s parallel combination of two running deviations.
    func merge(_ other: any AccumulatorState) throws(ExpressionError) {
        guard let other = other as? StandardDeviationAccumulator, other.count > 0 else { return }
        let total = count + other.count
        let delta = other.mean - mean
        squares += other.squares + delta * delta * count * other.count / total
        mean += delta * other.count / total
        count = total
    }

    var result: BSONValue {
        let divisor = isSample ? count - 1 : count
        guard divisor > 0 else { return .null }
        return .double((max(squares, 0) / divisor).squareRoot())
    }

    var snapshot: BSONValue { .array([.double(count), .double(mean), .double(squares)]) }
    var estimatedSize: Int { 40 }

    /// The population (or sample) deviation of the numbers in `values`, for the expression forms.
    static func deviation(of values: [BSONValue?], isSample: Bool) -> BSONValue {
        let state = StandardDeviationAccumulator(isSample: isSample)
        for value in values { try? state.add(value) }
        return state.result
    }

    /// `field: {$stdDevPop: <expr>}` or `{$stdDevSamp: <expr>}`.
    @Sendable static func compile(
        field: String, name: String, argument: BSONValue, compiler: inout ExpressionCompiler
    ) throws(ExpressionError) -> CompiledAccumulator {
        let input = try AccumulatorFactory.compileUnary(name, argument, &compiler)
        let isSample = name == "$stdDevSamp"
        return CompiledAccumulator(
            field: field, name: name, input: input, makeState: { StandardDeviationAccumulator(isSample: isSample) },
            restoreState: { snapshot throws(StreamEngineError) in
                guard case .array(let parts) = snapshot, parts.count == 3, case .double(let count) = parts[0],
                    case .double(let mean) = parts[1], case .double(let squares) = parts[2]
                else { throw AccumulatorFactory.corrupt(name) }
                let state = StandardDeviationAccumulator(isSample: isSample)
                state.count = count
                state.mean = mean
                state.squares = squares
                return state
            })
    }
}
