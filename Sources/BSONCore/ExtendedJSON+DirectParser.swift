/// The one-pass path from JSON text to BSON: objects, arrays, strings, numbers and literals become BSON values
/// directly, with no tree in between, no `String` per number and one allocation per object or array (sized
/// from the previous object at the same depth, which a reused `ExtendedJSONReader` remembers). Objects whose first key starts with `$` (type wrappers such as `$oid`,
/// and also query operators) go through the tree path and `ExtendedJSONDecoder`, except the common
/// `{"$date": "<ISO-8601>"}`, decoded here. Numbers follow libbson: an integer that fits in Int32 is Int32,
/// a larger one Int64, one with a fraction or exponent (or too large for Int64) Double.
extension JSONParser {
    /// Parses one JSON value followed only by whitespace, as BSON.
    mutating func parseBSONText() throws(BSONError) -> BSONValue {
        skipWhitespace()
        let value = try parseBSONValue(depth: 0)
        skipWhitespace()
        guard position == bytes.count else {
            throw error(at: position, "Unexpected \(found(at: position)) after the JSON value")
        }
        return value
    }

    private mutating func parseBSONValue(depth: Int) throws(BSONError) -> BSONValue {
        let start = position
        guard position < bytes.count else { throw error(at: start, "Expected a value, found end of input") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseBSONObject(depth: depth)
        case UInt8(ascii: "["): return try parseBSONArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseBSONNumber()
        case UInt8(ascii: "t"):
            _ = try parseLiteral("true", .bool(true))
            return .bool(true)
        case UInt8(ascii: "f"):
            _ = try parseLiteral("false", .bool(false))
            return .bool(false)
        case UInt8(ascii: "n"):
            _ = try parseLiteral("null", .null)
            return .null
        default: throw error(at: start, "Expected a value, found \(found(at: start))")
        }
    }

    /// An object as a document, or, when its first key starts with `$`, whatever Extended JSON makes of it.
    private mutating func parseBSONObject(depth: Int) throws(BSONError) -> BSONValue {
        let start = position
        guard depth < Self.maxDepth else { throw error(at: start, "Nesting is deeper than \(Self.maxDepth) levels") }
        position += 1
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .document(BSONDocument())
        }
        if position + 1 < bytes.count && bytes[position] == UInt8(ascii: "\"")
            && bytes[position + 1] == UInt8(ascii: "$")
        {
            if let date = parseISODateWrapper() { return .datetime(date) }
            position = start
            let node = try parseObject(depth: depth)
            return try ExtendedJSONDecoder(parser: self).value(node)
        }
        var members: [(key: String, value: BSONValue)] = []
        members.reserveCapacity(capacityHint(depth: depth, extra: depth == 0 ? Self.topLevelSpare : 0))
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error(at: position, "Expected a string key, found \(found(at: position))")
            }
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw error(at: position, "Expected ':' after an object key, found \(found(at: position))")
            }
            position += 1
            skipWhitespace()
            let value = try parseBSONValue(depth: depth + 1)
            members.append((key, value))
            skipWhitespace()
            guard position < bytes.count else {
                throw error(at: position, "Expected ',' or '}' in an object, found end of input")
            }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                rememberCount(members.count, depth: depth)
                return .document(BSONDocument(members))
            default: throw error(at: position, "Expected ',' or '}' in an object, found \(found(at: position))")
            }
        }
    }

    /// `"$date": "<ISO-8601>"}` right after an object's `{`: the date, with `position` past the `}`; nil (and
    /// `position` unchanged) for anything else, which the tree path then decodes or reports.
    private mutating func parseISODateWrapper() -> Int64? {
        let saved = position
        let key: StaticString = "\"$date\""
        guard position + key.utf8CodeUnitCount <= bytes.count,
            memcmpEqual(at: position, key.utf8Start, key.utf8CodeUnitCount)
        else { return nil }
        position += key.utf8CodeUnitCount
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
            position = saved
            return nil
        }
        position += 1
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
            position = saved
            return nil
        }
        let textStart = position + 1
        var end = textStart
        while end < bytes.count && bytes[end] != UInt8(ascii: "\"") && bytes[end] != UInt8(ascii: "\\") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\""),
            let millis = ISODate.parse(utf8: UnsafeBufferPointer(rebasing: bytes[textStart..<end]))
        else {
            position = saved
            return nil
        }
        position = end + 1
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "}") else {
            position = saved
            return nil
        }
        position += 1
        return millis
    }

    /// Room a top-level document gets beyond its members, for the `_ts` and `_stream_meta` a stream source
    /// appends (§2.2, §2.3), so that append does not reallocate.
    static let topLevelSpare = 2

    /// How many elements to reserve for an object or array at `depth`: as many as the last one there had (lines
    /// of a file are usually alike), plus `extra`.
    private func capacityHint(depth: Int, extra: Int) -> Int {
        (depth < countHints.count ? countHints[depth] : 0) + extra
    }

    private mutating func rememberCount(_ count: Int, depth: Int) {
        if depth < countHints.count { countHints[depth] = count }
    }

    private func memcmpEqual(at offset: Int, _ pointer: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        for index in 0..<count where bytes[offset + index] != pointer[index] { return false }
        return true
    }

    private mutating func parseBSONArray(depth: Int) throws(BSONError) -> BSONValue {
        let start = position
        guard depth < Self.maxDepth else { throw error(at: start, "Nesting is deeper than \(Self.maxDepth) levels") }
        position += 1
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array([])
        }
        var values: [BSONValue] = []
        values.reserveCapacity(capacityHint(depth: depth, extra: 0))
        while true {
            skipWhitespace()
            values.append(try parseBSONValue(depth: depth + 1))
            skipWhitespace()
            guard position < bytes.count else {
                throw error(at: position, "Expected ',' or ']' in an array, found end of input")
            }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                rememberCount(values.count, depth: depth)
                return .array(values)
            default: throw error(at: position, "Expected ',' or ']' in an array, found \(found(at: position))")
            }
        }
    }

    /// A number by libbson's rules. Integers of up to 18 digits and decimals that Clinger's fast path converts
    /// exactly (at most 15 significant digits, a power of ten up to 22) are converted from the bytes; anything
    /// else goes through the standard library's correctly rounded conversion.
    private mutating func parseBSONNumber() throws(BSONError) -> BSONValue {
        let start = position
        let isInteger = try scanNumber()
        var index = start
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        while index < position && isDigit(bytes[index]) {
            if digits > 0 || bytes[index] != UInt8(ascii: "0") { digits += 1 }
            mantissa = mantissa &* 10 &+ UInt64(bytes[index] &- UInt8(ascii: "0"))
            index += 1
        }
        if isInteger {
            if digits <= 18 {
                let value = negative ? -Int64(mantissa) : Int64(mantissa)
                if let small = Int32(exactly: value) { return .int32(small) }
                return .int64(value)
            }
            return slowNumber(start, isInteger: true)
        }
        var exponent = 0
        if index < position && bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < position && isDigit(bytes[index]) {
                if digits > 0 || bytes[index] != UInt8(ascii: "0") { digits += 1 }
                mantissa = mantissa &* 10 &+ UInt64(bytes[index] &- UInt8(ascii: "0"))
                exponent -= 1
                index += 1
            }
        }
        if index < position {  // 'e' or 'E'
            index += 1
            var exponentNegative = false
            if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            while index < position {
                if written < 100_000 { written = written * 10 + Int(bytes[index] &- UInt8(ascii: "0")) }
                index += 1
            }
            exponent += exponentNegative ? -written : written
        }
        guard digits <= 15, (-22...22).contains(exponent) else { return slowNumber(start, isInteger: false) }
        var value = Double(mantissa)
        value = exponent < 0 ? value / Self.powersOfTen[-exponent] : value * Self.powersOfTen[exponent]
        return .double(negative ? -value : value)
    }

    /// Exact powers of ten as Doubles (10^0 … 10^22 are all representable).
    private static let powersOfTen: [Double] = (0...22).map { power in
        var value = 1.0
        for _ in 0..<power { value *= 10 }
        return value
    }

    private func slowNumber(_ start: Int, isInteger: Bool) -> BSONValue {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        if isInteger, let number = Int64(text) { return .int64(number) }
        return .double(Double(text) ?? .nan)
    }
}

/// Parses many Extended JSON documents in a row (lines of a file, say) straight from UTF-8 bytes, sizing each
/// object from the one before it at the same depth.
///
/// Not thread-safe: use one reader per task.
package struct ExtendedJSONReader {
    private var countHints = [Int](repeating: 0, count: 8)

    /// A reader with no size hints yet.
    package init() {}

    /// Parses the UTF-8 text in `bytes` as one Extended JSON value, optionally surrounded by whitespace.
    package mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(BSONError) -> BSONValue {
        var parser = JSONParser(bytes)
        swap(&parser.countHints, &countHints)
        defer { swap(&parser.countHints, &countHints) }
        return try parser.parseBSONText()
    }

    /// Parses `bytes` as an Extended JSON document (not a type wrapper such as `{"$oid": …}`).
    package mutating func parseDocument(_ bytes: UnsafeBufferPointer<UInt8>) throws(BSONError) -> BSONDocument {
        let value = try parse(bytes)
        guard case .document(let document) = value else {
            var start = 0
            while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
            throw JSONParser(bytes).error(
                at: start, "Expected a document, found a value of type '\(value.typeName)'")
        }
        return document
    }
}
