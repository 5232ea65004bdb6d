import BSONCore

/// Builds stateless stages from their BSON specs (`{$addFields: {...}}`), for the main pipeline and for the
/// inner pipelines of windows (§4).
package enum StageFactory {
    /// The stage for `name` (`$match`) with `spec`, or code 420 `Unsupported stage: …` for a stage that is not a
    /// stateless one (window-aware stages, windows, sinks and `$source` are built elsewhere).
    ///
    /// `services` is needed for `$lookup`/`$cachedLookup` (§4.3: no resolver fails at start).
    package static func makeStage(
        name: String, spec: BSONValue, options: ProcessorOptions, services: EngineServices? = nil
    ) throws(StreamEngineError) -> any Stage {
        switch name {
        case "$addFields", "$set": return try AddFieldsStage(stageName: name, spec: spec)
        case "$project": return try ProjectStage(projectSpec: spec)
        case "$unset": return try ProjectStage(unsetSpec: spec)
        case "$replaceRoot", "$replaceWith": return try ReplaceRootStage(stageName: name, spec: spec)
        case "$redact": return try RedactStage(spec: spec)
        case "$match": return try MatchStage(spec: spec)
        case "$unwind": return try UnwindStage(spec: spec)
        case "$validate": return try ValidateStage(spec: spec, options: options)
        case "$lookup", "$cachedLookup":
            return try LookupStage(
                stageName: name, spec: spec, services: services ?? EngineServices(clock: ManualClock()))
        default:
            if PipelineValidator.networkStages.contains(name) {
                try PipelineValidator.checkMainStage(name: name)
            }
            throw .invalid("Unsupported stage: \(name)")
        }
    }
}
