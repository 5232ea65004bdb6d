import BSONCore
import StreamEngine

/// Builds the `StreamSource` a parsed `$source` names: documents, sample generators, files (Kafka and change
/// streams come with the Kafka issue).
package enum SourceFactory {
    /// The source for `spec`; throws code 420 for an unknown connection or a source that cannot run here.
    /// Sample generators are seeded from the clock, so each run differs (tests build them with a seed).
    package static func makeSource(
        _ spec: SourceSpec, connections: RuntimeConnections, clock: any EngineClock
    ) throws(StreamEngineError) -> any StreamSource {
        switch spec.kind {
        case .documents(let documents):
            return DocumentsSource(documents)
        case .file(let path):
            return try FileSource(path: path)
        case .connection(let name, _):
            guard let entry = connections.entries[name] ?? RuntimeConnections.builtInSamples[name] else {
                throw .invalid("Connection '\(name)' does not exist")
            }
            let seed = UInt64(bitPattern: clock.now())
            switch entry.type.lowercased() {
            case "sample", "sample_solar":
                switch name {
                case "sample_stream_solar": return SampleSolarSource(clock: clock, seed: seed)
                case "sample_stock_trades": return SampleStockTradesSource(clock: clock, seed: seed)
                // Atlas's Sample connections serve the solar dataset (§10), whatever they are called.
                default: return SampleSolarSource(clock: clock, seed: seed)
                }
            case "kafka", "cluster", "atlas":
                throw .invalid(
                    "Connection '\(name)' is a \(entry.type) connection: Kafka and change-stream sources are not "
                        + "supported locally yet (they come with the Kafka issue)")
            default:
                throw .invalid("Connection '\(name)' of type \(entry.type) cannot be a $source")
            }
        }
    }
}
