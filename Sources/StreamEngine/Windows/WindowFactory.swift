import BSONCore

/// Builds a window stage from its spec (`$tumblingWindow`, `$hoppingWindow`, `$sessionWindow`, §3.1),
/// validating it and compiling its inner pipeline.
package enum WindowFactory {
    /// The window for `name` with `spec`; throws code 420 with ASP's message for an invalid spec.
    ///
    /// SKELETON: the windows family fills this in.
    package static func makeWindow(name: String, spec: BSONDocument, options: ProcessorOptions)
        throws(StreamEngineError) -> any WindowStage
    {
        throw .invalid("Unsupported stage: \(name)")
    }
}
