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
        let mark = session.output.count
        try session.send("print('before'); sleep(100000); print('after')\r", thenWaitFor: "before\r\n")
        let pressed = Date()
        session.type("\u{3}")
        try session.waitFor("Error: execution was interrupted", after: mark)
        #expect(Date().timeIntervalSince(pressed) < 5)
        #expect(!session.output.dropFirst(mark).contains("\r\nafter\r\n"))
        try session.send("'alive'\r", thenWaitFor: "alive\r\n")
        session.type("exit\r")
        #expect(session.waitForExit() == 0)
    }

    @Test func ctrlCStopsALoopInsideALoadedFile() throws {
        let spin = home.appendingPathComponent("spin.js")
        try "function spin() {\n  while (true) {}\n}\nspin()\n".write(to: spin, atomically: true, encoding: .utf8)
        let session = try start()
        let mark = session.output.count
        session.type("load('\(spin.path)')\r")
        usleep(300_000)
        session.type("\u{3}")
        try session.waitFor("Error: execution was interrupted", after: mark)
        try session.send("1 + 1\r", thenWaitFor: "2\r\n")
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
        try session.send("load('\(helpers.path)')\r", thenWaitFor: "true\r\n")
        let seen = try session.send("spread({price: 1})\r", thenWaitFor: "^")
        #expect(
            seen.contains(
                "TypeError: Cannot read properties of undefined (reading 'price')\r\n    at \(helpers.path):2:3\r\n"
                    + "      return ask.price - bid.price\r\n      ^"))
        session.type("exit\r")
        #expect(session.waitForExit() == 0)
    }
}
