import TestSupport
import Testing

@testable import Interpreter

/// For each kind of mistake a script can make: the exact `Name: message` (Node's wording for run-time errors) and
/// where it points, marked with 1️⃣ in the source.
@Suite(.tags(.small))
struct MistakeTableTests {
    /// The error `source` raises as `Name: message`, with its line and column.
    static func report(_ source: String) -> (text: String, line: Int, column: Int) {
        do {
            let value = try Interpreter().evaluate(source, fileName: "mistake.js")
            return ("no error: \(value.toDisplayString())", 0, 0)
        } catch let error as SyntaxError {
            return ("SyntaxError: \(error.message)", error.range.start.line, error.range.start.column)
        } catch let error as ScriptError {
            return (error.description, error.range.start.line, error.range.start.column)
        } catch {
            return ("\(error)", 0, 0)
        }
    }

    func check(_ marked: String, _ expected: String) {
        let (source, line, column) = extractMarker(marked)
        let report = Self.report(source)
        #expect(report.text == expected, "for \(source)")
        #expect(report.line == line && report.column == column, "\(expected) at \(report.line):\(report.column)")
    }

    @Test(arguments: [
        ("let x = 1 +1️⃣;", "SyntaxError: Expected an expression, found ';'"),
        ("let s = 1️⃣'abc", "SyntaxError: Unterminated string literal"),
        ("let t = 1️⃣`abc", "SyntaxError: Unterminated template literal"),
        ("let t = 1️⃣`a${1 + ", "SyntaxError: Unterminated template literal"),
        ("let r = 1️⃣/abc", "SyntaxError: Unterminated regular expression"),
        ("1 +\n1️⃣/* never closed", "SyntaxError: Unterminated comment"),
        ("foo(1, 21️⃣", "SyntaxError: Expected ')' after arguments, found end of input"),
        ("if (x 1️⃣{}", "SyntaxError: Expected ')' after if condition, found '{'"),
        ("function f() {\n  return 11️⃣", "SyntaxError: Expected '}' to close the block, found end of input"),
        ("let o = { a: 1 1️⃣b: 2 }", "SyntaxError: Expected '}' after object properties, found 'b'"),
        ("1️⃣1 = 2", "SyntaxError: Invalid left-hand side in assignment"),
        ("1️⃣a + 1 = 2", "SyntaxError: Invalid left-hand side in assignment"),
        ("++1️⃣5", "SyntaxError: Invalid left-hand side in assignment"),
        ("for (1️⃣1 of []) {}", "SyntaxError: Invalid left-hand side in assignment"),
        ("[a, 1️⃣1] = [1, 2]", "SyntaxError: Invalid left-hand side in assignment"),
        ("let a = 1;\nlet 1️⃣a = 2", "SyntaxError: Identifier 'a' has already been declared"),
        ("const b = 1; var 1️⃣b = 2", "SyntaxError: Identifier 'b' has already been declared"),
        ("class A {}\n1️⃣class A {}", "SyntaxError: Identifier 'A' has already been declared"),
        ("try {} catch (e) { let 1️⃣e = 1 }", "SyntaxError: Identifier 'e' has already been declared"),
        ("function g(p) { let 1️⃣p = 1 }", "SyntaxError: Identifier 'p' has already been declared"),
        (
            "switch (1) { case 1: let c; break; default: let 1️⃣c }",
            "SyntaxError: Identifier 'c' has already been declared"
        ),
        ("function1️⃣* gen() { yield 1 }", "SyntaxError: Generator functions are not supported"),
        ("({ 1️⃣*m() {} })", "SyntaxError: Generator functions are not supported"),
        ("class K { 1️⃣*m() {} }", "SyntaxError: Generator functions are not supported"),
        ("const z1️⃣;", "SyntaxError: Expected '=' to initialize constant, found ';'"),
        ("1️⃣return 1", "SyntaxError: Illegal return statement"),
        ("x: 1️⃣x: 1", "SyntaxError: Label 'x' has already been declared"),
        ("for (;;) { break 1️⃣nope }", "SyntaxError: Undefined label 'nope'"),
        ("a: for (;;) { function f() { continue 1️⃣a } }", "SyntaxError: Undefined label 'a'"),
        (
            "b: { for (;;) { continue 1️⃣b } }",
            "SyntaxError: Illegal continue statement: 'b' does not denote an iteration statement"
        ),
        ("let r = 1️⃣/a/gz", "SyntaxError: Invalid regular expression flags 'gz'"),
        ("x = 1️⃣@", "SyntaxError: Expected an expression, found '@'"),
        // Each `(` is two levels (expression and parenthesis), so the 129th reaches the limit of 256.
        (
            String(repeating: "(", count: 127) + "1️⃣" + String(repeating: "(", count: 10_000),
            "SyntaxError: Nesting too deep: more than 256 levels"
        ),
    ])
    func syntaxErrors(marked: String, expected: String) {
        check(marked, expected)
    }

    /// Hostile nesting ends in a SyntaxError instead of overflowing the parser's stack (10,000 levels would overflow
    /// it without the limit).
    @Test(arguments: [
        String(repeating: "(", count: 100_000), String(repeating: "[", count: 100_000),
        String(repeating: "{", count: 10_000), String(repeating: "a = ", count: 10_000) + "1",
        String(repeating: "-", count: 10_000) + "1", String(repeating: "x => ", count: 10_000) + "1",
        String(repeating: "if (1) ", count: 10_000) + "1", String(repeating: "`${", count: 10_000),
        String(repeating: "a ? ", count: 10_000) + "1" + String(repeating: " : 1", count: 10_000),
        String(repeating: "f(", count: 10_000), String(repeating: "({a:", count: 10_000),
        String(repeating: "function f() {", count: 10_000),
    ])
    func deepNestingIsASyntaxError(source: String) {
        #expect(Self.report(source).text == "SyntaxError: Nesting too deep: more than 256 levels")
    }

    @Test(arguments: [
        ("1️⃣undefinedVar + 1", "ReferenceError: undefinedVar is not defined"),
        ("let a = 1;\nfunction f() { return 1️⃣missing }\nf()", "ReferenceError: missing is not defined"),
        ("let q = 1;\n  1️⃣q()", "TypeError: q is not a function"),
        ("const o = {}; 1️⃣o.f()", "TypeError: o.f is not a function"),
        ("1️⃣'abc'.foo()", "TypeError: \"abc\".foo is not a function"),
        ("1️⃣[1, 2].map(5)", "TypeError: 5 is not a function"),
        ("1️⃣undefined.x", "TypeError: Cannot read properties of undefined (reading 'x')"),
        ("let u;\n1️⃣u.foo.bar", "TypeError: Cannot read properties of undefined (reading 'foo')"),
        ("let n = null;\n1️⃣n[0]", "TypeError: Cannot read properties of null (reading '0')"),
        ("let o2 = null; 1️⃣o2.a = 1", "TypeError: Cannot set properties of null (setting 'a')"),
        ("1️⃣let { a: aa } = null", "TypeError: Cannot destructure property 'a' of 'null' as it is null."),
        ("const c = 1;\n1️⃣c = 2", "TypeError: Assignment to constant variable."),
        ("const c2 = 1; 1️⃣c2++", "TypeError: Assignment to constant variable."),
        ("1️⃣for (const x of 5) {}", "TypeError: 5 is not iterable"),
        ("const w = {}; 1️⃣for (const v of w) {}", "TypeError: w is not iterable"),
        ("1️⃣const [d] = 5", "TypeError: 5 is not iterable"),
        ("1️⃣Math.max(...5)", "TypeError: Spread syntax requires ...iterable[Symbol.iterator] to be a function"),
        ("1️⃣new 5", "TypeError: 5 is not a constructor"),
        ("1️⃣new Math.max()", "TypeError: Math.max is not a constructor"),
        ("const af = () => 1; 1️⃣new af()", "TypeError: af is not a constructor"),
        ("class K {}; 1️⃣K()", "TypeError: Class constructor K cannot be invoked without 'new'"),
        ("1️⃣class B extends 5 {}", "TypeError: Class extends value 5 is not a constructor or null"),
        ("1️⃣1 instanceof 1", "TypeError: Right-hand side of 'instanceof' is not callable"),
        ("1️⃣Object.keys(null)", "TypeError: Cannot convert undefined or null to object"),
        ("1️⃣new RegExp('a', 'gz')", "SyntaxError: Invalid flags supplied to RegExp constructor 'gz'"),
        ("const o = {}; o.self = o; 1️⃣JSON.stringify(o)", "TypeError: Converting circular structure to JSON"),
    ])
    func referenceAndTypeErrors(marked: String, expected: String) {
        check(marked, expected)
    }

    @Test(arguments: [
        ("function r() { 1️⃣return r() }\nr()", "RangeError: Maximum call stack size exceeded"),
        ("1️⃣new Array(-1)", "RangeError: Invalid array length"),
        ("1️⃣[1].with(5, 0)", "RangeError: Invalid index : 5"),
        ("1️⃣new Array(4294967296)", "RangeError: Invalid array length"),
        ("1️⃣Array(1.5)", "RangeError: Invalid array length"),
        ("const arr = [];\n1️⃣arr.length = -1", "RangeError: Invalid array length"),
        ("1️⃣(1).toFixed(101)", "RangeError: toFixed() digits argument must be between 0 and 100"),
        ("1️⃣(1).toPrecision(0)", "RangeError: toPrecision() argument must be between 1 and 100"),
        ("1️⃣(255).toString(37)", "RangeError: toString() radix argument must be between 2 and 36"),
        ("1️⃣'x'.repeat(-1)", "RangeError: Invalid count value: -1"),
        ("1️⃣'x'.repeat(Infinity)", "RangeError: Invalid count value: Infinity"),
        ("1️⃣'x'.repeat(2 ** 30)", "RangeError: Invalid string length"),
        ("1️⃣'x'.padStart(2 ** 30)", "RangeError: Invalid string length"),
        ("1️⃣'x'.padEnd(2 ** 29, 'ab')", "RangeError: Invalid string length"),
        ("1️⃣new Date(NaN).toISOString()", "RangeError: Invalid time value"),
        (
            "let a = [];\nfor (let i = 0; i < 200000; i++) a = [a];\n1️⃣String(a)",
            "RangeError: Maximum call stack size exceeded"
        ),
        (
            "let o = {};\nfor (let i = 0; i < 200000; i++) o = { o };\n1️⃣JSON.stringify(o)",
            "RangeError: Maximum call stack size exceeded"
        ),
    ])
    func rangeErrors(marked: String, expected: String) {
        check(marked, expected)
    }

    /// One string of 2^28 units (the limit is just under 2^29) checked by every way of joining strings.
    @Test(.tags(.medium)) func joiningStringsPastTheLimitIsARangeError() throws {
        let source = """
            const s = 'x'.repeat(2 ** 28);
            const out = [];
            for (const f of [() => s + s, () => `${s}${s}`, () => [s, s, s].join(''), () => s.concat(s), () => s.padEnd(2 ** 29)]) {
              try { f(); out.push('no error') } catch (e) { out.push(`${e.name}: ${e.message}`) }
            }
            out.join('; ') + ` / ${(s + 'y').length}`
            """
        let error = "RangeError: Invalid string length"
        #expect(try run(source) == "'\(Array(repeating: error, count: 5).joined(separator: "; ")) / 268435457'")
    }

    @Test(arguments: [
        ("1️⃣throw 5", "5"),
        ("1️⃣throw 'oops'", "oops"),
        ("1️⃣throw null", "null"),
        ("function f() {\n  1️⃣throw { code: 1 }\n}\nf()", "[object Object]"),
        ("1️⃣throw new Error('custom')", "Error: custom"),
        ("1️⃣throw new TypeError('bad type')", "TypeError: bad type"),
        ("1️⃣throw new RangeError('out of range')", "RangeError: out of range"),
        ("const e = new Error('renamed'); e.name = 'ValidationError'; 1️⃣throw e", "ValidationError: renamed"),
        ("class MyError extends Error {}\n1️⃣throw new MyError('mine')", "Error: mine"),
        ("1️⃣throw new Error()", "Error"),
    ])
    func thrownValues(marked: String, expected: String) {
        check(marked, expected)
    }

    @Test(arguments: [
        ("1️⃣JSON.parse('{')", "SyntaxError: Expected property name or '}' in JSON at position 1"),
        ("1️⃣JSON.parse('{\"a\":1,}')", "SyntaxError: Expected double-quoted property name in JSON at position 7"),
        ("1️⃣JSON.parse('{\"a\" 1}')", "SyntaxError: Expected ':' after property name in JSON at position 5"),
        (
            "1️⃣JSON.parse('{\"a\":1 \"b\":2}')",
            "SyntaxError: Expected ',' or '}' after property value in JSON at position 7"
        ),
        ("1️⃣JSON.parse('[1, 2')", "SyntaxError: Expected ',' or ']' after array element in JSON at position 5"),
        ("1️⃣JSON.parse('')", "SyntaxError: Unexpected end of JSON input"),
        ("1️⃣JSON.parse('[1,]')", "SyntaxError: Unexpected token ']', \"[1,]\" is not valid JSON"),
        ("1️⃣JSON.parse('abc')", "SyntaxError: Unexpected token 'a', \"abc\" is not valid JSON"),
        ("1️⃣JSON.parse('x'.repeat(30))", "SyntaxError: Unexpected token 'x', \"xxxxxxxxxx\"... is not valid JSON"),
        ("1️⃣JSON.parse('1 2')", "SyntaxError: Unexpected non-whitespace character after JSON at position 2"),
        ("1️⃣JSON.parse('01')", "SyntaxError: Unexpected number in JSON at position 1"),
        ("1️⃣JSON.parse('-')", "SyntaxError: No number after minus sign in JSON at position 1"),
        ("1️⃣JSON.parse('1.')", "SyntaxError: Unterminated fractional number in JSON at position 2"),
        ("1️⃣JSON.parse('1e')", "SyntaxError: Exponent part is missing a number in JSON at position 2"),
        ("1️⃣JSON.parse('\"abc')", "SyntaxError: Unterminated string in JSON at position 4"),
        ("1️⃣JSON.parse('\"\\\\q\"')", "SyntaxError: Bad escaped character in JSON at position 2"),
        ("1️⃣JSON.parse(undefined)", "SyntaxError: \"undefined\" is not valid JSON"),
    ])
    func jsonParseErrors(marked: String, expected: String) {
        check(marked, expected)
    }

    @Test func caughtErrorsCarryTheSameNameAndMessage() throws {
        let source = """
            const out = [];
            for (const f of [() => nope, () => null.x, () => new Array(-1), () => JSON.parse('{'), () => { throw 7 }]) {
              try { f() } catch (e) { out.push(e instanceof Error ? `${e.name}: ${e.message}` : `value ${e}`) }
            }
            out
            """
        #expect(
            try run(source)
                == """
                ["ReferenceError: nope is not defined","TypeError: Cannot read properties of null (reading 'x')",\
                "RangeError: Invalid array length","SyntaxError: Expected property name or '}' in JSON at position 1",\
                "value 7"]
                """)
    }
}
