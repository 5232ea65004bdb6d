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

    /// An environment over `services`.
    package init(services: EngineServices) { self.services = services }
}
