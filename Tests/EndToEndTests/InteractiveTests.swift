import Foundation
import TestSupport
import Testing

/// The prompt on a real pseudo-terminal: libedit editing, continuation lines, history, Ctrl-C and Ctrl-D.
@Suite(.tags(.large))
final class InteractiveTests {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("spsh-home-\(UUID().uuidString)")

    deinit { try? FileManager.default.removeItem(at: home) }

    func start() throws -> TerminalSession {
        let session = try TerminalSession(arguments: ["--nodb"], environment: ["SPSH_HOME": home.path])
        try session.waitFor("> ")
        return session
    }

    @Test func evaluatesAndContinuesIncompleteInput() throws {
        let session = try start()
        try session.send("40 + 2\r", thenWaitFor: "42")
        let mark = session.output.count
        try session.send("let x = {\r", thenWaitFor: "... ")
        session.type("  a: [1, 2]\r")
        session.type("}\r")
        session.type("x\r")
        try session.waitFor("{ a: [ 1, 2 ] }", after: mark)
        session.type("\u{4}")
        #expect(session.waitForExit() == 0)
    }

    @Test func ctrlCClearsTheLineAndStopsARunningScript() throws {
        let session = try start()
        try session.send("this is not finished", thenWaitFor: "finished")
        try session.send("\u{3}", thenWaitFor: "\r\n> ")  // a fresh prompt, as a person would wait for
        try session.send("'after'\r", thenWaitFor: "after\r\n")
        let mark = session.output.count
        session.type("while (true) {}\r")
        usleep(300_000)
        session.type("\u{3}")
        try session.waitFor("Error: execution was interrupted", after: mark)
        try session.send("'alive'\r", thenWaitFor: "alive\r\n")
        session.type("exit\r")
        #expect(session.waitForExit() == 0)
    }

    @Test func historyIsRecalledAndSavedPrivately() throws {
        let session = try start()
        try session.send("6 * 7\r", thenWaitFor: "42")
        try session.send("let y = [\r1]\r", thenWaitFor: "1]\r\n> ")
        try session.send("\u{1b}[A\u{1b}[A\r", thenWaitFor: "42")  // Up twice: back to 6 * 7
        session.type("quit\r")
        #expect(session.waitForExit() == 0)
        let file = home.appendingPathComponent("history")
        #expect(try String(contentsOf: file, encoding: .utf8) == "6 * 7\nlet y = [\\n1]\n6 * 7\nquit\n")
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        let folderMode = try FileManager.default.attributesOfItem(atPath: home.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(folderMode == 0o700)
    }
}
