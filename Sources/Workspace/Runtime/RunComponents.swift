import BSONCore
import Foundation
import StreamEngine

/// Builds the parts of a processor's run besides the executor: its source, its sink and its DLQ writer. `spsh
/// serve` uses `StandardRunComponents`; tests inject sources and sinks of their own.
package protocol RunComponents: Sendable {
    /// The source the parsed `$source` names.
    func makeSource(_ spec: SourceSpec, connections: RuntimeConnections, clock: any EngineClock) throws
        -> any StreamSource
    /// The writer for the parsed sink.
    func makeSink(_ spec: SinkSpec, connections: RuntimeConnections) throws -> any OutputSink
    /// The DLQ writer, or nil when no DLQ is configured.
    func makeDeadLetterSink(_ target: DeadLetterQueueTarget?, connections: RuntimeConnections) throws
        -> (any DeadLetterSink)?
}

/// The real parts: `SourceFactory` and `SinkFactory`.
package struct StandardRunComponents: RunComponents {
    /// The factories' parts.
    package init() {}

    /// `SourceFactory.makeSource`.
    package func makeSource(_ spec: SourceSpec, connections: RuntimeConnections, clock: any EngineClock) throws
        -> any StreamSource
    {
        try SourceFactory.makeSource(spec, connections: connections, clock: clock)
    }

    /// `SinkFactory.makeSink`.
    package func makeSink(_ spec: SinkSpec, connections: RuntimeConnections) throws -> any OutputSink {
        try SinkFactory.makeSink(spec, connections: connections)
    }

    /// `SinkFactory.makeDeadLetterSink`.
    package func makeDeadLetterSink(_ target: DeadLetterQueueTarget?, connections: RuntimeConnections) throws
        -> (any DeadLetterSink)?
    {
        try SinkFactory.makeDeadLetterSink(target, connections: connections)
    }
}
