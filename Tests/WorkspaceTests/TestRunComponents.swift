import BSONCore
import Foundation
import StreamEngine
import Synchronization
import Workspace

/// What the test sinks saw and the gate the test sources read through, shared by every run a store starts (a stop
/// and start builds new sources and sinks).
///
/// Thread-safe: everything sits behind a mutex.
final class RunLedger: Sendable {
    private struct State {
        var released = Int.max
        var written: [BSONDocument] = []
        var flushes = 0
    }
    private let state = Mutex(State())
    /// A sink write fails with this text once set.
    let sinkFailure = Mutex<String?>(nil)

    /// A ledger whose sources release `released` documents until told otherwise.
    init(released: Int = .max) { state.withLock { $0.released = released } }

    /// Lets sources deliver documents up to index `count` (exclusive).
    func release(upTo count: Int) { state.withLock { $0.released = count } }
    /// How many documents sources may deliver.
    var released: Int { state.withLock { $0.released } }
    /// Every document the sinks received, in order.
    var written: [BSONDocument] { state.withLock { $0.written } }
    /// How many flushes the sinks had.
    var flushes: Int { state.withLock { $0.flushes } }

    func record(_ documents: [OutputDocument]) { state.withLock { $0.written += documents.map(\.document) } }
    func flushed() { state.withLock { $0.flushes += 1 } }
}

/// A `documents` source that hands out one document per step, only as far as the ledger released, and never ends
/// (like Atlas's `documents`, §2.1). Its position is the index of the next document (§8).
///
/// Not thread-safe: one runner pulls from it.
final class GatedSource: StreamSource {
    private let documents: [BSONDocument]
    private let ledger: RunLedger
    private var index = 0

    init(documents: [BSONDocument], ledger: RunLedger) {
        self.documents = documents
        self.ledger = ledger
    }

    func next(limit: Int) throws -> [SourceMessage]? {
        guard index < documents.count, index < ledger.released else { return [] }
        defer { index += 1 }
        return [SourceMessage(document: documents[index], size: documents[index].encoded().count)]
    }

    var isExhausted: Bool { index >= documents.count }
    var position: BSONValue? { .int64(Int64(index)) }
    func seek(to position: BSONValue) throws { index = Int(position.int64Value ?? 0) }
}

/// A sink that records into the ledger, or throws the ledger's failure.
///
/// Not thread-safe: one runner writes through it.
final class LedgerSink: OutputSink {
    private let ledger: RunLedger

    init(ledger: RunLedger) { self.ledger = ledger }

    func write(_ documents: [OutputDocument]) throws -> [DeadLetterDraft] {
        if let failure = ledger.sinkFailure.withLock({ $0 }) { throw TestSinkError(message: failure) }
        ledger.record(documents)
        return []
    }

    func flush() throws { ledger.flushed() }
}

/// The failure a test sink reports.
struct TestSinkError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Test parts: `documents` sources gated by the ledger, ledger sinks, no DLQ; any other source is one that is
/// never ready (so API tests can keep Kafka processors STARTED); `failure` makes building the source fail.
struct TestRunComponents: RunComponents {
    var ledger = RunLedger()
    var failure: String?

    func makeSource(_ spec: SourceSpec, connections: RuntimeConnections, clock: any EngineClock) throws
        -> any StreamSource
    {
        if let failure { throw TestSinkError(message: failure) }
        guard case .documents(let documents) = spec.kind else { return GatedSource(documents: [], ledger: ledger) }
        return GatedSource(documents: documents, ledger: ledger)
    }

    func makeSink(_ spec: SinkSpec, connections: RuntimeConnections) throws -> any OutputSink {
        LedgerSink(ledger: ledger)
    }

    func makeDeadLetterSink(_ target: DeadLetterQueueTarget?, connections: RuntimeConnections) throws
        -> (any DeadLetterSink)?
    {
        nil
    }
}

extension ProcessorRuntime.Settings {
    /// Settings for tests: `components`, a checkpoint after every step, a short idle wait.
    static func testing(_ components: TestRunComponents = TestRunComponents()) -> Self {
        var settings = Self()
        settings.components = components
        settings.checkpointIntervalMillis = 0
        settings.idleDelay = .milliseconds(5)
        return settings
    }
}

/// Polls `condition` every 10 ms until it holds or `seconds` pass; returns whether it held.
func eventually(within seconds: Double = 10, _ condition: () throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return try condition()
}
