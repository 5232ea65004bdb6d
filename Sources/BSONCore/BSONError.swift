/// An error from decoding BSON, parsing Extended JSON, or reading an ObjectId or Decimal128 string.
///
/// Carries what went wrong (`reason`) and where: a byte `offset` for BSON, a `line` and `column` (both from 1)
/// for Extended JSON. `message` puts them together for people. Pure value type; safe to share across tasks.
package struct BSONError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of input was rejected.
    package enum Kind: Sendable, Hashable {
        /// Binary BSON that breaks the spec (bsonspec.org 1.1).
        case invalidBSON
        /// Text that is not JSON, or JSON that is not valid Extended JSON v2.
        case invalidExtendedJSON
        /// A string that is not 24 hexadecimal digits.
        case invalidObjectID
        /// A string that is not a decimal128 number, or one that cannot be represented without rounding.
        case invalidDecimal128
    }

    /// What kind of input was rejected.
    package var kind: Kind
    /// What was wrong, starting with a capital letter and without a final period.
    package var reason: String
    /// The byte offset in the BSON input where the problem was found.
    package var offset: Int?
    /// The line (from 1) in the Extended JSON text where the problem was found.
    package var line: Int?
    /// The column (from 1, in Unicode scalars) in the Extended JSON text where the problem was found.
    package var column: Int?

    /// Makes an error; `offset` for BSON, `line` and `column` for Extended JSON.
    package init(_ kind: Kind, _ reason: String, offset: Int? = nil, line: Int? = nil, column: Int? = nil) {
        self.kind = kind
        self.reason = reason
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The reason with its position: `Invalid BSON at offset 4: …`, `Invalid Extended JSON at 1:7: …`.
    package var message: String {
        switch kind {
        case .invalidBSON:
            if let offset { return "Invalid BSON at offset \(offset): \(reason)" }
            return "Invalid BSON: \(reason)"
        case .invalidExtendedJSON:
            if let line, let column { return "Invalid Extended JSON at \(line):\(column): \(reason)" }
            return "Invalid Extended JSON: \(reason)"
        case .invalidObjectID, .invalidDecimal128:
            return reason
        }
    }

    /// The same as `message`.
    package var description: String { message }
}
