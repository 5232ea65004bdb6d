import Foundation
import TestSupport
import Testing

/// The built binary without a database: `--json`, the rc file and `--norc`, `quit(code)`, `load()` paths
/// and errors, compared exactly.
@Suite(.tags(.large))
final class ScriptOptionsTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spsh-options-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("home"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("reports/lib"), withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    @discardableResult
    func write(_ relativePath: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(relativePath)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    var home: [String: String] { ["HOME": folder.appendingPathComponent("home").path] }

    static let trade =
        "({ _id: ObjectId('5fa5694f88211043b23c7f11'), symbol: 'MDB', price: 402.17, qty: NumberLong(300), "
        + "at: ISODate('2025-11-21T04:42:00Z'), venues: ['XNAS', 'XNYS'] })"

    @Test func jsonRelaxedIsExtendedJSONOtherProgramsCanRead() throws {
        let result = try SpshProcess.run(["--nodb", "--json=relaxed", "--eval", Self.trade])
        #expect(
            result.stdout == """
                {
                  "_id": {
                    "$oid": "5fa5694f88211043b23c7f11"
                  },
                  "symbol": "MDB",
                  "price": 402.17,
                  "qty": 300,
                  "at": {
                    "$date": "2025-11-21T04:42:00Z"
                  },
                  "venues": [
                    "XNAS",
                    "XNYS"
                  ]
                }

                """)
        #expect(result.stderr == "")
        #expect(result.status == 0)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(parsed["symbol"] as? String == "MDB")
        #expect(parsed["qty"] as? Int == 300)
        #expect((parsed["_id"] as? [String: String])?["$oid"] == "5fa5694f88211043b23c7f11")
    }

    @Test(arguments: [["--json"], ["--json=canonical"], ["--json", "canonical"]])
    func jsonAloneIsCanonicalAsInMongosh(option: [String]) throws {
        let result = try SpshProcess.run(["--nodb"] + option + ["--eval", "({ n: 1, x: 1.5, at: new Date(0) })"])
        #expect(
            result.stdout == """
                {
                  "n": {
                    "$numberInt": "1"
                  },
                  "x": {
                    "$numberDouble": "1.5"
                  },
                  "at": {
                    "$date": {
                      "$numberLong": "0"
                    }
                  }
                }

                """)
        #expect(result.status == 0)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((parsed["x"] as? [String: String])?["$numberDouble"] == "1.5")
    }

    @Test func jsonPrintsTheErrorOnStdoutAndExitsOne() throws {
        let result = try SpshProcess.run(["--nodb", "--json=relaxed", "--eval", "const t = {}\nt.price.toFixed(2)"])
        #expect(
            result.stdout == """
                {
                  "message": "Cannot read properties of undefined (reading 'toFixed')",
                  "stack": "TypeError: Cannot read properties of undefined (reading 'toFixed')\\n    at <eval>:2:1",
                  "name": "TypeError"
                }

                """)
        #expect(result.stderr == "")
        #expect(result.status == 1)
    }

    @Test(arguments: [["--json"], ["--json=relaxed", "--file", "x.js"]])
    func jsonNeedsEvalAndNoFiles(arguments: [String]) throws {
        let result = try SpshProcess.run(["--nodb"] + arguments)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("Error: Cannot use --json without --eval or with --file\n"))
        #expect(result.status == 64)
    }

    @Test func rcFileRunsBeforeThePromptOnly() throws {
        try write("home/.spshrc.js", "print('rc loaded')\nfunction vwap(ts) { return 42 }\n")
        let piped = try SpshProcess.run(["--nodb"], stdin: "vwap([])\n", environment: home)
        #expect(piped.stdout == "rc loaded\n42\n")
        #expect(piped.stderr == "")
        let noRC = try SpshProcess.run(["--nodb", "--norc"], stdin: "typeof vwap\n", environment: home)
        #expect(noRC.stdout == "undefined\n")
        let eval = try SpshProcess.run(["--nodb", "--eval", "typeof vwap"], environment: home)
        #expect(eval.stdout == "undefined\n")
        let file = try SpshProcess.run(
            ["--nodb", "--file", try write("check.js", "print(typeof vwap)\n")], environment: home)
        #expect(file.stdout == "undefined\n")
    }

    @Test func anErrorInTheRCFileIsReportedAndTheShellCarriesOn() throws {
        let rc = try write("home/.spshrc.js", "var ready = true\nsetUpDashboards()\nvar never = 1\n")
        let result = try SpshProcess.run(["--nodb"], stdin: "ready\ntypeof never\n", environment: home)
        #expect(result.stdout == "true\nundefined\n")
        #expect(
            result.stderr == """
                Error while running ~/.spshrc.js:
                ReferenceError: setUpDashboards is not defined
                    at \(rc):2:1
                    setUpDashboards()
                    ^

                """)
        #expect(result.status == 0)
    }

    @Test func quitEndsTheRunWithItsCode() throws {
        let first = try write("first.js", "print('checking')\nif (1 + 1 === 2) quit(3)\nprint('unreachable')\n")
        let second = try write("second.js", "print('second')\n")
        let result = try SpshProcess.run(["--nodb", "--file", first, "--file", second])
        #expect(result.stdout == "checking\n")
        #expect(result.stderr == "")
        #expect(result.status == 3)
    }

    @Test func evalRunsBeforeFilesWhichRunInOrder() throws {
        let first = try write("first.js", "print('first', limit)\n42\n")
        let second = try write("second.js", "print('second')\n")
        let result = try SpshProcess.run(["--nodb", "-f", first, "--file", second, "--eval", "var limit = 5"])
        #expect(result.stdout == "first 5\nsecond\n")
        #expect(result.status == 0)
    }

    @Test func loadResolvesAgainstTheCallingScriptsFolder() throws {
        try write("reports/lib/format.js", "function money(n) { return '$' + n.toFixed(2) }\n")
        try write(
            "reports/lib/helpers.js",
            "load('format.js')\nfunction total(xs) { return money(xs.reduce((a, b) => a + b, 0)) }\n")
        let main = try write("reports/main.js", "print(load('lib/helpers.js'))\nprint(total([1.5, 2.25]))\n")
        let result = try SpshProcess.run(
            ["--nodb", "--file", main], currentDirectory: folder.appendingPathComponent("home"))
        #expect(result.stdout == "true\n$3.75\n")
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }

    @Test func mongoshStyleDirnameLoadsWork() throws {
        try write("reports/lib/format.js", "function money(n) { return '$' + n.toFixed(2) }\n")
        let main = try write("reports/main.js", "load(__dirname + '/lib/format.js')\nprint(money(1), __filename)\n")
        let result = try SpshProcess.run(["--nodb", "--file", main])
        #expect(result.stdout == "$1.00 \(main)\n")
        #expect(result.status == 0)
    }

    @Test func loadInEvalResolvesAgainstTheCurrentDirectory() throws {
        try write("reports/lib/format.js", "function money(n) { return '$' + n.toFixed(2) }\n")
        let result = try SpshProcess.run(
            ["--nodb", "--eval", "load('lib/format.js') && money(2)"],
            currentDirectory: folder.appendingPathComponent("reports"))
        #expect(result.stdout == "$2.00\n")
        #expect(result.status == 0)
    }

    @Test func aMissingLoadedFileIsNamed() throws {
        let main = try write("reports/main.js", "print('start')\nload('lib/missing.js')\n")
        let missing = folder.appendingPathComponent("reports/lib/missing.js").standardizedFileURL.path
        let result = try SpshProcess.run(["--nodb", "--file", main])
        #expect(result.stdout == "start\n")
        #expect(
            result.stderr == """
                Error: ENOENT: no such file or directory, open '\(missing)'
                    at \(main):2:1
                    load('lib/missing.js')
                    ^

                """)
        #expect(result.status == 1)
    }

    @Test func aMissingScriptFileIsNamed() throws {
        let result = try SpshProcess.run(["--nodb", "--file", "no-such-report.js"], currentDirectory: folder)
        #expect(result.stderr == "Error: ENOENT: no such file or directory, open 'no-such-report.js'\n")
        #expect(result.status == 1)
    }
}
