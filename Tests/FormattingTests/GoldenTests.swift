import BSONCore
import Foundation
import Formatting
import Testing
import TestSupport

/// Golden tests: each line of `Snapshots/<corpus>.ejson` is one Extended JSON value; the matching block of
/// `Snapshots/<corpus>.golden.txt` (blocks separated by `---` lines) is what mongosh prints for it, made by
/// `/work/shared/tools/mongosh-inspect.js`. Re-record with `RECORD_SNAPSHOTS=1 swift test --filter GoldenTests`.
@Suite("Golden layouts from mongosh-inspect.js", .tags(.small))
struct GoldenTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var corpus: String
        var line: Int
        var input: String
        var expected: String
        var testDescription: String { "\(corpus).ejson:\(line)" }
    }

    static let corpora = ["server", "user"]

    static func options(for corpus: String) -> InspectOptions {
        corpus == "user" ? .shell : .serverDocument
    }

    static func loadCases() -> [Case] {
        var cases: [Case] = []
        for corpus in corpora {
            if SnapshotFiles.isRecording {
                SnapshotFiles.recordGolden(corpus: corpus)
            }
            let inputs = SnapshotFiles.read("\(corpus).ejson").split(separator: "\n", omittingEmptySubsequences: false)
            let outputs = SnapshotFiles.read("\(corpus).golden.txt").dropLast().components(separatedBy: "\n---\n")
            var block = 0
            for (index, line) in inputs.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                let expected = block < outputs.count ? outputs[block] : "<missing golden>"
                cases.append(Case(corpus: corpus, line: index + 1, input: String(line), expected: expected))
                block += 1
            }
        }
        return cases
    }

    @Test(arguments: loadCases())
    func matchesMongosh(_ testCase: Case) throws {
        let value = try TestExtendedJSON.parse(testCase.input)
        let options = Self.options(for: testCase.corpus)
        let printed: String
        if case .array(let items) = value, !items.isEmpty, case .document = items[0] {
            let documents = items.compactMap { item -> BSONDocument? in
                if case .document(let document) = item { document } else { nil }
            }
            printed = Inspector.inspectBatch(documents, options: options)
        } else {
            printed = Inspector.inspect(value, options: options)
        }
        #expect(printed == testCase.expected)
    }
}

/// Reads and re-records the files under `Snapshots/`.
enum SnapshotFiles {
    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    /// The checked-in folder, for recording (the bundle copy is read-only and rebuilt on the next build).
    static var sourceDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    }

    static func read(_ name: String) -> String {
        let directory =
            isRecording
            ? sourceDirectory : Bundle.module.resourceURL?.appendingPathComponent("Snapshots") ?? sourceDirectory
        return (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }

    static let inspectTool = "/work/shared/tools/mongosh-inspect.js"

    /// Runs `node mongosh-inspect.js` over `<corpus>.ejson` and writes `<corpus>.golden.txt`.
    static func recordGolden(corpus: String) {
        let input = sourceDirectory.appendingPathComponent("\(corpus).ejson")
        let output = sourceDirectory.appendingPathComponent("\(corpus).golden.txt")
        runNode(arguments: [inspectTool, corpus == "user" ? "--user" : "--server"], input: input, output: output)
    }

    static func runNode(arguments: [String], input: URL, output: URL) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["node"] + arguments
        guard let inputHandle = try? FileHandle(forReadingFrom: input) else { return }
        FileManager.default.createFile(atPath: output.path, contents: nil)
        guard let outputHandle = try? FileHandle(forWritingTo: output) else { return }
        process.standardInput = inputHandle
        process.standardOutput = outputHandle
        try? process.run()
        process.waitUntilExit()
    }
}
