import BSONCore

/// `$replaceRoot: {newRoot: <expr>}` and `$replaceWith: <expr>` (§4, §4.2, `ReplaceRootOperator`): the new
/// root must evaluate to an object, otherwise the document goes to the DLQ with the server's message. The
/// record's metadata (and so `$meta` and the sink's `_stream_meta`) survives either way.
package final class ReplaceRootStage: Stage {
    /// `ReplaceRootOperator`.
    package let operatorName = "ReplaceRootOperator"
    private let newRoot: Expression
    private let subject: String

    /// Compiles the stage named `stageName` (`$replaceRoot` or `$replaceWith`) with `spec`.
    package init(stageName: String, spec: BSONValue) throws(StreamEngineError) {
        let expression: BSONValue
        if stageName == "$replaceWith" {
            expression = spec
            subject = "'replacement document'"
        } else {
            guard case .document(let document) = spec else {
                throw .invalid("expected an object as specification for $replaceRoot stage, got \(spec.typeName)")
            }
            for (key, _) in document.elements where key != "newRoot" {
                throw .invalid("unrecognized option to $replaceRoot stage: \(key)")
            }
            guard let value = document["newRoot"] else {
                throw .invalid("no newRoot specified for the $replaceRoot stage")
            }
            expression = value
            subject = "'newRoot' expression "
        }
        var compiler = ExpressionCompiler()
        do throws(ExpressionError) { newRoot = try compiler.compile(expression) } catch {
            throw .invalid(error.message)
        }
    }

    /// Emits the record with its document replaced.
    package func process(
        _ record: StreamRecord, _ environment: StageEnvironment, emit: (StreamRecord) -> Void
    ) throws(ExpressionError) {
        var context = environment.context(for: record)
        let value = try newRoot.evaluate(&context)
        guard case .document(let document) = value else {
            let shown = value.map { ExtendedJSON.serialize($0, mode: .relaxed) } ?? "MISSING"
            let type = value?.typeName ?? "missing"
            throw ExpressionError(
                code: 40228,
                "\(subject) must evaluate to an object, but resulting value was: \(shown). Type of resulting value: "
                    + "'\(type)'. Input document: \(ExtendedJSON.serialize(record.document, mode: .relaxed))")
        }
        var result = record
        result.document = document
        emit(result)
    }
}
