import BSONCore
import Formatting
import Interpreter
import TestSupport
import Testing

/// Interpreter values through `Inspector`. Expected strings were printed by Node 20's
/// `util.inspect(value, { depth: 6, compact: 3, breakLength: 80 })` for the JavaScript value in each comment
/// (dates and host objects as objects whose `[util.inspect.custom]()` returns mongosh's text).
@Suite("Interpreter values", .tags(.small))
struct JSValueInspectTests {
    final class FakeObjectID: HostObject, BSONValueConvertible {
        var className: String { "ObjectId" }
        var bsonValue: BSONValue {
            .objectID(BSONObjectID(bytes: [0x5f, 0xa5, 0x69, 0x4f, 0x88, 0x21, 0x10, 0x43, 0xb2, 0x3c, 0x7f, 0x11]))
        }
        func getProperty(_ key: String, interpreter: Interpreter) throws -> JSValue? { nil }
    }

    final class FakeCollection: HostObject {
        var className: String { "Collection" }
        func getProperty(_ key: String, interpreter: Interpreter) throws -> JSValue? { nil }
    }

    final class FakeNumber: HostObject, BSONValueConvertible {
        let bsonValue: BSONValue
        init(_ value: BSONValue) { bsonValue = value }
        var className: String { "Number" }
        func getProperty(_ key: String, interpreter: Interpreter) throws -> JSValue? { nil }
    }

    static func object(_ properties: [(String, JSValue)]) -> JSValue { .object(JSObject.makeObject(properties)) }
    static func array(_ elements: [JSValue]) -> JSValue { .object(JSObject.makeArray(elements)) }

    @Test func mixedValues() {
        // { a: 1, s: 'x', arr: [1, 2, { b: null }], u: undefined, d: new Date(0), r: /a\/b/g, neg: -0,
        //   f: function go() {} }
        let value = Self.object([
            ("a", .number(1)), ("s", .string("x")),
            ("arr", Self.array([.number(1), .number(2), Self.object([("b", .null)])])), ("u", .undefined),
            ("d", .object(JSObject.makeDate(milliseconds: 0))),
            ("r", .object(JSObject.makeRegExp(source: "a\\/b", flags: "g"))), ("neg", .number(-0.0)),
            ("f", JSValue.makeFunction(name: "go") { _ in .undefined }),
        ])
        #expect(
            Inspector.inspect(value, options: .shell) == """
                {
                  a: 1,
                  s: 'x',
                  arr: [ 1, 2, { b: null } ],
                  u: undefined,
                  d: ISODate('1970-01-01T00:00:00.000Z'),
                  r: /a\\/b/g,
                  neg: -0,
                  f: [Function: go]
                }
                """)
    }

    @Test func hostObjects() {
        // { id: ObjectId('5fa5…'), coll: <a Collection>, bad: new Date(NaN) }
        let value = Self.object([
            ("id", .object(JSObject(host: FakeObjectID()))), ("coll", .object(JSObject(host: FakeCollection()))),
            ("bad", .object(JSObject.makeDate(milliseconds: .nan))),
        ])
        #expect(
            Inspector.inspect(value, options: .shell) == """
                {
                  id: ObjectId('5fa5694f88211043b23c7f11'),
                  coll: [Collection],
                  bad: Invalid Date
                }
                """)
    }

    @Test func userBuiltInt32AndDoubleKeepTheirType() {
        // mongosh: { i: NumberInt(5), d: Double(2.5), l: NumberLong(7) } prints the wrappers (printable-bson.spec.ts)
        let value = Self.object([
            ("i", .object(JSObject(host: FakeNumber(.int32(5))))),
            ("d", .object(JSObject(host: FakeNumber(.double(2.5))))),
            ("l", .object(JSObject(host: FakeNumber(.int64(7))))),
        ])
        #expect(Inspector.inspect(value, options: .shell) == "{ i: Int32(5), d: Double(2.5), l: Long('7') }")
    }

    @Test func cycles() {
        // const o = { a: 1 }; o.self = o; const a = [1, 2]; a.push(a); a.x = o
        let inner = JSObject.makeObject([("a", .number(1))])
        inner.set("self", .object(inner))
        #expect(Inspector.inspect(.object(inner), options: .shell) == "<ref *1> { a: 1, self: [Circular *1] }")
        let outer = JSObject.makeArray([.number(1), .number(2)])
        outer.set("2", .object(outer))
        outer.set("x", .object(inner))
        #expect(
            Inspector.inspect(.object(outer), options: .shell) == """
                <ref *1> [
                  1,
                  2,
                  [Circular *1],
                  x: <ref *2> { a: 1, self: [Circular *2] }
                ]
                """)
    }

    @Test func aHugelyNestedValuePrintsItsFirstThousandLevelsWhateverTheOptions() {
        var value = JSValue.number(1)
        for _ in 0..<100_000 { value = .object(JSObject.makeArray([value])) }
        let printed = Inspector.inspect(value, options: .serverDocument).filter { !$0.isWhitespace }
        #expect(printed.hasSuffix(String(repeating: "]", count: 1001)))
        #expect(printed.components(separatedBy: "[Array]").count == 2)
        #expect(printed.filter { $0 == "[" }.count == 1002)  // 1001 opening brackets and the one in [Array]
    }

    @Test func depthLimit() {
        // { l1: { l2: { l3: { l4: { l5: { l6: { l7: { l8: 1 } }, e: {} } } } } } }
        let l7 = Self.object([("l7", Self.object([("l8", .number(1))]))])
        let l5 = Self.object([("l6", l7), ("e", Self.object([]))])
        let value = Self.object([
            ("l1", Self.object([("l2", Self.object([("l3", Self.object([("l4", Self.object([("l5", l5)]))]))]))]))
        ])
        #expect(
            Inspector.inspect(value, options: .shell) == """
                {
                  l1: {
                    l2: {
                      l3: {
                        l4: { l5: { l6: { l7: [Object] }, e: {} } }
                      }
                    }
                  }
                }
                """)
    }

    @Test func moreItems() {
        // Array.from({ length: 101 }, (_, i) => i % 3)
        let value = Self.array((0..<101).map { .number(Double($0 % 3)) })
        let row = "  0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2,\n"
        let expected = "[\n" + String(repeating: row, count: 8) + "  0, 1, 2, 0,\n  ... 1 more item\n]"
        #expect(Inspector.inspect(value, options: .shell) == expected)
    }

    @Test func printForms() {
        // util.format('%s %s %s %s', 'a', inspect(1), inspect({ x: 'y' }), inspect([1, 2]))
        let arguments: [JSValue] = [
            .string("a"), .number(1), Self.object([("x", .string("y"))]), Self.array([.number(1), .number(2)]),
        ]
        #expect(Inspector.printForm(arguments) == "a 1 { x: 'y' } [ 1, 2 ]")
        // util.inspect({ ok: 1, n: { a: [1, 2] } }, { compact: false, depth: Infinity, breakLength: 80 })
        let document = Self.object([
            ("ok", .number(1)), ("n", Self.object([("a", Self.array([.number(1), .number(2)]))])),
        ])
        #expect(
            Inspector.printjsonForm([document]) == "{\n  ok: 1,\n  n: {\n    a: [\n      1,\n      2\n    ]\n  }\n}")
        #expect(Inspector.printjsonForm([.string("str")]) == "str")
    }
}
