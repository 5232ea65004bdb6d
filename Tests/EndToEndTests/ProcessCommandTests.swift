import Foundation
import TestSupport
import Testing

/// `spsh process PIPELINE.json`, the built binary: output lines, DLQ lines, exit codes and messages.
@Suite(.tags(.large))
struct ProcessCommandTests {
    /// A fresh folder holding `files` (name to contents).
    private func folder(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spsh-process-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: url.appendingPathComponent(name)) }
        return url
    }

    /// The output lines with the wall-clock `_ts` of sources without a timeField replaced by `T`.
    private func masked(_ text: String) -> String {
        text.replacingOccurrences(
            of: #""_ts":\{"\$date":"[0-9T:.Z-]+"\}"#, with: #""_ts":T"#, options: .regularExpression
        ).replacingOccurrences(
            of: #""dlqTime":\{"\$date":"[0-9T:.Z-]+"\}"#, with: #""dlqTime":T"#, options: .regularExpression)
    }

    @Test func documentsSourceWritesRelaxedExtendedJSONLines() throws {
        let dir = try folder([
            "p.json":
                #"[{"$source": {"documents": [{"a": 1, "n": {"$numberLong": "5"}}, {"b": "x", "d": {"$date": "2024-01-01T00:00:00.5Z"}}]}}]"#
        ])
        let result = try SpshProcess.run(["process", "p.json"], currentDirectory: dir)
        #expect(
            masked(result.stdout) == """
                {"a":1,"n":5,"_ts":T,"_stream_meta":{"source":{"type":"generated"}}}
                {"b":"x","d":{"$date":"2024-01-01T00:00:00.500Z"},"_ts":T,"_stream_meta":{"source":{"type":"generated"}}}

                """)
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }

    @Test func fileSourceReadsToTheEndAndSendsBadLinesToStderr() throws {
        let dir = try folder([
            "p.json": #"{"pipeline": [{"$source": {"path": "trades.jsonl"}}], "options": {}}"#,
            "trades.jsonl": """
            {"side":"BUY","quantity":10,"price":1.5}
            oops
            {"side":"SELL","quantity":5000000000,"price":2}

            """,
        ])
        let result = try SpshProcess.run(["process", "p.json"], currentDirectory: dir)
        #expect(
            masked(result.stdout) == """
                {"side":"BUY","quantity":10,"price":1.5,"_ts":T,"_stream_meta":{"source":{"type":"generated"}}}
                {"side":"SELL","quantity":5000000000,"price":2,"_ts":T,"_stream_meta":{"source":{"type":"generated"}}}

                """)
        #expect(
            masked(result.stderr) == """
                {"_dlqMessage":{"_stream_meta":{"source":{"type":"generated"}},"errInfo":{"reason":"Failed to parse input document at trades.jsonl:2:1: Expected a value, found 'o'"},"operatorName":"FileSourceOperator","doc":{"path":"trades.jsonl","line":2,"text":"oops"},"processorName":"spsh-process","instanceName":"local","dlqTime":T}}

                """)
        #expect(result.status == 0)
    }

    @Test func quietAndOutputFile() throws {
        let dir = try folder(["p.json": #"[{"$source": {"documents": [{"a": 1}]}}]"#])
        let quiet = try SpshProcess.run(["process", "p.json", "--quiet"], currentDirectory: dir)
        #expect(quiet.stdout == "")
        #expect(quiet.status == 0)
        let toFile = try SpshProcess.run(["process", "p.json", "--output", "out.jsonl"], currentDirectory: dir)
        #expect(toFile.stdout == "")
        let written = try String(contentsOf: dir.appendingPathComponent("out.jsonl"), encoding: .utf8)
        #expect(masked(written) == #"{"a":1,"_ts":T,"_stream_meta":{"source":{"type":"generated"}}}"# + "\n")
    }

    @Test(
        "Invalid pipelines print ASP's message and exit 1",
        arguments: [
            (#"[{"$match": {}}]"#, "StreamProcessorInvalidOptions: First stage must be $source, found: $match\n"),
            (
                #"[{"$source": {}}]"#,
                "StreamProcessorInvalidOptions: $source must contain 'connectionName' field in it\n"
            ),
            (
                #"[{"$source": {"connectionName": "nope"}}]"#,
                "StreamProcessorInvalidOptions: Connection 'nope' does not exist\n"
            ),
            (
                #"[{"$source": {"path": "missing.jsonl"}}]"#,
                "StreamProcessorInvalidOptions: Cannot read the $source file 'missing.jsonl': No such file or directory\n"
            ),
            (
                #"[{"$source": "#,
                "spsh process: p.json: Invalid Extended JSON at 1:14: Expected a value, found end of input\n"
            ),
        ])
    func invalidPipeline(pipeline: String, message: String) throws {
        let dir = try folder(["p.json": pipeline])
        let result = try SpshProcess.run(
            ["process", "p.json", "--state-dir", dir.appendingPathComponent("state").path], currentDirectory: dir)
        #expect(result.stdout == "")
        #expect(result.stderr == message)
        #expect(result.status == 1)
    }
}
