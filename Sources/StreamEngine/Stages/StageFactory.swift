import BSONCore

/// Builds stateless stages from their BSON specs (`{$addFields: {...}}`), for the main pipeline and for the
/// inner pipelines of windows.
package enum StageFactory {
    /// The stage for `name` (`$match`) with `spec`, or code 420 `Unsupported stage: …`.
    ///
    /// SKELETON: no stage is built yet.
    package static func makeStage(name: String, spec: BSONValue, options: ProcessorOptions) throws(StreamEngineError)
        -> any Stage
    {
        throw .invalid("Unsupported stage: \(name)")
    }
}
