import BSONCore

/// `$median: {input, method}` and `$percentile: {input, p: [...], method}` (server semantics): numbers only, as
/// Doubles; `approximate` and `discrete` pick the value at rank `ceil(p·n) - 1`, `continuous` interpolates
/// linearly. Null when no number was seen. Keeps every number of the window (grows with its documents).
final class PercentileAccumulator: AccumulatorState {
    /// How a percentile is read off the sorted values.
    enum Method: String, Sendable {
        case approximate, discrete, continuous
    }

    private let percentiles: [Double]?
    private let method: Method
    private var values: [Double] = []

    /// An empty accumulator; `percentiles` is `nil` for `$median`.
    init(percentiles: [Double]?, method: Method) {
        self.percentiles = percentiles
        self.method = method
    }

    func add(_ value: BSONValue?) throws(ExpressionError) {
        guard let value, value.isNumber else { return }
        values.append(NumericValue.approximateDouble(value))
    }

    func merge(_ other: any AccumulatorState) throws(ExpressionError) {
        if let other = other as? PercentileAccumulator { values.append(contentsOf: other.values) }
    }

    var result: BSONValue {
        guard !values.isEmpty else { return .null }
        let sorted = values.sorted()
        guard let percentiles else { return .double(Self.percentile(0.5, of: sorted, method)) }
        return .array(percentiles.map { .double(Self.percentile($0, of: sorted, method)) })
    }

    var snapshot: BSONValue { .array(values.map { .double($0) }) }
    var estimatedSize: Int { 16 + 8 * values.count }

    /// The `p` percentile of `sorted` (not empty).
    static func percentile(_ p: Double, of sorted: [Double], _ method: Method) -> Double {
        let count = sorted.count
        switch method {
        case .approximate, .discrete:
            let rank = Int((p * Double(count)).rounded(.up)) - 1
            return sorted[min(max(rank, 0), count - 1)]
        case .continuous:
            let rank = p * Double(count - 1)
            let lower = Int(rank.rounded(.down))
            let upper = Int(rank.rounded(.up))
            if lower == upper { return sorted[lower] }
            return sorted[lower] + (rank - Double(lower)) * (sorted[upper] - sorted[lower])
        }
    }

    /// Parses `{input, p?, method}` into the input expression, the percentiles (`nil` for `$median`) and the method.
    static func parse(_ name: String, _ argument: BSONValue, _ compiler: inout ExpressionCompiler)
        throws(ExpressionError) -> (input: Expression, percentiles: [Double]?, method: Method)
    {
        guard case .document(let spec) = argument else {
            throw ExpressionError(code: 7_436_100, "specification must be an object; found \(argument)")
        }
        for key in spec.keys where !["input", "p", "method"].contains(key) || (key == "p" && name == "$median") {
            throw ExpressionError(code: 40415, "BSON field '\(name).\(key)' is an unknown field.")
        }
        guard let inputSpec = spec["input"] else {
            throw ExpressionError(code: 40414, "BSON field '\(name).input' is missing but a required field")
        }
        guard case .string(let methodName) = spec["method"] else {
            throw ExpressionError(code: 40414, "BSON field '\(name).method' is missing but a required field")
        }
        guard let method = Method(rawValue: methodName) else {
            throw ExpressionError(
                code: 2, "Currently only 'approximate', 'discrete' and 'continuous' can be used as method.")
        }
        var percentiles: [Double]?
        if name == "$percentile" {
            guard case .array(let values) = spec["p"], !values.isEmpty else {
                throw ExpressionError(
                    code: 7_750_301,
                    "The 'p' field must be an array of numbers from [0.0, 1.0], but found: "
                        + (spec["p"].map { "\($0)" } ?? "missing"))
            }
            var parsed: [Double] = []
            for value in values {
                let p = NumericValue.approximateDouble(value)
                guard value.isNumber, p >= 0, p <= 1 else {
                    throw ExpressionError(
                        code: 7_750_301,
                        "The 'p' field must be an array of numbers from [0.0, 1.0], but found: \(value)")
                }
                parsed.append(p)
            }
            percentiles = parsed
        }
        return (try compiler.compile(inputSpec), percentiles, method)
    }

    /// `field: {$median: {...}}` or `{$percentile: {...}}`.
    @Sendable static func compile(
        field: String, name: String, argument: BSONValue, compiler: inout ExpressionCompiler
    ) throws(ExpressionError) -> CompiledAccumulator {
        let (input, percentiles, method) = try parse(name, argument, &compiler)
        return CompiledAccumulator(
            field: field, name: name, input: input,
            makeState: { PercentileAccumulator(percentiles: percentiles, method: method) },
            restoreState: { snapshot throws(StreamEngineError) in
                guard case .array(let values) = snapshot else { throw AccumulatorFactory.corrupt(name) }
                let state = PercentileAccumulator(percentiles: percentiles, method: method)
                state.values = values.map { NumericValue.approximateDouble($0) }
                return state
            })
    }
}
