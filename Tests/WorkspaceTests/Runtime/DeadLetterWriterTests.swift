import BSONCore
import MongoBridge
import StreamEngine
import TestSupport
import Testing
import Workspace

/// The DLQ collection writer (§6) and `$lookup`'s resolver (§4.3) against the real server.
@Suite(.tags(.medium), .enabled(if: TestServers.mongoTestsEnabled, "SPSH_TEST_MONGODB_URI is not set"))
struct DeadLetterWriterTests {
    static func entry(_ index: Int) -> BSONDocument {
        [
            "_stream_meta": .document(["source": .document(["type": .string("generated")])]),
            "errInfo": .document([
                "reason": .string(
                    "Failed to process input document in AddFieldsOperator with error: can't $divide by zero")
            ]),
            "operatorName": .string("AddFieldsOperator"),
            "doc": .document(["_id": .int32(Int32(index)), "a": .int32(0), "b": .int32(0)]),
            "processorName": .string("p1"),
            "instanceName": .string("local"),
            "dlqTime": .datetime(1_700_000_000_000),
        ]
    }

    @Test func insertsEntriesInTheSection6Shape() throws {
        try SinkTestDatabase.with { database in
            let writer = DeadLetterWriter(client: database.client, db: database.name, coll: "dlq", maxDocuments: 2)
            try writer.write((0..<3).map(Self.entry))
            let stored = try database.documents("dlq")
            #expect(stored.count == 3)
            for (index, document) in stored.enumerated() {
                #expect(document.keys.first == "_id")
                if case .objectID? = document["_id"] {} else { Issue.record("_id is not an ObjectId: \(document)") }
                var withoutID = document
                withoutID["_id"] = nil
                #expect(
                    ExtendedJSON.serialize(withoutID, mode: .canonical)
                        == ExtendedJSON.serialize(Self.entry(index), mode: .canonical))
            }
        }
    }

    @Test func lookupReturnsTheMatches() throws {
        try SinkTestDatabase.with { database in
            try database.insert(
                "products", [#"{"_id":1,"sku":"a"}"#, #"{"_id":2,"sku":"b"}"#, #"{"_id":3,"sku":"a"}"#])
            let connections = RuntimeConnections(
                entries: [
                    "cluster": .init(
                        name: "cluster", type: "Cluster", settings: ["clusterName": .string("Cluster0")])
                ],
                defaultMongoURI: try TestServers.requireMongoURI())
            let resolver = MongoLookupResolver(connections: connections)
            let matches = try resolver.aggregate(
                connectionName: "cluster", db: database.name, coll: "products",
                pipeline: [["$match": .document(["sku": .string("a")])], ["$sort": .document(["_id": .int32(1)])]])
            #expect(
                matches.map { ExtendedJSON.serialize($0, mode: .relaxed) } == [
                    #"{"_id":1,"sku":"a"}"#, #"{"_id":3,"sku":"a"}"#,
                ])
            #expect(throws: (any Error).self) {
                _ = try resolver.aggregate(
                    connectionName: "cluster", db: database.name, coll: "products",
                    pipeline: [["$noSuchStage": .document([:])]])
            }
            #expect(throws: StreamEngineError.invalid("Connection 'missing' does not exist")) {
                _ = try resolver.aggregate(connectionName: "missing", db: database.name, coll: "products", pipeline: [])
            }
        }
    }

    @Test func sinkFactoryBuildsWritersThroughTheClusterConnection() throws {
        try SinkTestDatabase.with { database in
            let connections = RuntimeConnections(
                entries: ["cluster": .init(name: "cluster", type: "Cluster", settings: [:])],
                defaultMongoURI: try TestServers.requireMongoURI())
            let clients = MongoClientCache()
            defer { clients.closeAll() }
            let sink = try SinkFactory.makeSink(
                .merge(database.merge("out")), connections: connections, clients: clients)
            #expect(try sink.write(database.outputs("out", [#"{"_id":1}"#])).isEmpty)
            let dlq = try #require(
                try SinkFactory.makeDeadLetterSink(
                    DeadLetterQueueTarget(connectionName: "cluster", db: database.name, coll: "dlq"),
                    connections: connections))  // its own cache, released at once: the writer keeps its client
            try dlq.write([Self.entry(0)])
            #expect(try database.contents("out") == [#"{"_id":1}"#])
            #expect(try database.documents("dlq").count == 1)
        }
    }
}
