import TestSupport
import Testing

@testable import Interpreter

@Suite(.tags(.small))
struct StatementTests {
    @Test(arguments: [
        // Blocks and scoping
        ("let x = 1; { let x = 2 } x", "1"), ("var x = 1; { var x = 2 } x", "2"),
        ("let r = []; for (let i = 0; i < 3; i++) r.push(() => i); r.map(f => f())", "[0,1,2]"),
        ("let r = []; for (var i = 0; i < 3; i++) r.push(() => i); r.map(f => f())", "[3,3,3]"),
        ("f(); function f() { return 1 } f()", "1"), ("function f() { return g() } function g() { return 2 } f()", "2"),
        ("function f() { x = 3; var x; return x } f()", "3"), ("if (true) { 'yes' } else { 'no' }", "'yes'"),
        ("if (0) 'a'; else if ('') 'b'; else 'c'", "'c'"),
        // Functions and closures
        ("function counter() { let n = 0; return () => ++n } const c = counter(); c(); c(); c()", "3"),
        ("function f(a, b = a * 2, ...rest) { return [a, b, rest] } f(1)", "[1,2,[]]"),
        ("function f(a, b = a * 2, ...rest) { return [a, b, rest] } f(1, 5, 6, 7)", "[1,5,[6,7]]"),
        ("function f({ a, b = 2 }, [c, d]) { return a + b + c + d } f({ a: 1 }, [3, 4])", "10"),
        ("function f() { return arguments.length } f(1, 2, 3)", "3"),
        ("const fact = n => n <= 1 ? 1 : n * fact(n - 1); fact(10)", "3628800"),
        ("const o = { n: 1, inc() { this.n++; return this } }; o.inc().inc().n", "3"),
        ("function f() { } f()", "undefined"), ("const f = x => { x * 2 }; f(1)", "undefined"),
        // Loops
        ("let s = 0; for (let i = 0; i < 5; i++) { if (i === 3) continue; s += i } s", "7"),
        ("let s = 0; for (;;) { if (++s > 4) break } s", "5"),
        ("let s = ''; for (const c of 'abc') s += c.toUpperCase(); s", "'ABC'"),
        ("let s = 0; for (const x of [1, 2, 3]) s += x; s", "6"),
        ("let s = []; for (const [k, v] of Object.entries({ a: 1, b: 2 })) s.push(k + v); s", "[\"a1\",\"b2\"]"),
        ("let s = []; for (const k in { a: 1, b: 2 }) s.push(k); s", "[\"a\",\"b\"]"),
        ("let s = []; for (const i in ['x', 'y']) s.push(i); s", "[\"0\",\"1\"]"),
        ("let i = 0; while (i < 10) i += 3; i", "12"), ("let i = 0; do { i++ } while (i < 0); i", "1"),
        (
            "let n = 0; outer: for (let i = 0; i < 3; i++) { for (let j = 0; j < 3; j++) { if (j === 1) continue outer; if (i === 2) break outer; n++ } } n",
            "2"
        ),
        ("let x; for (x of [4, 5]); x", "5"), ("var k; for (k in { z: 1 }); k", "'z'"),
        ("block: { if (true) break block; 'unreached' }", "undefined"),
        // Exceptions
        ("try { throw new Error('boom') } catch (e) { e.message }", "'boom'"),
        ("try { throw 5 } catch (e) { e + 1 }", "6"),
        (
            "try { null.x } catch (e) { e.name + ': ' + e.message }",
            "'TypeError: Cannot read properties of null (reading 'x')'"
        ),
        ("try { undefinedThing } catch (e) { e instanceof ReferenceError }", "true"),
        ("let log = []; try { log.push(1) } finally { log.push(2) } log", "[1,2]"),
        ("function f() { try { return 1 } finally { log.push('f') } } let log = []; [f(), log]", "[1,[\"f\"]]"),
        ("function f() { try { throw 1 } catch { return 'caught' } } f()", "'caught'"),
        (
            "let r; try { try { throw new TypeError('t') } finally { r = 'fin' } } catch (e) { r += e.name } r",
            "'finTypeError'"
        ),
        ("try { throw { code: 11000 } } catch ({ code }) { code }", "11000"),
        // Switch
        (
            "function f(x) { switch (x) { case 1: return 'one'; case 2: case 3: return 'few'; default: return 'many' } } [f(1), f(3), f(9)]",
            "[\"one\",\"few\",\"many\"]"
        ),
        (
            "let r = []; switch (2) { case 1: r.push(1); case 2: r.push(2); case 3: r.push(3); break; case 4: r.push(4) } r",
            "[2,3]"
        ),
        ("let r = 'none'; switch ('x') { default: r = 'd'; break; case 'y': r = 'y' } r", "'d'"),
        // Destructuring
        ("const { a, b: { c }, ...rest } = { a: 1, b: { c: 2 }, d: 3, e: 4 }; [a, c, rest]", "[1,2,{\"d\":3,\"e\":4}]"),
        ("const [x, , y = 9, ...z] = [1, 2, undefined, 4, 5]; [x, y, z]", "[1,9,[4,5]]"),
        ("let { length } = 'abcd'; length", "4"), ("const { a = 5 } = {}; a", "5"),
        // Accessors and frozen objects
        (
            "const o = { n: 2, get double() { return this.n * 2 }, set double(v) { this.n = v / 2 } }; o.double = 10; [o.n, o.double]",
            "[5,10]"
        ),
        ("const o = { get x() { return 1 } }; Object.keys(o)", "[\"x\"]"),
        ("const o = { get: 1, set() { return 2 } }; o.get + o.set()", "3"),
        (
            "const o = Object.freeze({ a: 1 }); o.a = 2; o.b = 3; delete o.a; [o.a, o.b, Object.isFrozen(o)]",
            "[1,null,true]"
        ),
        // Arrow parameters and other forms
        ("const f = ({ a, b = 2 }, [c] = [3]) => a + b + c; f({ a: 1 })", "6"),
        ("const f = async ({ x }) => x; f({ x: 4 })", "4"), ("const o = { async m() { return 5 } }; await o.m()", "5"),
        ("const { default: d, new: n } = { default: 1, new: 2 }; d + n", "3"), ("debugger; 1", "1"),
        ("let a, b; ({ a, b } = { a: 1, b: 2 }); a + b", "3"),
        ("let i = 0, j = 10; for (; i < j; i++, j--); [i, j]", "[5,5]"),
        ("const fs = []; for (const x of [1, 2, 3]) fs.push(() => x); fs.map(f => f())", "[1,2,3]"),
        ("const fs = []; for (const k in { a: 1, b: 2 }) { fs.push(() => k) } fs.map(f => f())", "[\"a\",\"b\"]"),
        // REPL persistence
        ("let a = 1; const b = 2; var c = 3; a + b + c", "6"),
    ])
    func executes(source: String, expected: String) throws {
        #expect(try run(source) == expected)
    }

    @Test func topLevelDeclarationsPersistAcrossEvaluations() throws {
        let interpreter = Interpreter()
        _ = try interpreter.evaluate(
            "let a = 1; const b = 2; var c = 3; function f() { return a + b + c }", fileName: "1")
        #expect(try interpreter.evaluate("f() + a", fileName: "2").toDisplayString() == "7")
        #expect(try interpreter.evaluate("let a = 10; a", fileName: "3").toDisplayString() == "10")
        #expect(interpreter.globalNames.contains("f"))
        #expect(runError("b = 3", interpreter: interpreter) == "TypeError: Assignment to constant variable.")
    }

    @Test func completionValueIsTheLastExpressionStatement() throws {
        #expect(try run("1; 2; let x = 3") == "2")
        #expect(try run("function f() { 5 } f(); 7") == "7")
        #expect(try run("let x = 4") == "undefined")
        #expect(try run("{ a: 1, b: [2] }") == "{\"a\":1,\"b\":[2]}")
        #expect(try run("{ let a = 1; a + 1 }") == "2")
        #expect(try run("{}") == "{}")
    }

    @Test func objectLiteralInputKeepsItsColumns() {
        #expect {
            _ = try Interpreter().evaluate("{ a: missing }", fileName: "repl")
        } throws: { error in
            // The unknown name itself, at column 6 of what was typed (the braces are not re-wrapped).
            (error as? ScriptError)?.range.start.column == 6
                && (error as? ScriptError)?.message == "missing is not defined"
        }
    }

    @Test func nonErrorThrowsHaveNoName() {
        #expect(runError("throw 5") == "5")
        #expect(runError("throw 'oops'") == "oops")
    }

    @Test(arguments: [
        ("function f() {\n  return null.x\n}\nf()", 2),
        ("const g = () => {\n  undefinedName\n}\n[1].forEach(g)", 2),
        ("let a = 1\nlet b = a.c.d", 2),
        ("for (let i = 0; i < 2; i++) {\n  if (i == 1) {\n    throw new Error('x')\n  }\n}", 3),
    ])
    func runtimeErrorsPointAtTheInnermostStatement(source: String, line: Int) {
        #expect {
            _ = try Interpreter().evaluate(source, fileName: "s.js")
        } throws: { error in
            (error as? ScriptError)?.range.start.line == line
        }
    }

    @Test func uncaughtThrowCarriesValueAndPosition() {
        let interpreter = Interpreter()
        do {
            _ = try interpreter.evaluate("let a = 1\n  throw new RangeError('bad ' + a)", fileName: "script.js")
            Issue.record("Expected an error")
        } catch let error as ScriptError {
            #expect(error.name == "RangeError")
            #expect(error.message == "bad 1")
            #expect(error.fileName == "script.js")
            #expect(error.range.start.line == 2 && error.range.start.column == 3)
            #expect(error.thrownValue?.asObject?.kind == .error)
        } catch {
            Issue.record("Unexpected \(error)")
        }
    }
}

@Suite(.tags(.small))
struct ErrorPositionTests {
    @Test(arguments: [
        ("1 +\n  missing", 2, 3),
        ("let q = 1; function f() { return zz }\nf()", 1, 34),
        ("[1, 2, nope]", 1, 8),
    ])
    func referenceErrorsPointAtTheName(source: String, line: Int, column: Int) {
        #expect {
            _ = try Interpreter().evaluate(source, fileName: "t.js")
        } throws: { error in
            let range = (error as? ScriptError)?.range
            return range?.start.line == line && range?.start.column == column
        }
    }
}
