import BSONCore

/// The seam between `sp.process` (ShellAPI) and the in-process stream engine with its sources and sinks,
/// which live in the Workspace target. The executable provides the implementation; tests provide their own.
package protocol StreamProcessing: AnyObject {
    /// Validates `pipeline` (ASP's rules for ephemeral processors, §1) and starts it in-process.
    /// Throws the engine's error (`StreamProcessorInvalidOptions: …`) for an invalid pipeline.
    func start(pipeline: [BSONDocument], options: BSONDocument?) throws -> any StreamProcessingRun
}

/// One running ephemeral pipeline.
///
/// Not thread-safe: the shell steps it from one task.
package protocol StreamProcessingRun: AnyObject {
    /// Runs one step of the pipeline.
    func step() throws -> StreamProcessingStep
    /// Stops the run and releases its source and sinks. Idempotent.
    func close()
}

/// What one step of an ephemeral run gave.
package enum StreamProcessingStep: Equatable {
    /// Documents to show, in order: outputs, and DLQ entries wrapped as `{_dlqMessage: …}` (§6, §7.1).
    case documents([BSONDocument])
    /// Nothing right now; ask again a little later.
    case idle
    /// The run is over; the text says why (the source ended, or a `documents` source is used up and no
    /// window can close any more).
    case finished(String)
}
