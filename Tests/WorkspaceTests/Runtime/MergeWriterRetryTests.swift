import BSONCore
import Dispatch
import MongoBridge
import StreamEngine
import TestSupport
import Testing
import Workspace

/// The `$merge` writer retries a transient failure: a server that stops answering for a moment (frozen with
/// SIGSTOP, so the first attempt times out) gets the batch once it answers again.
@Suite(.tags(.medium), .enabled(if: ThrowawayMongoServer.enabled, "SPSH_TEST_SECANTUSD is not set"))
struct MergeWriterRetryTests {
    /// Hands the server to the thread that wakes it (the test waits for the write meanwhile).
    final class ServerBox: @unchecked Sendable {
        let server: ThrowawayMongoServer
        init(_ server: ThrowawayMongoServer) { self.server = server }
    }

    @Test func aServerThatStopsAnsweringForAMomentGetsTheBatch() throws {
        let box = ServerBox(try ThrowawayMongoServer())
        defer { box.server.stop() }
        let client = try MongoClient(uri: box.server.uri + "/?socketTimeoutMS=400")
        defer { client.close() }
        let spec = MergeSpec(connectionName: "cluster", db: .literal("retry"), coll: .literal("out"))
        let writer = try MergeWriter(
            spec: spec, client: client, retry: WriteRetry(attempts: 8, initialDelay: .milliseconds(200)))
        func outputs(_ ids: [Int32]) -> [OutputDocument] {
            ids.map {
                OutputDocument(document: ["_id": .int32($0)], namespace: ("retry", "out"), metadata: StreamMetadata())
            }
        }
        #expect(try writer.write(outputs([1])).isEmpty)
        box.server.suspend()
        DispatchQueue.global().asyncAfter(deadline: .now() + 1.2) { box.server.resume() }
        #expect(try writer.write(outputs([2, 3])).isEmpty)
        #expect(try client.countDocuments(database: "retry", collection: "out", filter: BSONDocument()) == 3)
    }
}
