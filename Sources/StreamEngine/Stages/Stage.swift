import BSONCore

/// A stateless stage (§4): takes one record, emits zero or more. Used in the main pipeline and inside windows.
///
/// Not thread-safe: one executor drives it.
package protocol Stage: AnyObject {
    /// The operator's name in stats and DLQ entries (`AddFieldsOperator`, …).
    var operatorName: String { get }
    /// Processes one record; `emit` receives each result. A thrown error sends `record` to the DLQ.
    func process(_ record: StreamRecord, _ environment: StageEnvironment, emit: (StreamRecord) -> Void)
        throws(ExpressionError)
}

/// What stages may use while processing: the clock and the engine's services.
package struct StageEnvironment: Sendable {
    /// The injected services (clock, `$lookup`).
    package var services: EngineServices
    /// The clock as the closure `EvaluationContext.now` takes, made once so stages do not build one per document.
    package let now: @Sendable () -> Int64

    /// An environment over `services`.
    package init(services: EngineServices) {
        self.services = services
        let clock = services.clock
        self.now = { clock.now() }
    }

    /// A context for evaluating expressions on `record` (root and current are its document).
    package func context(for record: StreamRecord) -> EvaluationContext {
        EvaluationContext(root: record.document, metadata: record.metadata, now: now)
    }
}
