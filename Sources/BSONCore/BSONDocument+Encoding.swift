extension BSONDocument {
    /// Encodes the document as BSON bytes (bsonspec.org 1.1), keys in their stored order.
    ///
    /// A key, regex pattern or regex options string containing U+0000 cannot be stored as a BSON C string:
    /// it is cut at the first U+0000 (check with `BSONDocument.hasEncodableNames` before sending).
    package func encoded() -> [UInt8] {
        var writer = BSONWriter()
        writer.bytes.reserveCapacity(estimatedSize)
        writer.write(self)
        return writer.bytes
    }

    /// A cheap upper-ish guess of the encoded size, to reserve capacity once (and for writers that size batches).
    package var estimatedSize: Int {
        var size = 5
        for (key, value) in elements { size += 2 + key.utf8.count + value.estimatedSize }
        return size
    }
}

extension BSONValue {
    var estimatedSize: Int {
        switch self {
        case .double, .datetime, .int64, .timestamp: return 8
        case .string(let text), .code(let text), .symbol(let text): return 5 + text.utf8.count
        case .document(let doc): return doc.estimatedSize
        case .array(let values): return values.reduce(5) { $0 + 5 + $1.estimatedSize }
        case .binary(let binary): return 9 + binary.data.count
        case .undefined, .null, .minKey, .maxKey: return 0
        case .objectID: return 12
        case .bool: return 1
        case .regex(let regex): return 2 + regex.pattern.utf8.count + regex.options.utf8.count
        case .dbPointer(let namespace, _): return 17 + namespace.utf8.count
        case .codeWithScope(let code, let scope): return 9 + code.utf8.count + scope.estimatedSize
        case .int32: return 4
        case .decimal128: return 16
        }
    }

    /// The BSON element type byte (0x01 double … 0x13 decimal128, 0xFF min key, 0x7F max key).
    package var typeByte: UInt8 {
        switch self {
        case .double: 0x01
        case .string: 0x02
        case .document: 0x03
        case .array: 0x04
        case .binary: 0x05
        case .undefined: 0x06
        case .objectID: 0x07
        case .bool: 0x08
        case .datetime: 0x09
        case .null: 0x0A
        case .regex: 0x0B
        case .dbPointer: 0x0C
        case .code: 0x0D
        case .symbol: 0x0E
        case .codeWithScope: 0x0F
        case .int32: 0x10
        case .timestamp: 0x11
        case .int64: 0x12
        case .decimal128: 0x13
        case .minKey: 0xFF
        case .maxKey: 0x7F
        }
    }
}

/// Appends BSON to a growing byte array; lengths are written as placeholders and patched afterwards.
struct BSONWriter {
    var bytes: [UInt8] = []

    @inline(__always) mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    @inline(__always) mutating func patchLength(at start: Int) {
        let length = Int32(truncatingIfNeeded: bytes.count - start).littleEndian
        withUnsafeBytes(of: length) { raw in
            for index in 0..<4 { bytes[start + index] = raw[index] }
        }
    }

    mutating func write(_ document: BSONDocument) {
        let start = bytes.count
        append(Int32(0))
        for (key, value) in document.elements { write(key, value) }
        bytes.append(0)
        patchLength(at: start)
    }

    mutating func write(_ values: [BSONValue]) {
        let start = bytes.count
        append(Int32(0))
        for (index, value) in values.enumerated() {
            bytes.append(value.typeByte)
            writeIndexKey(index)
            write(value: value)
        }
        bytes.append(0)
        patchLength(at: start)
    }

    /// Writes an array index as its decimal key without building a String.
    private mutating func writeIndexKey(_ index: Int) {
        if index < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(index))
        } else {
            bytes.append(contentsOf: String(index).utf8)
        }
        bytes.append(0)
    }

    mutating func write(_ key: String, _ value: BSONValue) {
        bytes.append(value.typeByte)
        writeCString(key)
        write(value: value)
    }

    mutating func writeCString(_ text: String) {
        for byte in text.utf8 {
            if byte == 0 { break }
            bytes.append(byte)
        }
        bytes.append(0)
    }

    mutating func writeString(_ text: String) {
        let utf8 = text.utf8
        append(Int32(truncatingIfNeeded: utf8.count + 1))
        bytes.append(contentsOf: utf8)
        bytes.append(0)
    }

    mutating func write(value: BSONValue) {
        switch value {
        case .double(let number): append(number.bitPattern)
        case .string(let text), .code(let text), .symbol(let text): writeString(text)
        case .document(let doc): write(doc)
        case .array(let values): write(values)
        case .binary(let binary):
            if binary.subtype == 0x02 {
                append(Int32(truncatingIfNeeded: binary.data.count + 4))
                bytes.append(binary.subtype)
                append(Int32(truncatingIfNeeded: binary.data.count))
            } else {
                append(Int32(truncatingIfNeeded: binary.data.count))
                bytes.append(binary.subtype)
            }
            bytes.append(contentsOf: binary.data)
        case .undefined, .null, .minKey, .maxKey: break
        case .objectID(let id): bytes.append(contentsOf: id.bytes)
        case .bool(let flag): bytes.append(flag ? 1 : 0)
        case .datetime(let millis): append(millis)
        case .regex(let regex):
            writeCString(regex.pattern)
            writeCString(regex.options)
        case .dbPointer(let namespace, let id):
            writeString(namespace)
            bytes.append(contentsOf: id.bytes)
        case .codeWithScope(let code, let scope):
            let start = bytes.count
            append(Int32(0))
            writeString(code)
            write(scope)
            patchLength(at: start)
        case .int32(let number): append(number)
        case .timestamp(let stamp):
            append(stamp.i)
            append(stamp.t)
        case .int64(let number): append(number)
        case .decimal128(let decimal):
            append(decimal.low)
            append(decimal.high)
        }
    }
}

extension BSONDocument {
    /// Whether every key and regex string, at any depth, is free of U+0000 and so survives `encoded()` intact.
    package var hasEncodableNames: Bool {
        elements.allSatisfy { !$0.key.utf8.contains(0) && $0.value.hasEncodableNames }
    }
}

extension BSONValue {
    var hasEncodableNames: Bool {
        switch self {
        case .document(let doc): doc.hasEncodableNames
        case .codeWithScope(_, let scope): scope.hasEncodableNames
        case .array(let values): values.allSatisfy(\.hasEncodableNames)
        case .regex(let regex): !regex.pattern.utf8.contains(0) && !regex.options.utf8.contains(0)
        default: true
        }
    }
}
