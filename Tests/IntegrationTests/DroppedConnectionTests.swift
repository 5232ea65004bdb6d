import Foundation
import Interpreter
import REPL
import ShellAPI
import TestSupport
import Testing

@testable import spsh

/// A server that goes away mid-cursor: the shell says so clearly and carries on.
@Suite(.tags(.medium), .enabled(if: ThrowawayMongoServer.enabled, "SPSH_TEST_SECANTUSD is not set"))
struct DroppedConnectionTests {
    @Test func serverKilledBetweenBatches() throws {
        let server = try ThrowawayMongoServer()
        let runner = try MongoCommandRunner.connect(uri: server.uri + "/drop", serverSelectionTimeoutMS: 1000)
        defer { runner.client.close() }
        let output = TextSink.capture()
        let errors = TextSink.capture()
        let session = Session(
            shell: Shell(interpreter: Interpreter(), connection: runner, databaseName: "drop"), colors: false,
            output: output, errors: errors)
        var lines = [
            "db.c.insertMany(Array(300).fill(0).map((_, i) => ({ _id: i })))",
            "db.c.find().batchSize(25)",
        ][...]
        _ = session.runPiped { lines.popFirst() }
        #expect(errors.buffer == "")
        #expect(output.buffer.hasSuffix("Type \"it\" for more\n"))
        server.stop()
        lines = ["it", "it", "print('still here')"][...]
        _ = session.runPiped { lines.popFirst() }
        #expect(
            errors.buffer == """
                MongoNetworkError: Failed to send "getMore" command with database "drop": \
                Failed to read 4 bytes: socket error or timeout

                """)
        #expect(output.buffer.hasSuffix("Type \"it\" for more\nno cursor\nstill here\n"))
    }
}
