import BSONCore

/// `$mergeObjects` as an accumulator (server semantics): later documents' fields overwrite earlier ones; null and
/// missing are ignored; anything else that is not a document is an error. Grows with the distinct field names.
final class MergeObjectsAccumulator: AccumulatorState {
    private var merged = BSONDocument()

    /// An accumulator holding `merged`.
    init(merged: BSONDocument = BSONDocument()) { self.merged = merged }

    func add(_ value: BSONValue?) throws(ExpressionError) {
        try Self.check(value)
        guard case .document(let document)? = value else { return }
        for (key, element) in document.elements { merged[key] = element }
    }

    /// Accepts documents, null and missing; anything else is the server's error.
    static func check(_ value: BSONValue?) throws(ExpressionError) {
        switch value {
        case nil, .null?, .undefined?, .document?: return
        case let other?:
            throw ExpressionError(
                code: 40400, "$mergeObjects requires object inputs, but input \(other) is of type \(other.typeName)")
        }
    }

    func merge(_ other: any AccumulatorState) throws(ExpressionError) {
        if let other = other as? MergeObjectsAccumulator { try add(.document(other.merged)) }
    }

    var result: BSONValue { .document(merged) }
    var snapshot: BSONValue { .document(merged) }
    var estimatedSize: Int { AccumulatorFactory.size(of: .document(merged)) }

    /// `field: {$mergeObjects: <expr>}`.
    @Sendable static func compile(
        field: String, name: String, argument: BSONValue, compiler: inout ExpressionCompiler
    ) throws(ExpressionError) -> CompiledAccumulator {
        let value = try AccumulatorFactory.compileUnary(name, argument, &compiler)
        // The type check runs while inputs are evaluated, before any state of the group changes, so a failing
        // document leaves the window untouched (§3.4).
        let input = Expression.operation(name: name) { context throws(ExpressionError) in
            let result = try value.evaluate(&context)
            try check(result)
            return result
        }
        return CompiledAccumulator(
            field: field, name: name, input: input, makeState: { MergeObjectsAccumulator() },
            restoreState: { snapshot throws(StreamEngineError) in
                guard case .document(let merged) = snapshot else { throw AccumulatorFactory.corrupt(name) }
                return MergeObjectsAccumulator(merged: merged)
            })
    }
}
