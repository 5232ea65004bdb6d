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
        var mark = session.output.count
        session.type("40 + 2\r")
        try session.waitFor("42", after: mark)
        mark = session.output.count
        session.type("let x = {\r")
        try session.waitFor("... ", after: mark)
        session.type("  a: [1, 2]\r")
        session.type("}\r")
        session.type("x\r")
        try session.waitFor("{ a: [ 1, 2 ] }", after: mark)
        session.type("\u{4}")
        #expect(session.waitForExit() == 0)
    }

    @Test func ctrlCClearsTheLineAndStopsARunningScript() throws {
        let session = try start()
        var mark = session.output.count
        session.type("this is not finished")
        try session.waitFor("finished", after: mark)
        mark = session.output.count
        session.type("\u{3}")
        try session.waitFor("\r\n> ", after: mark)  // a fresh prompt, as a person would wait for
        session.type("'after'\r")
        try session.waitFor("after\r\n", after: mark)
        mark = session.output.count
        session.type("while (true) {}\r")
        usleep(300_000)
        session.type("\u{3}")
        try session.waitFor("Error: execution was interrupted", after: mark)
        mark = session.output.count
        session.type("'alive'\r")
        try session.waitFor("alive\r\n", after: mark)
        session.type("exit\r")
        #expect(session.waitForExit() == 0)
    }

    @Test func historyIsRecalledAndSavedPrivately() throws {
        let session = try start()
        var mark = session.output.count
        session.type("6 * 7\r")
        try session.waitFor("42", after: mark)
        session.type("let y = [\r1]\r")
        mark = session.output.count
        session.type("\u{1b}[A\u{1b}[A\r")  // Up twice: back to 6 * 7
        try session.waitFor("42", after: mark)
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
