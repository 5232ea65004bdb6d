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
    /// The BSON binary subtype byte.
    package var subtype: UInt8
    /// The bytes, without the subtype 0x02 inner length.
    package var data: [UInt8]

    /// Makes binary data of the given subtype.
    package init(subtype: UInt8, data: [UInt8]) {
        self.subtype = subtype
        self.data = data
    }
}

/// A 12-byte ObjectId.
package struct BSONObjectID: Sendable, Hashable {
    /// The 12 bytes: 4 of seconds (big-endian), 5 process-unique, 3 of counter (big-endian).
    package var bytes: [UInt8]

    /// Makes an ObjectId from exactly 12 bytes (a broken invariant otherwise: use `init(hex:)` for input).
    package init(bytes: [UInt8]) {
        precondition(bytes.count == 12, "An ObjectId has 12 bytes")
        self.bytes = bytes
    }
}

/// A regular expression: pattern and flags (BSON keeps the flags sorted).
package struct BSONRegex: Sendable, Hashable {
    /// The pattern, without slashes.
    package var pattern: String
    /// The option letters (`i`, `l`, `m`, `s`, `u`, `x`).
    package var options: String

    /// Makes a regular expression; the options are stored as given.
    package init(pattern: String, options: String) {
        self.pattern = pattern
        self.options = options
    }
}

/// A BSON timestamp: seconds `t` and increment `i`.
package struct BSONTimestamp: Sendable, Hashable {
    /// Seconds since the Unix epoch.
    package var t: UInt32
    /// The increment within that second.
    package var i: UInt32

    /// Makes a timestamp from seconds and increment.
    package init(t: UInt32, i: UInt32) {
        self.t = t
        self.i = i
    }
}

/// An IEEE 754-2008 decimal128 value in its BID encoding (two little-endian 64-bit halves).
package struct BSONDecimal128: Sendable, Hashable {
    /// The low 64 bits of the coefficient.
    package var low: UInt64
    /// Sign, combination field, exponent and the high coefficient bits.
    package var high: UInt64

    /// Makes a decimal from its two BID halves.
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
