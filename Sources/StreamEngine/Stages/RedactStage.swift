import BSONCore

/// `$redact` (§4, §4.2, `RedactOperator`): evaluates its expression on the document and then on each
/// sub-document (`$$CURRENT` moves down, `$$ROOT` stays); `$$KEEP` keeps the level whole, `$$PRUNE` drops it,
/// `$$DESCEND` keeps its scalar fields and recurses into documents and arrays of documents.
package final class RedactStage: Stage {
    /// `RedactOperator`.
    package let operatorName = "RedactOperator"
    private let expression: Expression
    private static let keep = BSONValue.string("keep")
    private static let prune = BSONValue.string("prune")
    private static let descend = BSONValue.string("descend")
    private static let bindings: [(name: String, value: BSONValue?)] = [
        ("DESCEND", descend), ("PRUNE", prune), ("KEEP", keep),
    ]

    /// Compiles `spec` with `$$DESCEND`, `$$PRUNE` and `$$KEEP` in scope.
    package init(spec: BSONValue) throws(StreamEngineError) {
        var compiler = ExpressionCompiler()
        do throws(ExpressionError) {
            expression = try compiler.withVariables(["DESCEND", "PRUNE", "KEEP"]) {
                (inner: inout ExpressionCompiler) throws(ExpressionError) -> Expression in
                try inner.compile(spec)
            }
        } catch {
            throw .invalid(error.message)
        }
    }

    /// Emits the redacted record, or nothing when the top level is pruned.
    package func process(
        _ record: StreamRecord, _ environment: StageEnvironment, emit: (StreamRecord) -> Void
    ) throws(ExpressionError) {
        var context = environment.context(for: record)
        context.variables = Self.bindings
        guard let document = try redact(record.document, &context) else { return }
        var result = record
        result.document = document
        emit(result)
    }

    private func redact(_ document: BSONDocument, _ context: inout EvaluationContext) throws(ExpressionError)
        -> BSONDocument?
    {
        context.current = document
        let decision = try expression.evaluate(&context)
        switch decision {
        case Self.keep?: return document
        case Self.prune?: return nil
        case Self.descend?:
            var output = BSONDocument()
            for (key, value) in document.elements {
                switch value {
                case .document(let inner):
                    if let kept = try redact(inner, &context) { output.append(key, .document(kept)) }
                case .array(let elements):
                    output.append(key, .array(try redactArray(elements, &context)))
                default:
                    output.append(key, value)
                }
            }
            return output
        default:
            let shown = decision.map { ExtendedJSON.serialize($0, mode: .relaxed) } ?? "MISSING"
            throw ExpressionError(
                code: 17053,
                "$redact's expression should not return anything aside from the variables $$KEEP, $$DESCEND, and "
                    + "$$PRUNE, but returned \(shown)")
        }
    }

    private func redactArray(_ elements: [BSONValue], _ context: inout EvaluationContext) throws(ExpressionError)
        -> [BSONValue]
    {
        var output: [BSONValue] = []
        for element in elements {
            switch element {
            case .document(let inner):
                if let kept = try redact(inner, &context) { output.append(.document(kept)) }
            case .array(let nested):
                output.append(.array(try redactArray(nested, &context)))
            default:
                output.append(element)
            }
        }
        return output
    }
}
