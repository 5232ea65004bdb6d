import BSONCore
import Formatting
import TestSupport
import Testing

/// Layout cases that Extended JSON cannot express (cycles, functions, class names, colors). Each expected
/// string was printed by Node 20 with `util.inspect(value, { depth: 6, compact: 3, breakLength: 80 })`
/// (plus the option named in the case), for the JavaScript value in the case's comment; `X(…)` values are
/// objects whose `[util.inspect.custom]()` returns that text, as mongosh's BSON classes do.
@Suite("Inspector layout", .tags(.small))
struct InspectorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var node: InspectNode
        var options: InspectOptions = .shell
        var expected: String
        var testDescription: String { name }
    }

    static let foo = InspectNode.object([InspectEntry("a", .number("1"))], prefix: "Foo")

    static func nest(_ keys: [String], _ inner: InspectNode) -> InspectNode {
        keys.reversed().reduce(inner) { node, key in .object([InspectEntry(key, node)]) }
    }

    static let cases: [Case] = [
        // const o = { a: 1 }; o.self = o
        Case(
            name: "self reference",
            node: .object([InspectEntry("a", .number("1")), InspectEntry("self", .circular(1))], identity: 1),
            expected: "<ref *1> { a: 1, self: [Circular *1] }"),
        // const a = [1, 2]; a.push(a)
        Case(
            name: "array self reference",
            node: .array([.number("1"), .number("2"), .circular(7)], identity: 7),
            expected: "<ref *1> [ 1, 2, [Circular *1] ]"),
        // const p = { name: 'p' }; const c = { parent: p }; p.child = c; p.list = [c, p]; ({ root: p })
        Case(
            name: "reference from a nested child",
            node: .object([
                InspectEntry(
                    "root",
                    .object(
                        [
                            InspectEntry("name", .string("p")),
                            InspectEntry("child", .object([InspectEntry("parent", .circular(1))], identity: 2)),
                            InspectEntry(
                                "list",
                                .array(
                                    [.object([InspectEntry("parent", .circular(1))], identity: 2), .circular(1)],
                                    identity: 3)),
                        ], identity: 1))
            ]),
            expected: """
                {
                  root: <ref *1> {
                    name: 'p',
                    child: { parent: [Circular *1] },
                    list: [ { parent: [Circular *1] }, [Circular *1] ]
                  }
                }
                """),
        // const x = { a: 1 }; const y = { b: 2, x }; x.y = y; [x, y]
        Case(
            name: "mutual references number in order met",
            node: .array([
                .object(
                    [
                        InspectEntry("a", .number("1")),
                        InspectEntry(
                            "y",
                            .object([InspectEntry("b", .number("2")), InspectEntry("x", .circular(1))], identity: 2)),
                    ], identity: 1),
                .object(
                    [
                        InspectEntry("b", .number("2")),
                        InspectEntry(
                            "x",
                            .object([InspectEntry("a", .number("1")), InspectEntry("y", .circular(2))], identity: 1)),
                    ], identity: 2),
            ]),
            expected: """
                [
                  <ref *1> { a: 1, y: { b: 2, x: [Circular *1] } },
                  <ref *2> { b: 2, x: <ref *1> { a: 1, y: [Circular *2] } }
                ]
                """),
        // o from "self reference", compact: false
        Case(
            name: "self reference in printjson layout",
            node: .object([InspectEntry("a", .number("1")), InspectEntry("self", .circular(1))], identity: 1),
            options: .printjson,
            expected: "<ref *1> {\n  a: 1,\n  self: [Circular *1]\n}"),
        // { f: function namedFn() {}, g: () => 1, h: function () {} }
        Case(
            name: "functions",
            node: .object([
                InspectEntry("f", .function(name: "namedFn")), InspectEntry("g", .function(name: "g")),
                InspectEntry("h", .function(name: "h")),
            ]),
            expected: "{ f: [Function: namedFn], g: [Function: g], h: [Function: h] }"),
        Case(name: "anonymous function", node: .function(name: nil), expected: "[Function (anonymous)]"),
        // const arr = [1, 2, 3]; arr.extra = 'x'
        Case(
            name: "array with an extra property",
            node: .array([.number("1"), .number("2"), .number("3")], extra: [InspectEntry("extra", .string("x"))]),
            expected: "[ 1, 2, 3, extra: 'x' ]"),
        // JSON.parse('{"__proto__": 1, "a": 2}')
        Case(
            name: "own __proto__ key",
            node: .object([InspectEntry("__proto__", .number("1")), InspectEntry("a", .number("2"))]),
            expected: "{ ['__proto__']: 1, a: 2 }"),
        // { foo: new Foo(), empty: new (class Bar {})() }
        Case(
            name: "class instances",
            node: .object([InspectEntry("foo", foo), InspectEntry("empty", .object([], prefix: "Bar"))]),
            expected: "{ foo: Foo { a: 1 }, empty: Bar {} }"),
        // { a: { b: { c: { d: { e: { f: { g: new Foo() } } } } } } }
        Case(
            name: "class instance past depth",
            node: nest(["a", "b", "c", "d", "e", "f", "g"], foo),
            expected: """
                {
                  a: {
                    b: {
                      c: {
                        d: { e: { f: { g: [Foo] } } }
                      }
                    }
                  }
                }
                """),
        // { a: X(\n1) }: custom inspect text with a newline is re-indented
        Case(
            name: "multi-line printed text",
            node: .object([InspectEntry("a", .printed([InspectSegment("X(\n1)")]))]),
            expected: "{\n  a: X(\n  1)\n}"),
        // breakLength: 40
        Case(
            name: "narrow break length",
            node: .object([
                InspectEntry("alpha", .string("aaaaaaaaaa")), InspectEntry("beta", .string("bbbbbbbbbb")),
                InspectEntry("gamma", .array([.number("1"), .number("2"), .number("3")])),
            ]),
            options: InspectOptions(breakLength: 40),
            expected: "{\n  alpha: 'aaaaaaaaaa',\n  beta: 'bbbbbbbbbb',\n  gamma: [ 1, 2, 3 ]\n}"),
        // colors: true; d is X('ISODate(...)'), which Node leaves unstyled
        Case(
            name: "colors",
            node: .object([
                InspectEntry("n", .number("1")), InspectEntry("s", .string("x")), InspectEntry("b", .bool(true)),
                InspectEntry("nu", .null), InspectEntry("u", .undefined),
                InspectEntry("d", .printed([InspectSegment("ISODate(...)")])), InspectEntry("r", .regexp("/a/i")),
                InspectEntry("f", .function(name: "namedFn")),
                InspectEntry("arr", .array([.number("1"), .string("two")])), InspectEntry("neg", .number("-0")),
                InspectEntry("a-b", .number("1")),
            ]),
            options: InspectOptions(colors: true),
            expected: """
                {
                  n: \u{1B}[33m1\u{1B}[39m,
                  s: \u{1B}[32m'x'\u{1B}[39m,
                  b: \u{1B}[33mtrue\u{1B}[39m,
                  nu: \u{1B}[1mnull\u{1B}[22m,
                  u: \u{1B}[90mundefined\u{1B}[39m,
                  d: ISODate(...),
                  r: \u{1B}[31m/a/i\u{1B}[39m,
                  f: \u{1B}[36m[Function: namedFn]\u{1B}[39m,
                  arr: [ \u{1B}[33m1\u{1B}[39m, \u{1B}[32m'two'\u{1B}[39m ],
                  neg: \u{1B}[33m-0\u{1B}[39m,
                  \u{1B}[32m'a-b'\u{1B}[39m: \u{1B}[33m1\u{1B}[39m
                }
                """),
        // colors: true; [1, 2, …, 11, 100]: grouping measures the text without colors
        Case(
            name: "colors in grouped arrays",
            node: .array((1...11).map { .number(String($0)) } + [.number("100")]),
            options: InspectOptions(colors: true),
            expected:
                "[\n   \u{1B}[33m1\u{1B}[39m,   \u{1B}[33m2\u{1B}[39m, \u{1B}[33m3\u{1B}[39m, \u{1B}[33m4\u{1B}[39m,  "
                + "\u{1B}[33m5\u{1B}[39m,\n   \u{1B}[33m6\u{1B}[39m,   \u{1B}[33m7\u{1B}[39m, \u{1B}[33m8\u{1B}[39m, "
                + "\u{1B}[33m9\u{1B}[39m, \u{1B}[33m10\u{1B}[39m,\n  \u{1B}[33m11\u{1B}[39m, \u{1B}[33m100\u{1B}[39m\n]"
        ),
        // colors: true; { a: { b: { c: { d: { e: { f: { g: {}, h: { i: 1 } } } } } } } }
        Case(
            name: "colors past depth",
            node: nest(
                ["a", "b", "c", "d", "e", "f"],
                .object([InspectEntry("g", .object([])), InspectEntry("h", .object([InspectEntry("i", .number("1"))]))])
            ),
            options: InspectOptions(colors: true),
            expected: """
                {
                  a: {
                    b: {
                      c: {
                        d: { e: { f: { g: {}, h: \u{1B}[36m[Object]\u{1B}[39m } } }
                      }
                    }
                  }
                }
                """),
    ]

    @Test(arguments: cases)
    func layout(_ testCase: Case) {
        #expect(Inspector.inspect(testCase.node, options: testCase.options) == testCase.expected)
    }
}
