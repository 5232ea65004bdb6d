import BSONCore
import Foundation
import Interpreter

/// The BSON constructors mongosh offers as globals: `ObjectId`, `ISODate`, `NumberInt`/`Int32`,
/// `NumberLong`/`Long`, `NumberDecimal`/`Decimal128`, `Timestamp`, `UUID`, `BinData`, `MinKey`, `MaxKey`.
enum BSONConstructors {
    static func install(in interpreter: Interpreter) {
        interpreter.defineGlobal(
            "ObjectId",
            .makeFunction(name: "ObjectId") { call in
                switch call.argument(0) {
                case .undefined: return box(.objectID(BSONObjectID.generate()))
                case .string(let hex):
                    guard let id = try? BSONObjectID(hex: hex) else {
                        throw ShellError(
                            .invalidArgument,
                            "ObjectId() takes a 24-character hex string, found '\(hex)'")
                    }
                    return box(.objectID(id))
                case let other:
                    throw ShellError(
                        .invalidArgument,
                        "ObjectId() takes a 24-character hex string, found \(BSONBridge.describeType(other))")
                }
            })
        interpreter.defineGlobal(
            "ISODate",
            .makeFunction(name: "ISODate") { call in
                switch call.argument(0) {
                case .undefined:
                    return .object(JSObject.makeDate(milliseconds: call.interpreter.now()))
                case .string(let text):
                    guard let ms = ISODateParser.milliseconds(from: text) else {
                        throw ShellError(.invalidArgument, "\"\(text)\" is not a valid ISODate")
                    }
                    return .object(JSObject.makeDate(milliseconds: ms))
                case .number(let ms):
                    return .object(JSObject.makeDate(milliseconds: ms))
                case .object(let o) where o.dateValue != nil:
                    return .object(JSObject.makeDate(milliseconds: o.dateValue ?? .nan))
                case let other:
                    throw ShellError(
                        .invalidArgument,
                        "ISODate() takes a date string, found \(BSONBridge.describeType(other))")
                }
            })
        let int32 = JSValue.makeFunction(name: "NumberInt") { call in
            let d = try numberArgument(call, "NumberInt")
            guard d.isFinite else { return box(.int32(0)) }
            return box(.int32(Int32(truncatingIfNeeded: Int64(d.rounded(.towardZero)))))
        }
        interpreter.defineGlobal("NumberInt", int32)
        interpreter.defineGlobal("Int32", int32)
        let int64 = JSValue.makeFunction(name: "NumberLong") { call in
            if case .string(let s) = call.argument(0) {
                guard let n = Int64(s.trimmingCharacters(in: .whitespaces)) else {
                    throw ShellError(.invalidArgument, "NumberLong() takes an integer, found '\(s)'")
                }
                return box(.int64(n))
            }
            let d = try numberArgument(call, "NumberLong")
            guard d.isFinite, abs(d) < 9.3e18 else {
                throw ShellError(.invalidArgument, "NumberLong() takes an integer, found \(JSNumber.format(d))")
            }
            return box(.int64(Int64(d.rounded(.towardZero))))
        }
        interpreter.defineGlobal("NumberLong", int64)
        interpreter.defineGlobal("Long", int64)
        let decimal = JSValue.makeFunction(name: "NumberDecimal") { call in
            let text: String
            switch call.argument(0) {
            case .string(let s): text = s
            case .number(let d): text = JSNumber.format(d)
            case .undefined: text = "0"
            case let other:
                throw ShellError(
                    .invalidArgument,
                    "NumberDecimal() takes a string, found \(BSONBridge.describeType(other))")
            }
            guard let value = try? BSONDecimal128(string: text) else {
                throw ShellError(.invalidArgument, "NumberDecimal() cannot parse '\(text)'")
            }
            return box(.decimal128(value))
        }
        interpreter.defineGlobal("NumberDecimal", decimal)
        interpreter.defineGlobal("Decimal128", decimal)
        interpreter.defineGlobal(
            "Timestamp",
            .makeFunction(name: "Timestamp") { call in
                var t = call.argument(0)
                var i = call.argument(1)
                if case .object(let o) = t, o.host == nil {  // Timestamp({ t: 100, i: 1 })
                    t = o.get("t") ?? .undefined
                    i = o.get("i") ?? .undefined
                }
                func part(_ v: JSValue) throws -> UInt32 {
                    if case .undefined = v { return 0 }
                    guard case .number(let d) = v, d >= 0, d <= Double(UInt32.max), d.rounded() == d else {
                        throw ShellError(.invalidArgument, "Timestamp() takes t and i as unsigned 32-bit integers")
                    }
                    return UInt32(d)
                }
                return box(.timestamp(BSONTimestamp(t: try part(t), i: try part(i))))
            })
        interpreter.defineGlobal(
            "UUID",
            .makeFunction(name: "UUID") { call in
                switch call.argument(0) {
                case .undefined:
                    return box(.binary(BSONBinary(subtype: 4, data: withUnsafeBytes(of: UUID().uuid) { Array($0) })))
                case .string(let s):
                    guard let bytes = Hex.decode(s.replacingOccurrences(of: "-", with: "")), bytes.count == 16 else {
                        throw ShellError(.invalidArgument, "UUID() takes 32 hex digits, found '\(s)'")
                    }
                    return box(.binary(BSONBinary(subtype: 4, data: bytes)))
                case let other:
                    throw ShellError(.invalidArgument, "UUID() takes a string, found \(BSONBridge.describeType(other))")
                }
            })
        interpreter.defineGlobal(
            "BinData",
            .makeFunction(name: "BinData") { call in
                guard case .number(let subtype) = call.argument(0), subtype >= 0, subtype <= 255,
                    case .string(let base64) = call.argument(1), let data = Data(base64Encoded: base64)
                else {
                    throw ShellError(.invalidArgument, "BinData() takes a subtype number and a base64 string")
                }
                return box(.binary(BSONBinary(subtype: UInt8(subtype), data: Array(data))))
            })
        interpreter.defineGlobal("MinKey", .makeFunction(name: "MinKey") { _ in box(.minKey) })
        interpreter.defineGlobal("MaxKey", .makeFunction(name: "MaxKey") { _ in box(.maxKey) })
    }

    private static func box(_ value: BSONValue) -> JSValue { .object(JSObject(host: BSONBox(value))) }

    private static func numberArgument(_ call: NativeCall, _ name: String) throws -> Double {
        switch call.argument(0) {
        case .undefined: return 0
        case .number(let d): return d
        case .string(let s):
            guard let d = Double(s.trimmingCharacters(in: .whitespaces)) else {
                throw ShellError(.invalidArgument, "\(name)() takes a number, found '\(s)'")
            }
            return d
        case .object(let o):
            if let b = o.host as? BSONBox {
                switch b.bsonValue {
                case .int32(let n): return Double(n)
                case .int64(let n): return Double(n)
                case .double(let d): return d
                default: break
                }
            }
            throw ShellError(.invalidArgument, "\(name)() takes a number, found \(BSONBridge.describeType(.object(o)))")
        case let other:
            throw ShellError(.invalidArgument, "\(name)() takes a number, found \(BSONBridge.describeType(other))")
        }
    }

}

/// Parses the date strings `ISODate()` accepts, as mongosh's shell-bson does: `YYYY-MM-DD`, `YYYYMMDD`,
/// a `T` or space separator, optional `:` in the time, fractional seconds, and `Z` or `±HH[:MM]`. A missing
/// zone means UTC. Years 0000-9999.
enum ISODateParser {
    static func milliseconds(from text: String) -> Double? {
        var s = Substring(text.trimmingCharacters(in: .whitespaces))
        func digits(_ n: Int) -> Int? {
            guard s.count >= n else { return nil }
            let head = s.prefix(n)
            guard head.allSatisfy(\.isASCII), head.allSatisfy(\.isNumber), let v = Int(head) else { return nil }
            s = s.dropFirst(n)
            return v
        }
        func skip(_ c: Character) -> Bool {
            if s.first == c {
                s = s.dropFirst()
                return true
            }
            return false
        }
        guard let year = digits(4) else { return nil }
        _ = skip("-")
        guard let month = digits(2) else { return nil }
        _ = skip("-")
        guard let day = digits(2) else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = 0.0
        var offsetMinutes = 0
        if skip("T") || skip(" ") {
            guard let h = digits(2) else { return nil }
            hour = h
            _ = skip(":")
            if let m = digits(2) {
                minute = m
                _ = skip(":")
                if let sec = digits(2) {
                    second = sec
                    if skip(".") || skip(",") {
                        var fractionDigits = ""
                        while let c = s.first, c.isASCII, c.isNumber {
                            fractionDigits.append(c)
                            s = s.dropFirst()
                        }
                        guard !fractionDigits.isEmpty, let f = Double("0." + fractionDigits) else { return nil }
                        fraction = f
                    }
                }
            }
            if skip("Z") {
            } else if let sign = s.first, sign == "+" || sign == "-" {
                s = s.dropFirst()
                guard let oh = digits(2) else { return nil }
                _ = skip(":")
                let om = digits(2) ?? 0
                offsetMinutes = (oh * 60 + om) * (sign == "-" ? -1 : 1)
            }
        } else {
            _ = skip("Z")
        }
        guard s.isEmpty, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        let days = DateMath.days(year: year, month: month, day: day)
        let seconds = Double(days * 86400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60)
        return seconds * 1000 + (fraction * 1000).rounded(.down)
    }
}
