import BSONCore

/// Builds a window stage from its spec (`$tumblingWindow`, `$hoppingWindow`, `$sessionWindow`, §3.1),
/// validating it and compiling its inner pipeline.
package enum WindowFactory {
    /// The window for `name` with `spec`; throws code 420 with ASP's message for an invalid spec. `services`
    /// gives the clock (processing-time windows, `$currentDate` inside the window) and `$lookup`; the default is
    /// a clock stuck at 0, so executors should pass their own.
    package static func makeWindow(
        name: String, spec: BSONDocument, options: ProcessorOptions,
        services: EngineServices = EngineServices(clock: ManualClock(0))
    ) throws(StreamEngineError) -> any WindowStage {
        let environment = StageEnvironment(services: services)
        switch name {
        case "$tumblingWindow", "$hoppingWindow":
            let isHopping = name == "$hoppingWindow"
            let structName = isHopping ? "HoppingWindowOptions" : "TumblingWindowOptions"
            var allowed = ["interval", "pipeline", "boundary", "offset", "allowedLateness", "idleTimeout"]
            if isHopping { allowed.append("hopSize") }
            try WindowSpecParser.rejectUnknown(spec, allowed: allowed, structName: structName)
            let size = try WindowSpecParser.duration(spec, "interval", structName: structName)
            guard size > 0 else { throw .invalid("Window interval size must be greater than 0.") }
            var hop = size
            if isHopping {
                hop = try WindowSpecParser.duration(spec, "hopSize", structName: structName)
                guard hop > 0 else { throw .invalid("Window hopSize size must be greater than 0.") }
            }
            let timing = try WindowSpecParser.timing(spec, allowsIdleTimeout: true)
            let offset = try WindowSpecParser.offset(spec["offset"])
            let inner = try InnerPipeline(
                try WindowSpecParser.pipeline(spec, structName: structName), options: options, services: services)
            return TimeWindowStage(
                operatorName: isHopping ? "HoppingWindowOperator" : "TumblingWindowOperator", size: size, hop: hop,
                offset: offset, timing: timing, inner: inner, environment: environment)
        case "$sessionWindow":
            let structName = "SessionWindowOptions"
            try WindowSpecParser.rejectUnknown(
                spec, allowed: ["partitionBy", "gap", "pipeline", "allowedLateness", "boundary"], structName: structName
            )
            let gap = try WindowSpecParser.duration(spec, "gap", structName: structName)
            guard gap > 0 else { throw .invalid("Session window gap size must be greater than 0.") }
            let timing = try WindowSpecParser.timing(spec, allowsIdleTimeout: false)
            guard let partitionSpec = spec["partitionBy"] else {
                throw .invalid("BSON field '\(structName).partitionBy' is missing but a required field")
            }
            var compiler = ExpressionCompiler()
            let partitionBy: Expression
            do {
                partitionBy = try compiler.compile(partitionSpec)
            } catch {
                throw .invalid(error.message)
            }
            let pipeline = try WindowSpecParser.pipeline(spec, structName: structName)
            let inner = try InnerPipeline(pipeline, options: options, services: services)
            try WindowSpecParser.checkSessionPipeline(pipeline, stageNames: inner.stageNames)
            return SessionWindowStage(
                partitionBy: partitionBy, gap: gap, timing: timing, inner: inner, environment: environment)
        default:
            throw .invalid("Unsupported stage: \(name)")
        }
    }
}
