import Formatting
import Foundation
import Interpreter
import TestSupport
import Testing

/// Each line of `Snapshots/scripts.txt` is a JavaScript expression; the interpreter evaluates it and `Inspector`
/// prints the result with `.shell`. The golden blocks come from Node evaluating the same line:
/// `node Snapshots/scripts-inspect.js < Snapshots/scripts.txt > Snapshots/scripts.golden.txt`
/// (re-run by `RECORD_SNAPSHOTS=1`).
@Suite("Script values against Node", .tags(.small))
struct ScriptGoldenTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var line: Int
        var source: String
        var expected: String
        var testDescription: String { "scripts.txt:\(line)" }
    }

    static func loadCases() -> [Case] {
        if SnapshotFiles.isRecording {
            let directory = SnapshotFiles.sourceDirectory
            SnapshotFiles.runNode(
                arguments: [directory.appendingPathComponent("scripts-inspect.js").path],
                input: directory.appendingPathComponent("scripts.txt"),
                output: directory.appendingPathComponent("scripts.golden.txt"))
        }
        let sources = SnapshotFiles.read("scripts.txt").split(separator: "\n", omittingEmptySubsequences: false)
        let outputs = SnapshotFiles.read("scripts.golden.txt").dropLast().components(separatedBy: "\n---\n")
        var cases: [Case] = []
        for (index, source) in sources.enumerated() where !source.trimmingCharacters(in: .whitespaces).isEmpty {
            let expected = cases.count < outputs.count ? outputs[cases.count] : "<missing golden>"
            cases.append(Case(line: index + 1, source: String(source), expected: expected))
        }
        return cases
    }

    /// Lines whose difference comes from the interpreter, not the layout.
    @Test(arguments: loadCases())
    func matchesNode(_ testCase: Case) throws {
        let value = try Interpreter().evaluate(testCase.source, fileName: "scripts.txt")
        let printed = Inspector.inspect(value, options: .shell)
        #expect(printed == testCase.expected)
    }
}
