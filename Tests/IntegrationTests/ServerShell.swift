import BSONCore
import Foundation
import Interpreter
import REPL
import ShellAPI
import TestSupport
import Testing

@testable import spsh

/// A shell session on the real SecantusDB in a database of its own (dropped at the end), for the db API
/// suites: `type` feeds lines as if piped to stdin and returns what they printed; `command` and `names` read
/// the server's state directly, past the shell.
final class ServerShell {
    let database: String
    let output = TextSink.capture()
    let errors = TextSink.capture()
    let shell: Shell
    let session: Session
    let runner: MongoCommandRunner

    /// Connects; `prefix` starts the database name, so a leftover database names its suite.
    init(prefix: String) throws {
        database = "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
        runner = try MongoCommandRunner.connect(uri: try TestServers.requireMongoURI(), serverSelectionTimeoutMS: 5000)
        shell = Shell(interpreter: Interpreter(), connection: runner, databaseName: database)
        session = Session(shell: shell, colors: false, output: output, errors: errors)
    }

    deinit {
        _ = try? runner.runCommand(BSONDocument([("dropDatabase", .int32(1))]), database: database)
        runner.client.close()
    }

    /// Feeds lines as if piped to stdin; returns (stdout, stderr) of just these lines.
    func type(_ lines: String) -> (out: String, err: String) {
        let outBefore = output.buffer.count
        let errBefore = errors.buffer.count
        var remaining = lines.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        _ = session.runPiped { remaining.popFirst() }
        return (String(output.buffer.dropFirst(outBefore)), String(errors.buffer.dropFirst(errBefore)))
    }

    /// Runs a command on the test database (or another) directly and returns the reply.
    func command(_ command: BSONDocument, on database: String? = nil) throws -> BSONDocument {
        try runner.runCommand(command, database: database ?? self.database)
    }

    /// The test database's `listCollections` entries, by name.
    func collections() throws -> [String: BSONDocument] {
        let cursor = try runner.runCursorCommand(BSONDocument([("listCollections", .int32(1))]), database: database)
        defer { cursor.close() }
        var entries: [String: BSONDocument] = [:]
        while let entry = try cursor.next() {
            if case .string(let name)? = entry["name"] { entries[name] = entry }
        }
        return entries
    }

    /// The names of a collection's indexes, sorted.
    func indexNames(_ collection: String) throws -> [String] {
        let cursor = try runner.runCursorCommand(
            BSONDocument([("listIndexes", .string(collection))]), database: database)
        defer { cursor.close() }
        var names: [String] = []
        while let index = try cursor.next() {
            if case .string(let name)? = index["name"] { names.append(name) }
        }
        return names.sorted()
    }

    /// The documents of a collection, by `_id`, without the shell.
    func documents(_ collection: String) throws -> [BSONDocument] {
        let cursor = try runner.find(
            database: database, collection: collection, filter: BSONDocument(),
            options: BSONDocument([("sort", .document(BSONDocument([("_id", .int32(1))])))]))
        defer { cursor.close() }
        var documents: [BSONDocument] = []
        while let document = try cursor.next() { documents.append(document) }
        return documents
    }
}
