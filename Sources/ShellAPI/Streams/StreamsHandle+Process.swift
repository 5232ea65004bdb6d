import BSONCore
import Interpreter

/// `sp.process(pipeline, options?)`: runs a pipeline in-process and prints each output as it is produced
/// (§7.1), with DLQ entries as `{ _dlqMessage: … }`, until the source ends or Ctrl-C, which stops the run
/// cleanly and gives the prompt back.
extension StreamsHandle {
    /// How long to wait after a step that produced nothing, checking for Ctrl-C in between.
    static let idleWaitMilliseconds = 100.0

    static let processMethods: [String: Method] = [
        "process": { sp, call in
            let method = "sp.process"
            let stages = try StreamsArguments.pipeline(call.argument(0), method: method)
            guard !stages.isEmpty else {
                throw ShellError(.invalidArgument, "Invalid pipeline: expected at least one stage (\(method))")
            }
            let options = try ArgumentChecks.options(call, 1, method: method)
            try sp.shell.runInProcess(
                pipeline: stages.compactMap(\.documentValue), options: options.isEmpty ? nil : options)
            return .undefined
        }
    ]
}

extension Shell {
    /// How long `.sample()` waits after a poll that brought nothing (mongosh waits 1 s, §7.1).
    static let sampleWaitMilliseconds = 1000.0

    /// `sp.<name>.sample()` (§7.2): prints what a started processor produces, as it comes, until Ctrl-C; ends by
    /// itself once the processor is no longer running and nothing is left to show.
    func sample(processorNamed name: String) throws {
        while !interpreter.interruptFlag.isSet {
            let (state, documents) = try streams.onProcessor(name) { try $0.sampleProcessor(name: name) }
            for document in documents { documentPrinter(document) }
            guard documents.isEmpty else { continue }
            guard state == "STARTED" else {
                textPrinter("Stream processor '\(name)' is \(state): nothing more to sample")
                return
            }
            waitInterruptibly(milliseconds: Self.sampleWaitMilliseconds)
        }
        interpreter.interruptFlag.clear()
    }

    /// Waits up to `milliseconds`, returning early when the user presses Ctrl-C.
    func waitInterruptibly(milliseconds: Double) {
        var waited = 0.0
        while waited < milliseconds, !interpreter.interruptFlag.isSet {
            clock.sleep(milliseconds: 10)
            waited += 10
        }
    }

    /// Runs `pipeline` until it finishes or the user presses Ctrl-C; each document goes to `printDocument`.
    func runInProcess(pipeline: [BSONDocument], options: BSONDocument?) throws {
        guard let processing = streamProcessing else {
            throw ShellError(.noStreamsTarget, "sp.process needs the local stream engine, which this shell lacks")
        }
        let run = try processing.start(pipeline: pipeline, options: options)
        defer { run.close() }
        while !interpreter.interruptFlag.isSet {
            switch try run.step() {
            case .documents(let documents):
                for document in documents { documentPrinter(document) }
            case .idle:
                waitInterruptibly(milliseconds: StreamsHandle.idleWaitMilliseconds)
            case .finished(let reason):
                textPrinter(reason)
                return
            }
        }
        // Ctrl-C: the run is closed by `defer`; the prompt comes back without an error (§7.1).
        interpreter.interruptFlag.clear()
    }
}
