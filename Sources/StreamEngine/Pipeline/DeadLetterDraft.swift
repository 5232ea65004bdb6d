import BSONCore

/// A document that failed somewhere, before the executor turns it into a DLQ entry (§6) with the processor's
/// name, the workspace name and the time.
package struct DeadLetterDraft: Sendable {
    /// The document as it reached the failing operator, with its metadata.
    package var record: StreamRecord
    /// The operator's name (`AddFieldsOperator`, `GroupOperator`, `MergeOperator`, … §4).
    package var operatorName: String
    /// `errInfo.reason`, complete (`Failed to process input document in AddFieldsOperator with error: …`).
    package var reason: String
    /// For late documents: the start times (ms) of the windows they missed (§3.4).
    package var missedWindowStartTimes: [Int64]?

    /// A draft from its parts.
    package init(record: StreamRecord, operatorName: String, reason: String, missedWindowStartTimes: [Int64]? = nil) {
        self.record = record
        self.operatorName = operatorName
        self.reason = reason
        self.missedWindowStartTimes = missedWindowStartTimes
    }

    /// The `ExpressionError.code` a stage uses when its message is already the complete reason (`$validate`'s
    /// `Input document found to be invalid in $validate stage`, §4.1), so `failure` does not wrap it.
    package static let completeReasonCode = -1

    /// A per-document evaluation failure in a stage (§4): the reason names the operator and the server message
    /// (or is the message itself when its code is `completeReasonCode`).
    package static func failure(_ record: StreamRecord, in operatorName: String, _ error: ExpressionError) -> Self {
        let reason =
            error.code == completeReasonCode
            ? error.message : "Failed to process input document in \(operatorName) with error: \(error.message)"
        return DeadLetterDraft(record: record, operatorName: operatorName, reason: reason)
    }
}
