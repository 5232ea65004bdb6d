import BSONCore

/// `$firstN` and `$lastN: {input, n}` (server semantics): the first (last) `n` inputs in window order, missing
/// as null (nulls are kept). Keeps at most `n` values.
final class FirstLastNAccumulator: AccumulatorState {
    private let n: Int
    private let isLast: Bool
    private var values: [BSONValue] = []
    private var bytes = 16

    /// An empty accumulator.
    init(n: Int, isLast: Bool) {
        self.n = n
        self.isLast = isLast
    }

    func add(_ value: BSONValue?) throws(ExpressionError) {
        if !isLast && values.count >= n { return }
        let value = value ?? .null
        values.append(value)
        bytes += AccumulatorFactory.size(of: value)
        if values.count > n { bytes -= AccumulatorFactory.size(of: values.removeFirst()) }
    }

    func merge(_ other: any AccumulatorState) throws(ExpressionError) {
        guard let other = other as? FirstLastNAccumulator else { return }
        for value in other.values { try add(value) }
    }

    var result: BSONValue { .array(values) }
    var snapshot: BSONValue { .array(values) }
    var estimatedSize: Int { bytes }

    /// Parses `{input, n}`.
    static func parseInputAndN(_ name: String, _ argument: BSONValue, _ compiler: inout ExpressionCompiler)
        throws(ExpressionError) -> (input: Expression, n: Int)
    {
        guard case .document(let spec) = argument else {
            throw ExpressionError(code: 5_787_801, "specification must be an object; found \(argument)")
        }
        for key in spec.keys where key != "input" && key != "n" {
            throw ExpressionError(code: 5_787_901, "Unknown argument for '\(name)': \(key)")
        }
        guard let inputSpec = spec["input"] else {
            throw ExpressionError(code: 5_787_907, "Missing value for 'input'")
        }
        let n = try AccumulatorFactory.parseN(spec["n"], name)
        return (try compiler.compile(inputSpec), n)
    }

    /// `field: {$firstN: {input, n}}` or `{$lastN: …}`.
    @Sendable static func compile(
        field: String, name: String, argument: BSONValue, compiler: inout ExpressionCompiler
    ) throws(ExpressionError) -> CompiledAccumulator {
        let (input, n) = try parseInputAndN(name, argument, &compiler)
        let isLast = name == "$lastN"
        return CompiledAccumulator(
            field: field, name: name, input: input, makeState: { FirstLastNAccumulator(n: n, isLast: isLast) },
            restoreState: { snapshot throws(StreamEngineError) in
                guard case .array(let values) = snapshot else { throw AccumulatorFactory.corrupt(name) }
                let state = FirstLastNAccumulator(n: n, isLast: isLast)
                for value in values { try? state.add(value) }
                return state
            })
    }
}
