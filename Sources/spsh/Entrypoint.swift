import ArgumentParser
import BSONCore
import Foundation
import Interpreter
import MongoBridge
import REPL
import ShellAPI

/// `spsh [URI]`: the shell. Builds the real objects and hands them to the session; nothing else lives here.
@main
struct Spsh: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spsh",
        abstract: "A shell for MongoDB Atlas Stream Processing and MongoDB.",
        usage: """
            spsh [<uri>] [--eval <code> ...] [--file <path> ...] [--nodb] [--quiet] [--norc] [--json <mode>] \
            [--server-selection-timeout-ms <ms>] [--atlas-base-url <url>] [--atlas-project-id <id>] \
            [--atlas-workspace <name>] [--atlas-public-key <key> --atlas-private-key <key>] \
            [--atlas-client-id <id> --atlas-client-secret <secret>]
            spsh serve [--port <port>] [--state-dir <dir>] [--bind <addr> --allow-remote] [--config <file>] \
            [--mongodb-uri <uri>]
            spsh process <pipeline.json> [--mongodb-uri <uri>] [--state-dir <dir>] [--output <file>|-] [--quiet]
            """,
        version: ShellVersion.current,
        subcommands: [ServeCommand.self, ProcessCommand.self])

    @ArgumentParser.Argument(help: "MongoDB connection string, host:port/db, or a database name on 127.0.0.1.")
    var uri = "mongodb://127.0.0.1:27017/test"

    @Option(help: ArgumentHelp("Evaluate JavaScript and print the last value (may repeat).", valueName: "code"))
    var eval: [String] = []

    @Option(name: [.customShort("f"), .long], help: ArgumentHelp("Run a script file (may repeat).", valueName: "path"))
    var file: [String] = []

    @Flag(help: "Do not connect to a database.")
    var nodb = false

    @Flag(help: "Do not print the greeting.")
    var quiet = false

    @Flag(help: "Do not run ~/.spshrc.js at start.")
    var norc = false

    @Option(
        help: ArgumentHelp("Print the --eval result as Extended JSON: --json[=canonical|relaxed].", valueName: "mode"))
    var json: JSONMode?

    @Option(name: .customLong("server-selection-timeout-ms"), help: "How long to wait for the server, in ms.")
    var serverSelectionTimeoutMS = 5000

    @OptionGroup(title: "Atlas Stream Processing")
    var atlas: AtlasOptions

    /// `--json` alone means canonical, as in mongosh; ArgumentParser needs the value spelled out.
    /// `spsh serve …` goes straight to its command: the root's optional `<uri>` would otherwise take the word.
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == ServeCommand.configuration.commandName {
            return ServeCommand.main(Array(arguments.dropFirst()))
        }
        if arguments.first == ProcessCommand.configuration.commandName {
            return ProcessCommand.main(Array(arguments.dropFirst()))
        }
        if arguments == ["help", "serve"] { return ServeCommand.main(["--help"]) }
        if arguments == ["help", "process"] { return ProcessCommand.main(["--help"]) }
        for index in arguments.indices where arguments[index] == "--json" {
            let next = index + 1 < arguments.count ? arguments[index + 1] : ""
            if JSONMode(rawValue: next) == nil { arguments[index] = "--json=canonical" }
        }
        main(arguments)
    }

    func validate() throws {
        if json != nil && (eval.isEmpty || !file.isEmpty) {
            throw ValidationError("Cannot use --json without --eval or with --file")
        }
    }

    func run() throws {
        let interactive = eval.isEmpty && file.isEmpty
        let uri = MongoCommandRunner.connectionString(from: self.uri)
        let interpreter = Interpreter()
        var connection: MongoCommandRunner?
        if !nodb {
            do {
                connection = try MongoCommandRunner.connect(
                    uri: uri, serverSelectionTimeoutMS: serverSelectionTimeoutMS)
            } catch {
                let redacted = MongoClient.redactingPassword(in: uri)
                var line = "spsh: \(ErrorReport.headline(error))"
                if !line.contains(redacted) { line += " (connecting to \(redacted))" }
                FileHandle.standardError.write(Data((line.replacingOccurrences(of: "\n", with: " ") + "\n").utf8))
                throw ExitCode(1)
            }
        }
        let shell = Shell(
            interpreter: interpreter, connection: connection,
            databaseName: MongoCommandRunner.databaseName(in: uri) ?? "test", atlasAdmin: makeAtlasAdmin())
        shell.streamProcessing = InProcessStreams(
            stateDirectory: LocalWorkspace.home(environment: ProcessInfo.processInfo.environment)
                .appendingPathComponent("workspace"),
            mongoURI: nodb ? "mongodb://127.0.0.1:27017" : uri)
        let terminal = isatty(STDIN_FILENO) == 1
        let colors = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let session = Session(shell: shell, colors: colors)
        let status: Int32
        if interactive {
            if terminal && !quiet { greet(connection) }
            status = session.runForPerson(rcFile: norc ? nil : RCFile.defaultURL(), terminal: terminal)
        } else {
            status = session.runScripts(eval: eval, files: file, json: json?.mode)
        }
        if let connection {
            connection.client.close()
            MongoClient.cleanUpLibrary()
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// Where `sp` goes; a configuration that cannot be used (half an API key pair, say) is reported and `sp`
    /// then says it has no workspace.
    private func makeAtlasAdmin() -> (any AtlasAdmin)? {
        let say: (String) -> Void = { FileHandle.standardError.write(Data("spsh: \($0)\n".utf8)) }
        do {
            return try atlas.makeAtlasAdmin(environment: ProcessInfo.processInfo.environment, warn: say, announce: say)
        } catch {
            say("\(error); sp is not available")
            return nil
        }
    }

    private func greet(_ connection: MongoCommandRunner?) {
        var lines: [String] = []
        if let connection {
            lines.append("Connecting to:\t\t\(connection.client.redactedURI)")
            lines.append("Using MongoDB:\t\t\((try? connection.client.serverVersion()) ?? "unknown")")
        }
        lines.append("Using spsh:\t\t\(ShellVersion.current)")
        print(lines.joined(separator: "\n") + "\n")
    }
}

/// `--json=canonical` or `--json=relaxed`.
enum JSONMode: String, ExpressibleByArgument {
    case canonical, relaxed

    var mode: ExtendedJSONMode { self == .relaxed ? .relaxed : .canonical }
}
