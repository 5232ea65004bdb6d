/// A parsed JSON value that keeps what Foundation's JSONSerialization loses: member order, duplicate keys,
/// and whether a number was written as an integer. `offset` is the UTF-8 offset where the value starts.
struct JSONNode {
    enum Kind {
        case object([(key: String, value: JSONNode)])
        case array([JSONNode])
        case string(String)
        /// A number without fraction or exponent, as written.
        case integer(String)
        /// A number with a fraction or exponent, as written.
        case float(String)
        case bool(Bool)
        case null
    }

    var kind: Kind
    var offset: Int
}

/// A recursive-descent JSON parser (RFC 8259) over UTF-8 bytes; errors carry line:column.
///
/// Two ways through the same grammar: `parseDocumentText` builds a `JSONNode` tree that `ExtendedJSONDecoder`
/// turns into BSON (every type wrapper), and `parseBSONText` (ExtendedJSON+DirectParser.swift) builds BSON in
/// one pass, handing only `$`-objects to the tree path. The bytes must outlive the parser (callers parse inside
/// `withUnsafeBufferPointer`/`withUTF8`).
struct JSONParser {
    static let maxDepth = 256

    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    /// The direct path's element counts of the last object or array seen at each depth (the first few), used to
    /// size the next one.
    var countHints: [Int] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Parses one JSON value followed only by whitespace.
    mutating func parseDocumentText() throws(BSONError) -> JSONNode {
        skipWhitespace()
        let node = try parseValue(depth: 0)
        skipWhitespace()
        guard position == bytes.count else {
            throw error(at: position, "Unexpected \(found(at: position)) after the JSON value")
        }
        return node
    }

    /// An Extended JSON error at `offset`, with its line and column (columns count Unicode scalars).
    func error(at offset: Int, _ reason: String) -> BSONError {
        var line = 1
        var column = 1
        var index = 0
        while index < offset && index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return BSONError(.invalidExtendedJSON, reason, line: line, column: column)
    }

    /// The character at `offset` in single quotes, or `end of input`.
    func found(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of input" }
        var end = offset + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        return "'" + String(decoding: bytes[offset..<end], as: UTF8.self) + "'"
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): position += 1
            default: return
            }
        }
    }

    private mutating func parseValue(depth: Int) throws(BSONError) -> JSONNode {
        let start = position
        guard position < bytes.count else { throw error(at: start, "Expected a value, found end of input") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return JSONNode(kind: .string(try parseString()), offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try parseLiteral("null", .null)
        default: throw error(at: start, "Expected a value, found \(found(at: start))")
        }
    }

    mutating func parseLiteral(_ word: String, _ kind: JSONNode.Kind) throws(BSONError) -> JSONNode {
        let start = position
        for byte in word.utf8 {
            guard position < bytes.count, bytes[position] == byte else {
                throw error(at: start, "Expected a value, found \(found(at: start))")
            }
            position += 1
        }
        return JSONNode(kind: kind, offset: start)
    }

    mutating func parseObject(depth: Int) throws(BSONError) -> JSONNode {
        let start = position
        guard depth < Self.maxDepth else { throw error(at: start, "Nesting is deeper than \(Self.maxDepth) levels") }
        position += 1
        var members: [(key: String, value: JSONNode)] = []
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
            position += 1
            return JSONNode(kind: .object(members), offset: start)
        }
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
            members.append((key, try parseValue(depth: depth + 1)))
            skipWhitespace()
            guard position < bytes.count else {
                throw error(at: position, "Expected ',' or '}' in an object, found end of input")
            }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return JSONNode(kind: .object(members), offset: start)
            default: throw error(at: position, "Expected ',' or '}' in an object, found \(found(at: position))")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(BSONError) -> JSONNode {
        let start = position
        guard depth < Self.maxDepth else { throw error(at: start, "Nesting is deeper than \(Self.maxDepth) levels") }
        position += 1
        var values: [JSONNode] = []
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
            position += 1
            return JSONNode(kind: .array(values), offset: start)
        }
        while true {
            skipWhitespace()
            values.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard position < bytes.count else {
                throw error(at: position, "Expected ',' or ']' in an array, found end of input")
            }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                return JSONNode(kind: .array(values), offset: start)
            default: throw error(at: position, "Expected ',' or ']' in an array, found \(found(at: position))")
            }
        }
    }

    private mutating func parseNumber() throws(BSONError) -> JSONNode {
        let start = position
        let isInteger = try scanNumber()
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        return JSONNode(kind: isInteger ? .integer(text) : .float(text), offset: start)
    }

    /// Moves past a number (RFC 8259 grammar); true if it has neither fraction nor exponent.
    mutating func scanNumber() throws(BSONError) -> Bool {
        let start = position
        var isInteger = true
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else {
            throw error(at: position, "Expected a digit in a number, found \(found(at: position))")
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count && isDigit(bytes[position]) {
                throw error(at: start, "Leading zeros are not allowed in a number")
            }
        } else {
            skipDigits()
        }
        if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw error(at: position, "Expected a digit after '.', found \(found(at: position))")
            }
            skipDigits()
        }
        if position < bytes.count && (bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E")) {
            isInteger = false
            position += 1
            if position < bytes.count && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-"))
            {
                position += 1
            }
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw error(at: position, "Expected a digit in the exponent, found \(found(at: position))")
            }
            skipDigits()
        }
        return isInteger
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipDigits() {
        while position < bytes.count && isDigit(bytes[position]) { position += 1 }
    }

    /// Parses a string starting at its opening quote and moves past the closing quote. A string without
    /// escapes (the usual case) is decoded straight from the input bytes.
    mutating func parseString() throws(BSONError) -> String {
        let start = position
        var end = position + 1
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") {
                position = end + 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start + 1..<end]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            end += 1
        }
        return try parseEscapedString()
    }

    /// The general case of `parseString`: escapes, control characters and errors.
    private mutating func parseEscapedString() throws(BSONError) -> String {
        let start = position
        position += 1
        var scalars: [UInt8] = []
        var runStart = position
        while true {
            guard position < bytes.count else { throw error(at: start, "Unterminated string") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                scalars.append(contentsOf: bytes[runStart..<position])
                position += 1
                return String(decoding: scalars, as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                scalars.append(contentsOf: bytes[runStart..<position])
                try parseEscape(into: &scalars)
                runStart = position
            } else if byte < 0x20 {
                let code = String(byte, radix: 16, uppercase: true)
                throw error(
                    at: position,
                    "Control character U+\(String(repeating: "0", count: 4 - code.count))\(code) must be escaped in a string"
                )
            } else {
                position += 1
            }
        }
    }

    private mutating func parseEscape(into output: inout [UInt8]) throws(BSONError) {
        let start = position
        position += 1
        guard position < bytes.count else { throw error(at: start, "Unterminated string") }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(byte)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var code = try hexQuad(escapeStart: start)
            if (0xD800..<0xDC00).contains(code) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u")
                else { throw error(at: start, "Unpaired surrogate in a \\u escape") }
                let lowStart = position
                position += 2
                let low = try hexQuad(escapeStart: lowStart)
                guard (0xDC00..<0xE000).contains(low) else {
                    throw error(at: start, "Unpaired surrogate in a \\u escape")
                }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(code) {
                throw error(at: start, "Unpaired surrogate in a \\u escape")
            }
            guard let scalar = Unicode.Scalar(code) else {
                throw error(at: start, "Invalid \\u escape")
            }
            output.append(contentsOf: String(Character(scalar)).utf8)
        default:
            position = start
            throw error(at: start, "Invalid escape '\\\(String(decoding: [byte], as: UTF8.self))' in a string")
        }
    }

    private mutating func hexQuad(escapeStart: Int) throws(BSONError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard position < bytes.count, let digit = hexValue(bytes[position]) else {
                throw error(at: escapeStart, "Expected 4 hexadecimal digits after '\\u'")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }
}

/// The value of one hexadecimal digit (either case), or nil.
func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
}
