import BSONCore

/// The set of BSON types a `$type` (or `$jsonSchema` `bsonType`/`type`) accepts, as a bit mask.
struct TypeSet: Sendable, Equatable {
    /// One bit per BSON type code (bit 0 MinKey, bits 1…19 the codes, bit 20 MaxKey).
    private(set) var mask: UInt32 = 0

    /// `$type` names, with their BSON type codes.
    static let queryAliases: [String: Int] = [
        "double": 1, "string": 2, "object": 3, "array": 4, "binData": 5, "undefined": 6, "objectId": 7,
        "bool": 8, "date": 9, "null": 10, "regex": 11, "dbPointer": 12, "javascript": 13, "symbol": 14,
        "javascriptWithScope": 15, "int": 16, "timestamp": 17, "long": 18, "decimal": 19, "minKey": -1,
        "maxKey": 127,
    ]
    /// `$jsonSchema` `type` names (JSON Schema's), with their BSON type codes.
    static let jsonSchemaAliases: [String: Int] = [
        "array": 4, "boolean": 8, "null": 10, "object": 3, "string": 2,
    ]
    private static let numberCodes = [1, 16, 18, 19]

    /// An empty set.
    init() {}

    /// Whether no type is in the set.
    var isEmpty: Bool { mask == 0 }

    /// Adds a BSON type code; false when the code is not a BSON type.
    mutating func insert(code: Int) -> Bool {
        guard let bit = Self.bit(code) else { return false }
        mask |= 1 << bit
        return true
    }

    /// Adds every numeric type (`"number"`).
    mutating func insertNumbers() {
        for code in Self.numberCodes { _ = insert(code: code) }
    }

    /// Adds `alias` from `aliases` (or `"number"`); throws `Unknown type name alias: x`.
    mutating func insert(alias: String, from aliases: [String: Int]) throws(ExpressionError) {
        if alias == "number" {
            insertNumbers()
        } else if let code = aliases[alias] {
            _ = insert(code: code)
        } else {
            throw ExpressionError(code: 2, "Unknown type name alias: \(alias)")
        }
    }

    /// Whether the set holds `code`.
    func contains(code: Int) -> Bool {
        guard let bit = Self.bit(code) else { return false }
        return mask & (1 << bit) != 0
    }

    /// Whether `value`'s type is in the set (missing never is).
    func contains(_ value: BSONValue?) -> Bool {
        guard let value else { return false }
        return contains(code: Self.code(of: value))
    }

    /// Parses a `$type` operand: a name, a number, or an array of them.
    static func parseQueryOperand(_ operand: BSONValue, path: String) throws(ExpressionError) -> TypeSet {
        var set = TypeSet()
        if case .array(let elements) = operand {
            for element in elements { try set.addQueryType(element) }
        } else {
            try set.addQueryType(operand)
        }
        if set.isEmpty { throw ExpressionError(code: 9, "\(path) must match at least one type") }
        return set
    }

    private mutating func addQueryType(_ element: BSONValue) throws(ExpressionError) {
        switch element {
        case .string(let name):
            try insert(alias: name, from: Self.queryAliases)
        case .int32, .int64, .double, .decimal128:
            let number = NumericValue.approximateDouble(element)
            guard number.rounded(.towardZero) == number, abs(number) < 1e10, insert(code: Int(number)) else {
                throw ExpressionError(code: 2, "Invalid numerical type code: \(QueryFormat.number(number))")
            }
        default:
            throw ExpressionError(code: 14, "type must be represented as a number or a string")
        }
    }

    /// The BSON type code of `value` (`double` 1 … `decimal` 19, MinKey -1, MaxKey 127).
    static func code(of value: BSONValue) -> Int {
        switch value {
        case .double: 1
        case .string: 2
        case .document: 3
        case .array: 4
        case .binary: 5
        case .undefined: 6
        case .objectID: 7
        case .bool: 8
        case .datetime: 9
        case .null: 10
        case .regex: 11
        case .dbPointer: 12
        case .code: 13
        case .symbol: 14
        case .codeWithScope: 15
        case .int32: 16
        case .timestamp: 17
        case .int64: 18
        case .decimal128: 19
        case .minKey: -1
        case .maxKey: 127
        }
    }

    private static func bit(_ code: Int) -> Int? {
        switch code {
        case -1: 0
        case 127: 20
        case 1...19: code
        default: nil
        }
    }
}

/// How numbers appear in the server's messages (`Invalid numerical type code: 100`).
enum QueryFormat {
    /// An integral double without its fraction, anything else as Swift prints it.
    static func number(_ value: Double) -> String {
        if value.isFinite && value.rounded() == value && abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
