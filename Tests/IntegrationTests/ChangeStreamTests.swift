import BSONCore
import Foundation
import Interpreter
import REPL
import ShellAPI
import TestSupport
import Testing

@testable import spsh

/// A change-stream script and what it prints.
struct ChangeStreamCase: Sendable, CustomTestStringConvertible {
    var script: String
    var printed: String
    var testDescription: String { script }
}

/// `watch()` and the `ChangeStreamCursor` methods in scripts, against the real SecantusDB. Each script opens
/// its stream before writing, so the events are waiting when it reads.
@Suite(.tags(.medium), .enabled(if: TestServers.mongoTestsEnabled, "SPSH_TEST_MONGODB_URI is not set"))
final class ChangeStreamTests {
    let server: ServerShell
    var database: String { server.database }
    var output: TextSink { server.output }
    var errors: TextSink { server.errors }
    var session: Session { server.session }
    var shell: Shell { server.shell }

    init() throws { server = try ServerShell(prefix: "watch") }

    /// Runs `script` as `--eval` code; returns (exit status, stdout, stderr).
    func run(_ script: String) -> (Int32, String, String) {
        let status = session.runEval([script]).status
        return (status, output.buffer, errors.buffer)
    }

    static let cases: [ChangeStreamCase] = [
        ChangeStreamCase(
            script: """
                const cs = db.c.watch(); print(cs.tryNext()); db.c.insertOne({_id: 1});
                let e = null; while (e === null) e = cs.tryNext();
                print(e.operationType, e.documentKey._id, e.ns.coll, typeof e._id._data)
                """,
            printed: "null\ninsert 1 c string\n"),
        ChangeStreamCase(
            script: """
                const cs = db.c.watch(); db.c.insertOne({_id: 1}); db.c.updateOne({_id: 1}, {$set: {a: 2}});
                print(cs.hasNext(), cs.next().operationType, cs.next().updateDescription.updatedFields.a)
                """,
            printed: "true insert 2\n"),
        ChangeStreamCase(
            script: """
                const cs = db.c.watch([{$match: {operationType: 'delete'}}]);
                db.c.insertMany([{_id: 1}, {_id: 2}]); db.c.deleteMany({});
                const ids = []; for (const e of cs) { ids.push(e.documentKey._id); if (ids.length === 2) break; }
                print(ids.join(','))
                """,
            printed: "1,2\n"),
        ChangeStreamCase(
            script: """
                const cs = db.c.watch(); db.c.insertMany([{_id: 1}, {_id: 2}, {_id: 3}]);
                const seen = []; cs.forEach(e => { seen.push(e.documentKey._id); return seen.length < 2 });
                print(seen.join(','))
                """,
            printed: "1,2\n"),
        ChangeStreamCase(
            script: """
                const cs = db.watch(); db.a.insertOne({_id: 1}); db.b.insertOne({_id: 2});
                print(cs.next().ns.coll, cs.next().ns.coll)
                """,
            printed: "a b\n"),
        ChangeStreamCase(
            script: """
                const cs = db.c.watch([], {fullDocument: 'updateLookup'}); db.c.insertOne({_id: 1, a: 1});
                db.c.updateOne({_id: 1}, {$inc: {a: 1}}); cs.next(); const u = cs.next();
                print(u.fullDocument.a, Object.keys(cs.getResumeToken()).join(), cs.isClosed());
                cs.close(); print(cs.isClosed())
                """,
            printed: "2 _data false\ntrue\n"),
    ]

    @Test(arguments: cases) func script(_ testCase: ChangeStreamCase) {
        let (status, stdout, stderr) = run(testCase.script)
        #expect(stderr == "")
        #expect(status == 0)
        #expect(stdout == testCase.printed)
    }

    @Test func readingAClosedStreamFails() {
        let (status, _, stderr) = run("const cs = db.c.watch(); cs.close(); cs.tryNext()")
        #expect(status == 1)
        #expect(stderr.hasPrefix("MongoInvalidArgumentError: The change stream is closed"), "stderr: \(stderr)")
    }

    @Test func badStageIsAServerError() {
        let (status, _, stderr) = run("db.c.watch([{$bogus: 1}])")
        #expect(status == 1)
        #expect(stderr.hasPrefix("MongoServerError"), "stderr: \(stderr)")
    }

    /// `hasNext()` waits for an event; Ctrl-C stops it within about a second with the interpreter's error.
    @Test func waitingIsInterruptible() {
        let flag = shell.interpreter.interruptFlag
        let started = Date()
        let interrupter = Thread {
            usleep(500_000)
            flag.set()
        }
        interrupter.start()
        let (status, _, stderr) = run("db.c.watch().hasNext()")
        #expect(status == 1)
        #expect(stderr.hasPrefix("Error: execution was interrupted"), "stderr: \(stderr)")
        #expect(Date().timeIntervalSince(started) < 2.5)
    }

    /// As the value of `--eval`, the stream prints its events (each like a server document) until Ctrl-C,
    /// then the shell goes on: exit status 0.
    @Test func streamValuePrintsEventsUntilInterrupted() throws {
        let uri = try TestServers.requireMongoURI()
        let flag = shell.interpreter.interruptFlag
        let database = database
        let insert = BSONDocument([
            ("insert", .string("c")), ("documents", .array([.document(BSONDocument([("_id", .int32(7))]))])),
        ])
        // The stream opens at once; the event arrives well within the 1.5 s before Ctrl-C.
        let background = Thread {
            usleep(500_000)
            // A second connection, as another client writing while the shell watches.
            if let writer = try? MongoCommandRunner.connect(uri: uri, serverSelectionTimeoutMS: 5000) {
                _ = try? writer.runWriteCommand(insert, database: database, isBulkWrite: false)
                writer.client.close()
            }
            usleep(1_500_000)
            flag.set()
        }
        background.start()
        let status = session.runEval(["db.c.watch()"]).status
        #expect(status == 0)
        #expect(errors.buffer == "")
        #expect(output.buffer.hasPrefix("{\n  _id: {\n    _data: '"), "stdout: \(output.buffer)")
        #expect(output.buffer.contains("  operationType: 'insert',\n"))
        #expect(output.buffer.contains("  fullDocument: { _id: 7 },\n"))
    }
}
