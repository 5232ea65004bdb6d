import ArgumentParser
import BSONCore
import Foundation
import REPL
import StreamEngine
import Workspace

/// `spsh process PIPELINE.json`: runs a stream processing pipeline from the command line to the end of its
/// source (or until Ctrl-C for an unbounded one), writing each output document as one line of relaxed Extended
/// JSON, and DLQ entries to standard error as `{"_dlqMessage": …}` unless the options configure a DLQ.
/// The entry point for backtests and the benchmark.
struct ProcessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Run a stream processing pipeline (a JSON array of stages, or {pipeline, options}) to its end.",
        usage:
            "spsh process <pipeline.json> [--mongodb-uri <uri>] [--state-dir <dir>] [--output <file>|-] [--quiet]")

    @Argument(help: ArgumentHelp("JSON (Extended JSON allowed) file with the pipeline.", valueName: "pipeline.json"))
    var pipelineFile: String

    @Option(name: .customLong("mongodb-uri"), help: "MongoDB for Cluster connections ($merge, the DLQ, $lookup).")
    var mongodbURI = "mongodb://127.0.0.1:27017"

    @Option(
        name: .customLong("state-dir"),
        help: ArgumentHelp("Where `spsh serve` keeps its connections (default: ~/.spsh/workspace).", valueName: "dir"))
    var stateDir: String?

    @Option(help: ArgumentHelp("Where output lines go: a file, or - for standard output.", valueName: "file"))
    var output = "-"

    @Flag(name: [.customLong("quiet"), .customLong("null")], help: "Write no output documents (for benchmarks).")
    var quiet = false

    func run() throws {
        do {
            try process()
        } catch let error as StreamEngineError {
            fail("\(error)")
        } catch let error as ProcessFailure {
            fail(error.message)
        } catch {
            fail("spsh process: \(error)")
        }
    }

    private func process() throws {
        Self.keepFreedHeap()
        let (pipeline, options) = try readPipeline()
        let directory =
            stateDir.map { URL(fileURLWithPath: ($0 as NSString).expandingTildeInPath) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".spsh/workspace")
        let connections = try RuntimeConnections.load(stateDirectory: directory, defaultMongoURI: mongodbURI)
        let writer: LineWriter? = quiet ? nil : try output == "-" ? LineWriter(descriptor: 1) : LineWriter(path: output)
        let errors = LineWriter(descriptor: 2)
        let printsDeadLetters = options["dlq"] == nil
        var failure: (any Error)?
        let run = try PipelineRun.assemble(
            pipeline: pipeline, options: options,
            processor: ProcessorOptions(name: "spsh-process", isEphemeral: true), connections: connections,
            clock: WallClock()
        ) { event in
            guard failure == nil else { return }
            do {
                switch event {
                case .output(let document): try writer?.write(document.document)
                case .deadLetter(let entry):
                    if printsDeadLetters { try errors.write(["_dlqMessage": .document(entry)]) }
                }
            } catch {
                failure = error
            }
        }
        InterruptSignal.install()
        loop: while !InterruptSignal.isPending {
            switch try run.step() {
            case .finished: break loop
            case .progressed: break
            case .idle:
                if run.isDone { break loop }
                try writer?.flush()
                try errors.flush()
                usleep(10_000)
            }
            if let failure { throw failure }
        }
        try run.flush()
        try writer?.flush()
        try errors.flush()
    }

    /// The pipeline and options from the file: a JSON array of stages, or `{pipeline: [...], options: {...}}`.
    private func readPipeline() throws -> ([BSONDocument], BSONDocument) {
        let text: String
        do {
            text = try String(contentsOfFile: pipelineFile, encoding: .utf8)
        } catch {
            throw ProcessFailure(message: "spsh process: cannot read '\(pipelineFile)': \(error.localizedDescription)")
        }
        let value: BSONValue
        do {
            value = try ExtendedJSON.parse(text)
        } catch {
            throw ProcessFailure(message: "spsh process: \(pipelineFile): \(error.message)")
        }
        func stages(_ values: [BSONValue]) throws -> [BSONDocument] {
            try values.enumerated().map { index, value in
                guard case .document(let stage) = value else {
                    throw ProcessFailure(
                        message: "spsh process: \(pipelineFile): stage \(index) is a \(value.typeName), not an object")
                }
                return stage
            }
        }
        switch value {
        case .array(let values): return (try stages(values), BSONDocument())
        case .document(let document):
            guard case .array(let values) = document["pipeline"] else {
                throw ProcessFailure(
                    message: "spsh process: \(pipelineFile): expected {pipeline: [...], options: {...}}")
            }
            var options = BSONDocument()
            if let given = document["options"] {
                guard case .document(let object) = given else {
                    throw ProcessFailure(message: "spsh process: \(pipelineFile): 'options' must be an object")
                }
                options = object
            }
            return (try stages(values), options)
        default:
            throw ProcessFailure(
                message: "spsh process: \(pipelineFile): expected an array of stages or {pipeline, options}")
        }
    }

    /// Batches free and allocate the same large arrays over and over; by default glibc gives the heap top back
    /// to the kernel after each batch (and serves large arrays with mmap), then takes page faults to get the
    /// memory back: 10% of the run time. Raising the trim and mmap thresholds keeps that memory for reuse (RSS
    /// stays flat). `mallopt` is not in Swift's Glibc module, hence `dlsym`; elsewhere this does nothing.
    private static func keepFreedHeap() {
        #if os(Linux)
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
            let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
            _ = mallopt(-1, 256 << 20)  // M_TRIM_THRESHOLD
            _ = mallopt(-3, 32 << 20)  // M_MMAP_THRESHOLD
        #endif
    }

    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(1)
    }
}

/// A failure reported as is on standard error.
private struct ProcessFailure: Error {
    var message: String
}
