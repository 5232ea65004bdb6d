import BSONCore
import Formatting
import Foundation
import TestSupport
import Testing

/// Golden tests: each line of `Snapshots/<corpus>.ejson` is one Extended JSON value; the matching block of
/// `Snapshots/<corpus>.golden.txt` (blocks separated by `---` lines) is what mongosh prints for it, made by
/// `shared/tools/mongosh-inspect.js` (beside this checkout):
///
/// - `server`: `node mongosh-inspect.js --server` (documents from the server, `.serverDocument`);
/// - `user`: `node mongosh-inspect.js --user` (values a script built, `.shell`);
/// - `printjson`: `node -r Snapshots/printjson-preload.js mongosh-inspect.js --server`, the same conversions laid
///   out with `util.inspect(v, { compact: false, depth: Infinity, breakLength: 80 })` (`.printjson`).
///
/// Re-record with `RECORD_SNAPSHOTS=1 swift test --scratch-path .build-fmt --filter FormattingTests`, then review
/// the diff.
@Suite("Golden layouts from mongosh-inspect.js", .tags(.small))
struct GoldenTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var corpus: String
        var line: Int
        var input: String
        var expected: String
        var testDescription: String { "\(corpus).ejson:\(line)" }
    }

    static let corpora = ["server", "user", "printjson"]

    static func options(for corpus: String) -> InspectOptions {
        switch corpus {
        case "user": .shell
        case "printjson": .printjson
        default: .serverDocument
        }
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

    static func documents(_ items: [BSONValue]) -> [BSONDocument]? {
        var documents: [BSONDocument] = []
        for item in items {
            guard case .document(let document) = item else { return nil }
            documents.append(document)
        }
        return documents
    }

    @Test(arguments: loadCases())
    func matchesMongosh(_ testCase: Case) throws {
        let value = try ExtendedJSON.parse(testCase.input)
        let options = Self.options(for: testCase.corpus)
        let printed: String
        // An array of documents is a cursor batch; check that form too.
        if case .array(let items) = value, !items.isEmpty, let documents = Self.documents(items) {
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

    /// `shared/tools/mongosh-inspect.js`, in the `shared` folder beside this checkout.
    static var inspectTool: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/tools/mongosh-inspect.js").path
    }

    /// Runs `node mongosh-inspect.js` over `<corpus>.ejson` and writes `<corpus>.golden.txt`.
    static func recordGolden(corpus: String) {
        let input = sourceDirectory.appendingPathComponent("\(corpus).ejson")
        let output = sourceDirectory.appendingPathComponent("\(corpus).golden.txt")
        let arguments =
            switch corpus {
            case "user": [inspectTool, "--user"]
            case "printjson":
                ["-r", sourceDirectory.appendingPathComponent("printjson-preload.js").path, inspectTool, "--server"]
            default: [inspectTool, "--server"]
            }
        runNode(arguments: arguments, input: input, output: output)
    }

    static func runNode(arguments: [String], input: URL, output: URL) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["node"] + arguments
        guard let inputHandle = try? FileHandle(forReadingFrom: input) else { return }
        guard FileManager.default.createFile(atPath: output.path, contents: nil),
            let outputHandle = try? FileHandle(forWritingTo: output)
        else { return }
        process.standardInput = inputHandle
        process.standardOutput = outputHandle
        try? process.run()
        process.waitUntilExit()
    }
}
