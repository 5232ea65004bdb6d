import TestSupport
import Testing

@testable import Interpreter

/// `async` functions return promises that settle at once; a rejection nothing handles fails the evaluation like an
/// uncaught error, at the line that threw (as Node reports an unhandled rejection).
@Suite(.tags(.small))
struct AsyncTests {
    @Test(arguments: [
        ("async function f() { return 5 } const p = f(); [typeof p.then, await p]", "[\"function\",5]"),
        ("async function f() { return 5 } f()", "5"),
        ("let seen; async function f() { return 5 } f().then(v => { seen = v }); seen", "5"),
        ("let seen; async function bad() { null.x } bad().catch(e => { seen = e.name }); seen", "'TypeError'"),
        ("const arrow = async a => a * 2; await arrow(4)", "8"),
        ("const arrow = async (a, b) => a + b; await arrow(1, 2)", "3"),
        ("const o = { async m() { return 'm' } }; await o.m()", "'m'"),
        ("class K { async k() { return 'k' } } await new K().k()", "'k'"),
        ("const f = async function () { return await Promise.resolve('e') }; await f()", "'e'"),
        (
            "async function f() { try { await Promise.reject(new Error('r')) } catch (e) { return e.message } } await f()",
            "'r'"
        ),
        (
            "async function inner() { return 1 } async function outer() { return (await inner()) + 1 } await outer()",
            "2"
        ),
        ("const r = await Promise.all([1, 2].map(async x => x * 10)); r", "[10,20]"),
        ("async function f() { throw 1 } try { await f() } catch (e) { 'caught ' + e }", "'caught 1'"),
        ("let async = 3; async + 1", "4"),
    ])
    func asyncFunctions(source: String, expected: String) throws {
        #expect(try run(source) == expected)
    }

    @Test(arguments: [
        ("async function main() {\n  await 1;\n  1️⃣throw new Error('failed inside')\n}\nmain()", "Error: failed inside"),
        (
            "async function main() {\n  1️⃣null.x\n}\nmain();\n'after'",
            "TypeError: Cannot read properties of null (reading 'x')"
        ),
        ("1️⃣Promise.reject(new RangeError('top'));\n1", "RangeError: top"),
        ("new Promise((resolve, reject) => 1️⃣reject(new Error('in executor')))", "Error: in executor"),
        ("1️⃣Promise.resolve(1).then(() => { throw new TypeError('in then') });\n2", "TypeError: in then"),
    ])
    func unhandledRejectionsFailTheEvaluation(marked: String, expected: String) {
        let (source, line, column) = extractMarker(marked)
        do {
            let value = try Interpreter().evaluate(source, fileName: "async.js")
            Issue.record("Expected \(expected), got \(value.toDisplayString())")
        } catch let error as ScriptError {
            #expect(error.description == expected)
            #expect(error.range.start.line == line && error.range.start.column == column, "at \(error.range)")
        } catch {
            Issue.record("Unexpected \(error)")
        }
    }

    @Test func handledRejectionsDoNotFail() throws {
        #expect(try run("const p = Promise.reject(1); p.catch(() => 0); 'fine'") == "'fine'")
        #expect(try run("async function f() { throw 1 } f().then(null, () => 0); 'fine'") == "'fine'")
        #expect(try run("Promise.allSettled([Promise.reject(1)]); 'fine'") == "'fine'")
    }
}
