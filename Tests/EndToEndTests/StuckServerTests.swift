import Foundation
import TestSupport
import Testing

/// A server that stops answering in the middle of a call: Ctrl-C cannot stop a libmongoc call under way, so the
/// first press waits for it and a second press quits spsh with status 130, history kept.
@Suite(.tags(.large), .enabled(if: ThrowawayMongoServer.enabled, "SPSH_TEST_SECANTUSD is not set"))
final class StuckServerTests {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("spsh-home-\(UUID().uuidString)")

    deinit { try? FileManager.default.removeItem(at: home) }

    @Test func secondCtrlCQuitsWhileTheServerHangs() throws {
        let server = try ThrowawayMongoServer()
        defer { server.stop() }
        let session = try TerminalSession(
            arguments: [server.uri + "/stuck", "--norc"], environment: ["SPSH_HOME": home.path, "HOME": home.path])
        try session.waitFor("stuck> ")
        try session.send("db.c.insertOne({_id: 1}).acknowledged\r", thenWaitFor: "true\r\n")
        server.suspend()
        let mark = session.output.count
        session.type("db.c.find().toArray()\r")
        usleep(300_000)
        session.type("\u{3}")
        usleep(300_000)
        #expect(!session.output.dropFirst(mark).contains("stuck> "), "the call is still waiting for the server")
        session.type("\u{3}")
        try session.waitFor("interrupted twice while waiting for the server; quitting", after: mark)
        #expect(session.waitForExit() == 130)
        let history = try String(contentsOf: home.appendingPathComponent("history"), encoding: .utf8)
        #expect(history == "db.c.insertOne({_id: 1}).acknowledged\ndb.c.find().toArray()\n")
    }
}
