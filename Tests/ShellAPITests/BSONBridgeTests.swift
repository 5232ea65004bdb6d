import BSONCore
import Interpreter
import ShellAPI
import TestSupport
import Testing

@Suite(.tags(.small))
struct BSONBridgeTests {
    func bson(_ source: String) throws -> BSONValue {
        let interpreter = Interpreter()
        _ = Shell(interpreter: interpreter, connection: nil, databaseName: "test")  // installs the BSON constructors
        return try BSONBridge.bson(from: try interpreter.evaluate("(" + source + ")", fileName: "<test>"))
    }

    @Test(arguments: [
        ("1", BSONValue.int32(1)),
        ("1.5", .double(1.5)),
        ("-0", .double(-0.0)),
        ("2147483648", .double(2_147_483_648)),
        ("'x'", .string("x")),
        ("null", .null),
        ("undefined", .null),
        ("true", .bool(true)),
        ("NumberLong(5)", .int64(5)),
        ("NumberLong('9223372036854775807')", .int64(Int64.max)),
        ("NumberInt('7')", .int32(7)),
        ("Timestamp({ t: 100, i: 1 })", .timestamp(BSONTimestamp(t: 100, i: 1))),
        ("Timestamp(100, 2)", .timestamp(BSONTimestamp(t: 100, i: 2))),
        ("ISODate('2025-11-21T04:42:00Z')", .datetime(1_763_700_120_000)),
        ("ISODate('2025-11-21')", .datetime(1_763_683_200_000)),
        ("ISODate('2025-11-21T05:42:00.5+01:00')", .datetime(1_763_700_120_500)),
        ("new Date(0)", .datetime(0)),
        ("MinKey()", .minKey),
        ("[1, 'a']", .array([.int32(1), .string("a")])),
    ])
    func scriptValuesBecomeBSON(source: String, expected: BSONValue) throws {
        #expect(try bson(source) == expected)
    }

    @Test(arguments: [
        ("(() => { const a = { x: 1 }; a.self = a; return a })()", BSONBridge.StructureError.circular(path: "self")),
        ("(() => { const a = [1]; a.push({ b: a }); return { list: a } })()", .circular(path: "list[1].b")),
        (
            "(() => { let o = {}; let c = o; for (let i = 0; i < 300; i++) { c.n = {}; c = c.n }; return o })()",
            .tooDeep
        ),
    ])
    func valuesThatContainThemselvesOrNestTooDeepAreErrors(source: String, expected: BSONBridge.StructureError) {
        #expect(throws: expected) { try bson(source) }
    }

    @Test func theSameObjectTwiceIsNotACycle() throws {
        #expect(
            try bson("(() => { const s = { v: 1 }; return { a: s, b: s } })()")
                == .document(
                    BSONDocument([
                        ("a", .document(BSONDocument([("v", .int32(1))]))),
                        ("b", .document(BSONDocument([("v", .int32(1))]))),
                    ])))
    }

    @Test func objectKeysKeepOrder() throws {
        let value = try bson("{ b: 1, a: { $gt: 2 }, 'c d': [] }")
        #expect(
            value
                == .document(
                    BSONDocument([
                        ("b", .int32(1)), ("a", .document(BSONDocument([("$gt", .int32(2))]))), ("c d", .array([])),
                    ])))
    }

    @Test func objectIdFromHex() throws {
        let value = try bson("ObjectId('5fa5694f88211043b23c7f11')")
        #expect(value == .objectID(try BSONObjectID(hex: "5fa5694f88211043b23c7f11")))
    }

    @Test func badObjectIdIsAnError() throws {
        #expect(
            thrownShellError { try bson("ObjectId('xyz')") }
                == ShellError(.invalidArgument, "ObjectId() takes a 24-character hex string, found 'xyz'"))
    }

    @Test func functionsAreLeftOutOfDocumentsAndRejectedAlone() throws {
        let object = try Interpreter().evaluate("({ a: 1, f: function () {} })", fileName: "<test>")
        #expect(try BSONBridge.document(from: object, what: "x") == BSONDocument([("a", .int32(1))]))
        let function = try Interpreter().evaluate("(function () {})", fileName: "<test>")
        #expect(throws: ShellError(.unsupportedBSONValue, "Cannot convert a function to BSON")) {
            _ = try BSONBridge.bson(from: function)
        }
    }

    @Test func serverValuesBecomeScriptValues() throws {
        let document = BSONDocument([("n", .int32(3)), ("d", .double(2.5)), ("l", .int64(7)), ("s", .string("x"))])
        let object = BSONBridge.jsObject(from: document)
        #expect(object.ownKeys == ["n", "d", "l", "s"])
        guard case .number(3) = object.get("n"), case .number(2.5) = object.get("d") else {
            Issue.record("numbers become numbers")
            return
        }
        guard case .object(let long) = object.get("l"), let box = long.host as? BSONValueConvertible else {
            Issue.record("Long stays a Long")
            return
        }
        #expect(box.bsonValue == .int64(7))
    }
}
