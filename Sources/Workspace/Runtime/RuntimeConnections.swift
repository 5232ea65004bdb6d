import BSONCore
import StreamEngine

/// The connections a running pipeline may name, with their secrets, and where each cluster's MongoDB is.
///
/// In the local workspace a `Cluster` connection resolves to a MongoDB URI: the one given to
/// `spsh serve --mongodb-uri` (default `mongodb://127.0.0.1:27017`), unless the serve config maps its
/// `clusterName` to a URI of its own.
package struct RuntimeConnections: Sendable {
    /// One connection as the registry stores it.
    package struct Entry: Sendable {
        /// Its name.
        package var name: String
        /// Its type: `Kafka`, `Cluster`, `Sample`, `Https`, ….
        package var type: String
        /// Every stored field (secrets included), as BSON.
        package var settings: BSONDocument

        /// An entry from its parts.
        package init(name: String, type: String, settings: BSONDocument) {
            self.name = name
            self.type = type
            self.settings = settings
        }
    }

    /// Connections by name.
    package var entries: [String: Entry]
    /// The MongoDB URI every cluster resolves to unless mapped.
    package var defaultMongoURI: String
    /// `clusterName` to URI, from the serve config.
    package var clusterURIs: [String: String]
    /// The file the built-in `__testLog` sink (§5.2a) appends the processor's outputs to, one relaxed Extended JSON
    /// line each; `nil` outside `spsh serve` (`spsh process`, `sp.process`), where the sink writes nowhere durable.
    package var testLogPath: String?

    /// Connections from their parts.
    package init(
        entries: [String: Entry] = [:], defaultMongoURI: String = "mongodb://127.0.0.1:27017",
        clusterURIs: [String: String] = [:]
    ) {
        self.entries = entries
        self.defaultMongoURI = defaultMongoURI
        self.clusterURIs = clusterURIs
    }

    /// The types by name, for `ProcessorOptions.connectionTypes`.
    package var types: [String: String] { entries.mapValues(\.type) }

    /// The MongoDB URI behind the cluster connection `name`, or a 420 error naming what is wrong.
    package func mongoURI(forConnection name: String) throws(StreamEngineError) -> String {
        guard let entry = entries[name] else {
            throw .invalid("Connection '\(name)' does not exist")
        }
        guard entry.type == "Cluster" else {
            throw .invalid("Connection '\(name)' is a \(entry.type) connection; a Cluster connection is needed here")
        }
        if case .string(let cluster) = entry.settings["clusterName"], let uri = clusterURIs[cluster] { return uri }
        return defaultMongoURI
    }
}
