import BSONCore
import Formatting
import TestSupport
import Testing

/// BSON values that the Extended JSON corpus cannot hold. Expected strings were printed by Node 20's
/// `util.inspect` (options in each case) over objects whose `[util.inspect.custom]()` returns mongosh's form
/// for the value, as `Snapshots/…golden.txt` are made by `mongosh-inspect.js`.
@Suite("BSON printed forms", .tags(.small))
struct BSONFormsTests {
    static let id = BSONObjectID(bytes: [0x5f, 0xa5, 0x69, 0x4f, 0x88, 0x21, 0x10, 0x43, 0xb2, 0x3c, 0x7f, 0x11])

    @Test func formsTheCorpusCannotHold() {
        // util.inspect({ ref, cws, re: new RegExp('a\nb', 'mi'), bre }, { depth: Infinity, compact: 3 })
        let document = BSONDocument([
            (key: "ref", value: .dbPointer(namespace: "db.coll", id: Self.id)),
            (key: "cws", value: .codeWithScope(code: "x + y", scope: BSONDocument([(key: "y", value: .int32(1))]))),
            (key: "re", value: .regex(BSONRegex(pattern: "a\nb", options: "im"))),
            (key: "bre", value: .regex(BSONRegex(pattern: "(?i)AA_", options: "x"))),
        ])
        #expect(
            Inspector.inspect(document, options: .serverDocument) == """
                {
                  ref: DBRef('db.coll', ObjectId('5fa5694f88211043b23c7f11')),
                  cws: Code('x + y', { y: 1 }),
                  re: /a\\nb/im,
                  bre: BSONRegExp('(?i)AA_', 'x')
                }
                """)
    }

    @Test func extremesAndOddBinary() {
        // util.inspect([Long('-9223372036854775808'), -2147483648, Binary.createFromBase64('AQID', 4)])
        let value = BSONValue.array([
            .int64(.min), .int32(.min), .binary(BSONBinary(subtype: 4, data: [1, 2, 3])),
        ])
        #expect(
            Inspector.inspect(value, options: .shell) == """
                [
                  Long('-9223372036854775808'),
                  -2147483648,
                  Binary.createFromBase64('AQID', 4)
                ]
                """)
    }

    @Test func cursorBatchOfNothingIsEmptyArray() {
        #expect(Inspector.inspectBatch([]) == "[]")
    }

    /// Colors follow js-bson's inspect methods, which inspect their arguments with the caller's options
    /// (`ObjectId(<green>'…'</green>)`); not checked against a live mongosh.
    @Test func colorsStyleTheArguments() {
        let options = InspectOptions.shell.withColors(true)
        #expect(
            Inspector.inspect(BSONValue.objectID(Self.id), options: options)
                == "ObjectId(\u{1B}[32m'5fa5694f88211043b23c7f11'\u{1B}[39m)")
        #expect(
            Inspector.inspect(BSONValue.timestamp(BSONTimestamp(t: 100, i: 1)), options: options)
                == "Timestamp({ t: \u{1B}[33m100\u{1B}[39m, i: \u{1B}[33m1\u{1B}[39m })")
        #expect(
            Inspector.inspect(BSONValue.datetime(0), options: options)
                == "\u{1B}[35mISODate('1970-01-01T00:00:00.000Z')\u{1B}[39m")
    }
}
