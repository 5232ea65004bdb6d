import TestSupport
import Testing

@testable import Interpreter

/// One table per part of the "Language" list: every feature a mongosh user's script relies on.
@Suite(.tags(.small))
struct LanguageTableTests {
    @Test(arguments: [
        // Declarations, expressions, arrows with expression and block bodies.
        ("function add(a, b) { return a + b } add(2, 3)", "5"),
        ("const add = function (a, b) { return a + b }; add(2, 3)", "5"),
        ("const fact = function f(n) { return n <= 1 ? 1 : n * f(n - 1) }; fact(5)", "120"),
        ("const sq = x => x * x; sq(7)", "49"),
        ("const sum = (a, b) => { const s = a + b; return s }; sum(1, 2)", "3"),
        ("const obj = () => ({ a: 1 }); obj().a", "1"),
        ("hoisted(); function hoisted() { return 'ok' } hoisted()", "'ok'"),
        // Closures.
        ("function counter() { let n = 0; return () => ++n } const c = counter(); c(); c(); c()", "3"),
        ("const fs = []; for (let i = 0; i < 3; i++) fs.push(() => i); fs.map(f => f()).join()", "'0,1,2'"),
        // Default and rest parameters.
        ("function f(a, b = 2, ...rest) { return [a, b, rest] } f(1)", "[1,2,[]]"),
        ("function f(a, b = a + 1, ...rest) { return [a, b, rest] } f(1, undefined, 3, 4)", "[1,2,[3,4]]"),
        ("function f(a = 1) { return a } f(null)", "null"),
        ("const f = (...xs) => xs.length; f(1, 2, 3)", "3"),
        ("function f({ a = 1, b: [c, d = 4] } = { b: [3] }) { return a + c + d } f()", "8"),
        ("function f() { return } f()", "undefined"),
        // Recursion.
        ("function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) } fib(15)", "610"),
        (
            "const even = n => n === 0 ? true : odd(n - 1); const odd = n => n === 0 ? false : even(n - 1); even(100)",
            "true"
        ),
        // `this` in methods, arrows inherit it.
        ("const o = { v: 2, m() { return [1, 2].map(x => x * this.v) } }; o.m()", "[2,4]"),
        ("function F(x) { this.x = x } new F(3).x", "3"),
    ])
    func functions(source: String, expected: String) throws {
        #expect(try run(source) == expected)
    }

    @Test func recursionLimitIsARangeErrorThatScriptsCanCatch() throws {
        #expect(runError("function r() { return r() } r()") == "RangeError: Maximum call stack size exceeded")
        #expect(
            try run("function r() { return r() } try { r() } catch (e) { e instanceof RangeError && e.message }")
                == "'Maximum call stack size exceeded'")
    }

    @Test(arguments: [
        ("let s; if (1 > 2) s = 'a'; else if (2 > 1) s = 'b'; else s = 'c'; s", "'b'"),
        ("let t = 0; for (let i = 0; i < 5; i++) t += i; t", "10"),
        ("let t = 0; for (;;) { if (++t === 3) break } t", "3"),
        ("let s = ''; for (const x of [1, 2, 3]) s += x; s", "'123'"),
        ("let s = ''; for (const c of 'héy') s += c + '.'; s", "'h.é.y.'"),
        ("let s = ''; for (const [k, v] of [['a', 1], ['b', 2]]) s += k + v; s", "'a1b2'"),
        ("let s = ''; for (const k in { a: 1, b: 2 }) s += k; s", "'ab'"),
        ("let s = ''; for (const i in ['x', 'y']) s += i; s", "'01'"),
        ("let s = ''; for (const i in 'ab') s += i; s", "'01'"),
        ("let i = 0; while (i < 5) i++; i", "5"),
        ("let i = 10; do { i++ } while (i < 5); i", "11"),
        ("let s = ''; for (let i = 0; i < 5; i++) { if (i === 1) continue; if (i === 3) break; s += i } s", "'02'"),
        (
            "let s = ''; outer: for (let i = 0; i < 3; i++) { for (let j = 0; j < 3; j++) { if (j === 1) continue outer; if (i === 2) break outer; s += `${i}${j} ` } } s",
            "'00 10 '"
        ),
        ("let n = 0; outer: while (true) { while (true) { n++; if (n > 2) break outer } } n", "3"),
        ("block: { if (true) break block; 'not here' } 'after'", "'after'"),
        (
            "function k(x) { switch (x) { case 1: return 'one'; case 2: case 3: return 'few'; default: return 'many' } } [k(1), k(3), k(9)]",
            "[\"one\",\"few\",\"many\"]"
        ),
        (
            "let s = ''; switch (2) { case 1: s += 'a'; case 2: s += 'b'; case 3: s += 'c'; break; case 4: s += 'd' } s",
            "'bc'"
        ),
        ("let s = ''; switch ('x') { default: s += 'd'; case 'y': s += 'y' } s", "'dy'"),
        (
            "let log = []; try { log.push('t'); throw new Error('boom') } catch (e) { log.push(e.message) } finally { log.push('f') } log",
            "[\"t\",\"boom\",\"f\"]"
        ),
        (
            "function f() { try { return 'try' } finally { log = 'finally ran' } } let log; [f(), log]",
            "[\"try\",\"finally ran\"]"
        ),
        ("try { throw 42 } catch (e) { e + 1 }", "43"),
        ("try { throw 'text' } catch (e) { typeof e }", "'string'"),
        ("try { throw { code: 7 } } catch ({ code }) { code }", "7"),
        ("try { throw null } catch { 'no binding' }", "'no binding'"),
        (
            "try { throw new TypeError('t') } catch (e) { [e instanceof TypeError, e instanceof Error, e.name, e.message] }",
            "[true,true,\"TypeError\",\"t\"]"
        ),
        ("try { throw new RangeError('r') } catch (e) { `${e}` }", "'RangeError: r'"),
        ("try { null.x } catch (e) { e.constructor === TypeError }", "true"),
    ])
    func controlFlow(source: String, expected: String) throws {
        #expect(try run(source) == expected)
    }

    @Test(arguments: [
        // Spread in arrays, objects and calls.
        ("[0, ...[1, 2], ...'ab', ...new Set([3])]", "[0,1,2,\"a\",\"b\",3]"),
        ("({ ...{ a: 1, b: 1 }, b: 2, ...null, ...undefined })", "{\"a\":1,\"b\":2}"),
        ("Math.max(...[1, 5, 3], 4)", "5"),
        ("function f(a, b, c) { return a + b + c } f(...[1, 2], 3)", "6"),
        // Destructuring with defaults in declarations and parameters.
        ("const { a, b: { c = 5 } = {}, ...rest } = { a: 1, x: 2, y: 3 }; [a, c, rest]", "[1,5,{\"x\":2,\"y\":3}]"),
        ("const [x, , y = 9, ...z] = [1, 2, undefined, 4, 5]; [x, y, z]", "[1,9,[4,5]]"),
        ("let a = 1, b = 2; [a, b] = [b, a]; [a, b]", "[2,1]"),
        ("let o = {}; ({ p: o.q } = { p: 3 }); o.q", "3"),
        ("const f = ([a, b] = [1, 2], { c } = { c: 3 }) => a + b + c; f()", "6"),
        // Shorthand properties, methods, computed keys.
        ("const n = 1; const k = 'key'; ({ n, [k + 2]: 2, m() { return this.n } }).m()", "1"),
        ("const k = 'x'; ({ [k]: 1, [`${k}y`]: 2 })", "{\"x\":1,\"xy\":2}"),
        ("({ get double() { return this.v * 2 }, set double(d) { this.v = d / 2 }, v: 1 }).double", "2"),
        ("const o = { v: 1, set double(d) { this.v = d / 2 } }; o.double = 10; o.v", "5"),
        // Optional chaining and nullish coalescing.
        ("const o = { a: { b: null } }; [o?.a?.b, o.x?.y, o.x?.y.z, o.a?.['b']]", "[null,null,null,null]"),
        ("const o = { f() { return 1 } }; [o.f?.(), o.g?.()]", "[1,null]"),
        ("[null ?? 'd', undefined ?? 'd', 0 ?? 'd', '' ?? 'd', false ?? 'd']", "[\"d\",\"d\",0,\"\",false]"),
        ("let a = null; a ??= 5; let b = 0; b ||= 7; let c = 1; c &&= 9; [a, b, c]", "[5,7,9]"),
        // typeof, instanceof, in, delete.
        (
            "[typeof 1, typeof 'a', typeof true, typeof undefined, typeof null, typeof {}, typeof [], typeof (() => 1), typeof nope]",
            "[\"number\",\"string\",\"boolean\",\"undefined\",\"object\",\"object\",\"object\",\"function\",\"undefined\"]"
        ),
        (
            "class A {} class B extends A {} [new B() instanceof A, [] instanceof Array, {} instanceof Array, new Date() instanceof Date]",
            "[true,true,false,true]"
        ),
        ("['a' in { a: 1 }, 'b' in { a: 1 }, 0 in [5], 3 in [5], 'length' in []]", "[true,false,true,false,true]"),
        ("const o = { a: 1, b: 2 }; const r = delete o.a; [r, o, delete o.zz]", "[true,{\"b\":2},true]"),
        ("const a = [1, 2, 3]; delete a[1]; [a.length, a[1]]", "[3,null]"),
        // Equality with JavaScript's rules.
        (
            "[1 === 1, 1 === '1', 1 == '1', null == undefined, null === undefined, NaN === NaN, 0 === -0]",
            "[true,false,true,true,false,false,true]"
        ),
        (
            "[1 !== '1', 1 != '1', '' == 0, '0' == false, [] == '', [2] == 2, ({}) == '[object Object]']",
            "[true,false,true,true,true,true,true]"
        ),
        ("const o = {}; [o === o, o == {}, null == 0, undefined == 0]", "[true,false,false,false]"),
        // ++/-- and compound assignment.
        ("let i = 1; const a = i++; const b = ++i; const c = i--; const d = --i; [a, b, c, d, i]", "[1,3,3,1,1]"),
        ("const o = { n: 1 }; o.n++; o['n'] += 10; o.n", "12"),
        (
            "let x = 10; x += 5; x -= 3; x *= 2; x /= 4; x %= 4; x **= 3; x <<= 2; x >>= 1; x >>>= 0; x |= 1; x &= 7; x ^= 2; x",
            "3"
        ),
        ("let s = 'a'; s += 'b'; s += 1; s", "'ab1'"),
        // Regex literals.
        ("/a(b+)c/i.exec('xABBc')[1]", "'BB'"),
        ("[/^\\d{3}$/.test('123'), /^\\d{3}$/.test('12a')]", "[true,false]"),
        ("'2024-01-15'.replace(/(\\d+)-(\\d+)-(\\d+)/, '$3/$2/$1')", "'15/01/2024'"),
        ("'a1b22c333'.match(/\\d+/g)", "[\"1\",\"22\",\"333\"]"),
        ("const re = /o/g; re.test('foo'); re.lastIndex", "2"),
        ("/[/]/.source", "'[/]'"),
        // Templates, comma, void, conditional.
        ("const n = 3; `n=${n}, twice=${n * 2}, ${n > 2 ? 'big' : 'small'}`", "'n=3, twice=6, big'"),
        ("[(1, 2, 3), void 0, true ? 'y' : 'n']", "[3,null,\"y\"]"),
        // Classes with getters, setters, static members and super.
        ("class P { #x = 0 }", "SyntaxError"),
        (
            "class A { constructor(v) { this.v = v } get twice() { return this.v * 2 } static of(v) { return new A(v) } } A.of(4).twice",
            "8"
        ),
        ("class A { hi() { return 'A' } } class B extends A { hi() { return super.hi() + 'B' } } new B().hi()", "'AB'"),
        // Number literals, with separators.
        (
            "[1_000_000, 0b1010_1010, 0o7_7, 0xff_ff, 1_0.5_0, 1e1_0, .5, 5., 1.5e-3]",
            "[1000000,170,63,65535,10.5,10000000000,0.5,5,0.0015]"
        ),
        // globalThis.
        ("globalThis.Math === Math", "true"),
        ("var g1 = 1; globalThis.g1", "1"),
        ("globalThis.made = 5; made", "5"),
    ])
    func expressions(source: String, expected: String) throws {
        if expected.hasSuffix("Error") {
            #expect(runError(source).hasPrefix(expected))
        } else {
            #expect(try run(source) == expected)
        }
    }

    @Test(arguments: [
        ("const x = await 5; x", "5"),
        ("await 1 + 1", "2"),
        ("const f = async () => 7; await f()", "7"),
        ("async function g(v) { return await v } await g('s')", "'s'"),
        ("const o = { async m() { return 3 } }; await o.m()", "3"),
        // Promises settle synchronously, so awaiting them gives their value.
        ("await Promise.resolve(3)", "3"),
        ("await Promise.all([1, Promise.resolve(2), new Promise(r => r(3))])", "[1,2,3]"),
        (
            "(await Promise.allSettled([1, Promise.reject(new Error('x'))])).map(r => r.status)",
            "[\"fulfilled\",\"rejected\"]"
        ),
        ("await Promise.race([Promise.resolve('a'), 'b'])", "'a'"),
        ("await Promise.any([Promise.reject(1), Promise.resolve(2)])", "2"),
        (
            "await Promise.resolve(1).then(x => x + 1).then(x => { throw new Error('e' + x) }).catch(e => e.message)",
            "'e2'"
        ),
        ("await Promise.reject(5).finally(() => 1).catch(x => x + 1)", "6"),
        ("try { await Promise.reject(new TypeError('no')) } catch (e) { `${e.name}:${e.message}` }", "'TypeError:no'"),
        ("await new Promise(() => { throw new Error('inside') }).catch(e => 'caught ' + e.message)", "'caught inside'"),
        ("await Promise.resolve({ then(resolve) { resolve(42) } })", "42"),
        (
            "let later; const p = new Promise(r => { later = r }); const q = p.then(v => v * 2); later(21); await q",
            "42"
        ),
        ("await new Promise(() => {})", "Error: await on a promise that never settled"),
    ])
    func awaitOnAValueIsTheValue(source: String, expected: String) throws {
        if expected.hasPrefix("Error:") {
            #expect(runError(source).hasPrefix(expected))
        } else {
            #expect(try run(source) == expected)
        }
    }

    /// mongosh lets users re-run `let x = …` at the prompt; each input is a separate program.
    @Test func topLevelLetAndConstMayBeRedeclaredInALaterInput() throws {
        let interpreter = Interpreter()
        _ = try interpreter.evaluate("let a = 1; const b = 2; class C {}", fileName: "1")
        _ = try interpreter.evaluate("let a = 10; const b = 20; class C { v() { return 3 } }", fileName: "2")
        #expect(try interpreter.evaluate("[a, b, new C().v()].join()", fileName: "3").toDisplayString() == "10,20,3")
        #expect(
            runError("let a = 1; let a = 2", interpreter: interpreter)
                == "SyntaxError: Identifier 'a' has already been declared")
    }

    @Test(arguments: [
        "{ let a = 1 } { let a = 2 } 'ok'",
        "let a = 1; { let a = 2 } 'ok'",
        "function f(a) { { let a = 2 } } 'ok'",
        "var v = 1; var v = 2; 'ok'",
        "function f() {} function f() {} 'ok'",
        "switch (1) { case 1: { let a } case 2: { let a } } 'ok'",
        "for (let i = 0; i < 1; i++) { let i = 5 } 'ok'",
        "try {} catch (e) { var e = 1 } 'ok'",
    ])
    func declarationsInSeparateScopesAreAllowed(source: String) throws {
        #expect(try run(source) == "'ok'")
    }
}
