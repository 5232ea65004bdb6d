import Foundation
import TestSupport
import Testing

/// The built binary without a database: options, exit codes, errors, exact output.
@Suite(.tags(.large))
struct CommandLineTests {
    @Test func evalPrintsLastValue() throws {
        let result = try SpshProcess.run(["--nodb", "--eval", "let a = 40", "--eval", "a + 2"])
        #expect(result.stdout == "42\n")
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }

    @Test func evalPrintsDocumentsInMongoshForm() throws {
        let result = try SpshProcess.run([
            "--nodb", "--eval",
            "({ _id: ObjectId('5fa5694f88211043b23c7f11'), symbol: 'ZVZZT', price: 12.5, volume: NumberLong(300), windowStart: ISODate('2025-11-21T04:42:00Z') })",
        ])
        #expect(
            result.stdout == """
                {
                  _id: ObjectId('5fa5694f88211043b23c7f11'),
                  symbol: 'ZVZZT',
                  price: 12.5,
                  volume: Long('300'),
                  windowStart: ISODate('2025-11-21T04:42:00.000Z')
                }

                """)
        #expect(result.status == 0)
    }

    @Test func evalStringIsPrintedRaw() throws {
        let result = try SpshProcess.run(["--nodb", "--eval", "'a' + 'b'"])
        #expect(result.stdout == "ab\n")
    }

    @Test func referenceErrorExitsOne() throws {
        let result = try SpshProcess.run(["--nodb", "--eval", "1 +\n  missing"])
        #expect(result.stdout == "")
        #expect(
            result.stderr == """
                ReferenceError: missing is not defined
                    at <eval>:2:3
                      missing
                      ^

                """)
        #expect(result.status == 1)
    }

    @Test func syntaxErrorNamesThePosition() throws {
        let result = try SpshProcess.run(["--nodb", "--eval", "f(1, 2;"])
        #expect(
            result.stderr == """
                SyntaxError: Expected ')' after arguments, found ';'
                    at <eval>:1:7
                    f(1, 2;
                          ^

                """)
        #expect(result.status == 1)
    }

    @Test func callingANonFunction() throws {
        let result = try SpshProcess.run(["--nodb", "--eval", "let o = {a: 1}; o.a()"])
        #expect(result.stderr.hasPrefix("TypeError: o.a is not a function\n"))
        #expect(result.status == 1)
    }

    @Test func scriptFileErrorShowsFileLineAndColumn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spsh-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("report.js")
        try "print('start')\nconst total = 1 + 2\nprint(total)\nundefinedThing.x\nprint('never')\n"
            .write(to: script, atomically: true, encoding: .utf8)
        let result = try SpshProcess.run(["--nodb", "--file", script.path])
        #expect(result.stdout == "start\n3\n")
        #expect(
            result.stderr == """
                ReferenceError: undefinedThing is not defined
                    at \(script.path):4:1
                    undefinedThing.x
                    ^

                """)
        #expect(result.status == 1)
    }

    @Test func nodbHasNoDatabase() throws {
        let result = try SpshProcess.run(["--nodb", "--eval", "db.trades.find()"])
        #expect(
            result.stderr.hasPrefix(
                "MongoshInvalidInputError: [SPSH-1002] No database connection: spsh was started with --nodb\n"))
        #expect(result.status == 1)
    }

    @Test func pipedInputPrintsLikeThePromptAndCarriesOn() throws {
        let result = try SpshProcess.run(["--nodb"], stdin: "let x = {\n  a: [1, 2,\n 3]\n}\nx\nnope\nx.a.length\n")
        #expect(result.stdout == "{ a: [ 1, 2, 3 ] }\n3\n")
        #expect(result.stderr == "ReferenceError: nope is not defined\n")
        #expect(result.status == 0)
    }

    @Test func exitWithCode() throws {
        let result = try SpshProcess.run(["--nodb"], stdin: "print(1)\nexit(3)\nprint(2)\n")
        #expect(result.stdout == "1\n")
        #expect(result.status == 3)
    }

    @Test func exitCannotBeCaught() throws {
        let result = try SpshProcess.run([
            "--nodb", "--eval", "try { exit(4) } catch (e) { print('caught') } finally { print('finally') }",
        ])
        #expect(result.stdout == "finally\n")
        #expect(result.status == 4)
    }

    @Test func versionFlag() throws {
        let result = try SpshProcess.run(["--version"])
        #expect(result.stdout == "0.1.0\n")
        #expect(result.status == 0)
    }

    @Test func badURIIsOneClearLine() throws {
        let result = try SpshProcess.run(["mongodb://trader:pa:ss@127.0.0.1:99999/test", "--eval", "1"])
        #expect(result.stdout == "")
        #expect(
            result.stderr == """
                spsh: MongoParseError: Invalid connection string 'mongodb://trader:****@127.0.0.1:99999/test': \
                Password "****" must not have unescaped chars. Percent-encode username and password according to RFC 3986

                """)
        #expect(result.status == 1)
    }

    @Test func unreachableServerFailsWithinTheTimeout() throws {
        let uri = "mongodb://127.0.0.1:9/test"
        let result = try SpshProcess.run([uri, "--server-selection-timeout-ms", "500", "--eval", "1"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("spsh: MongoServerSelectionError"))
        #expect(result.stderr.contains("127.0.0.1:9"))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        #expect(result.seconds < 5)
    }

    @Test func unbalancedBracketsAreReportedAndTheShellCarriesOn() throws {
        let result = try SpshProcess.run(["--nodb"], stdin: "f(1))\nprint('next')\nlet a = [1, 2\n")
        #expect(result.stdout == "next\n")
        #expect(
            result.stderr == """
                SyntaxError: Expected ';' after expression, found ')'
                SyntaxError: Expected ']' after array elements, found end of input

                """)
        #expect(result.status == 0)
    }

    @Test func helpText() throws {
        let result = try SpshProcess.run(["--help"])
        #expect(
            result.stdout == """
                OVERVIEW: A shell for MongoDB Atlas Stream Processing and MongoDB.

                USAGE: spsh [<uri>] [--eval <code> ...] [--file <path> ...] [--nodb] [--quiet] [--norc] \
                [--json <mode>] [--server-selection-timeout-ms <ms>] [--atlas-base-url <url>] \
                [--atlas-project-id <id>] [--atlas-workspace <name>] \
                [--atlas-public-key <key> --atlas-private-key <key>] \
                [--atlas-client-id <id> --atlas-client-secret <secret>]
                       spsh serve [--port <port>] [--state-dir <dir>] [--bind <addr> --allow-remote] [--config <file>] \
                [--mongodb-uri <uri>]
                       spsh process <pipeline.json> [--mongodb-uri <uri>] [--state-dir <dir>] [--output <file>|-] [--quiet]

                ARGUMENTS:
                  <uri>                   MongoDB connection string, host:port/db, or a
                                          database name on 127.0.0.1. (default:
                                          mongodb://127.0.0.1:27017/test)

                ATLAS STREAM PROCESSING:
                  --atlas-base-url <url>  The Atlas Admin API to use (default: Atlas, or the
                                          local workspace).
                  --atlas-project-id <id> The Atlas project (group) id.
                  --atlas-workspace <name>
                                          The stream processing workspace to manage.
                  --atlas-public-key <key>
                                          Atlas API public key.
                  --atlas-private-key <key>
                                          Atlas API private key (visible to `ps`: prefer the
                                          environment).
                  --atlas-client-id <id>  Service account client id.
                  --atlas-client-secret <secret>
                                          Service account secret (visible to `ps`: prefer the
                                          environment).

                OPTIONS:
                  --eval <code>           Evaluate JavaScript and print the last value (may
                                          repeat).
                  -f, --file <path>       Run a script file (may repeat).
                  --nodb                  Do not connect to a database.
                  --quiet                 Do not print the greeting.
                  --norc                  Do not run ~/.spshrc.js at start.
                  --json <mode>           Print the --eval result as Extended JSON:
                                          --json[=canonical|relaxed].
                  --server-selection-timeout-ms <server-selection-timeout-ms>
                                          How long to wait for the server, in ms. (default:
                                          5000)
                  --version               Show the version.
                  -h, --help              Show help information.

                SUBCOMMANDS:
                  serve                   Run the local workspace: an Atlas Admin API server
                                          for stream processing on 127.0.0.1.
                  process                 Run a stream processing pipeline (a JSON array of
                                          stages, or {pipeline, options}) to its end.

                  See 'spsh help <subcommand>' for detailed help.

                """)
        #expect(result.status == 0)
    }
}
