extension BSONDocument {
    /// Decodes and validates one BSON document that fills `bytes` exactly.
    ///
    /// Checks every length, terminator, type byte and string (UTF-8); errors name the byte offset.
    package init(bytes: [UInt8]) throws(BSONError) {
        let result: Result<BSONDocument, BSONError> = bytes.withUnsafeBytes { buffer in
            Result { () throws(BSONError) in try BSONDocument(bytes: buffer) }
        }
        self = try result.get()
    }

    /// Decodes and validates one BSON document that fills `bytes` exactly, without copying the input first.
    ///
    /// The buffer is only read during the call. Checks every length, terminator, type byte and string (UTF-8);
    /// errors name the byte offset.
    package init(bytes: UnsafeRawBufferPointer) throws(BSONError) {
        let reader = BSONReader(buffer: bytes)
        guard bytes.count >= 5 else {
            throw reader.error(at: 0, "Expected at least 5 bytes for a document, found \(bytes.count)")
        }
        let length = Int(reader.int32(at: 0))
        if length >= 5 && length < bytes.count {
            throw reader.error(at: 0, "Document length \(length) does not match the \(bytes.count) bytes given")
        }
        self = try reader.document(at: 0, limit: bytes.count, depth: 0)
    }
}

/// Reads BSON from a borrowed buffer with unaligned loads; every read is bounds-checked by its caller first.
struct BSONReader {
    /// Deeper documents are rejected instead of risking the stack.
    static let maxDepth = 256

    let buffer: UnsafeRawBufferPointer

    func error(at offset: Int, _ reason: String) -> BSONError {
        BSONError(.invalidBSON, reason, offset: offset)
    }

    @inline(__always) func int32(at offset: Int) -> Int32 {
        Int32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: Int32.self))
    }

    @inline(__always) func uint32(at offset: Int) -> UInt32 {
        UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inline(__always) func uint64(at offset: Int) -> UInt64 {
        UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// Throws unless `size` bytes starting at `offset` end at or before `limit`.
    @inline(__always) func need(_ size: Int, at offset: Int, limit: Int, for what: String) throws(BSONError) {
        if limit - offset < size {
            throw error(at: offset, "Expected \(size) bytes for \(what), found \(max(0, limit - offset))")
        }
    }

    /// Reads the document whose length prefix is at `start`; it must end at or before `limit`.
    func document(at start: Int, limit: Int, depth: Int) throws(BSONError) -> BSONDocument {
        var doc = BSONDocument()
        try elements(at: start, limit: limit, depth: depth, what: "document") { (key, value) in
            doc.append(key, value)
        }
        return doc
    }

    /// Reads the array whose length prefix is at `start`; keys are not checked, only their order is kept.
    func array(at start: Int, limit: Int, depth: Int) throws(BSONError) -> [BSONValue] {
        var values: [BSONValue] = []
        try elements(at: start, limit: limit, depth: depth, what: "array") { (_, value) in values.append(value) }
        return values
    }

    /// Walks the elements of the document or array at `start`, handing each to `body`.
    private func elements(
        at start: Int, limit: Int, depth: Int, what: String, _ body: (String, BSONValue) -> Void
    ) throws(BSONError) {
        guard depth < Self.maxDepth else {
            throw error(at: start, "Nesting is deeper than \(Self.maxDepth) levels")
        }
        try need(5, at: start, limit: limit, for: "a \(what)")
        let length = Int(int32(at: start))
        guard length >= 5 else {
            throw error(at: start, "Length \(length) of \(what) is less than the minimum of 5")
        }
        guard length <= limit - start else {
            throw error(at: start, "Length \(length) of \(what) exceeds the \(limit - start) bytes available")
        }
        let end = start + length - 1
        guard buffer[end] == 0 else {
            throw error(at: end, "The \(what) does not end with a 0x00 byte")
        }
        var position = start + 4
        while position < end {
            let typeOffset = position
            let type = buffer[position]
            position += 1
            let key = try cString(at: &position, limit: end, what: "key")
            let value = try value(
                type: type, typeOffset: typeOffset, key: key, at: &position, limit: end,
                depth: depth)
            body(key, value)
        }
    }

    /// Reads a 0x00-terminated UTF-8 string (a key or a regex part) and moves past the terminator.
    func cString(at position: inout Int, limit: Int, what: String) throws(BSONError) -> String {
        let start = position
        var index = start
        while index < limit && buffer[index] != 0 { index += 1 }
        guard index < limit else {
            throw error(at: start, "The \(what) is not terminated by a 0x00 byte")
        }
        position = index + 1
        return try utf8(from: start, count: index - start, what: what)
    }

    /// Reads an int32-length-prefixed, 0x00-terminated UTF-8 string and moves past it.
    func string(at position: inout Int, limit: Int, what: String = "string") throws(BSONError) -> String {
        let start = position
        try need(4, at: start, limit: limit, for: "the length of a \(what)")
        let length = Int(int32(at: start))
        guard length >= 1 else {
            throw error(at: start, "Length \(length) of \(what) is less than the minimum of 1")
        }
        guard length <= limit - start - 4 else {
            throw error(at: start, "Length \(length) of \(what) exceeds the \(limit - start - 4) bytes available")
        }
        let terminator = start + 4 + length - 1
        guard buffer[terminator] == 0 else {
            throw error(at: terminator, "The \(what) is not terminated by a 0x00 byte")
        }
        position = terminator + 1
        return try utf8(from: start + 4, count: length - 1, what: what)
    }

    private func utf8(from start: Int, count: Int, what: String) throws(BSONError) -> String {
        guard count > 0, let base = buffer.baseAddress else { return "" }
        let bytes = UnsafeBufferPointer(start: (base + start).assumingMemoryBound(to: UInt8.self), count: count)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw error(at: start, "The \(what) is not valid UTF-8")
        }
        return text
    }

    private func objectID(at position: inout Int, limit: Int) throws(BSONError) -> BSONObjectID {
        try need(12, at: position, limit: limit, for: "an ObjectId")
        let bytes = Array(UnsafeRawBufferPointer(rebasing: buffer[position..<position + 12]))
        position += 12
        return BSONObjectID(bytes: bytes)
    }

    private func value(
        type: UInt8, typeOffset: Int, key: String, at position: inout Int, limit: Int, depth: Int
    ) throws(BSONError) -> BSONValue {
        let start = position
        switch type {
        case 0x01:
            try need(8, at: start, limit: limit, for: "a double")
            position += 8
            return .double(Double(bitPattern: uint64(at: start)))
        case 0x02:
            return .string(try string(at: &position, limit: limit))
        case 0x03, 0x04:
            try need(4, at: start, limit: limit, for: "the length of a \(type == 3 ? "document" : "array")")
            let length = Int(int32(at: start))
            let value: BSONValue =
                type == 0x03
                ? .document(try document(at: start, limit: limit, depth: depth + 1))
                : .array(try array(at: start, limit: limit, depth: depth + 1))
            position = start + length
            return value
        case 0x05:
            try need(5, at: start, limit: limit, for: "the length and subtype of binary data")
            let length = Int(int32(at: start))
            guard length >= 0 else { throw error(at: start, "Length \(length) of binary data is negative") }
            guard length <= limit - start - 5 else {
                throw error(
                    at: start, "Length \(length) of binary data exceeds the \(limit - start - 5) bytes available")
            }
            let subtype = buffer[start + 4]
            var dataStart = start + 5
            var dataLength = length
            if subtype == 0x02 {
                guard length >= 4 else {
                    throw error(at: dataStart, "Binary subtype 0x02 needs an inner length, found \(length) bytes")
                }
                let inner = Int(int32(at: dataStart))
                guard inner == length - 4 else {
                    throw error(
                        at: dataStart, "Inner length \(inner) of binary subtype 0x02 does not match \(length - 4)")
                }
                dataStart += 4
                dataLength = inner
            }
            position = start + 5 + length
            let data = Array(UnsafeRawBufferPointer(rebasing: buffer[dataStart..<dataStart + dataLength]))
            return .binary(BSONBinary(subtype: subtype, data: data))
        case 0x06:
            return .undefined
        case 0x07:
            return .objectID(try objectID(at: &position, limit: limit))
        case 0x08:
            try need(1, at: start, limit: limit, for: "a boolean")
            position += 1
            switch buffer[start] {
            case 0: return .bool(false)
            case 1: return .bool(true)
            case let byte: throw error(at: start, "Boolean byte is \(hexByte(byte)), expected 0x00 or 0x01")
            }
        case 0x09:
            try need(8, at: start, limit: limit, for: "a datetime")
            position += 8
            return .datetime(Int64(bitPattern: uint64(at: start)))
        case 0x0A:
            return .null
        case 0x0B:
            let pattern = try cString(at: &position, limit: limit, what: "regex pattern")
            let options = try cString(at: &position, limit: limit, what: "regex options")
            return .regex(BSONRegex(pattern: pattern, options: options))
        case 0x0C:
            let namespace = try string(at: &position, limit: limit, what: "DBPointer namespace")
            return .dbPointer(namespace: namespace, id: try objectID(at: &position, limit: limit))
        case 0x0D:
            return .code(try string(at: &position, limit: limit, what: "code"))
        case 0x0E:
            return .symbol(try string(at: &position, limit: limit, what: "symbol"))
        case 0x0F:
            try need(14, at: start, limit: limit, for: "code with scope")
            let length = Int(int32(at: start))
            guard length >= 14 else {
                throw error(at: start, "Length \(length) of code with scope is less than the minimum of 14")
            }
            guard length <= limit - start else {
                throw error(
                    at: start, "Length \(length) of code with scope exceeds the \(limit - start) bytes available")
            }
            let end = start + length
            position = start + 4
            let code = try string(at: &position, limit: end, what: "code")
            let scope = try document(at: position, limit: end, depth: depth + 1)
            position += Int(int32(at: position))
            guard position == end else {
                throw error(
                    at: start,
                    "Length \(length) of code with scope does not match its contents (\(position - start) bytes)")
            }
            return .codeWithScope(code: code, scope: scope)
        case 0x10:
            try need(4, at: start, limit: limit, for: "an int32")
            position += 4
            return .int32(int32(at: start))
        case 0x11:
            try need(8, at: start, limit: limit, for: "a timestamp")
            position += 8
            return .timestamp(BSONTimestamp(t: uint32(at: start + 4), i: uint32(at: start)))
        case 0x12:
            try need(8, at: start, limit: limit, for: "an int64")
            position += 8
            return .int64(Int64(bitPattern: uint64(at: start)))
        case 0x13:
            try need(16, at: start, limit: limit, for: "a decimal128")
            position += 16
            return .decimal128(BSONDecimal128(low: uint64(at: start), high: uint64(at: start + 8)))
        case 0xFF:
            return .minKey
        case 0x7F:
            return .maxKey
        default:
            throw error(at: typeOffset, "Unknown element type \(hexByte(type)) for key '\(key)'")
        }
    }
}

/// `0x0A`-style spelling of a byte, for messages.
func hexByte(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return "0x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
}
