extension BSONValue {
    /// MongoDB's `$type` alias: "double", "string", "object", "array", "binData", "undefined", "objectId",
    /// "bool", "date", "null", "regex", "dbPointer", "javascript", "symbol", "javascriptWithScope", "int",
    /// "timestamp", "long", "decimal", "minKey", "maxKey".
    package var typeName: String {
        switch self {
        case .double: "double"
        case .string: "string"
        case .document: "object"
        case .array: "array"
        case .binary: "binData"
        case .undefined: "undefined"
        case .objectID: "objectId"
        case .bool: "bool"
        case .datetime: "date"
        case .null: "null"
        case .regex: "regex"
        case .dbPointer: "dbPointer"
        case .code: "javascript"
        case .symbol: "symbol"
        case .codeWithScope: "javascriptWithScope"
        case .int32: "int"
        case .timestamp: "timestamp"
        case .int64: "long"
        case .decimal128: "decimal"
        case .minKey: "minKey"
        case .maxKey: "maxKey"
        }
    }

    /// The document, if this is one.
    package var documentValue: BSONDocument? {
        if case .document(let document) = self { return document }
        return nil
    }

    /// The elements, if this is an array.
    package var arrayValue: [BSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    /// The text, if this is a string.
    package var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The flag, if this is a boolean.
    package var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The value as an Int64 if it is an int32 or int64, or a double with an integral value in Int64's range.
    package var int64Value: Int64? {
        switch self {
        case .int32(let number): Int64(number)
        case .int64(let number): number
        case .double(let number): Int64(exactly: number)
        default: nil
        }
    }

    /// The value as a Double if it is a double, int32 or int64 (large int64 values are rounded).
    package var doubleValue: Double? {
        switch self {
        case .double(let number): number
        case .int32(let number): Double(number)
        case .int64(let number): Double(number)
        default: nil
        }
    }

    /// Whether this is a double, int32, int64 or decimal128.
    package var isNumber: Bool {
        switch self {
        case .double, .int32, .int64, .decimal128: true
        default: false
        }
    }
}

extension BSONDocument: CustomStringConvertible {
    /// The document as compact relaxed Extended JSON.
    package var description: String { ExtendedJSON.serialize(.document(self), mode: .relaxed) }
}

extension BSONValue: CustomStringConvertible {
    /// The value as compact relaxed Extended JSON.
    package var description: String { ExtendedJSON.serialize(self, mode: .relaxed) }
}

extension BSONDocument: ExpressibleByDictionaryLiteral {
    /// Builds a document from a literal, keeping the order written: `["a": .int32(1), "b": .null]`.
    package init(dictionaryLiteral elements: (String, BSONValue)...) {
        self.init(elements.map { (key: $0.0, value: $0.1) })
    }
}

extension BSONObjectID: CustomStringConvertible {
    /// The 24 lower-case hexadecimal digits.
    package var description: String { hex }
}
