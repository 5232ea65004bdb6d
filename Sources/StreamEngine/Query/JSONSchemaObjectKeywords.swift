import BSONCore

/// `$jsonSchema` object and logical keywords.
extension JSONSchemaParser {
    /// `required`, `properties`, `additionalProperties`, `patternProperties`, `min/maxProperties`,
    /// `dependencies`.
    static func addObjectKeywords(_ keywords: [String: BSONValue], to node: inout JSONSchemaNode)
        throws(ExpressionError)
    {
        var required: [String] = []
        if let value = keywords["required"] {
            guard case .array(let elements) = value else {
                throw ExpressionError(
                    code: 14,
                    "$jsonSchema keyword 'required' must be an array, but found an element of type \(value.typeName)")
            }
            for element in elements {
                guard case .string(let name) = element else {
                    throw ExpressionError(
                        code: 14,
                        "$jsonSchema keyword 'required' must be an array of strings, but found an element of type: "
                            + element.typeName)
                }
                required.append(name)
            }
            if required.isEmpty {
                throw ExpressionError(code: 9, "$jsonSchema keyword 'required' cannot be an empty array")
            }
            if Set(required).count != required.count {
                throw ExpressionError(code: 9, "$jsonSchema keyword 'required' array cannot contain duplicate values")
            }
        }
        var named: [String] = []
        if let value = keywords["properties"] {
            guard case .document(let properties) = value else {
                throw ExpressionError(code: 14, "$jsonSchema keyword 'properties' must be an object")
            }
            var compiled: [(name: String, schema: JSONSchemaNode)] = []
            for (name, property) in properties.elements {
                guard case .document(let schema) = property else {
                    throw ExpressionError(
                        code: 14, "Nested schema for $jsonSchema property '\(name)' must be an object")
                }
                compiled.append((name, try parse(schema)))
                named.append(name)
            }
            node.checks.append(.properties(compiled))
        }
        if keywords["patternProperties"] != nil || keywords["additionalProperties"] != nil {
            node.checks.append(try allowedProperties(keywords, named: named))
        }
        if !required.isEmpty { node.checks.append(.required(required)) }
        if let value = keywords["minProperties"] {
            node.checks.append(.minProperties(try count(value, "minProperties")))
        }
        if let value = keywords["maxProperties"] {
            node.checks.append(.maxProperties(try count(value, "maxProperties")))
        }
        if let value = keywords["dependencies"] { node.checks.append(contentsOf: try dependencies(value)) }
    }

    private static func allowedProperties(_ keywords: [String: BSONValue], named: [String]) throws(ExpressionError)
        -> SchemaCheck
    {
        var patterns: [(regex: QueryRegex, schema: JSONSchemaNode)] = []
        if let value = keywords["patternProperties"] {
            guard case .document(let document) = value else {
                throw ExpressionError(code: 14, "$jsonSchema keyword 'patternProperties' must be an object")
            }
            for (pattern, schemaValue) in document.elements {
                guard case .document(let schema) = schemaValue else {
                    throw ExpressionError(
                        code: 14,
                        "$jsonSchema keyword 'patternProperties' has property '\(pattern)' which is not an object")
                }
                patterns.append((try QueryRegex(pattern: pattern, options: ""), try parse(schema)))
            }
        }
        var otherwise = SchemaCheck.AdditionalItems.any
        if let value = keywords["additionalProperties"] {
            switch value {
            case .bool(let allowed): otherwise = allowed ? .any : .none
            case .document(let schema): otherwise = .schema(try parse(schema))
            default:
                throw ExpressionError(
                    code: 14, "$jsonSchema keyword 'additionalProperties' must be an object or a boolean")
            }
        }
        return .allowedProperties(named: Set(named), patterns: patterns, otherwise: otherwise)
    }

    private static func dependencies(_ value: BSONValue) throws(ExpressionError) -> [SchemaCheck] {
        guard case .document(let document) = value else {
            throw ExpressionError(code: 14, "$jsonSchema keyword 'dependencies' must be an object")
        }
        var checks: [SchemaCheck] = []
        for (name, dependency) in document.elements {
            switch dependency {
            case .document(let schema):
                checks.append(.schemaDependency(name, try parse(schema)))
            case .array(let elements):
                guard !elements.isEmpty else {
                    throw ExpressionError(
                        code: 9, "property '\(name)' in $jsonSchema keyword 'dependencies' cannot be an empty array")
                }
                var others: [String] = []
                for element in elements {
                    guard case .string(let other) = element else {
                        throw ExpressionError(
                            code: 14,
                            "array '\(name)' in $jsonSchema keyword 'dependencies' must contain only strings, but found "
                                + "an element of type \(element.typeName)")
                    }
                    others.append(other)
                }
                checks.append(.propertyDependency(name, others))
            default:
                throw ExpressionError(
                    code: 14,
                    "property '\(name)' in $jsonSchema keyword 'dependencies' must be either an object or an array")
            }
        }
        return checks
    }

    /// `allOf`, `anyOf`, `oneOf`, `not`, `enum`.
    static func addLogicalKeywords(_ keywords: [String: BSONValue], to node: inout JSONSchemaNode)
        throws(ExpressionError)
    {
        for keyword in ["allOf", "anyOf", "oneOf"] {
            guard let value = keywords[keyword] else { continue }
            guard case .array(let elements) = value else {
                throw ExpressionError(code: 14, "$jsonSchema keyword '\(keyword)' must be an array")
            }
            guard !elements.isEmpty else {
                throw ExpressionError(code: 2, "$jsonSchema keyword '\(keyword)' must be a non-empty array")
            }
            var schemas: [JSONSchemaNode] = []
            for element in elements {
                guard case .document(let schema) = element else {
                    throw ExpressionError(
                        code: 14,
                        "$jsonSchema keyword '\(keyword)' must be an array of objects, but found an element of type "
                            + element.typeName)
                }
                schemas.append(try parse(schema))
            }
            switch keyword {
            case "allOf": node.checks.append(.allOf(schemas))
            case "anyOf": node.checks.append(.anyOf(schemas))
            default: node.checks.append(.oneOf(schemas))
            }
        }
        if let value = keywords["not"] {
            guard case .document(let schema) = value else {
                throw ExpressionError(
                    code: 14,
                    "$jsonSchema keyword 'not' must be an object, but found an element of type \(value.typeName)")
            }
            node.checks.append(.not(try parse(schema)))
        }
        if let value = keywords["enum"] {
            guard case .array(let elements) = value else {
                throw ExpressionError(
                    code: 14,
                    "$jsonSchema keyword 'enum' must be an array, but found an element of type \(value.typeName)")
            }
            guard !elements.isEmpty else {
                throw ExpressionError(code: 9, "$jsonSchema keyword 'enum' cannot be an empty array")
            }
            for (index, element) in elements.enumerated() {
                for other in elements[(index + 1)...] where SchemaEquality.equal(element, other) {
                    throw ExpressionError(code: 9, "$jsonSchema keyword 'enum' array cannot contain duplicate values.")
                }
            }
            node.checks.append(.enumeration(elements))
        }
    }
}
