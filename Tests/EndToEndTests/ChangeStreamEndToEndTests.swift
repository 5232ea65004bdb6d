import Foundation
import TestSupport
import Testing

/// `spsh --eval 'db.c.watch()'`: events print as they arrive, like server documents, until Ctrl-C ends the
/// stream and spsh exits cleanly.
@Suite(.tags(.large), .enabled(if: TestServers.mongoTestsEnabled, "SPSH_TEST_MONGODB_URI is not set"))
struct ChangeStreamEndToEndTests {
    let uri: String

    init() throws {
        uri = "\(try TestServers.requireMongoURI())/e2e_watch_\(UUID().uuidString.prefix(8).lowercased())"
    }

    @Test func watchPrintsEventsUntilInterrupted() throws {
        defer { _ = try? SpshProcess.run([uri, "--eval", "db.runCommand({ dropDatabase: 1 })"]) }
        let watcher = try StreamingSpshProcess([uri, "--eval", "db.c.watch([{ $match: { operationType: 'insert' } }])"])
        // The stream opens some time after start: insert until the first event shows, then one more to follow.
        var next = 0
        func insertNext() throws {
            next += 1
            _ = try SpshProcess.run([uri, "--eval", "db.c.insertOne({ _id: \(next), n: \(next) })"])
        }
        let sawFirst = try watcher.waitForOutput(
            timeout: 15, between: insertNext, until: { $0.contains("operationType: 'insert'") })
        #expect(sawFirst, "stdout: \(watcher.stdout) stderr: \(watcher.stderr)")
        _ = try SpshProcess.run([uri, "--eval", "db.c.insertOne({ _id: 'last', n: 0 }); db.c.deleteOne({ _id: 1 })"])
        let sawLast = try watcher.waitForOutput(timeout: 10) { $0.contains("fullDocument: { _id: 'last', n: 0 }") }
        #expect(sawLast, "stdout: \(watcher.stdout)")

        let interruptedAt = Date()
        watcher.interrupt()
        let status = watcher.waitForExit(timeout: 5)
        #expect(status == 0)
        #expect(Date().timeIntervalSince(interruptedAt) < 3)
        #expect(watcher.stderr == "")
        let stdout = watcher.stdout
        // Each event prints as a server document: an `_id` resume token first, then the event's fields.
        #expect(stdout.hasPrefix("{\n  _id: {\n    _data: '"), "stdout: \(stdout)")
        #expect(stdout.contains("  ns: { db: 'e2e_watch_"))
        #expect(stdout.contains("documentKey: { _id: 'last' }"))
        #expect(!stdout.contains("operationType: 'delete'"))  // filtered by the $match stage
    }
}
