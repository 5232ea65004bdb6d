import BSONCore
import Interpreter
import ShellAPI
import TestSupport
import Testing

/// A scripted engine seam: hands out `steps` one per call and records what it was asked to run.
private final class ScriptedProcessing: StreamProcessing {
    final class Run: StreamProcessingRun {
        var steps: [StreamProcessingStep]
        var closed = false
        var onStep: () -> Void = {}
        init(steps: [StreamProcessingStep]) { self.steps = steps }
        func step() throws -> StreamProcessingStep {
            onStep()
            return steps.isEmpty ? .idle : steps.removeFirst()
        }
        func close() { closed = true }
    }

    let run: Run
    var started: [[BSONDocument]] = []
    init(steps: [StreamProcessingStep]) { run = Run(steps: steps) }
    func start(pipeline: [BSONDocument], options: BSONDocument?) throws -> any StreamProcessingRun {
        started.append(pipeline)
        return run
    }
}

@Suite("sp.process", .tags(.small))
struct StreamsProcessTests {
    private func makeShell(_ processing: ScriptedProcessing) -> (Shell, () -> [String]) {
        let shell = makeStreamsShell(nil)
        let clock = VirtualClock()
        shell.clock = clock
        shell.streamProcessing = processing
        var lines: [String] = []
        shell.documentPrinter = { lines.append(ExtendedJSON.serialize($0, mode: .relaxed)) }
        shell.textPrinter = { lines.append($0) }
        return (shell, { lines })
    }

    @Test("Prints every document as it comes, waits while idle, and stops when the run finishes")
    func printsUntilFinished() throws {
        let processing = ScriptedProcessing(steps: [
            .documents([["a": .int32(1)]]), .idle, .documents([["_dlqMessage": .document(["x": .int32(2)])]]),
            .finished("done"),
        ])
        let (shell, lines) = makeShell(processing)
        #expect(try printed(shell, "sp.process([{$source: {documents: [{a: 1}]}}])") == "")
        #expect(lines() == [#"{"a":1}"#, #"{"_dlqMessage":{"x":2}}"#, "done"])
        #expect(processing.started.count == 1)
        #expect(processing.started.first?.first?.keys == ["$source"])
        #expect(processing.run.closed)
    }

    @Test("Ctrl-C stops the run cleanly: no error, the run is closed, the flag is cleared")
    func interruptStops() throws {
        let processing = ScriptedProcessing(steps: [])
        let (shell, lines) = makeShell(processing)
        var steps = 0
        processing.run.onStep = {
            steps += 1
            if steps == 3 { shell.interpreter.interruptFlag.set() }
        }
        #expect(try printed(shell, "sp.process([{$source: {connectionName: 'sample_stock_trades'}}])") == "")
        #expect(lines().isEmpty)
        #expect(processing.run.closed)
        #expect(!shell.interpreter.interruptFlag.isSet)
    }

    @Test(
        "Bad pipelines are refused before anything runs",
        arguments: [
            ("sp.process()", "Invalid pipeline: expected an array of stages, none given (sp.process)"),
            ("sp.process([])", "Invalid pipeline: expected at least one stage (sp.process)"),
            ("sp.process({})", "Invalid pipeline: expected an array of stages, got object (sp.process)"),
        ])
    func invalidPipeline(source: String, message: String) throws {
        let processing = ScriptedProcessing(steps: [])
        let (shell, _) = makeShell(processing)
        let error = thrownShellError { try shell.evaluate(source) }
        #expect(error?.message == message)
        #expect(processing.started.isEmpty)
    }
}

@Suite("sp.<name>.sample()", .tags(.small))
struct StreamsSampleTests {
    @Test("Prints each sampled document, polls again after an empty answer, ends once the processor stops")
    func samplesUntilStopped() throws {
        let admin = FakeAtlasAdmin()
        admin.processors = [FakeAtlasAdmin.processor("p1", state: "STARTED")]
        admin.samples = [[["a": .int32(1)], ["_dlqMessage": .document(["x": .int32(2)])]], [], [["a": .int32(3)]]]
        let shell = makeStreamsShell(admin)
        let clock = VirtualClock()
        shell.clock = clock
        var lines: [String] = []
        shell.documentPrinter = { lines.append(ExtendedJSON.serialize($0, mode: .relaxed)) }
        shell.textPrinter = { lines.append($0) }
        var polls = 0
        admin.onRequest = { request in
            guard request.hasSuffix(":sample") else { return }
            polls += 1
            if polls == 4 { admin.processors = [FakeAtlasAdmin.processor("p1", state: "STOPPED")] }
        }
        #expect(try printed(shell, "sp.p1.sample()") == "")
        #expect(
            lines == [
                #"{"a":1}"#, #"{"_dlqMessage":{"x":2}}"#, #"{"a":3}"#,
                "Stream processor 'p1' is STOPPED: nothing more to sample",
            ])
        #expect(admin.requests.filter { $0.hasSuffix(":sample") }.count == 4)
    }
}
