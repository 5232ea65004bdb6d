import BSONCore

/// `$min` and `$max` (§11.3): null, missing and undefined are ignored; the rest compare in BSON order (§11.1)
/// and keep their original type; null when nothing was kept. Fixed size (one value).
final class ExtremumAccumulator: AccumulatorState {
    private let isMax: Bool
    private var best: BSONValue?

    /// An empty `$max` (or `$min`).
    init(isMax: Bool, best: BSONValue? = nil) {
        self.isMax = isMax
        self.best = best
    }

    func add(_ value: BSONValue?) throws(ExpressionError) {
        guard let value else { return }
        switch value {
        case .null, .undefined: return
        default: break
        }
        guard let current = best else {
            best = value
            return
        }
        let order: Int
        switch (value, current) {
        case (.double(let x), .double(let y)) where !x.isNaN && !y.isNaN: order = x < y ? -1 : (x > y ? 1 : 0)
        case (.int32(let x), .int32(let y)): order = x < y ? -1 : (x > y ? 1 : 0)
        default: order = BSONOrder.compare(value, current)
        }
        if isMax ? order > 0 : order < 0 { best = value }
    }

    func merge(_ other: any AccumulatorState) throws(ExpressionError) {
        if let other = other as? ExtremumAccumulator { try add(other.best) }
    }

    var result: BSONValue { best ?? .null }
    var snapshot: BSONValue { best.map { .array([$0]) } ?? .array([]) }
    var estimatedSize: Int { 16 + (best.map(AccumulatorFactory.size(of:)) ?? 0) }

    /// `field: {$min: <expr>}` or `{$max: <expr>}`.
    @Sendable static func compile(
        field: String, name: String, argument: BSONValue, compiler: inout ExpressionCompiler
    ) throws(ExpressionError) -> CompiledAccumulator {
        let input = try AccumulatorFactory.compileUnary(name, argument, &compiler)
        let isMax = name == "$max"
        return CompiledAccumulator(
            field: field, name: name, input: input, makeState: { ExtremumAccumulator(isMax: isMax) },
            restoreState: { snapshot throws(StreamEngineError) in
                guard case .array(let values) = snapshot, values.count <= 1 else {
                    throw AccumulatorFactory.corrupt(name)
                }
                return ExtremumAccumulator(isMax: isMax, best: values.first)
            })
    }
}
