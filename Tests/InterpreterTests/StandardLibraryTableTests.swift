import TestSupport
import Testing

@testable import Interpreter

/// Every standard-library function of the list (EJSON and `sleep` are the shell's, tested there).
@Suite(.tags(.small))
struct StandardLibraryTableTests {
    @Test(arguments: [
        ("Object.keys({ b: 1, 2: 1, a: 1, 1: 1 })", "[\"1\",\"2\",\"b\",\"a\"]"),
        ("Object.values({ a: 1, b: [2] })", "[1,[2]]"),
        ("Object.entries({ a: 1, b: 2 })", "[[\"a\",1],[\"b\",2]]"),
        ("Object.entries(['x', 'y'])", "[[\"0\",\"x\"],[\"1\",\"y\"]]"),
        ("Object.keys('ab')", "[\"0\",\"1\"]"),
        (
            "const t = { a: 1 }; const r = Object.assign(t, { b: 2 }, null, { a: 3 }); [r === t, t]",
            "[true,{\"a\":3,\"b\":2}]"
        ),
        ("Object.fromEntries([['a', 1], ['b', 2]])", "{\"a\":1,\"b\":2}"),
        ("Object.fromEntries(new Map([['k', 'v']]))", "{\"k\":\"v\"}"),
        (
            "Object.fromEntries(Object.entries({ a: 1, b: 2 }).map(([k, v]) => [k.toUpperCase(), v * 10]))",
            "{\"A\":10,\"B\":20}"
        ),
        ("[Object.is(NaN, NaN), Object.is(0, -0), Object.is('a', 'a')]", "[true,false,true]"),
        ("[Array.isArray([]), Array.isArray({}), Array.isArray('a')]", "[true,false,false]"),
        ("Array.from('abc')", "[\"a\",\"b\",\"c\"]"),
        ("Array.from({ length: 3 }, (_, i) => i * 2)", "[0,2,4]"),
        ("Array.from(new Set([1, 1, 2]))", "[1,2]"),
        ("Array.from([1, 2], x => x + 1)", "[2,3]"),
        ("Array.of(7, 8)", "[7,8]"),
    ])
    func objectAndArrayStatics(source: String, expected: String) throws {
        #expect(try run(source) == expected)
    }

    @Test(arguments: [
        ("[1, 2, 3].map((x, i) => x * i)", "[0,2,6]"),
        ("[1, 2, 3, 4].filter(x => x % 2 === 0)", "[2,4]"),
        ("[1, 2, 3].reduce((a, b) => a + b)", "6"),
        ("[1, 2, 3].reduce((a, b) => a + b, 10)", "16"),
        ("[[1, 2], [3]].reduce((acc, xs) => acc.concat(xs), [])", "[1,2,3]"),
        ("let s = 0; [1, 2, 3].forEach((x, i, arr) => { s += x * arr.length }); s", "18"),
        ("[{ id: 1 }, { id: 2 }].find(d => d.id === 2)", "{\"id\":2}"),
        ("[1, 2].find(x => x > 5)", "undefined"),
        ("[5, 6, 7].findIndex(x => x === 7)", "2"),
        ("[1, 2, 3, 2].findLast(x => x === 2)", "2"),
        ("[1, 2, 3, 2].findLastIndex(x => x === 2)", "3"),
        (
            "const a = [3, 1, 2]; [a.toSorted(), a.toSorted((x, y) => y - x), a]",
            "[[1,2,3],[3,2,1],[3,1,2]]"
        ),
        ("const a = [1, 2, 3]; [a.toReversed(), a]", "[[3,2,1],[1,2,3]]"),
        ("const a = [1, 2, 3]; [a.with(0, 9), a.with(-1, 8), a]", "[[9,2,3],[1,2,8],[1,2,3]]"),
        ("[[1, 2].some(x => x > 1), [1, 2].some(x => x > 5), [].some(x => true)]", "[true,false,false]"),
        ("[[1, 2].every(x => x > 0), [1, 2].every(x => x > 1), [].every(x => false)]", "[true,false,true]"),
        ("[[1, 2, NaN].includes(NaN), [1, 2].includes(3), ['a'].includes('a')]", "[true,false,true]"),
        ("[[1, 2, 1].indexOf(1), [1, 2, 1].indexOf(1, 1), [1].indexOf(9), [1, 2, 1].lastIndexOf(1)]", "[0,2,-1,2]"),
        ("[[1, 2, 3].join(), [1, null, undefined, 2].join('-'), [].join()]", "[\"1,2,3\",\"1---2\",\"\"]"),
        ("[[1, 2, 3, 4].slice(1, 3), [1, 2, 3].slice(-2), [1, 2].slice()]", "[[2,3],[2,3],[1,2]]"),
        (
            "const a = [1, 2, 3, 4]; const removed = a.splice(1, 2, 'x', 'y', 'z'); [a, removed]",
            "[[1,\"x\",\"y\",\"z\",4],[2,3]]"
        ),
        ("const a = [1, 2, 3]; a.splice(-1); a", "[1,2]"),
        ("const a = [1]; const n = a.push(2, 3); [n, a]", "[3,[1,2,3]]"),
        ("const a = [1, 2]; [a.pop(), a, [].pop()]", "[2,[1],null]"),
        ("const a = [1, 2]; [a.shift(), a]", "[1,[2]]"),
        ("const a = [3]; [a.unshift(1, 2), a]", "[3,[1,2,3]]"),
        ("[1].concat([2, [3]], 4)", "[1,2,[3],4]"),
        (
            "[[3, 1, 10, 2].sort(), [3, 1, 10, 2].sort((a, b) => a - b), ['b', 'a'].sort()]",
            "[[1,10,2,3],[1,2,3,10],[\"a\",\"b\"]]"
        ),
        (
            "[{ n: 'b', v: 1 }, { n: 'a', v: 1 }, { n: 'c', v: 0 }].sort((x, y) => x.v - y.v).map(x => x.n)",
            "[\"c\",\"b\",\"a\"]"
        ),
        ("const a = [1, 2, 3]; const r = a.reverse(); [r === a, a]", "[true,[3,2,1]]"),
        (
            "[[1, [2, [3, [4]]]].flat(), [1, [2, [3, [4]]]].flat(2), [1, [2, [3, [4]]]].flat(Infinity)]",
            "[[1,2,[3,[4]]],[1,2,3,[4]],[1,2,3,4]]"
        ),
        ("[1, 2].flatMap(x => [x, x * 10])", "[1,10,2,20]"),
        ("[[1, 2, 3].at(0), [1, 2, 3].at(-1), [1].at(5)]", "[1,3,null]"),
        ("[1, 2, 3].fill(0, 1)", "[1,0,0]"),
        ("[...[7, 8].entries()]", "[[0,7],[1,8]]"),
    ])
    func arrayMethods(source: String, expected: String) throws {
        #expect(try run(source) == expected)
    }

    @Test(arguments: [
        (
            "['a,b,,c'.split(','), 'abc'.split(''), 'a b'.split(' ', 1), 'a1b2'.split(/\\d/)]",
            "[[\"a\",\"b\",\"\",\"c\"],[\"a\",\"b\",\"c\"],[\"a\"],[\"a\",\"b\",\"\"]]"
        ),
        ("['a', 'b'].join(' + ')", "'a + b'"),
        ("['hello'.slice(1, 3), 'hello'.slice(-3), 'hello'.slice(2)]", "[\"el\",\"llo\",\"llo\"]"),
        ("['hello'.substring(1, 3), 'hello'.substring(3, 1), 'hello'.substring(-2)]", "[\"el\",\"el\",\"hello\"]"),
        (
            "['hello'.indexOf('l'), 'hello'.indexOf('l', 3), 'hello'.indexOf('z'), 'hello'.lastIndexOf('l')]",
            "[2,3,-1,3]"
        ),
        ("['hello'.includes('ell'), 'hello'.includes('x')]", "[true,false]"),
        (
            "['hello'.startsWith('he'), 'hello'.startsWith('l', 2), 'hello'.endsWith('lo'), 'hello'.endsWith('l', 4)]",
            "[true,true,true,true]"
        ),
        (
            "['MiXed'.toUpperCase(), 'MiXed'.toLowerCase(), 'straße'.toUpperCase()]",
            "[\"MIXED\",\"mixed\",\"STRASSE\"]"
        ),
        (
            "['  pad  '.trim(), '  pad  '.trimStart(), '  pad  '.trimEnd(), '\\t\\n x \\n'.trim()]",
            "[\"pad\",\"pad  \",\"  pad\",\"x\"]"
        ),
        (
            "['5'.padStart(3, '0'), 'abc'.padStart(6, '12'), '5'.padEnd(3, '-'), 'abc'.padStart(2), 'x'.padEnd(3)]",
            "[\"005\",\"121abc\",\"5--\",\"abc\",\"x  \"]"
        ),
        (
            "['a-b-c'.replace('-', '+'), 'a-b-c'.replace(/-/g, '+'), 'abc'.replace(/b/, m => m.toUpperCase())]",
            "[\"a+b-c\",\"a+b+c\",\"aBc\"]"
        ),
        ("'john smith'.replace(/(\\w+) (\\w+)/, '$2, $1')", "'smith, john'"),
        (
            "['a-b-c'.replaceAll('-', '+'), 'aaa'.replaceAll('a', 'b'), 'x.y'.replaceAll('.', '!')]",
            "[\"a+b+c\",\"bbb\",\"x!y\"]"
        ),
        ("['ab'.repeat(3), 'x'.repeat(0)]", "[\"ababab\",\"\"]"),
        (
            "['abc'.charAt(1), 'abc'.charCodeAt(1), String.fromCharCode(72, 105), 'abc'.at(-1), 'abc'[0]]",
            "[\"b\",98,\"Hi\",\"c\",\"a\"]"
        ),
        ("['abc'.length, '😀'.length, 'a'.concat('b', 1)]", "[3,2,\"ab1\"]"),
        ("'x=1'.match(/x=(\\d)/)[1]", "'1'"),
    ])
    func stringMethods(source: String, expected: String) throws {
        #expect(try run(source) == expected)
    }

    @Test(arguments: [
        (
            "[Number('12'), Number(''), Number(' 3 '), Number('0x10'), Number('1e3'), Number('12px'), Number(null), Number(true)]",
            "[12,0,3,16,1000,null,0,1]"
        ),
        ("String(Number(undefined))", "'NaN'"),
        (
            "[parseInt('42px'), parseInt('  -7'), parseInt('ff', 16), parseInt('0x1A'), parseInt('101', 2), parseInt('3.9')]",
            "[42,-7,255,26,5,3]"
        ),
        ("String(parseInt('abc'))", "'NaN'"),
        ("[parseFloat('3.5e1x'), parseFloat('.5'), parseFloat('-0.25abc')]", "[35,0.5,-0.25]"),
        ("[isNaN('abc'), isNaN('1'), isNaN(NaN), isNaN(undefined), isNaN(null)]", "[true,false,true,true,false]"),
        (
            "[Number.isNaN('abc'), Number.isNaN(NaN), Number.isInteger(5), Number.isInteger(5.5), Number.isInteger('5')]",
            "[false,true,true,false,false]"
        ),
        (
            "[Number.isFinite(1), Number.isFinite('1'), isFinite('1'), Number.isSafeInteger(2 ** 53)]",
            "[true,false,true,false]"
        ),
        (
            "[Number.parseInt === parseInt, Number.parseFloat('1.5'), Number.MAX_SAFE_INTEGER, Number.EPSILON > 0]",
            "[true,1.5,9007199254740991,true]"
        ),
        (
            "[(1.005).toFixed(2), (1234.5678).toFixed(1), (0.5).toFixed(0), (1.45).toFixed(1), (-1.5).toFixed(0), (1e21).toFixed(2)]",
            "[\"1.00\",\"1234.6\",\"1\",\"1.4\",\"-2\",\"1e+21\"]"
        ),
        (
            "[(255).toString(16), (255).toString(2), (-255).toString(36), (0.5).toString(2), (3).toString()]",
            "[\"ff\",\"11111111\",\"-73\",\"0.1\",\"3\"]"
        ),
        ("[(123.456).toPrecision(4), (0.000123).toPrecision(2)]", "[\"123.5\",\"0.00012\"]"),
        (
            "[String(null), String(undefined), String([1, [2, 3]]), String({}), String(12.50), String(true), String(-0)]",
            "[\"null\",\"undefined\",\"1,2,3\",\"[object Object]\",\"12.5\",\"true\",\"0\"]"
        ),
        (
            "[String(1e21), String(1e-7), String(123456789012345680000), String(0.1 + 0.2)]",
            "[\"1e+21\",\"1e-7\",\"123456789012345680000\",\"0.30000000000000004\"]"
        ),
    ])
    func numbersAndConversions(source: String, expected: String) throws {
        #expect(try run(source) == expected)
    }

    @Test(arguments: [
        (
            "[Math.floor(1.7), Math.ceil(1.2), Math.round(2.5), Math.round(-2.5), Math.trunc(-1.7), Math.sign(-3)]",
            "[1,2,3,-2,-1,-1]"
        ),
        ("[Math.abs(-4), Math.min(3, 1, 2), Math.max(3, 1, 2), Math.max(), Math.min()]", "[4,1,3,null,null]"),
        ("[Math.pow(2, 10), Math.sqrt(16), Math.cbrt(27), Math.hypot(3, 4)]", "[1024,4,3,5]"),
        ("[Math.log(Math.E), Math.log2(8), Math.log10(1000), Math.exp(0)]", "[1,3,3,1]"),
        ("[Math.sin(0), Math.cos(0), Math.atan2(0, 1), Math.PI > 3.14 && Math.PI < 3.15]", "[0,1,0,true]"),
        ("const r = Math.random(); r >= 0 && r < 1", "true"),
    ])
    func math(source: String, expected: String) throws {
        #expect(try run(source) == expected)
    }

    @Test(arguments: [
        ("JSON.stringify({ a: [1, { b: 2 }], c: 'x', d: null })", "'{\"a\":[1,{\"b\":2}],\"c\":\"x\",\"d\":null}'"),
        (
            "JSON.stringify({ u: undefined, f() {}, n: NaN, i: -Infinity, d: new Date(0) })",
            "'{\"n\":null,\"i\":null,\"d\":\"1970-01-01T00:00:00.000Z\"}'"
        ),
        ("JSON.stringify([undefined, () => 1])", "'[null,null]'"),
        ("JSON.stringify({ a: 1, b: [1, 2] }, null, 2)", "'{\n  \"a\": 1,\n  \"b\": [\n    1,\n    2\n  ]\n}'"),
        ("JSON.stringify({ a: 1 }, null, '--')", "'{\n--\"a\": 1\n}'"),
        ("JSON.stringify({ a: 1, b: 2, c: { a: 3, z: 4 } }, ['a', 'c'])", "'{\"a\":1,\"c\":{\"a\":3}}'"),
        ("JSON.stringify({ a: 1, b: 'x' }, (k, v) => typeof v === 'number' ? v * 2 : v)", "'{\"a\":2,\"b\":\"x\"}'"),
        (
            "const t = JSON.stringify('he said \"hi\"\\n'); [t.length, t.charAt(9), t.charAt(10), JSON.parse(t).length]",
            "[18,\"\\\\\",\"\\\"\",13]"
        ),
        ("JSON.stringify({ toJSON() { return 'custom' } })", "'\"custom\"'"),
        (
            "[JSON.stringify(undefined), JSON.stringify(null), JSON.stringify(5), JSON.stringify('s')]",
            "[null,\"null\",\"5\",\"\\\"s\\\"\"]"
        ),
        ("JSON.parse('{\"a\":[1,2,{\"b\":null}],\"c\":\"\\\\u0041\"}')", "{\"a\":[1,2,{\"b\":null}],\"c\":\"A\"}"),
        ("JSON.parse(' [1, 2.5e1, -0.5, true, false, null] ')", "[1,25,-0.5,true,false,null]"),
        ("JSON.parse('[1,{\"a\":2}]', (k, v) => typeof v === 'number' ? v * 2 : v)", "[2,{\"a\":4}]"),
        ("JSON.parse(JSON.stringify({ nested: { deep: [1, 'two'] } })).nested.deep[1]", "'two'"),
    ])
    func json(source: String, expected: String) throws {
        #expect(try run(source) == expected)
    }

    @Test(arguments: [
        (
            "const d = new Date(Date.UTC(2020, 1, 3, 4, 5, 6, 7)); [d.getTime(), d.toISOString()]",
            "[1580702706007,\"2020-02-03T04:05:06.007Z\"]"
        ),
        (
            "const d = new Date('2020-02-03T04:05:06.007Z'); [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCDay(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()]",
            "[2020,1,3,1,4,5,6,7]"
        ),
        ("new Date(0).toISOString()", "'1970-01-01T00:00:00.000Z'"),
        ("new Date(-1).toISOString()", "'1969-12-31T23:59:59.999Z'"),
        ("new Date('2024-02-29').getTime()", "1709164800000"),
        ("const a = new Date(1000); const b = new Date(a.getTime() + 500); b - a", "500"),
        ("typeof Date.now() === 'number' && Date.now() > 1.6e12", "true"),
        ("new Date(NaN).getTime()", "NaN"),
        ("const d = new Date(0); d.setUTCFullYear(2001); d.toISOString()", "'2001-01-01T00:00:00.000Z'"),
        ("JSON.stringify({ at: new Date(86400000) })", "'{\"at\":\"1970-01-02T00:00:00.000Z\"}'"),
    ])
    func dates(source: String, expected: String) throws {
        #expect(try run(source) == expected)
    }

    @Test(arguments: [
        (
            "const m = new Map([['a', 1]]); m.set('b', 2); [m.get('a'), m.has('b'), m.size, [...m.keys()]]",
            "[1,true,2,[\"a\",\"b\"]]"
        ),
        ("const s = new Set([1, 2, 2, 3]); s.delete(1); [s.size, s.has(2), [...s]]", "[2,true,[2,3]]"),
        ("[new RegExp('a+', 'g').flags, new RegExp('x').source, /a/i.toString()]", "[\"g\",\"x\",\"/a/i\"]"),
        (
            "const re = /(\\d+)/g; const out = []; let m; while ((m = re.exec('a1b22')) !== null) out.push(m[1]); out",
            "[\"1\",\"22\"]"
        ),
        ("'a1b22'.matchAll(/\\d+/g).length", "2"),
        ("/(?<year>\\d{4})-(?<month>\\d{2})/.exec('on 2024-05').groups.month", "'05'"),
    ])
    func collectionsAndRegExp(source: String, expected: String) throws {
        #expect(try run(source) == expected)
    }
}
