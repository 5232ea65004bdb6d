import Foundation
import Interpreter
import REPL
import ShellAPI
import TestSupport
import Testing

/// `--eval`, `--file`, `--json` and the rc file through a session with captured stdout and stderr.
@Suite(.tags(.medium))
final class SessionScriptTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spsh-session-\(UUID().uuidString)")
    let output = TextSink.capture()
    let errors = TextSink.capture()
    let session: Session

    init() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let shell = Shell(interpreter: Interpreter(), connection: nil, databaseName: "test")
        session = Session(shell: shell, colors: false, output: output, errors: errors)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func file(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func evalRunsBeforeFilesAndFilesRunInOrder() throws {
        let a = try file("a.js", "print('a', typeof fromEval)\nvar fromA = 1\n'not printed'\n")
        let b = try file("b.js", "print('b', fromA)\n")
        let status = session.runScripts(eval: ["var fromEval = 1", "print('eval')"], files: [a, b])
        #expect(output.buffer == "eval\na number\nb 1\n")
        #expect(errors.buffer == "")
        #expect(status == 0)
    }

    @Test func quitEndsTheRunWithItsCode() throws {
        let a = try file("a.js", "print('a')\nquit(3)\nprint('after quit')\n")
        let b = try file("b.js", "print('b')\n")
        #expect(session.runScripts(eval: [], files: [a, b]) == 3)
        #expect(output.buffer == "a\n")
    }

    @Test func quitWithoutCodeIsZeroAndStillStops() throws {
        let a = try file("a.js", "exit()\n")
        let b = try file("b.js", "print('b')\n")
        #expect(session.runScripts(eval: [], files: [a, b]) == 0)
        #expect(output.buffer == "")
    }

    @Test func anErrorStopsTheRunWithStatusOne() throws {
        let a = try file("a.js", "print('a')\nconst x = {}\nx.y.z\n")
        let b = try file("b.js", "print('b')\n")
        #expect(session.runScripts(eval: [], files: [a, b]) == 1)
        #expect(output.buffer == "a\n")
        #expect(
            errors.buffer == """
                TypeError: Cannot read properties of undefined (reading 'z')
                    at \(a):3:1
                    x.y.z
                    ^

                """)
    }

    @Test func anErrorInALoadedFileShowsThatFilesLine() throws {
        let helpers = try file(
            "helpers.js",
            "function ratio(a, b) {\n  if (b === 0) throw new RangeError('b is zero')\n  return a / b\n}\n")
        let main = try file("main.js", "load('helpers.js')\nprint(ratio(1, 2))\nprint(ratio(1, 0))\n")
        #expect(session.runScripts(eval: [], files: [main]) == 1)
        #expect(output.buffer == "0.5\n")
        #expect(
            errors.buffer == """
                RangeError: b is zero
                    at \(helpers):2:16
                      if (b === 0) throw new RangeError('b is zero')
                                   ^

                """)
    }

    @Test func aSyntaxErrorInALoadedFileShowsThatFilesLine() throws {
        let helpers = try file("helpers.js", "function ok() {}\nlet bad = (1, ;\n")
        #expect(session.runScripts(eval: ["load('\(helpers)')"], files: []) == 1)
        #expect(
            errors.buffer == """
                SyntaxError: Expected an expression, found ';'
                    at \(helpers):2:15
                    let bad = (1, ;
                                  ^

                """)
    }

    @Test func aMissingFileIsNamed() throws {
        let missing = folder.appendingPathComponent("nope.js").path
        #expect(session.runScripts(eval: [], files: [missing]) == 1)
        #expect(errors.buffer == "Error: ENOENT: no such file or directory, open '\(missing)'\n")
    }

    @Test(arguments: [
        (true, "{\n  \"n\": 1,\n  \"d\": {\n    \"$date\": \"1970-01-01T00:00:00Z\"\n  }\n}\n"),
        (
            false,
            "{\n  \"n\": {\n    \"$numberInt\": \"1\"\n  },\n  \"d\": {\n    \"$date\": {\n      \"$numberLong\": \"0\"\n    }\n  }\n}\n"
        ),
    ])
    func jsonPrintsTheLastEvalValue(relaxed: Bool, expected: String) {
        #expect(
            session.runScripts(
                eval: ["let v = 1", "({n: v, d: new Date(0)})"], files: [], json: relaxed ? .relaxed : .canonical) == 0)
        #expect(output.buffer == expected)
        #expect(errors.buffer == "")
    }

    @Test func jsonPrintsNothingForUndefined() {
        #expect(session.runScripts(eval: ["let v = 1"], files: [], json: .relaxed) == 0)
        #expect(output.buffer == "")
    }

    @Test func jsonPrintsAnErrorAsJSONOnStdout() {
        #expect(session.runScripts(eval: ["let v = 1", "v.x.y"], files: [], json: .relaxed) == 1)
        #expect(
            output.buffer == """
                {
                  "message": "Cannot read properties of undefined (reading 'y')",
                  "stack": "TypeError: Cannot read properties of undefined (reading 'y')\\n    at <eval 2>:1:1",
                  "name": "TypeError"
                }

                """)
        #expect(errors.buffer == "")
    }

    @Test func jsonKeepsAThrownErrorsOwnFields() {
        let source = "const e = new Error('bad trade'); e.code = 11000; e.symbol = 'MDB'; throw e"
        #expect(session.runScripts(eval: [source], files: [], json: .canonical) == 1)
        #expect(
            output.buffer == """
                {
                  "code": {
                    "$numberInt": "11000"
                  },
                  "symbol": "MDB",
                  "message": "bad trade",
                  "stack": "Error: bad trade\\n    at <eval>:1:69",
                  "name": "Error"
                }

                """)
    }

    @Test func jsonPrintsAThrownValueAsItIs() {
        #expect(session.runScripts(eval: ["throw {reason: 'halted'}"], files: [], json: .relaxed) == 1)
        #expect(output.buffer == "{\n  \"reason\": \"halted\"\n}\n")
    }

    @Test func jsonHonoursQuit() {
        #expect(session.runScripts(eval: ["quit(4)"], files: [], json: .relaxed) == 4)
        #expect(output.buffer == "")
    }

    @Test func rcFileErrorsAreReportedAndTheShellCarriesOn() throws {
        let rc = try file(".spshrc.js", "var fromRC = 1\nprint('rc')\nundefinedHelper()\n")
        #expect(session.runRCFile(at: URL(fileURLWithPath: rc)) == .completed)
        #expect(output.buffer == "rc\n")
        #expect(
            errors.buffer == """
                Error while running ~/.spshrc.js:
                ReferenceError: undefinedHelper is not defined
                    at \(rc):3:1
                    undefinedHelper()
                    ^

                """)
        #expect(session.runScripts(eval: ["fromRC + 1"], files: []) == 0)
        #expect(output.buffer == "rc\n2\n")
    }

    @Test func quitInTheRCFileEndsTheShell() throws {
        let rc = try file(".spshrc.js", "quit(2)\n")
        #expect(session.runRCFile(at: URL(fileURLWithPath: rc)) == .exited(2))
    }

    @Test func noRCFileIsFine() {
        #expect(session.runRCFile(at: folder.appendingPathComponent(".spshrc.js")) == .completed)
        #expect(errors.buffer == "")
    }

    @Test func isInteractiveFollowsTheSession() {
        _ = session.runScripts(eval: ["print(isInteractive())"], files: [])
        session.isInteractive = true
        _ = session.runScripts(eval: ["print(isInteractive())"], files: [])
        #expect(output.buffer == "false\ntrue\n")
    }

    @Test func consoleLogPrints() {
        _ = session.runScripts(eval: ["console.log('a', 1); console.error({b: 2})"], files: [])
        #expect(output.buffer == "a 1\n{ b: 2 }\n")
    }
}

/// The `.spshrc.js` location.
@Suite(.tags(.small))
struct RCFileTests {
    @Test func homeComesFromTheEnvironment() {
        #expect(RCFile.defaultURL(environment: ["HOME": "/home/trader"]).path == "/home/trader/.spshrc.js")
    }
}
