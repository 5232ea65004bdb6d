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

    /// The connections of `workspace` as `spsh serve` keeps them in `stateDirectory`, plus the built-in
    /// samples, for `spsh process` and `sp.process`.
    ///
    /// SKELETON: only the built-in samples; the serve family reads the state directory.
    package static func load(
        stateDirectory: URL, workspace: String = "local", defaultMongoURI: String = "mongodb://127.0.0.1:27017",
        clusterURIs: [String: String] = [:]
    ) throws -> RuntimeConnections {
        RuntimeConnections(entries: builtInSamples, defaultMongoURI: defaultMongoURI, clusterURIs: clusterURIs)
    }
}
