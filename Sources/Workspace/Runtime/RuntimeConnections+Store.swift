import BSONCore
import Foundation
import StreamEngine

extension RuntimeConnections {
    /// The sample connections every workspace has, even when none is registered (§10, §9).
    package static let builtInSamples: [String: Entry] = [
        "sample_stream_solar": Entry(
            name: "sample_stream_solar", type: "Sample", settings: ["type": .string("Sample")]),
        "sample_stock_trades": Entry(
            name: "sample_stock_trades", type: "Sample", settings: ["type": .string("Sample")]),
    ]

    /// The connections of `workspace` as `spsh serve` keeps them in `stateDirectory` (secrets included), plus the
    /// built-in samples, for `spsh process` and `sp.process`. A workspace that does not exist yet (no serve ever
    /// ran there) has only the samples.
    package static func load(
        stateDirectory: URL, workspace: String = "local", defaultMongoURI: String = "mongodb://127.0.0.1:27017",
        clusterURIs: [String: String] = [:]
    ) throws -> RuntimeConnections {
        let file = StateDirectory(url: stateDirectory).fileURL(for: workspace)
        guard FileManager.default.fileExists(atPath: file.path) else {
            return RuntimeConnections(
                entries: builtInSamples, defaultMongoURI: defaultMongoURI, clusterURIs: clusterURIs)
        }
        let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        guard let record = WorkspaceRecord(stored: try JSONValue.parse(text)) else {
            throw StateError(message: "Workspace file '\(file.path)' does not hold a workspace")
        }
        return try RuntimeConnections(
            connections: record.connections, defaultMongoURI: defaultMongoURI, clusterURIs: clusterURIs)
    }

    /// Connections from the workspace's stored connection objects, plus the built-in samples (a registered
    /// connection of the same name wins).
    init(connections: [JSONValue], defaultMongoURI: String, clusterURIs: [String: String]) throws {
        var entries = Self.builtInSamples
        for stored in connections {
            guard let name = stored["name"]?.stringValue else { continue }
            let settings = try Self.document(stored, what: "connection '\(name)'")
            entries[name] = Entry(name: name, type: stored["type"]?.stringValue ?? "", settings: settings)
        }
        self.init(entries: entries, defaultMongoURI: defaultMongoURI, clusterURIs: clusterURIs)
    }

    /// A stored JSON object as BSON, read as Extended JSON (so `{"$date": …}` and friends keep their types).
    static func document(_ value: JSONValue, what: String) throws -> BSONDocument {
        do {
            return try ExtendedJSON.parseDocument(value.text)
        } catch {
            throw StateError(message: "The stored \(what) is not a valid Extended JSON document: \(error)")
        }
    }

    /// A stored pipeline (JSON stages) as BSON stages, read as Extended JSON.
    static func pipeline(_ stages: [JSONValue]) throws -> [BSONDocument] {
        try stages.enumerated().map { index, stage in try document(stage, what: "pipeline stage \(index)") }
    }
}
