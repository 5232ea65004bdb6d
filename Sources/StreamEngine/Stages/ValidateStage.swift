import BSONCore

/// `$validate: {validator, validationAction}` (§4.1, `ValidateOperator`): documents the validator rejects are
/// dropped (`discard`, the default) or sent to the DLQ (`dlq`, which needs a configured DLQ).
package final class ValidateStage: Stage {
    /// `ValidateOperator`.
    package let operatorName = "ValidateOperator"
    private let validator: QueryFilter
    private let sendsToDeadLetterQueue: Bool

    /// Compiles `spec`; `options` tells whether a DLQ is configured.
    package init(spec: BSONValue, options: ProcessorOptions) throws(StreamEngineError) {
        guard case .document(let document) = spec else {
            throw .invalid("BSON field '$validate' is the wrong type '\(spec.typeName)', expected type 'object'")
        }
        var action = "discard"
        for (key, value) in document.elements {
            switch key {
            case "validator":
                guard case .document = value else {
                    throw .invalid(
                        "BSON field '$validate.validator' is the wrong type '\(value.typeName)', expected type 'object'"
                    )
                }
            case "validationAction":
                guard case .string(let text) = value, text == "discard" || text == "dlq" else {
                    let shown = value.stringValue ?? ExtendedJSON.serialize(value, mode: .relaxed)
                    throw .invalid(
                        "Enumeration value '\(shown)' for field '$validate.validationAction' is not a valid value.")
                }
                action = text
            default:
                throw .invalid("BSON field '$validate.\(key)' is an unknown field.")
            }
        }
        guard case .document(let filter) = document["validator"] else {
            throw .invalid("BSON field '$validate.validator' is missing but a required field")
        }
        for forbidden in ["$near", "$nearSphere", "$text", "$where"]
        where PipelineValidator.containsKey(forbidden, in: .document(filter)) {
            throw .invalid("\(forbidden) is not allowed in the $validate stage's validator")
        }
        if action == "dlq" && options.deadLetterQueue == nil {
            throw .invalid("DLQ must be specified if validation action is dlq.")
        }
        do throws(ExpressionError) { validator = try QueryFilter(filter) } catch { throw .invalid(error.message) }
        sendsToDeadLetterQueue = action == "dlq"
    }

    /// Emits `record` when valid; otherwise drops it or throws the DLQ reason (§4.1).
    package func process(
        _ record: StreamRecord, _ environment: StageEnvironment, emit: (StreamRecord) -> Void
    ) throws(ExpressionError) {
        var context = environment.context(for: record)
        let valid: Bool
        do throws(ExpressionError) {
            valid = try validator.matches(record.document, &context)
        } catch {
            throw ExpressionError(
                code: DeadLetterDraft.completeReasonCode,
                "Failed to process input document in $validate stage with error: \(error.message)")
        }
        if valid {
            emit(record)
        } else if sendsToDeadLetterQueue {
            throw ExpressionError(
                code: DeadLetterDraft.completeReasonCode, "Input document found to be invalid in $validate stage")
        }
    }
}
