import BSONCore

/// `$match` (§4, `MatchOperator`): keeps the documents its query filter matches, with query semantics (§11.1).
package final class MatchStage: Stage {
    /// `MatchOperator`.
    package let operatorName = "MatchOperator"
    private let filter: QueryFilter

    /// Compiles `spec`, which must be a document (server error 15959 otherwise).
    package init(spec: BSONValue) throws(StreamEngineError) {
        guard case .document(let document) = spec else {
            throw .invalid("the match filter must be an expression in an object")
        }
        do throws(ExpressionError) {
            filter = try QueryFilter(document)
        } catch {
            throw .invalid(error.message)
        }
    }

    /// Whether `record` passes the filter.
    package func matches(_ record: StreamRecord, _ environment: StageEnvironment) throws(ExpressionError) -> Bool {
        var context = environment.context(for: record)
        return try filter.matches(record.document, &context)
    }

    /// Emits `record` when it matches.
    package func process(
        _ record: StreamRecord, _ environment: StageEnvironment, emit: (StreamRecord) -> Void
    ) throws(ExpressionError) {
        if try matches(record, environment) { emit(record) }
    }
}
