import BSONCore
import Foundation
import StreamEngine
import TestSupport
import Testing
import Workspace

/// Checkpoint files (§8) round-trip and are replaced atomically; the runtime's connections come from the stored
/// workspace with their secrets, and clusters resolve to the serve URI or the config's own.
@Suite(.tags(.small)) struct CheckpointAndConnectionsTests {
    static func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("spsh-checkpoint-\(UUID().uuidString)")
    }

    static var withWatermark: EngineStats {
        var stats = EngineStats()
        stats.inputMessageCount = 7
        stats.outputMessageSize = 1234
        stats.watermark = 1_700_000_000_123
        return stats
    }

    @Test(arguments: [
        Checkpoint(sourcePosition: .int64(3), engine: ["windows": .array([])], stats: EngineStats()),
        Checkpoint(sourcePosition: nil, engine: [:], stats: withWatermark),
        Checkpoint(
            sourcePosition: .document(["partition": .int32(0), "offset": .int64(42)]), engine: ["x": .string("é")],
            stats: withWatermark),
    ])
    func roundTrips(checkpoint: Checkpoint) throws {
        let store = CheckpointStore(url: Self.folder())
        defer { try? FileManager.default.removeItem(at: store.url) }
        #expect(try store.load(workspace: "local", processorId: "p") == nil)
        try store.save(checkpoint, workspace: "local", processorId: "p")
        #expect(try store.load(workspace: "local", processorId: "p") == checkpoint)
        store.remove(workspace: "local", processorId: "p")
        #expect(try store.load(workspace: "local", processorId: "p") == nil)
    }

    @Test func aSaveReplacesTheWholeFileAndLeftoverTempFilesAreIgnoredThenRemoved() throws {
        let store = CheckpointStore(url: Self.folder())
        defer { try? FileManager.default.removeItem(at: store.url) }
        let older = Checkpoint(
            sourcePosition: .int64(1), engine: ["big": .string(String(repeating: "x", count: 4096))],
            stats: EngineStats())
        let newer = Checkpoint(sourcePosition: .int64(2), engine: [:], stats: Self.withWatermark)
        try store.save(older, workspace: "w s", processorId: "p1")
        // What a kill -9 in the middle of the next save leaves: a torn temp file beside the intact checkpoint.
        let file = store.fileURL(workspace: "w s", processorId: "p1")
        let torn = URL(fileURLWithPath: file.path + ".tmp-4242")
        try Data(newer.document.encoded().prefix(10)).write(to: torn)
        #expect(try store.load(workspace: "w s", processorId: "p1") == older)
        store.prepare()
        #expect(!FileManager.default.fileExists(atPath: torn.path))
        try store.save(newer, workspace: "w s", processorId: "p1")
        #expect(try store.load(workspace: "w s", processorId: "p1") == newer)
        let names = try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
        #expect(names == ["p1.bson"])
    }

    @Test func aTornCheckpointIsAnErrorNamingTheFile() throws {
        let store = CheckpointStore(url: Self.folder())
        defer { try? FileManager.default.removeItem(at: store.url) }
        let file = store.fileURL(workspace: "local", processorId: "p")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data([1, 2, 3]).write(to: file)
        #expect {
            try store.load(workspace: "local", processorId: "p")
        } throws: { "\($0)".contains(file.path) }
    }

    @Test(arguments: [
        ("c0", [:], "mongodb://127.0.0.1:27017"),
        ("c0", ["Cluster0": "mongodb://other:27018"], "mongodb://other:27018"),
        ("c1", ["Cluster0": "mongodb://other:27018"], "mongodb://127.0.0.1:27017"),
    ])
    func loadsTheStoredConnectionsWithSecrets(connection: String, clusters: [String: String], uri: String) throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try WorkspaceStore(directory: directory)
        for body in [
            #"{"name":"c0","type":"Cluster","clusterName":"Cluster0"}"#,
            #"{"name":"c1","type":"Cluster","clusterName":"Other"}"#,
            #"{"name":"k","type":"Kafka","bootstrapServers":"b:9092","authentication":{"mechanism":"PLAIN","username":"u","password":"secret"}}"#,
        ] {
            _ = try store.createConnection(group: "g", workspace: "local", body: try JSONValue.parse(body))
        }
        let loaded = try RuntimeConnections.load(stateDirectory: directory, clusterURIs: clusters)
        #expect(try loaded.mongoURI(forConnection: connection) == uri)
        #expect(loaded.entries["k"]?.settings["authentication"]?.documentValue?["password"] == .string("secret"))
        #expect(loaded.types["k"] == "Kafka")
        #expect(loaded.types["sample_stock_trades"] == "Sample")
        #expect(loaded.entries["sample_stream_solar"]?.settings["state"] == .string("READY"))
    }

    @Test func aWorkspaceThatWasNeverServedHasOnlyTheSamples() throws {
        let loaded = try RuntimeConnections.load(stateDirectory: Self.folder(), workspace: "nowhere")
        #expect(loaded.entries.keys.sorted() == ["sample_stock_trades", "sample_stream_solar"])
    }
}

/// `spsh serve --config`: the `clusters` map.
@Suite(.tags(.small)) struct ServeConfigClustersTests {
    @Test(
        arguments: [
            (#"{"apiKeys": []}"#, [:], nil),
            (
                #"{"clusters": {"Cluster0": "mongodb://a:1", "Other": "mongodb://b:2"}}"#,
                ["Cluster0": "mongodb://a:1", "Other": "mongodb://b:2"], nil
            ),
            (#"{"clusters": ["mongodb://a:1"]}"#, [:], "clusters must be an object of clusterName to URI"),
            (#"{"clusters": {"Cluster0": 5}}"#, [:], "clusters.Cluster0 must be a MongoDB URI string"),
        ] as [(String, [String: String], String?)])
    func readsTheClusterMap(text: String, expected: [String: String], problem: String?) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("spsh-config-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(text.utf8).write(to: file)
        if let problem {
            #expect { try ServeConfigFile.clusterURIs(at: file.path) } throws: { "\($0)".hasSuffix(problem) }
        } else {
            #expect(try ServeConfigFile.clusterURIs(at: file.path) == expected)
        }
    }
}
