/// One BSON value of any type (bsonspec.org 1.1), as plain Swift data.
///
/// Pure value type; safe to share across tasks.
package enum BSONValue: Sendable {
    case double(Double)
    case string(String)
    case document(BSONDocument)
    case array([BSONValue])
    case binary(BSONBinary)
    case undefined
    case objectID(BSONObjectID)
    case bool(Bool)
    /// Milliseconds since the Unix epoch (UTC); negative before 1970.
    case datetime(Int64)
    case null
    case regex(BSONRegex)
    case dbPointer(namespace: String, id: BSONObjectID)
    case code(String)
    case symbol(String)
    case codeWithScope(code: String, scope: BSONDocument)
    case int32(Int32)
    case timestamp(BSONTimestamp)
    case int64(Int64)
    case decimal128(BSONDecimal128)
    case minKey
    case maxKey
}

/// Binary data with its BSON subtype (0 generic, 4 UUID, 5 MD5, 0x80... user defined).
package struct BSONBinary: Sendable, Hashable {
    package var subtype: UInt8
    package var data: [UInt8]

    package init(subtype: UInt8, data: [UInt8]) {
        self.subtype = subtype
        self.data = data
    }
}

/// A 12-byte ObjectId.
package struct BSONObjectID: Sendable, Hashable {
    package var bytes: [UInt8]

    package init(bytes: [UInt8]) {
        precondition(bytes.count == 12, "An ObjectId has 12 bytes")
        self.bytes = bytes
    }
}

/// A regular expression: pattern and flags (BSON keeps the flags sorted).
package struct BSONRegex: Sendable, Hashable {
    package var pattern: String
    package var options: String

    package init(pattern: String, options: String) {
        self.pattern = pattern
        self.options = options
    }
}

/// A BSON timestamp: seconds `t` and increment `i`.
package struct BSONTimestamp: Sendable, Hashable {
    package var t: UInt32
    package var i: UInt32

    package init(t: UInt32, i: UInt32) {
        self.t = t
        self.i = i
    }
}

/// An IEEE 754-2008 decimal128 value in its BID encoding (two little-endian 64-bit halves).
package struct BSONDecimal128: Sendable, Hashable {
    package var low: UInt64
    package var high: UInt64

    package init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }
}

/// A value from another layer (an interpreter object, say) that stands for one BSON value, so printing and
/// encoding can treat it as that value.
package protocol BSONValueConvertible {
    var bsonValue: BSONValue { get }
}
