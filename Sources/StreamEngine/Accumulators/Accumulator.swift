import BSONCore

/// The running state of one accumulator for one group of one window (§11.3), updated in place per document.
///
/// State size is fixed, except for the accumulators that must keep values: `$push`, `$addToSet`, `$median`,
/// `$percentile` and the N-accumulators (`$topN`, `$bottomN`, `$firstN`, `$lastN`, `$maxN`, `$minN`, bounded by
/// `n`), and `$mergeObjects` (bounded by the number of distinct field names).
///
/// Not thread-safe: one window stage owns it.
package protocol AccumulatorState: AnyObject {
    /// Adds one document's evaluated input (`nil` is missing).
    func add(_ value: BSONValue?) throws(ExpressionError)
    /// Adds everything `other` (the same kind of state, from a later session) has seen (§3.7 session merges).
    func merge(_ other: any AccumulatorState) throws(ExpressionError)
    /// The accumulator's value now.
    var result: BSONValue { get }
    /// The state as a BSON value, for checkpoints (§8).
    var snapshot: BSONValue { get }
    /// Bytes this state holds, roughly (`stateSize`).
    var estimatedSize: Int { get }
}

/// One `field: {$op: argument}` of a `$group`, compiled once: the input expression and how to make its state.
package struct CompiledAccumulator: Sendable {
    /// The output field name.
    package let field: String
    /// The operator (`$sum`).
    package let name: String
    /// Evaluated per document; its value goes to `AccumulatorState.add`.
    package let input: Expression
    /// A fresh, empty state.
    package let makeState: @Sendable () -> any AccumulatorState
    /// A state restored from a `snapshot`.
    package let restoreState: @Sendable (BSONValue) throws(StreamEngineError) -> any AccumulatorState

    /// An accumulator from its parts.
    package init(
        field: String, name: String, input: Expression, makeState: @escaping @Sendable () -> any AccumulatorState,
        restoreState: @escaping @Sendable (BSONValue) throws(StreamEngineError) -> any AccumulatorState
    ) {
        self.field = field
        self.name = name
        self.input = input
        self.makeState = makeState
        self.restoreState = restoreState
    }
}

/// Compiles `$group` accumulator specs (`{$sum: "$x"}`) by operator name.
package enum AccumulatorFactory {
    /// Builds the compiled accumulator for one `$group` field; throws the server's message for an unknown
    /// operator or a bad argument.
    package static func compile(field: String, spec: BSONValue, compiler: inout ExpressionCompiler)
        throws(ExpressionError) -> CompiledAccumulator
    {
        guard case .document(let document) = spec, document.count == 1, let (name, argument) = document.elements.first
        else {
            throw ExpressionError(code: 40234, "The field '\(field)' must be an accumulator object")
        }
        guard let builder = builders[name] else {
            throw ExpressionError(code: 15952, "unknown group operator '\(name)'")
        }
        return try builder(field, name, argument, &compiler)
    }

    /// Every `$group` accumulator the engine knows.
    package static var names: [String] { Array(builders.keys) }

    private typealias Builder =
        @Sendable (String, String, BSONValue, inout ExpressionCompiler) throws(ExpressionError) -> CompiledAccumulator

    private static let builders: [String: Builder] = [
        "$sum": SumAccumulator.compile, "$count": SumAccumulator.compileCount, "$avg": AverageAccumulator.compile,
        "$min": ExtremumAccumulator.compile, "$max": ExtremumAccumulator.compile,
        "$first": FirstLastAccumulator.compile, "$last": FirstLastAccumulator.compile,
        "$push": PushAccumulator.compile, "$addToSet": AddToSetAccumulator.compile,
        "$stdDevPop": StandardDeviationAccumulator.compile, "$stdDevSamp": StandardDeviationAccumulator.compile,
        "$median": PercentileAccumulator.compile, "$percentile": PercentileAccumulator.compile,
        "$top": TopBottomAccumulator.compile, "$bottom": TopBottomAccumulator.compile,
        "$topN": TopBottomAccumulator.compile, "$bottomN": TopBottomAccumulator.compile,
        "$firstN": FirstLastNAccumulator.compile, "$lastN": FirstLastNAccumulator.compile,
        "$maxN": ExtremaNAccumulator.compile, "$minN": ExtremaNAccumulator.compile,
        "$mergeObjects": MergeObjectsAccumulator.compile,
    ]

    /// The state's class did not match in a merge or a restore: a programming or checkpoint error.
    static func corrupt(_ name: String) -> StreamEngineError {
        StreamEngineError(code: 1, message: "Corrupt checkpoint: bad \(name) state")
    }

    /// Compiles a simple accumulator: `argument` is the input expression (an array argument is rejected, as the
    /// server does for `$group` accumulators, which are unary).
    static func compileUnary(_ name: String, _ argument: BSONValue, _ compiler: inout ExpressionCompiler)
        throws(ExpressionError) -> Expression
    {
        if case .array = argument {
            throw ExpressionError(code: 40237, "The \(name) accumulator is a unary operator")
        }
        return try compiler.compile(argument)
    }

    /// Reads `n` of an N-accumulator: a constant positive integer (§11.3; an `n` that depends on the group key
    /// is not supported locally).
    static func parseN(_ value: BSONValue?, _ name: String) throws(ExpressionError) -> Int {
        guard let value else { throw ExpressionError(code: 5_787_906, "Missing value for 'n'") }
        guard value.isNumber, let n = value.int64Value else {
            throw ExpressionError(code: 5_787_902, "Value for 'n' must be of integral type, but found \(value)")
        }
        guard n > 0 else { throw ExpressionError(code: 5_787_908, "'n' must be greater than 0, found \(n)") }
        return Int(min(n, 1 << 30))
    }

    /// A rough byte size of a value, for `stateSize`.
    static func size(of value: BSONValue) -> Int {
        switch value {
        case .string(let text): return 16 + text.utf8.count
        case .document(let document):
            return document.elements.reduce(16) { $0 + 16 + $1.key.utf8.count + size(of: $1.value) }
        case .array(let values): return values.reduce(16) { $0 + size(of: $1) }
        case .binary(let binary): return 16 + binary.data.count
        default: return 16
        }
    }
}
