import TestSupport
import Testing

@testable import Interpreter

@Suite(.tags(.small))
struct ParserTests {
    /// Parses a source with a `1️⃣` marker and checks the error's message and that it points at the marker.
    @Test(arguments: [
        ("f(1, 2 1️⃣;", "Expected ')' after arguments, found ';'"),
        ("let 1️⃣= 5", "Expected a variable name or pattern, found '='"),
        ("1 1️⃣2", "Expected ';' after expression, found '2'"),
        ("const x1️⃣;", "Expected '=' to initialize constant, found ';'"),
        ("if 1️⃣x", "Expected '(' after 'if', found 'x'"),
        ("[1, 2 1️⃣3]", "Expected ']' after array elements, found '3'"),
        ("({a: 1 1️⃣b: 2})", "Expected '}' after object properties, found 'b'"),
        ("a.1️⃣+", "Expected a property name after '.', found '+'"),
        ("1️⃣1 = 2", "Invalid left-hand side in assignment"),
        ("1️⃣a + 1 += 2", "Invalid left-hand side in assignment"),
        ("x = 1️⃣)", "Expected an expression, found ')'"),
        ("1️⃣return 5", "Illegal return statement"),
        ("1️⃣break", "Illegal break statement"),
        ("while (x) { function f() { 1️⃣continue } }", "Illegal continue statement: no surrounding iteration statement"),
        ("try {} 1️⃣x", "Expected 'catch' or 'finally' after try block, found 'x'"),
        ("switch (x) { 1️⃣foo }", "Expected 'case', 'default' or '}' in switch body, found 'foo'"),
        ("`a${1️⃣}`", "Expected an expression in template substitution, found '}'"),
        ("for (let i = 0 1️⃣i < 3; i++) {}", "Expected ';' after for-loop initializer, found 'i'"),
        ("throw\n1️⃣x", "Illegal newline after throw"),
    ])
    func errorMessages(marked: String, message: String) throws {
        let (source, line, column) = extractMarker(marked)
        do {
            _ = try Parser.parseProgram(source, fileName: "t.js")
            Issue.record("Expected a syntax error for \(source)")
        } catch {
            #expect(error.message == message)
            #expect(error.range.start.line == line && error.range.start.column == column, "at \(error.range)")
            #expect(!error.isIncomplete)
        }
    }

    @Test(arguments: [
        "{", "[1,", "\"abc", "`x${", "f(", "a +", "function f() {", "if (x)", "let x =", "/* comment", "a ? b :",
        "x => ", "({a: 1,", "db.coll.find({\n  a: 1", "'abc\\", "for (const x of y) {",
    ])
    func incompleteInput(source: String) {
        #expect {
            _ = try Interpreter().parse(source, fileName: "repl")
        } throws: { error in
            (error as? SyntaxError)?.isIncomplete == true
        }
    }

    @Test(arguments: [")", "1 2", "'abc\ndef'", "let = 5", "a b", "}"])
    func completeButInvalid(source: String) {
        #expect {
            _ = try Interpreter().parse(source, fileName: "repl")
        } throws: { error in
            (error as? SyntaxError)?.isIncomplete == false
        }
    }

    @Test func nestingLimitThrowsInsteadOfOverflowing() {
        let source = String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300)
        #expect {
            _ = try Parser.parseProgram(source, fileName: "t.js")
        } throws: { error in
            (error as? SyntaxError)?.kind == .nestingTooDeep
        }
        let arrays = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: Never.self) { _ = try Parser.parseProgram(arrays, fileName: "t.js") }
    }

    @Test(arguments: [
        ("let a = 1\nlet b = 2\na + b", "3"),
        ("let x = 1\n(function () { return 2 })", "TypeError"),
        ("let i = 5\ni\n++i", "6"),
        ("function f() { return\n42 }\nf()", "undefined"),
        ("let s = 'a'\n;[1, 2].length", "2"),
        ("const o = { a: 1 }\no.a", "1"),
        ("var x = 1; { x = 2 } x", "2"),
        ("let a = 1, b = 1\na\n++b\n;[a, b]", "[1,2]"),
        ("const f = () => {\n  return (\n    7\n  )\n}\nf()", "7"),
        ("let o = {\n  a: 1,\n  b: 2\n}\nObject.keys(o).length", "2"),
        ("let x = 5\nx\n--\nx", "4"),
    ])
    func automaticSemicolons(source: String, expected: String) throws {
        if expected == "TypeError" {
            // `1\n(function…)` continues as a call: calling a number fails.
            #expect(runError(source).hasPrefix("TypeError"))
            return
        }
        #expect(try run(source) == expected)
    }

    @Test func astCarriesRanges() throws {
        let program = try Parser.parseProgram("let a = 1;\nfoo.bar(a)", fileName: "t.js")
        #expect(program.statements.count == 2)
        let call = program.statements[1].range
        #expect(call.start.line == 2 && call.start.column == 1)
        #expect(call.end.column == 11)
        #expect(program.varNames.isEmpty)
    }
}
