import BSONCore

/// A small Extended JSON reader for the golden corpus, covering the forms `mongosh-inspect.js` reads.
///
/// Stand-in until BSONCore's `ExtendedJSON.parse` lands; then the golden test switches to it.
enum TestExtendedJSON {
    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    /// Parsed JSON, keeping object key order.
    indirect enum JSON {
        case object([(String, JSON)])
        case array([JSON])
        case string(String)
        case number(String)
        case bool(Bool)
        case null
    }

    static func parse(_ text: String) throws -> BSONValue {
        var parser = Parser(scalars: Array(text.unicodeScalars))
        let json = try parser.parseValue()
        return try convert(json)
    }

    static func convert(_ json: JSON) throws -> BSONValue {
        switch json {
        case .array(let items): return .array(try items.map(convert))
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .null: return .null
        case .number(let text):
            if let int = Int32(text) { return .int32(int) }
            return .double(Double(text) ?? .nan)
        case .object(let members):
            if let special = try convertSpecial(members) { return special }
            return .document(BSONDocument(try members.map { (key: $0.0, value: try convert($0.1)) }))
        }
    }

    private static func member(_ members: [(String, JSON)], _ key: String) -> JSON? {
        members.first { $0.0 == key }?.1
    }

    private static func string(_ json: JSON?) throws -> String {
        switch json {
        case .string(let s): return s
        case .number(let n): return n
        default: throw ParseError(description: "Expected a string")
        }
    }

    private static func convertSpecial(_ members: [(String, JSON)]) throws -> BSONValue? {
        guard members.count == 1 || (members.count == 2 && member(members, "$binary") != nil) else { return nil }
        let (key, value) = members[0]
        switch key {
        case "$oid":
            let hex = try string(value)
            return .objectID(BSONObjectID(bytes: try bytes(hex: hex)))
        case "$numberInt": return .int32(Int32(try string(value)) ?? 0)
        case "$numberDouble":
            let text = try string(value)
            switch text {
            case "Infinity": return .double(.infinity)
            case "-Infinity": return .double(-.infinity)
            case "NaN": return .double(.nan)
            default: return .double(Double(text) ?? .nan)
            }
        case "$numberLong": return .int64(Int64(try string(value)) ?? 0)
        case "$date":
            switch value {
            case .string(let iso): return .datetime(try parseISODate(iso))
            case .number(let n): return .datetime(Int64(n) ?? 0)
            case .object(let inner): return .datetime(Int64(try string(member(inner, "$numberLong"))) ?? 0)
            default: throw ParseError(description: "Bad $date")
            }
        case "$timestamp":
            guard case .object(let inner) = value else { throw ParseError(description: "Bad $timestamp") }
            return .timestamp(
                BSONTimestamp(
                    t: UInt32(try string(member(inner, "t"))) ?? 0, i: UInt32(try string(member(inner, "i"))) ?? 0))
        case "$binary":
            guard case .object(let inner) = value else { throw ParseError(description: "Legacy $binary unsupported") }
            let subtype = UInt8(try string(member(inner, "subType")), radix: 16) ?? 0
            return .binary(BSONBinary(subtype: subtype, data: try bytes(base64: try string(member(inner, "base64")))))
        case "$regularExpression":
            guard case .object(let inner) = value else { throw ParseError(description: "Bad regex") }
            return .regex(
                BSONRegex(pattern: try string(member(inner, "pattern")), options: try string(member(inner, "options"))))
        case "$minKey": return .minKey
        case "$maxKey": return .maxKey
        case "$symbol": return .symbol(try string(value))
        case "$code": return .code(try string(value))
        case "$undefined": return .undefined
        default: return nil
        }
    }

    static func bytes(hex: String) throws -> [UInt8] {
        let chars = Array(hex.utf8)
        guard chars.count % 2 == 0 else { throw ParseError(description: "Odd hex") }
        return try stride(from: 0, to: chars.count, by: 2).map { index in
            guard let byte = UInt8(String(decoding: chars[index..<index + 2], as: UTF8.self), radix: 16) else {
                throw ParseError(description: "Bad hex")
            }
            return byte
        }
    }

    static func bytes(base64: String) throws -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for char in base64.utf8 where char != UInt8(ascii: "=") {
            guard let index = alphabet.firstIndex(of: char) else { throw ParseError(description: "Bad base64") }
            buffer = buffer << 6 | UInt32(index)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(buffer >> UInt32(bits) & 0xFF))
            }
        }
        return out
    }

    /// `YYYY-MM-DDTHH:MM:SS[.sss](Z|±HH:MM)` to milliseconds since the epoch.
    static func parseISODate(_ text: String) throws -> Int64 {
        let c = Array(text.utf8)
        func number(_ from: Int, _ count: Int) throws -> Int64 {
            guard from + count <= c.count, let n = Int64(String(decoding: c[from..<from + count], as: UTF8.self))
            else { throw ParseError(description: "Bad date '\(text)'") }
            return n
        }
        let year = try number(0, 4)
        let month = try number(5, 2)
        let day = try number(8, 2)
        let hour = try number(11, 2)
        let minute = try number(14, 2)
        let second = try number(17, 2)
        var index = 19
        var ms: Int64 = 0
        if index < c.count && c[index] == UInt8(ascii: ".") {
            ms = try number(20, 3)
            index = 23
        }
        var offset: Int64 = 0
        if index < c.count && (c[index] == UInt8(ascii: "+") || c[index] == UInt8(ascii: "-")) {
            let sign: Int64 = c[index] == UInt8(ascii: "+") ? 1 : -1
            offset = sign * (try number(index + 1, 2) * 60 + number(index + 4, 2)) * 60_000
        }
        // days_from_civil
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return days * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + ms - offset
    }

    struct Parser {
        var scalars: [Unicode.Scalar]
        var index = 0

        mutating func skipSpace() {
            while index < scalars.count, [" ", "\t", "\n", "\r"].contains(scalars[index]) { index += 1 }
        }

        mutating func parseValue() throws -> JSON {
            skipSpace()
            guard index < scalars.count else { throw ParseError(description: "Unexpected end") }
            switch scalars[index] {
            case "{":
                index += 1
                var members: [(String, JSON)] = []
                skipSpace()
                if scalars[index] == "}" {
                    index += 1
                    return .object(members)
                }
                while true {
                    skipSpace()
                    let key = try parseString()
                    skipSpace()
                    try expect(":")
                    members.append((key, try parseValue()))
                    skipSpace()
                    if scalars[index] == "," {
                        index += 1
                        continue
                    }
                    try expect("}")
                    return .object(members)
                }
            case "[":
                index += 1
                var items: [JSON] = []
                skipSpace()
                if scalars[index] == "]" {
                    index += 1
                    return .array(items)
                }
                while true {
                    items.append(try parseValue())
                    skipSpace()
                    if scalars[index] == "," {
                        index += 1
                        continue
                    }
                    try expect("]")
                    return .array(items)
                }
            case "\"": return .string(try parseString())
            case "t":
                index += 4
                return .bool(true)
            case "f":
                index += 5
                return .bool(false)
            case "n":
                index += 4
                return .null
            default:
                let start = index
                while index < scalars.count, "+-0123456789.eE".unicodeScalars.contains(scalars[index]) { index += 1 }
                guard index > start else { throw ParseError(description: "Unexpected '\(scalars[index])'") }
                var text = ""
                text.unicodeScalars.append(contentsOf: scalars[start..<index])
                return .number(text)
            }
        }

        mutating func expect(_ scalar: Unicode.Scalar) throws {
            guard index < scalars.count, scalars[index] == scalar else {
                throw ParseError(description: "Expected '\(scalar)' at \(index)")
            }
            index += 1
        }

        mutating func parseString() throws -> String {
            try expect("\"")
            var result = ""
            var pendingHigh: UInt32?
            while index < scalars.count {
                let scalar = scalars[index]
                index += 1
                if scalar == "\"" { return result }
                guard scalar == "\\" else {
                    result.unicodeScalars.append(scalar)
                    continue
                }
                let escape = scalars[index]
                index += 1
                switch escape {
                case "n": result += "\n"
                case "t": result += "\t"
                case "r": result += "\r"
                case "b": result += "\u{08}"
                case "f": result += "\u{0C}"
                case "u":
                    var hex = ""
                    hex.unicodeScalars.append(contentsOf: scalars[index..<index + 4])
                    index += 4
                    let code = UInt32(hex, radix: 16) ?? 0xFFFD
                    if (0xD800...0xDBFF).contains(code) {
                        pendingHigh = code
                    } else if let high = pendingHigh, (0xDC00...0xDFFF).contains(code) {
                        let combined = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
                        result.unicodeScalars.append(Unicode.Scalar(combined) ?? "\u{FFFD}")
                        pendingHigh = nil
                    } else {
                        result.unicodeScalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                    }
                default: result.unicodeScalars.append(escape)
                }
            }
            throw ParseError(description: "Unterminated string")
        }
    }
}
