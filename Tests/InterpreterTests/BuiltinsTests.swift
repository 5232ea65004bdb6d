import TestSupport
import Testing

@testable import Interpreter

@Suite(.tags(.small))
struct BuiltinsTests {
    @Test(arguments: [
        // Object
        ("Object.keys({ b: 1, a: 2, 2: 0, 1: 0 })", "[\"1\",\"2\",\"b\",\"a\"]"),
        ("Object.values({ a: 1, b: 'x' })", "[1,\"x\"]"),
        ("Object.entries({ a: 1 })", "[[\"a\",1]]"),
        ("Object.assign({ a: 1 }, { b: 2 }, { a: 3 })", "{\"a\":3,\"b\":2}"),
        ("Object.keys([4, 5])", "[\"0\",\"1\"]"), ("Object.fromEntries([['a', 1], ['b', 2]])", "{\"a\":1,\"b\":2}"),
        ("({ a: 1 }).hasOwnProperty('a')", "true"), ("Object.create({ x: 1 }).x", "1"),
        ("String({})", "'[object Object]'"),
        ("Object.prototype.toString.call([])", "'[object Array]'"),
        // Array
        ("Array.isArray([])", "true"), ("Array.isArray('a')", "false"),
        ("const a = [1]; [a.push(2, 3), a]", "[3,[1,2,3]]"),
        ("const a = [1, 2]; [a.pop(), a]", "[2,[1]]"), ("[1, 2, 3].filter(x => x % 2)", "[1,3]"),
        ("[1, 2, 3].reduce((s, x) => s + x, 0)", "6"), ("[1, 2, 3].reduce((s, x) => s + x)", "6"),
        ("[1, 2, 3].find(x => x > 1)", "2"), ("[1, 2].find(x => x > 5)", "undefined"),
        ("[1, 2, 3].findIndex(x => x === 3)", "2"),
        ("[1, 2].some(x => x > 1)", "true"), ("[1, 2].every(x => x > 1)", "false"), ("[1, NaN].includes(NaN)", "true"),
        ("[1, 2, 3].indexOf(3)", "2"), ("[1, 2, 3].indexOf(7)", "-1"),
        ("[1, [2], null, undefined].join('-')", "'1-2--'"),
        ("[1, 2, 3, 4].slice(1, -1)", "[2,3]"), ("[1].concat([2, 3], 4)", "[1,2,3,4]"), ("[1, 2, 3].length", "3"),
        ("let s = 0; [1, 2].forEach((x, i) => s += x * i); s", "2"), ("[3, 1, 10, 2].sort()", "[1,10,2,3]"),
        ("[3, 1, 10, 2].sort((a, b) => a - b)", "[1,2,3,10]"), ("[1, 2, 3].reverse()", "[3,2,1]"),
        ("const a = [1, 2, 3, 4]; [a.splice(1, 2, 'x'), a]", "[[2,3],[1,\"x\",4]]"),
        ("[[1, [2]], 3].flat()", "[1,[2],3]"),
        ("[1, 2].flatMap(x => [x, x])", "[1,1,2,2]"), ("Array.from('ab')", "[\"a\",\"b\"]"),
        ("Array.from({ length: 3 }, (_, i) => i * 2)", "[0,2,4]"), ("[1, 2, 3].at(-1)", "3"),
        ("new Array(2).fill(0)", "[0,0]"),
        ("[1, 2, 3].map((x, i, arr) => arr.length)", "[3,3,3]"), ("String([1, [2, 3]])", "'1,2,3'"),
        // String
        ("'a,b,,c'.split(',')", "[\"a\",\"b\",\"\",\"c\"]"), ("'abc'.split('')", "[\"a\",\"b\",\"c\"]"),
        ("'a1b2c'.split(/\\d/)", "[\"a\",\"b\",\"c\"]"), ("'hello'.slice(1, -1)", "'ell'"),
        ("'hello'.slice(-3)", "'llo'"),
        ("'hello'.substring(3, 1)", "'el'"), ("'hello'.indexOf('l')", "2"), ("'hello'.lastIndexOf('l')", "3"),
        ("'hello'.includes('ell')", "true"), ("'hello'.startsWith('he')", "true"), ("'hello'.endsWith('lo')", "true"),
        ("'MiXed'.toUpperCase() + 'MiXed'.toLowerCase()", "'MIXEDmixed'"), ("'  pad \\n'.trim()", "'pad'"),
        ("'5'.padStart(3, '0')", "'005'"), ("'ab'.padEnd(5, 'xy')", "'abxyx'"), ("'aaa'.replace('a', 'b')", "'baa'"),
        ("'aaa'.replaceAll('a', 'b')", "'bbb'"), ("'a-b-c'.replace(/-/g, '+')", "'a+b+c'"),
        ("'John Smith'.replace(/(\\w+)\\s(\\w+)/, '$2, $1')", "'Smith, John'"),
        ("'abc'.replace(/b/, m => m.toUpperCase())", "'aBc'"),
        ("'ab'.repeat(3)", "'ababab'"), ("'abc'.charAt(1) + 'abc'.charCodeAt(1)", "'b98'"),
        ("'x'.concat(1, 2)", "'x12'"),
        ("'😀'.length", "2"), ("'a😀b'.slice(3)", "'b'"), ("/^a.c$/i.test('AbC')", "true"),
        ("'abcabc'.match(/b/g)", "[\"b\",\"b\"]"),
        ("'key=val'.match(/(\\w+)=(\\w+)/)[2]", "'val'"), ("String(null) + String(12) + String(true)", "'null12true'"),
        ("'2025-11'.match(/(?<year>\\d+)-(?<month>\\d+)/).groups.month", "'11'"),
        ("[...'a1b22'.matchAll(/\\d+/g)].map(m => m[0] + '@' + m.index)", "[\"1@1\",\"22@3\"]"),
        ("/(\\w)(\\d)?/.exec('x').length", "3"),
        ("const r = /a/g; [r.exec('aa').index, r.exec('aa').index, r.exec('aa')]", "[0,1,null]"),
        (
            "['abc'.charAt(Infinity), 'abc'.at(-Infinity), [1].at(1e300), 'x'.padStart(-Infinity)]",
            "[\"\",null,null,\"x\"]"
        ),
        ("String.fromCharCode(72, 105)", "'Hi'"), ("'abc'.at(-1)", "'c'"),
        // Number, Math, globals
        ("Number('42')", "42"), ("Number('')", "0"), ("Number('x')", "NaN"), ("Number(null)", "0"),
        ("Number([7])", "7"),
        ("Number.isInteger(5.0)", "true"), ("Number.isInteger('5')", "false"),
        ("Number.MAX_SAFE_INTEGER", "9007199254740991"),
        ("(3.14159).toFixed(2)", "'3.14'"), ("(2.5).toFixed(0)", "'3'"), ("(1.005).toFixed(2)", "'1.00'"),
        ("(255).toString(16)", "'ff'"),
        ("(255).toString(2)", "'11111111'"), ("(0.000001234).toPrecision(2)", "'0.0000012'"),
        ("(123.456).toPrecision(4)", "'123.5'"),
        ("parseInt('42px')", "42"), ("parseInt('0x1A')", "26"), ("parseInt('101', 2)", "5"), ("parseInt('abc')", "NaN"),
        ("parseInt('  -7.9')", "-7"), ("parseFloat('3.14abc')", "3.14"), ("parseFloat('.5e1x')", "5"),
        ("parseFloat('x')", "NaN"),
        ("isNaN('abc')", "true"), ("isNaN('12')", "false"), ("isFinite('12')", "true"), ("Math.max(1, 3, 2)", "3"),
        ("Math.min()", "Infinity"), ("Math.max(1, NaN)", "NaN"), ("Math.floor(-1.5)", "-2"), ("Math.ceil(1.2)", "2"),
        ("Math.round(2.5)", "3"), ("Math.round(-2.5)", "-2"), ("Math.round(1.4)", "1"), ("Math.abs(-3)", "3"),
        ("Math.sqrt(16)", "4"),
        ("Math.pow(2, 10)", "1024"), ("Math.trunc(-4.7)", "-4"), ("Math.sign(-3)", "-1"),
        ("Math.PI", "3.141592653589793"),
        ("Math.hypot(3, 4)", "5"), ("const r = Math.random(); r >= 0 && r < 1", "true"), ("Boolean('')", "false"),
        ("Boolean('0')", "true"), ("typeof new Boolean(false)", "'object'"),
        // JSON
        (
            "JSON.stringify({ b: 1, a: [1, 'x', null, true], c: { d: undefined, e: () => 1 } })",
            "'{\"b\":1,\"a\":[1,\"x\",null,true],\"c\":{}}'"
        ),
        ("JSON.stringify([undefined, NaN, Infinity])", "'[null,null,null]'"),
        ("JSON.stringify('a\"b\\n')", "'\"a\\\"b\\n\"'"),
        ("JSON.stringify({ a: 1, b: [2] }, null, 2)", "'{\n  \"a\": 1,\n  \"b\": [\n    2\n  ]\n}'"),
        ("JSON.stringify(undefined)", "undefined"),
        ("JSON.stringify({ d: new Date(0) })", "'{\"d\":\"1970-01-01T00:00:00.000Z\"}'"),
        ("JSON.stringify({ a: 1, b: 2 }, (k, v) => k === 'a' ? undefined : v)", "'{\"b\":2}'"),
        (
            "JSON.parse('{\"z\": 1, \"a\": [1, 2.5, \"s\", null, true, false], \"n\": {\"m\": -1e2}}')",
            "{\"z\":1,\"a\":[1,2.5,\"s\",null,true,false],\"n\":{\"m\":-100}}"
        ),
        ("JSON.parse('\"\\\\u0041\"')", "'A'"),
        ("JSON.parse('[1, 2]', (k, v) => typeof v === 'number' ? v * 10 : v)", "[10,20]"),
        // URI and property definitions
        ("encodeURIComponent('a b&c/é')", "'a%20b%26c%2F%C3%A9'"),
        ("encodeURI('http://x/a b?q=1')", "'http://x/a%20b?q=1'"),
        ("decodeURIComponent('a%20b%26')", "'a b&'"),
        ("const o = {}; Object.defineProperty(o, 'h', { value: 1 }); [o.h, Object.keys(o)]", "[1,[]]"),
        (
            "const o = { n: 1 }; Object.defineProperty(o, 'd', { get() { return this.n * 2 }, enumerable: true }); o.d",
            "2"
        ),
        // Map and Set
        (
            "const m = new Map([['a', 1]]); m.set('b', 2).set('a', 3); [m.size, m.get('a'), m.has('b'), m.get('z')]",
            "[2,3,true,null]"
        ),
        ("const m = new Map(); m.set(NaN, 'n'); m.set(0, 'z'); [m.get(NaN), m.get(-0)]", "[\"n\",\"z\"]"),
        ("const m = new Map([[1, 'x'], [2, 'y']]); m.delete(1); [...m]", "[[2,\"y\"]]"),
        ("const k = {}; const m = new Map([[k, 1]]); [m.get(k), m.get({})]", "[1,null]"),
        ("const s = new Set([1, 2, 2, '2']); [s.size, [...s], s.has('2')]", "[3,[1,2,\"2\"],true]"),
        ("let r = []; new Map([['a', 1]]).forEach((v, k) => r.push(k + v)); r", "[\"a1\"]"),
        ("const s = new Set(); for (const x of [3, 1, 3]) s.add(x); Array.from(s)", "[3,1]"),
        ("[...new Set('hello')].join('')", "'helo'"), ("new Map([['a', 1]]).keys()", "[\"a\"]"),
        // Errors
        ("new Error('m').message", "'m'"), ("new TypeError('t').name", "'TypeError'"),
        ("String(new RangeError('r'))", "'RangeError: r'"),
        ("Error('no new').message", "'no new'"), ("new Error().message", "''"),
        (
            "const e = new SyntaxError('s'); [e.name, e instanceof SyntaxError, e instanceof Error]",
            "[\"SyntaxError\",true,true]"
        ),
        ("new ReferenceError('x') + ''", "'ReferenceError: x'"),
    ])
    func builtins(source: String, expected: String) throws {
        #expect(try run(source) == expected)
    }

    @Test(arguments: [
        ("JSON.parse('{bad')", "SyntaxError: Expected property name or '}' in JSON at position 1"),
        ("JSON.parse('[1, 2')", "SyntaxError: Expected ',' or ']' after array element in JSON at position 5"),
        ("const o = {}; o.self = o; JSON.stringify(o)", "TypeError: Converting circular structure to JSON"),
        (
            "let o = {}; for (let i = 0; i < 5000; i++) o = { o }; JSON.stringify(o).length",
            "RangeError: Maximum call stack size exceeded"
        ),
        ("[].reduce((a, b) => a)", "TypeError: Reduce of empty array with no initial value"),
        ("[1].map(5)", "TypeError: 5 is not a function"),
        ("'x'.repeat(-1)", "RangeError: Invalid count value: -1"),
        ("(1).toFixed(101)", "RangeError: toFixed() digits argument must be between 0 and 100"),
        ("(1).toFixed(Infinity)", "RangeError: toFixed() digits argument must be between 0 and 100"),
        ("(1).toString(Infinity)", "RangeError: toString() radix argument must be between 2 and 36"),
        ("Object.keys(null)", "TypeError: Cannot convert undefined or null to object"),
        ("print('x')", "ReferenceError: print is not defined"),
        ("Map()", "TypeError: Constructor Map requires 'new'"),
        ("decodeURIComponent('%E0%A4%A')", "URIError: URI malformed"),
        ("const arr = []; arr.foo()", "TypeError: arr.foo is not a function"),
    ])
    func errors(source: String, expected: String) {
        #expect(runError(source) == expected)
    }
}
