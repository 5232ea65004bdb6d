import BSONCore

@testable import StreamEngine

/// Runs one `$group` accumulator over documents three ways: straight, through a checkpoint snapshot and restore,
/// and as two halves merged (session merges), so every table row also checks `snapshot` and `merge`.
enum AccumulatorRun {
    /// The result, the result after a snapshot/restore, and the result of merging two halves.
    static func run(_ spec: String, over documents: String) throws -> (
        direct: BSONValue, restored: BSONValue, merged: BSONValue
    ) {
        var compiler = ExpressionCompiler()
        let accumulator = try AccumulatorFactory.compile(
            field: "r", spec: try ExtendedJSON.parse(spec), compiler: &compiler)
        guard case .array(let values) = try ExtendedJSON.parse(documents) else { fatalError("documents: an array") }
        let docs = values.compactMap(\.documentValue)
        func feed(_ state: any AccumulatorState, _ slice: ArraySlice<BSONDocument>) throws {
            for document in slice {
                var context = EvaluationContext(root: document)
                try state.add(try accumulator.input.evaluate(&context))
            }
        }
        let direct = accumulator.makeState()
        try feed(direct, docs[...])
        let restored = try accumulator.restoreState(direct.snapshot)
        let half = docs.count / 2
        let first = accumulator.makeState()
        let second = accumulator.makeState()
        try feed(first, docs[..<half])
        try feed(second, docs[half...])
        try first.merge(second)
        return (direct.result, restored.result, first.result)
    }
}
