import TestSupport
import Testing

@testable import BSONCore

@Suite("BSONValue equality and accessors")
struct BSONValueTests {
    @Test("doubles compare by bit pattern", .tags(.small))
    func doubles() {
        #expect(BSONValue.double(.nan) == .double(.nan))
        #expect(BSONValue.double(0.0) != .double(-0.0))
        #expect(BSONValue.double(1) != .int32(1))
        #expect(BSONValue.int32(1) != .int64(1))
        #expect(Set([BSONValue.double(.nan), .double(.nan), .double(0), .double(-0.0)]).count == 3)
    }

    @Test("documents compare in order, duplicates included", .tags(.small))
    func documents() {
        let ab: BSONDocument = ["a": .int32(1), "b": .int32(2)]
        let ba: BSONDocument = ["b": .int32(2), "a": .int32(1)]
        #expect(ab != ba)
        #expect(ab == ["a": .int32(1), "b": .int32(2)])
        var duplicated = ab
        duplicated.append("a", .int32(3))
        #expect(duplicated != ab)
        #expect(duplicated.count == 3)
        #expect(duplicated["a"] == .int32(1))
        let same: BSONDocument = ["a": .int32(1), "b": .int32(2)]
        #expect(ab.hashValue == same.hashValue)
        #expect(BSONValue.codeWithScope(code: "x", scope: ab) != .codeWithScope(code: "x", scope: ba))
        #expect(BSONValue.array([.null, .minKey]) == .array([.null, .minKey]))
        #expect(BSONValue.array([.null, .minKey]) != .array([.minKey, .null]))
    }

    @Test(
        "typeName is MongoDB's $type alias", .tags(.small),
        arguments: [
            (BSONValue.double(1), "double"), (.string(""), "string"), (.document([:]), "object"), (.array([]), "array"),
            (.binary(BSONBinary(subtype: 0, data: [])), "binData"), (.undefined, "undefined"),
            (.objectID(.sample), "objectId"), (.bool(true), "bool"), (.datetime(0), "date"), (.null, "null"),
            (.regex(BSONRegex(pattern: "", options: "")), "regex"),
            (.dbPointer(namespace: "a", id: .sample), "dbPointer"),
            (.code(""), "javascript"), (.symbol(""), "symbol"),
            (.codeWithScope(code: "", scope: [:]), "javascriptWithScope"),
            (.int32(1), "int"), (.timestamp(BSONTimestamp(t: 0, i: 0)), "timestamp"), (.int64(1), "long"),
            (decimal(0x3040_0000_0000_0000, 1), "decimal"), (.minKey, "minKey"), (.maxKey, "maxKey"),
        ])
    func typeName(value: BSONValue, name: String) {
        #expect(value.typeName == name)
    }

    @Test("accessors", .tags(.small))
    func accessors() {
        #expect(BSONValue.int32(5).int64Value == 5)
        #expect(BSONValue.double(2.5).int64Value == nil)
        #expect(BSONValue.double(2).int64Value == 2)
        #expect(BSONValue.int64(3).doubleValue == 3)
        #expect(BSONValue.string("x").stringValue == "x")
        #expect(BSONValue.bool(true).boolValue == true)
        #expect(BSONValue.document(["a": .null]).documentValue == ["a": .null])
        #expect(BSONValue.array([.null]).arrayValue == [.null])
        #expect(BSONValue.decimal128(BSONDecimal128(low: 1, high: 0)).isNumber)
        #expect(!BSONValue.string("1").isNumber)
        let doc: BSONDocument = ["a": .int32(1)]
        #expect(doc.description == #"{"a":1}"#)
    }

    @Test("a key with U+0000 is cut when encoded, and reported", .tags(.small))
    func nulInKey() throws {
        let doc: BSONDocument = ["a\u{0}b": .int32(1)]
        #expect(!doc.hasEncodableNames)
        #expect(try BSONDocument(bytes: doc.encoded()) == ["a": .int32(1)])
        let nested: BSONDocument = ["x": .document(["ok": .null])]
        #expect(nested.hasEncodableNames)
    }
}
