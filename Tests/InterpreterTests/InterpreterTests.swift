import Testing
import TestSupport

@testable import Interpreter

@Suite(.tags(.small))
struct InterpreterTests {
    @Test(arguments: [
        ("1 + 2", "3"),
        ("'5' * '2'", "10"),
        ("[] + {}", "'[object Object]'"),
        ("null == undefined", "true"),
        ("typeof null", "'object'"),
        ("let a = [1, 2, 3]; a.map(x => x * 2)", "[2,4,6]"),
        ("const o = { $match: { a: 1 }, b, }", "ReferenceError"),
    ])
    func smoke(source: String, expected: String) throws {
        if expected.hasSuffix("Error") {
            #expect(runError(source).hasPrefix(expected))
        } else {
            #expect(try run(source) == expected)
        }
    }
}
