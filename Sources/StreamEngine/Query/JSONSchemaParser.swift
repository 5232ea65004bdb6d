import BSONCore

/// Parses `$jsonSchema` into a `JSONSchemaNode`, with the server's keyword set and messages (FailedToParse is
/// code 9, TypeMismatch 14).
enum JSONSchemaParser {
    /// Keywords MongoDB accepts.
    static let keywords: Set<String> = [
        "additionalItems", "additionalProperties", "allOf", "anyOf", "bsonType", "dependencies", "description",
        "enum", "exclusiveMaximum", "exclusiveMinimum", "items", "maxItems", "maxLength", "maxProperties", "maximum",
        "minItems", "minLength", "minProperties", "minimum", "multipleOf", "not", "oneOf", "pattern",
        "patternProperties", "properties", "required", "title", "type", "uniqueItems",
    ]
    /// Keywords the server names as unsupported. `encrypt`/`encryptMetadata` (client-side field level
    /// encryption) are listed here too: the local engine has no encrypted data.
    static let unsupported: Set<String> = [
        "$ref", "$schema", "default", "definitions", "format", "id", "encrypt", "encryptMetadata",
    ]

    /// Parses the schema of a whole document.
    static func parseRoot(_ schema: BSONDocument) throws(ExpressionError) -> JSONSchemaNode {
        try parse(schema)
    }

    /// Parses one (sub)schema.
    static func parse(_ schema: BSONDocument) throws(ExpressionError) -> JSONSchemaNode {
        var keywords: [String: BSONValue] = [:]
        for (key, value) in schema.elements {
            guard Self.keywords.contains(key) else {
                if unsupported.contains(key) {
                    throw ExpressionError(code: 9, "$jsonSchema keyword '\(key)' is not currently supported")
                }
                throw ExpressionError(code: 9, "Unknown $jsonSchema keyword: \(key)")
            }
            guard keywords[key] == nil else { throw ExpressionError(code: 9, "Duplicate $jsonSchema keyword: \(key)") }
            keywords[key] = value
        }
        for key in ["description", "title"] {
            if let value = keywords[key], value.stringValue == nil {
                throw ExpressionError(code: 14, "$jsonSchema keyword '\(key)' must be of type string")
            }
        }
        var node = JSONSchemaNode()
        if keywords["type"] != nil && keywords["bsonType"] != nil {
            throw ExpressionError(code: 9, "Cannot specify both $jsonSchema keywords 'type' and 'bsonType'")
        }
        if let type = keywords["type"] {
            node.types = try parseTypes(type, keyword: "type", aliases: TypeSet.jsonSchemaAliases)
        } else if let type = keywords["bsonType"] {
            node.types = try parseTypes(type, keyword: "bsonType", aliases: TypeSet.queryAliases)
        }
        try addScalarKeywords(keywords, to: &node)
        try addArrayKeywords(keywords, to: &node)
        try addObjectKeywords(keywords, to: &node)
        try addLogicalKeywords(keywords, to: &node)
        return node
    }

    private static func parseTypes(_ value: BSONValue, keyword: String, aliases: [String: Int]) throws(ExpressionError)
        -> TypeSet
    {
        var names: [String] = []
        switch value {
        case .string(let name):
            names = [name]
        case .array(let elements):
            for element in elements {
                guard case .string(let name) = element else {
                    throw ExpressionError(code: 14, "$jsonSchema keyword '\(keyword)' array elements must be strings")
                }
                if name != "integer" && names.contains(name) {
                    throw ExpressionError(code: 9, "$jsonSchema keyword '\(keyword)' has duplicate value: \(name)")
                }
                names.append(name)
            }
        default:
            throw ExpressionError(
                code: 14, "$jsonSchema keyword '\(keyword)' must be either a string or an array of strings")
        }
        var set = TypeSet()
        for name in names {
            if name == "integer" {
                throw ExpressionError(code: 9, "$jsonSchema type 'integer' is not currently supported.")
            }
            try set.insert(alias: name, from: aliases)
        }
        if set.isEmpty {
            throw ExpressionError(code: 9, "$jsonSchema keyword '\(keyword)' must name at least one type")
        }
        return set
    }

    private static func addScalarKeywords(_ keywords: [String: BSONValue], to node: inout JSONSchemaNode)
        throws(ExpressionError)
    {
        if let pattern = keywords["pattern"] {
            guard case .string(let text) = pattern else {
                throw ExpressionError(code: 14, "$jsonSchema keyword 'pattern' must be a string")
            }
            node.checks.append(.pattern(try QueryRegex(pattern: text, options: "")))
        }
        if let value = keywords["maxLength"] { node.checks.append(.maxLength(try count(value, "maxLength"))) }
        if let value = keywords["minLength"] { node.checks.append(.minLength(try count(value, "minLength"))) }
        if let value = keywords["multipleOf"] {
            guard value.isNumber else {
                throw ExpressionError(code: 14, "$jsonSchema keyword 'multipleOf' must be a number")
            }
            let divisor = NumericValue.approximateDouble(value)
            guard divisor > 0 else {
                throw ExpressionError(code: 9, "$jsonSchema keyword 'multipleOf' must have a positive value")
            }
            node.checks.append(.multipleOf(divisor))
        }
        for (bound, exclusiveKey) in [("maximum", "exclusiveMaximum"), ("minimum", "exclusiveMinimum")] {
            var exclusive = false
            if let flag = keywords[exclusiveKey] {
                guard case .bool(let value) = flag else {
                    throw ExpressionError(code: 14, "$jsonSchema keyword '\(exclusiveKey)' must be a boolean")
                }
                guard keywords[bound] != nil else {
                    throw ExpressionError(
                        code: 9, "$jsonSchema keyword '\(bound)' must be a present if \(exclusiveKey) is present")
                }
                exclusive = value
            }
            guard let value = keywords[bound] else { continue }
            guard value.isNumber else {
                throw ExpressionError(code: 14, "$jsonSchema keyword '\(bound)' must be a number")
            }
            node.checks.append(
                bound == "maximum" ? .maximum(value, exclusive: exclusive) : .minimum(value, exclusive: exclusive))
        }
    }

    private static func addArrayKeywords(_ keywords: [String: BSONValue], to node: inout JSONSchemaNode)
        throws(ExpressionError)
    {
        if let value = keywords["minItems"] { node.checks.append(.minItems(try count(value, "minItems"))) }
        if let value = keywords["maxItems"] { node.checks.append(.maxItems(try count(value, "maxItems"))) }
        if let value = keywords["uniqueItems"] {
            guard case .bool(let unique) = value else {
                throw ExpressionError(code: 14, "$jsonSchema keyword 'uniqueItems' must be a boolean")
            }
            if unique { node.checks.append(.uniqueItems) }
        }
        var positional: [JSONSchemaNode]?
        if let items = keywords["items"] {
            switch items {
            case .document(let schema):
                node.checks.append(.items(try parse(schema)))
            case .array(let elements):
                var schemas: [JSONSchemaNode] = []
                for element in elements {
                    guard case .document(let schema) = element else {
                        throw ExpressionError(
                            code: 14,
                            "$jsonSchema keyword 'items' requires that each element of the array is an object, but "
                                + "found a \(element.typeName)")
                    }
                    schemas.append(try parse(schema))
                }
                positional = schemas
            default:
                throw ExpressionError(
                    code: 14, "$jsonSchema keyword 'items' must be an array or an object, not \(items.typeName)")
            }
        }
        var additional = SchemaCheck.AdditionalItems.any
        if let value = keywords["additionalItems"] {
            switch value {
            case .bool(let allowed): additional = allowed ? .any : .none
            case .document(let schema): additional = .schema(try parse(schema))
            default:
                throw ExpressionError(
                    code: 14,
                    "$jsonSchema keyword 'additionalItems' must be either an object or a boolean, but got a "
                        + value.typeName)
            }
        }
        if let positional { node.checks.append(.itemsByPosition(positional, additional: additional)) }
    }

    /// A non-negative integer keyword (`minLength`, `maxItems`, …), with the server's messages.
    static func count(_ value: BSONValue, _ keyword: String) throws(ExpressionError) -> Int {
        let shown = "\(keyword): \(ExtendedJSON.serialize(value, mode: .relaxed))"
        guard value.isNumber else { throw ExpressionError(code: 9, "Expected a number in: \(shown)") }
        let number = NumericValue.approximateDouble(value)
        guard !number.isNaN else { throw ExpressionError(code: 9, "Expected an integer, but found NaN in: \(shown)") }
        guard abs(number) < 9.2e18 else {
            throw ExpressionError(code: 9, "Cannot represent as a 64-bit integer: \(shown)")
        }
        guard number.rounded(.towardZero) == number else {
            throw ExpressionError(code: 9, "Expected an integer: \(shown)")
        }
        guard number >= 0 else { throw ExpressionError(code: 9, "Expected a positive number in: \(shown)") }
        return Int(number)
    }
}
