import Interpreter
import ShellAPI
import TestSupport
import Testing

/// `EJSON.stringify/parse/serialize/deserialize`, compared with what js-bson's EJSON gives in mongosh.
@Suite(.tags(.small))
struct EJSONGlobalTests {
    func evaluate(_ source: String) throws -> JSValue {
        let shell = Shell(interpreter: Interpreter(), connection: nil, databaseName: "test")
        return try shell.interpreter.evaluate(source, fileName: "<test>")
    }

    /// The string a source evaluates to, or nil when it is not a string.
    func string(_ source: String) throws -> String? {
        guard case .string(let text) = try evaluate(source) else { return nil }
        return text
    }

    static let stringifyCases: [(String, String)] = [
        ("EJSON.stringify({a: 1, b: 1.5, s: 'x', n: null, t: true})", #"{"a":1,"b":1.5,"s":"x","n":null,"t":true}"#),
        ("EJSON.stringify({d: new Date(0)})", #"{"d":{"$date":"1970-01-01T00:00:00Z"}}"#),
        ("EJSON.stringify({d: new Date(1500)})", #"{"d":{"$date":"1970-01-01T00:00:01.500Z"}}"#),
        ("EJSON.stringify({l: NumberLong(5)})", #"{"l":5}"#),
        (
            "EJSON.stringify({_id: ObjectId('5fa5694f88211043b23c7f11')})",
            #"{"_id":{"$oid":"5fa5694f88211043b23c7f11"}}"#
        ),
        ("EJSON.stringify({p: NumberDecimal('402.17')})", #"{"p":{"$numberDecimal":"402.17"}}"#),
        ("EJSON.stringify([1, 'a'])", #"[1,"a"]"#),
        ("EJSON.stringify('MDB')", #""MDB""#),
        (
            "EJSON.stringify({a: 1, d: new Date(0)}, null, 0, {relaxed: false})",
            #"{"a":{"$numberInt":"1"},"d":{"$date":{"$numberLong":"0"}}}"#
        ),
        (
            "EJSON.stringify({b: 1.5, l: NumberLong(5)}, {relaxed: false})",
            #"{"b":{"$numberDouble":"1.5"},"l":{"$numberLong":"5"}}"#
        ),
        ("EJSON.stringify({a: 1}, null, {relaxed: false})", #"{"a":{"$numberInt":"1"}}"#),
        ("EJSON.stringify({a: 1, b: [2]}, null, 2)", "{\n  \"a\": 1,\n  \"b\": [\n    2\n  ]\n}"),
        ("EJSON.stringify({a: 1}, (k, v) => k === 'a' ? v * 10 : v)", #"{"a":10}"#),
        ("typeof EJSON.stringify(undefined)", "undefined"),
    ]

    @Test(arguments: stringifyCases)
    func stringify(source: String, expected: String) throws {
        #expect(try string(source) == expected)
    }

    static let parseCases: [(String, String)] = [
        (#"typeof EJSON.parse('{"l": {"$numberLong": "5"}}').l"#, "number"),
        (#"EJSON.parse('{"l": {"$numberLong": "5"}}', {relaxed: false}).l.toString()"#, "5"),
        (
            #"EJSON.stringify(EJSON.parse('{"l": {"$numberLong": "5"}, "i": 1}', {relaxed: false}), {relaxed: false})"#,
            #"{"l":{"$numberLong":"5"},"i":{"$numberInt":"1"}}"#
        ),
        (
            #"EJSON.stringify(EJSON.parse('{"l": {"$numberLong": "5"}, "d": 1.0}'), {relaxed: false})"#,
            #"{"l":{"$numberInt":"5"},"d":{"$numberInt":"1"}}"#
        ),
        (
            #"EJSON.parse('{"_id": {"$oid": "5fa5694f88211043b23c7f11"}}')._id.toHexString()"#,
            "5fa5694f88211043b23c7f11"
        ),
        (#"EJSON.parse('{"d": {"$date": "2025-11-21T04:42:00Z"}}').d.toISOString()"#, "2025-11-21T04:42:00.000Z"),
        (#"EJSON.parse('{"d": {"$date": {"$numberLong": "1500"}}}').d instanceof Date ? 'date' : 'other'"#, "date"),
        (#"EJSON.parse('[1, "a", {"b": null}]').length + ''"#, "3"),
        ("EJSON.parse(EJSON.stringify({d: new Date(86400000)})).d.getTime() + ''", "86400000"),
        (
            "EJSON.stringify(EJSON.serialize({_id: ObjectId('5fa5694f88211043b23c7f11')}))",
            #"{"_id":{"$oid":"5fa5694f88211043b23c7f11"}}"#
        ),
        ("Object.keys(EJSON.serialize({_id: ObjectId('5fa5694f88211043b23c7f11')})._id).join()", "$oid"),
        ("EJSON.deserialize({_id: {$oid: '5fa5694f88211043b23c7f11'}})._id.toHexString()", "5fa5694f88211043b23c7f11"),
        ("EJSON.deserialize({n: {$numberInt: '7'}}, {relaxed: false}).n.toNumber() + ''", "7"),
    ]

    @Test(arguments: parseCases)
    func parse(source: String, expected: String) throws {
        #expect(try string(source) == expected)
    }

    @Test func badTextIsASyntaxError() throws {
        let error = try #require(throws: ScriptError.self) { try evaluate("EJSON.parse('{\"a\": ')") }
        #expect(error.name == "SyntaxError")
        #expect(error.message.hasPrefix("Invalid Extended JSON at 1:"))
    }

    @Test(arguments: [
        ("const a = {x: [1]}; a.x.push(a); EJSON.stringify(a)", "TypeError: Converting circular structure to EJSON"),
        (
            "let o = {}; for (let i = 0; i < 300; i++) o = {o}; EJSON.stringify(o)",
            "RangeError: Cannot convert an object nested more than 200 levels deep to BSON"
        ),
    ])
    func valuesBSONCannotHoldAreErrorsNotCrashes(source: String, expected: String) throws {
        let error = try #require(throws: ScriptError.self) { try evaluate(source) }
        #expect(error.description == expected)
    }

    @Test func sharedButAcyclicObjectsAreFine() throws {
        #expect(try string("const p = {px: 1}; EJSON.stringify({a: p, b: [p]})") == #"{"a":{"px":1},"b":[{"px":1}]}"#)
    }

    @Test func parseNeedsAString() throws {
        let error = try #require(throws: ScriptError.self) { try evaluate("EJSON.parse(5)") }
        #expect(error.message == "[SPSH-1003] EJSON.parse() takes a string, found number")
    }

    @Test func versionIsTheShellsVersion() throws {
        #expect(try string("version()") == ShellVersion.current)
    }
}
