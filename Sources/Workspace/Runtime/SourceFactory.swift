import BSONCore
import StreamEngine

/// Builds the `StreamSource` a parsed `$source` names: documents, sample generators, files (Kafka and change
/// streams come with the Kafka issue).
package enum SourceFactory {
    /// The source for `spec`; throws code 420 for an unknown connection or a source that cannot run here.
    ///
    /// SKELETON: the sources family fills this in.
    package static func makeSource(
        _ spec: SourceSpec, connections: RuntimeConnections, clock: any EngineClock
    ) throws(StreamEngineError) -> any StreamSource {
        throw .invalid("No source can run this $source yet")
    }
}
