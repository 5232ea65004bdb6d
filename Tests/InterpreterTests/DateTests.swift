import Foundation
import TestSupport
import Testing

@testable import Interpreter

@Suite(.tags(.small))
struct DateTests {
    /// An interpreter at a fixed virtual time (2025-11-21T04:42:00.123Z) in a fixed zone.
    static func interpreter(zone: String = "UTC") -> Interpreter {
        let interpreter = Interpreter()
        interpreter.now = { 1_763_700_120_123 }
        interpreter.timeZone = TimeZone(identifier: zone) ?? .gmt
        return interpreter
    }

    @Test(arguments: [
        ("new Date().toISOString()", "'2025-11-21T04:42:00.123Z'"), ("Date.now()", "1763700120123"),
        ("new Date(0).toISOString()", "'1970-01-01T00:00:00.000Z'"),
        ("new Date('2025-11-21T04:42:00Z').getTime()", "1763700120000"),
        ("new Date('2025-11-21').toISOString()", "'2025-11-21T00:00:00.000Z'"),
        ("new Date('2025-11-21T04:42:00.5+02:00').toISOString()", "'2025-11-21T02:42:00.500Z'"),
        ("new Date('2025-11').getUTCMonth()", "10"),
        ("new Date(2025, 0, 31, 10, 30).toISOString()", "'2025-01-31T10:30:00.000Z'"),
        ("new Date(2025, 12, 1).toISOString()", "'2026-01-01T00:00:00.000Z'"),
        ("new Date(Date.UTC(2020, 1, 29)).getUTCDate()", "29"),
        (
            "const d = new Date('2024-02-29T23:59:58.999Z'); [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds(), d.getUTCDay()]",
            "[2024,1,29,23,59,58,999,4]"
        ),
        ("new Date('nope').getTime()", "NaN"), ("String(new Date('nope'))", "'Invalid Date'"),
        ("new Date(0).toUTCString()", "'Thu, 01 Jan 1970 00:00:00 GMT'"),
        ("new Date(-1).toISOString()", "'1969-12-31T23:59:59.999Z'"),
        ("new Date(new Date(5)).getTime()", "5"), ("new Date(0) - new Date(1000)", "-1000"),
        ("new Date(8.64e15 + 1).getTime()", "NaN"),
        ("const d = new Date(0); d.setUTCHours(5); d.toISOString()", "'1970-01-01T05:00:00.000Z'"),
        ("Date.parse('2000-01-01T00:00:00Z')", "946684800000"), ("typeof Date()", "'string'"),
        ("new Date(253402300800000).toISOString()", "'+010000-01-01T00:00:00.000Z'"),
        ("new Date(0).toJSON()", "'1970-01-01T00:00:00.000Z'"),
        ("new Date().toLocaleString()", "'11/21/2025, 4:42:00 AM'"), ("new Date(0).toLocaleDateString()", "'1/1/1970'"),
        ("new Date('2025-01-01T15:04:05Z').toLocaleTimeString()", "'3:04:05 PM'"),
    ])
    func utc(source: String, expected: String) throws {
        #expect(try run(source, interpreter: Self.interpreter()) == expected)
    }

    @Test(arguments: [
        ("new Date('2025-07-01T12:00:00').toISOString()", "'2025-07-01T16:00:00.000Z'"),
        ("new Date('2025-01-01T12:00:00').toISOString()", "'2025-01-01T17:00:00.000Z'"),
        ("new Date(2025, 6, 1).getHours()", "0"), ("new Date('2025-07-01T02:00:00Z').getDate()", "30"),
        ("new Date('2025-07-01T02:00:00Z').getTimezoneOffset()", "240"),
        ("new Date('2025-07-01T02:00:00Z').toString()", "'Mon Jun 30 2025 22:00:00 GMT-0400 (Eastern Daylight Time)'"),
    ])
    func localTime(source: String, expected: String) throws {
        #expect(try run(source, interpreter: Self.interpreter(zone: "America/New_York")) == expected)
    }

    @Test func invalidDateToISOStringThrows() {
        #expect(runError("new Date(NaN).toISOString()") == "RangeError: Invalid time value")
    }

    @Test func dateFactoryAndAccessors() {
        let date = JSObject.makeDate(milliseconds: 1500.7)
        #expect(date.dateValue == 1500)
        #expect(date.className == "Date")
        #expect(JSObject.makeDate(milliseconds: .infinity).dateValue?.isNaN == true)
    }
}
