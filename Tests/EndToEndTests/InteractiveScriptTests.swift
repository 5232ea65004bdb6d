import Foundation
import TestSupport
import Testing

/// Scripts at the prompt on a real pseudo-terminal: `sleep` and `load` stopped by Ctrl-C, the rc file run
/// before the first prompt, and errors inside loaded files.
@Suite(.tags(.large))
final class InteractiveScriptTests {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("spsh-home-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: home) }

    func start(_ arguments: [String] = ["--nodb"]) throws -> TerminalSession {
        let session = try TerminalSession(
            arguments: arguments, environment: ["SPSH_HOME": home.path, "HOME": home.path])
        try session.waitFor("> ")
        return session
    }

    @Test func ctrlCStopsALongSleepAndTheShellCarriesOn() throws {
        let session = try start()
        var mark = session.output.count
        session.type("print('before'); sleep(100000); print('after')\r")
        try session.waitFor("before\r\n", after: mark)
        let pressed = Date()
        session.type("\u{3}")
        try session.waitFor("Error: execution was interrupted", after: mark)
        #expect(Date().timeIntervalSince(pressed) < 5)
        #expect(!session.output.dropFirst(mark).contains("\r\nafter\r\n"))
        mark = session.output.count
        session.type("'alive'\r")
        try session.waitFor("alive\r\n", after: mark)
        session.type("exit\r")
        #expect(session.waitForExit() == 0)
    }

    @Test func ctrlCStopsALoopInsideALoadedFile() throws {
        let spin = home.appendingPathComponent("spin.js")
        try "function spin() {\n  while (true) {}\n}\nspin()\n".write(to: spin, atomically: true, encoding: .utf8)
        let session = try start()
        var mark = session.output.count
        session.type("load('\(spin.path)')\r")
        usleep(300_000)
        session.type("\u{3}")
        try session.waitFor("Error: execution was interrupted", after: mark)
        mark = session.output.count
        session.type("1 + 1\r")
        try session.waitFor("2\r\n", after: mark)
        session.type("exit\r")
        #expect(session.waitForExit() == 0)
    }

    @Test func rcFileRunsBeforeTheFirstPrompt() throws {
        try "print('rc ready')\nvar desk = 'equities'\n".write(
            to: home.appendingPathComponent(".spshrc.js"), atomically: true, encoding: .utf8)
        let session = try start()
        #expect(session.output.contains("rc ready"))
        let mark = session.output.count
        session.type("desk\r")
        try session.waitFor("equities\r\n", after: mark)
        session.type("exit\r")
        #expect(session.waitForExit() == 0)
    }

    @Test func norcSkipsTheRCFile() throws {
        try "var desk = 'equities'\n".write(
            to: home.appendingPathComponent(".spshrc.js"), atomically: true, encoding: .utf8)
        let session = try start(["--nodb", "--norc"])
        let mark = session.output.count
        session.type("typeof desk\r")
        try session.waitFor("undefined\r\n", after: mark)
        session.type("exit\r")
        #expect(session.waitForExit() == 0)
    }

    @Test func anErrorInALoadedFileShowsItsLineAtThePrompt() throws {
        let helpers = home.appendingPathComponent("helpers.js")
        try "function spread(bid, ask) {\n  return ask.price - bid.price\n}\n".write(
            to: helpers, atomically: true, encoding: .utf8)
        let session = try start()
        var mark = session.output.count
        session.type("load('\(helpers.path)')\r")
        try session.waitFor("true\r\n", after: mark)
        mark = session.output.count
        session.type("spread({price: 1})\r")
        let seen = try session.waitFor("^", after: mark)
        #expect(
            seen.contains(
                "TypeError: Cannot read properties of undefined (reading 'price')\r\n    at \(helpers.path):2:3\r\n"
                    + "      return ask.price - bid.price\r\n      ^"))
        session.type("exit\r")
        #expect(session.waitForExit() == 0)
    }
}
