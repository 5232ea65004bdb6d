import TestSupport
import Testing

@testable import Interpreter

@Suite(.tags(.small))
struct ExpressionTests {
    @Test(arguments: [
        // Literals
        ("42", "42"), ("0x10", "16"), ("'a' + \"b\"", "'ab'"), ("`x${1 + 1}y${'z'}`", "'x2yz'"),
        ("`a${`b${'c'}`}`", "'abc'"), ("true", "true"), ("null", "null"), ("undefined", "undefined"),
        ("[1, , 3].length", "3"), ("[1, 2,]", "[1,2]"), ("[...[1, 2], ...'ab']", "[1,2,\"a\",\"b\"]"),
        ("({ a: 1, 'b c': 2, 3: 4, $match: { x: 1 }, })", "{\"3\":4,\"a\":1,\"b c\":2,\"$match\":{\"x\":1}}"),
        ("const a = 1; ({ a })", "{\"a\":1}"), ("const k = 'z'; ({ [k + 1]: 2 })", "{\"z1\":2}"),
        ("({ f() { return this.v }, v: 3 }).f()", "3"), ("const o = { a: 1 }; ({ ...o, b: 2 })", "{\"a\":1,\"b\":2}"),
        ("({ b: 1, a: 2, 1: 3, 0: 4 })", "{\"0\":4,\"1\":3,\"b\":1,\"a\":2}"),
        ("`${ { a: 1 }.a }-${[1, 2].map(x => `<${x}>`).join('')}`", "'1-<1><2>'"),
        ("function f(s) { return /b+/.test(s) } f('abbc')", "true"), ("const a = 8, b = 2, g = 2; a / b / g", "2"),
        ("`line1\nline2`.split('\\n').length", "2"), ("`a\\tb`", "'a\tb'"),
        // Arithmetic and conversions
        ("'5' * '2'", "10"), ("'5' + 2", "'52'"), ("5 + '2'", "'52'"), ("'5' - 2", "3"),
        ("[] + {}", "'[object Object]'"),
        ("[] + []", "''"), ("[1, 2] + ''", "'1,2'"), ("1 / 0", "Infinity"), ("-1 / 0", "-Infinity"), ("0 / 0", "NaN"),
        ("7 % 3", "1"), ("-7 % 3", "-1"), ("2 ** 10", "1024"), ("2 ** 3 ** 2", "512"), ("(-2) ** 2", "4"),
        ("'3' ** '2'", "9"), ("+'  12 '", "12"), ("+'x'", "NaN"), ("+[]", "0"), ("+[5]", "5"), ("+{}", "NaN"),
        ("+true", "1"), ("+null", "0"), ("+undefined", "NaN"), ("-'-3'", "3"), ("1 + null", "1"),
        ("1 + undefined", "NaN"), ("true + true", "2"), ("'a' + null", "'anull'"), ("0.1 + 0.2", "0.30000000000000004"),
        // Bitwise
        ("5 & 3", "1"), ("5 | 3", "7"), ("5 ^ 3", "6"), ("~5", "-6"), ("1 << 31", "-2147483648"), ("-8 >> 1", "-4"),
        ("-1 >>> 28", "15"), ("2 ** 32 | 0", "0"), ("1.9 | 0", "1"),
        // Comparison and equality
        ("null == undefined", "true"), ("null === undefined", "false"), ("NaN == NaN", "false"), ("'1' == 1", "true"),
        ("0 == ''", "true"), ("0 == '0'", "true"), ("'' == '0'", "false"), ("false == 'false'", "false"),
        ("false == '0'", "true"), ("null == 0", "false"), ("[1] == 1", "true"), ("[1,2] == '1,2'", "true"),
        ("({}) === ({})", "false"), ("const o = {}; o === o", "true"), ("'b' > 'a'", "true"), ("'10' < '9'", "true"),
        ("'10' < 9", "false"), ("null >= 0", "true"), ("undefined < 1", "false"), ("NaN <= NaN", "false"),
        ("1 !== '1'", "true"), ("1 != '1'", "false"),
        // typeof, void, delete, in, instanceof
        ("typeof null", "'object'"), ("typeof undefined", "'undefined'"), ("typeof notDeclared", "'undefined'"),
        ("typeof 1", "'number'"), ("typeof ''", "'string'"), ("typeof {}", "'object'"), ("typeof []", "'object'"),
        ("typeof (() => 1)", "'function'"), ("typeof Math.max", "'function'"), ("void 0", "undefined"),
        ("const o = { a: 1, b: 2 }; delete o.a; o", "{\"b\":2}"), ("'a' in { a: 1 }", "true"), ("0 in [5]", "true"),
        ("'length' in []", "true"), ("'x' in {}", "false"), ("[] instanceof Array", "true"),
        ("({}) instanceof Array", "false"), ("new Date(0) instanceof Date", "true"), ("[] instanceof Object", "true"),
        ("new TypeError('x') instanceof Error", "true"),
        // Logical and conditional
        ("0 || 'a'", "'a'"), ("1 && 'b'", "'b'"), ("'' && x", "''"), ("null ?? 5", "5"), ("0 ?? 5", "0"),
        ("!!'x'", "true"), ("!0", "true"), ("1 ? 'y' : 'n'", "'y'"), ("0 ? 'y' : 0 ? 'a' : 'b'", "'b'"),
        ("(1, 2, 3)", "3"),
        // Optional chaining
        ("const o = null; o?.a", "undefined"), ("const o = null; o?.a.b.c", "undefined"),
        ("const o = { a: { b: 2 } }; o?.a?.b", "2"), ("const o = {}; o.f?.()", "undefined"),
        ("const o = { a: [7] }; o.a?.[0]", "7"), ("const o = undefined; o?.[1]", "undefined"),
        // Assignment
        ("let x = 1; x += 2; x", "3"), ("let x = 2; x **= 3", "8"), ("let x = 'a'; x += 1", "'a1'"),
        ("let x = 7; x %= 4", "3"), ("let x = 5; x -= 1; x *= 3; x /= 2", "6"), ("let x = 1; x <<= 3", "8"),
        ("let x = null; x ??= 4", "4"), ("let x = 1; x ||= 4", "1"), ("let x = 1; x &&= 4", "4"),
        ("const o = {}; o.a = 1; o['b'] = 2; o.a += 5; o", "{\"a\":6,\"b\":2}"),
        ("const o = { n: 0 }; o.n++; ++o.n; o.n--; o.n", "1"), ("let a = 1, b = 2; [a, b] = [b, a]; [a, b]", "[2,1]"),
        ("let i = 5; [i++, i, ++i, i--, --i]", "[5,6,7,7,5]"), ("let a = [1]; a[3] = 4; a.length", "4"),
        ("const a = [1, 2, 3]; a.length = 1; a", "[1]"),
        ("const a = []; a[1e12] = 1; [a.length, a[1e12]]", "[0,1]"), ("x = 5; x", "5"),
        // Members, calls, this, new
        ("'abc'.length", "3"), ("'abc'[1]", "'b'"), ("[1, 2, 3][2]", "3"), ("[1][5]", "undefined"),
        ("const o = { n: 2, get() { return this.n } }; o.get()", "2"),
        ("function P(x) { this.x = x } P.prototype.double = function () { return this.x * 2 }; new P(4).double()", "8"),
        ("function F() { return { y: 1 } } new F().y", "1"),
        ("const a = [3, 1, 2].sort().map(String).join('-'); a", "'1-2-3'"),
        ("await 5", "5"), ("const f = async (x) => x + 1; await f(1)", "2"),
        ("(function () { return typeof this })()", "'undefined'"),
        ("const o = { f() { return [1].map(() => this.v) }, v: 9 }; o.f()", "[9]"),
        ("Math.max.apply(null, [1, 5, 2])", "5"),
        ("function f(a, b) { return this.k + a + b } f.call({ k: 1 }, 2, 3)", "6"),
        ("function f(a, b) { return a + b } const g = f.bind(null, 10); g(5)", "15"),
        ("(x => x * 2)(4)", "8"), ("((a, b = 2) => a + b)(1)", "3"), ("((...r) => r.length)(1, 2, 3)", "3"),
        ("(() => ({ a: 1 }))()", "{\"a\":1}"), ("new Array(3).length", "3"), ("new Object({ a: 1 }).a", "1"),
        ("const f = function g() { return typeof g }; f()", "'function'"), ("const f = () => 1; f.name", "'f'"),
        ("function f(a, b) {} f.length", "2"), ("Math.max(...[1, 9, 3])", "9"),
    ])
    func evaluates(source: String, expected: String) throws {
        #expect(try run(source) == expected)
    }

    @Test(arguments: [
        ("x", "ReferenceError: x is not defined"),
        ("x = y", "ReferenceError: y is not defined"),
        ("const c = 1; c = 2", "TypeError: Assignment to constant variable."),
        ("const c = 1; c++", "TypeError: Assignment to constant variable."),
        ("let u; u.x", "TypeError: Cannot read properties of undefined (reading 'x')"),
        ("null.x", "TypeError: Cannot read properties of null (reading 'x')"),
        ("let u; u[0]", "TypeError: Cannot read properties of undefined (reading '0')"),
        ("let u; u.x = 1", "TypeError: Cannot set properties of undefined (setting 'x')"),
        ("const db = { foo: {} }; db.foo.bar()", "TypeError: db.foo.bar is not a function"),
        ("const a = {}; a.b().c", "TypeError: a.b is not a function"),
        ("const a = { b() { return {} } }; a.b().c()", "TypeError: a.b(...).c is not a function"),
        ("let f = 5; f()", "TypeError: f is not a function"),
        ("new 5", "TypeError: 5 is not a constructor"),
        ("new Array(1e12)", "RangeError: Invalid array length"),
        ("const f = () => 1; new f()", "TypeError: f is not a constructor"),
        ("'a' in 'abc'", "TypeError: Cannot use 'in' operator to search for 'a' in abc"),
        ("1 instanceof 1", "TypeError: Right-hand side of 'instanceof' is not callable"),
        ("const { a } = null", "TypeError: Cannot destructure property 'a' of 'null' as it is null."),
        ("const [a] = 5", "TypeError: 5 is not iterable"),
        ("function f() { f() } f()", "RangeError: Maximum call stack size exceeded"),
        (
            "({ valueOf() { return {} }, toString() { return {} } }) + 1",
            "TypeError: Cannot convert object to primitive value"
        ),
    ])
    func runtimeErrors(source: String, expected: String) {
        #expect(runError(source) == expected)
    }
}
