import BSONCore
import Foundation
import StreamEngine
import TestSupport
import Testing

@testable import Workspace

@Suite("File source (§2.1): JSON Lines, mongoexport, BSON dumps", .tags(.small))
struct FileSourceTests {
    /// Writes `bytes` to a fresh temporary file named `name`, returning its path.
    private func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spsh-filesource-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    private func file(_ name: String, _ text: String) throws -> String { try file(name, Array(text.utf8)) }

    /// Every document of `source` (canonical EJSON) and its DLQ reasons, pulling `limit` at a time.
    private func drain(_ source: FileSource, limit: Int = 1024) throws -> (docs: [String], dlq: [String]) {
        var docs: [String] = []
        var dlq: [String] = []
        while let batch = try source.next(limit: limit) {
            docs += batch.map { ExtendedJSON.serialize($0.document, mode: .canonical) }
            dlq += source.takeDeadLetters().map(\.reason)
        }
        dlq += source.takeDeadLetters().map(\.reason)
        return (docs, dlq)
    }

    private static let expected = [
        #"{"a":{"$numberInt":"1"},"t":{"$date":{"$numberLong":"1704067200000"}}}"#,
        #"{"a":{"$numberLong":"5000000000"},"b":{"$numberDouble":"1.5"}}"#,
        #"{"a":{"$numberInt":"-3"},"s":"x\"y"}"#,
    ]

    @Test(
        "Formats: JSON Lines (relaxed and canonical), mongoexport arrays, pretty output",
        arguments: [
            (
                "lines.jsonl",
                """
                {"a": 1, "t": {"$date": "2024-01-01T00:00:00Z"}}
                {"a": 5000000000, "b": 1.5}

                {"a": {"$numberInt": "-3"}, "s": "x\\"y"}
                """
            ),
            (
                "crlf.json",
                "{\"a\":1,\"t\":{\"$date\":{\"$numberLong\":\"1704067200000\"}}}\r\n"
                    + "{\"a\":{\"$numberLong\":\"5000000000\"},\"b\":{\"$numberDouble\":\"1.5\"}}\r\n"
                    + "{\"a\":-3,\"s\":\"x\\\"y\"}\r\n"
            ),
            (
                "array.json",
                #"[{"a":1,"t":{"$date":"2024-01-01T00:00:00Z"}},{"a":5000000000,"b":1.5},{"a":-3,"s":"x\"y"}]"# + "\n"
            ),
            (
                "pretty-array.json",
                """
                [
                  {"a": 1, "t": {"$date": "2024-01-01T00:00:00.000Z"}},
                  {
                    "a": 5000000000,
                    "b": 1.5
                  }, {"a": -3, "s": "x\\"y"}
                ]
                """
            ),
            (
                "pretty.json",
                """
                {
                  "a": 1,
                  "t": {"$date": "2024-01-01T00:00:00Z"}
                }
                {"a": 5000000000,
                 "b": 1.5}
                {"a": -3, "s": "x\\"y"}
                """
            ),
        ])
    func formats(name: String, text: String) throws {
        for chunk in [16, 23, 1 << 20] {
            let source = try FileSource(path: try file(name, text), chunkSize: chunk)
            let (docs, dlq) = try drain(source, limit: 2)
            #expect(docs == Self.expected, "chunk \(chunk)")
            #expect(dlq.isEmpty)
            #expect(try source.next(limit: 10) == nil)
        }
    }

    @Test("A BSON dump (mongodump .bson): documents back to back", arguments: [7, 64, 1 << 20])
    func bsonDump(chunk: Int) throws {
        let documents: [BSONDocument] = (0..<50).map { index in
            ["_id": .int32(Int32(index)), "name": .string(String(repeating: "n", count: index)), "x": .double(0.5)]
        }
        let path = try file("dump.bson", documents.flatMap { $0.encoded() })
        let source = try FileSource(path: path, chunkSize: chunk)
        let (docs, dlq) = try drain(source, limit: 3)
        #expect(docs == documents.map { ExtendedJSON.serialize($0, mode: .canonical) })
        #expect(dlq.isEmpty)
    }

    @Test("Chunk boundaries anywhere give the same documents; lines longer than a chunk grow the buffer")
    func chunkBoundaries() throws {
        var text = ""
        for index in 0..<300 {
            text +=
                #"{"i": \#(index), "pad": "\#(String(repeating: "é", count: index % 40))", "d": \#(index).25}"# + "\n"
        }
        let path = try file("many.jsonl", text)
        let reference = try drain(try FileSource(path: path)).docs
        #expect(reference.count == 300)
        for chunk in [16, 17, 31, 100, 257] {
            #expect(try drain(try FileSource(path: path, chunkSize: chunk), limit: 7).docs == reference)
        }
    }

    @Test("A bad line goes to the DLQ naming file:line:column, and the lines after it are read")
    func badLine() throws {
        let path = try file("bad.jsonl", "{\"a\": 1}\n{\"a\": 2,,}\n{\"a\": 3}\nnot json\n")
        let source = try FileSource(path: path)
        let batch = try #require(try source.next(limit: 100))
        #expect(batch.map { $0.document["a"] } == [.int32(1), .int32(3)])
        let letters = source.takeDeadLetters()
        #expect(
            letters.map(\.reason) == [
                "Failed to parse input document at \(path):2:9: Expected a string key, found ','",
                "Failed to parse input document at \(path):4:1: Expected a value, found 'n'",
            ])
        #expect(letters.map(\.operatorName) == ["FileSourceOperator", "FileSourceOperator"])
        #expect(letters.first?.record.document["text"] == .string("{\"a\": 2,,}"))
        #expect(letters.first?.record.document["line"] == .int64(2))
        #expect(try source.next(limit: 100) == nil)
    }

    @Test("position is a byte offset; seek resumes exactly there, line numbers included", arguments: [1, 2, 4])
    func seek(after count: Int) throws {
        let text = (0..<6).map { #"{"i": \#($0)}"# }.joined(separator: "\n") + "\nbad\n"
        let path = try file("seek.jsonl", text)
        let first = try FileSource(path: path, chunkSize: 16)
        var read = 0
        while read < count { read += try #require(try first.next(limit: count - read)).count }
        let position = try #require(first.position)
        let rest = try drain(first)
        let second = try FileSource(path: path)
        try second.seek(to: position)
        let resumed = try drain(second)
        #expect(resumed.docs == rest.docs)
        #expect(resumed.docs.count == 6 - count)
        #expect(resumed.dlq == ["Failed to parse input document at \(path):7:1: Expected a value, found 'b'"])
    }

    @Test("Seek inside a mongoexport array resumes at the next element")
    func seekInArray() throws {
        let path = try file("seek.json", #"[{"i":1},{"i":2},{"i":3}]"#)
        let first = try FileSource(path: path)
        _ = try first.next(limit: 1)
        let second = try FileSource(path: path)
        try second.seek(to: try #require(first.position))
        #expect(try drain(second).docs == [#"{"i":{"$numberInt":"2"}}"#, #"{"i":{"$numberInt":"3"}}"#])
    }

    @Test("A missing file is a 420 error naming it")
    func missingFile() {
        #expect(
            throws: StreamEngineError.invalid("Cannot read the $source file 'no/such.jsonl': No such file or directory")
        ) {
            try FileSource(path: "no/such.jsonl")
        }
    }

    @Test("An empty file ends at once")
    func emptyFile() throws {
        #expect(try FileSource(path: try file("empty.jsonl", "")).next(limit: 5) == nil)
    }
}
