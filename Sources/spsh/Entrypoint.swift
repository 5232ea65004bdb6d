import ArgumentParser
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
        version: SpshVersion.current)

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

    @Option(name: .customLong("server-selection-timeout-ms"), help: "How long to wait for the server, in ms.")
    var serverSelectionTimeoutMS = 5000

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
            databaseName: MongoCommandRunner.databaseName(in: uri) ?? "test")
        let terminal = isatty(STDIN_FILENO) == 1
        let colors = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let session = Session(shell: shell, colors: colors)
        var status: Int32 = 0
        if !eval.isEmpty { status = session.runEval(eval) }
        for path in file where status == 0 { status = session.runFile(path) }
        if interactive {
            if terminal {
                if !quiet { greet(connection) }
                status = session.runInteractive(historyFile: HistoryFile(url: HistoryFile.defaultURL()))
            } else {
                status = session.runPiped()
            }
        }
        if let connection {
            connection.client.close()
            MongoClient.cleanUpLibrary()
        }
        if status != 0 { throw ExitCode(status) }
    }

    private func greet(_ connection: MongoCommandRunner?) {
        var lines: [String] = []
        if let connection {
            lines.append("Connecting to:\t\t\(connection.client.redactedURI)")
            lines.append("Using MongoDB:\t\t\((try? connection.client.serverVersion()) ?? "unknown")")
        }
        lines.append("Using spsh:\t\t\(SpshVersion.current)")
        print(lines.joined(separator: "\n") + "\n")
    }
}

enum SpshVersion {
    static let current = "0.1.0"
}
