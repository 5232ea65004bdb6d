import Foundation
import Interpreter
import ShellAPI
import TestSupport
import Testing

/// `load(path)` with real files in a temporary folder: paths relative to the calling script, nesting, the
/// shared global scope, and errors that name the loaded file.
@Suite(.tags(.medium))
final class LoadGlobalTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spsh-load-\(UUID().uuidString)")
    let shell = Shell(interpreter: Interpreter(), connection: nil, databaseName: "test")

    init() throws {
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("lib/deeper"), withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func write(_ relativePath: String, _ text: String) throws {
        try text.write(to: folder.appendingPathComponent(relativePath), atomically: true, encoding: .utf8)
    }

    func path(_ relativePath: String) -> String {
        folder.appendingPathComponent(relativePath).standardizedFileURL.path
    }

    @Test func nestedLoadsResolveAgainstTheCallingFile() throws {
        try write("main.js", "var loaded = load('lib/helpers.js')\nvar total = twice(base)\n")
        try write("lib/helpers.js", "load('deeper/constants.js')\nfunction twice(x) { return 2 * x }\n")
        try write("lib/deeper/constants.js", "var base = 21\n")
        _ = try shell.interpreter.evaluate(
            try String(contentsOfFile: path("main.js"), encoding: .utf8), fileName: path("main.js"))
        guard case .bool(true)? = shell.interpreter.global("loaded"),
            case .number(42)? = shell.interpreter.global("total")
        else {
            Issue.record("load() should return true and share the global scope")
            return
        }
    }

    @Test func fileNameAndFolderAreSetWhileAFileRuns() throws {
        try write("lib/where.js", "var seen = [__filename, __dirname]\n")
        let result = try shell.interpreter.evaluate(
            "load('\(path("lib/where.js"))'); seen.concat([typeof __filename]).join()", fileName: "<eval>")
        guard case .string(let text) = result else {
            Issue.record("expected a string, got \(result)")
            return
        }
        #expect(text == "\(path("lib/where.js")),\(path("lib")),undefined")
    }

    @Test(arguments: [
        ("lib/x.js", "/srv/reports", "/srv/reports/lib/x.js"),
        ("../x.js", "/srv/reports", "/srv/x.js"),
        ("./x.js", "/srv/reports", "/srv/reports/x.js"),
        ("/abs/./y.js", "/srv/reports", "/abs/y.js"),
    ])
    func pathsResolveAgainstAFolder(path: String, folder: String, expected: String) {
        #expect(ScriptFile.resolve(path, relativeTo: folder) == expected)
    }

    @Test func atThePromptPathsResolveAgainstTheCurrentDirectory() {
        #expect(ScriptFile.folder(ofScript: "<repl>") == nil)
        #expect(ScriptFile.folder(ofScript: "<eval 2>") == nil)
        #expect(ScriptFile.folder(ofScript: "/srv/reports/main.js") == "/srv/reports")
        let current = FileManager.default.currentDirectoryPath
        #expect(
            ScriptFile.resolve("x.js", relativeTo: nil)
                == URL(fileURLWithPath: current + "/x.js").standardizedFileURL.path)
    }

    @Test func runtimeErrorsPointIntoTheLoadedFile() throws {
        try write(
            "lib/helpers.js", "function vwap(trades) {\n  return trades.reduce((s, t) => s + t.px, 0) / volume\n}\n")
        let main = "load('\(path("lib/helpers.js"))')\nvwap([])\n"
        let error = try #require(throws: ScriptError.self) { try shell.interpreter.evaluate(main, fileName: "<eval>") }
        #expect(error.description == "ReferenceError: volume is not defined")
        #expect(error.fileName == path("lib/helpers.js"))
        #expect(error.range.start.line == 2)
    }

    @Test func syntaxErrorsNameTheLoadedFile() throws {
        try write("broken.js", "let ok = 1\nlet bad = (1, ;\n")
        let error = try #require(throws: ScriptError.self) {
            try shell.interpreter.evaluate("load('\(path("broken.js"))')", fileName: "<eval>")
        }
        let loaded = try #require(error.underlying as? LoadedFileSyntaxError)
        #expect(loaded.fileName == path("broken.js"))
        #expect(loaded.syntaxError.range.start.line == 2)
        #expect(error.description == "SyntaxError: Expected an expression, found ';'")
    }

    @Test func scriptsCanCatchLoadErrors() throws {
        let source =
            "let name; try { load('\(path("missing.js"))') } catch (e) { name = e.name + ': ' + e.message }; name"
        let result = try shell.interpreter.evaluate(source, fileName: "<eval>")
        guard case .string(let text) = result else {
            Issue.record("expected a string, got \(result)")
            return
        }
        #expect(text == "Error: ENOENT: no such file or directory, open '\(path("missing.js"))'")
    }

    @Test(arguments: [
        ("load()", "[SPSH-1003] load() takes a file path, found undefined"),
        ("load(5)", "[SPSH-1003] load() takes a file path, found number"),
    ])
    func loadNeedsAPath(source: String, message: String) throws {
        let error = try #require(throws: ScriptError.self) {
            try shell.interpreter.evaluate(source, fileName: "<eval>")
        }
        #expect(error.message == message)
    }

    @Test func aFolderIsNotAScript() throws {
        let error = try #require(throws: ScriptError.self) {
            try shell.interpreter.evaluate("load('\(path("lib"))')", fileName: "<eval>")
        }
        #expect(error.description == "Error: EISDIR: illegal operation on a directory, read")
    }
}
