import BSONCore

/// `$first` and `$last` (§11.3): the value from the first (last) document in window order; missing gives null.
/// Fixed size (one value).
final class FirstLastAccumulator: AccumulatorState {
    private let isLast: Bool
    private var value: BSONValue?
    private var seen: Bool

    /// An empty `$first` (or `$last`).
    init(isLast: Bool, value: BSONValue? = nil, seen: Bool = false) {
        self.isLast = isLast
        self.value = value
        self.seen = seen
    }

    func add(_ input: BSONValue?) throws(ExpressionError) {
        if seen && !isLast { return }
        seen = true
        value = input ?? .null
    }

    /// `other` comes from a later session, so its `$last` wins and its `$first` loses.
    func merge(_ other: any AccumulatorState) throws(ExpressionError) {
        guard let other = other as? FirstLastAccumulator, other.seen else { return }
        try add(other.value)
    }

    var result: BSONValue { value ?? .null }
    var snapshot: BSONValue { seen ? .array([value ?? .null]) : .array([]) }
    var estimatedSize: Int { 16 + (value.map(AccumulatorFactory.size(of:)) ?? 0) }

    /// `field: {$first: <expr>}` or `{$last: <expr>}`.
    @Sendable static func compile(
        field: String, name: String, argument: BSONValue, compiler: inout ExpressionCompiler
    ) throws(ExpressionError) -> CompiledAccumulator {
        let input = try AccumulatorFactory.compileUnary(name, argument, &compiler)
        let isLast = name == "$last"
        return CompiledAccumulator(
            field: field, name: name, input: input, makeState: { FirstLastAccumulator(isLast: isLast) },
            restoreState: { snapshot throws(StreamEngineError) in
                guard case .array(let values) = snapshot, values.count <= 1 else {
                    throw AccumulatorFactory.corrupt(name)
                }
                return FirstLastAccumulator(isLast: isLast, value: values.first, seen: !values.isEmpty)
            })
    }
}
