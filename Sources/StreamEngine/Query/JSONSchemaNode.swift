import BSONCore

/// A compiled `$jsonSchema` (draft 4 subset, as MongoDB supports it), applied to a value without looking inside
/// arrays. Each keyword that belongs to one type (`minLength` to strings, `minItems` to arrays, `properties` to
/// objects, `minimum` to numbers) holds trivially for values of other types, as in JSON Schema; the whole
/// document is an object, so at the top level only object and logical keywords and `bsonType`/`type` count.
struct JSONSchemaNode: Sendable {
    /// `bsonType`/`type`, when given.
    var types: TypeSet?
    /// Every other keyword, in the order they are cheapest to check.
    var checks: [SchemaCheck] = []

    /// Whether the whole document satisfies the schema.
    func matchesDocument(_ document: BSONDocument) -> Bool {
        matches(.document(document))
    }

    /// Whether `value` satisfies the schema.
    func matches(_ value: BSONValue) -> Bool {
        if let types, !types.contains(value) { return false }
        for check in checks where !check.holds(for: value) { return false }
        return true
    }
}

/// One `$jsonSchema` keyword, compiled.
enum SchemaCheck: Sendable {
    case minimum(BSONValue, exclusive: Bool)
    case maximum(BSONValue, exclusive: Bool)
    case multipleOf(Double)
    case minLength(Int)
    case maxLength(Int)
    case pattern(QueryRegex)
    case minItems(Int)
    case maxItems(Int)
    case uniqueItems
    /// `items: {schema}`: every element.
    case items(JSONSchemaNode)
    /// `items: [schemas]`: element by position; `additionalItems` (schema, or `nil` for `false`) past them.
    case itemsByPosition([JSONSchemaNode], additional: AdditionalItems)
    /// `properties`: each present property satisfies its schema.
    case properties([(name: String, schema: JSONSchemaNode)])
    /// `required`: each property is present.
    case required([String])
    /// `additionalProperties`/`patternProperties`: the properties not named in `properties`.
    case allowedProperties(
        named: Set<String>, patterns: [(regex: QueryRegex, schema: JSONSchemaNode)], otherwise: AdditionalItems)
    case minProperties(Int)
    case maxProperties(Int)
    /// `dependencies: {name: [names]}`: when `name` is present, so are the others.
    case propertyDependency(String, [String])
    /// `dependencies: {name: {schema}}`: when `name` is present, the object satisfies the schema.
    case schemaDependency(String, JSONSchemaNode)
    case allOf([JSONSchemaNode])
    case anyOf([JSONSchemaNode])
    /// Exactly one schema holds.
    case oneOf([JSONSchemaNode])
    case not(JSONSchemaNode)
    /// `enum`: equal (field order ignored) to one of the values.
    case enumeration([BSONValue])

    /// What `additionalItems`/`additionalProperties` allow.
    enum AdditionalItems: Sendable {
        case any
        case none
        case schema(JSONSchemaNode)

        func allows(_ value: BSONValue) -> Bool {
            switch self {
            case .any: true
            case .none: false
            case .schema(let schema): schema.matches(value)
            }
        }
    }

    /// Whether the keyword holds for `value`.
    func holds(for value: BSONValue) -> Bool {
        switch self {
        case .minimum(let bound, let exclusive):
            guard value.isNumber else { return true }
            return QueryComparison.matches(value, exclusive ? .greater : .greaterOrEqual, bound)
        case .maximum(let bound, let exclusive):
            guard value.isNumber else { return true }
            return QueryComparison.matches(value, exclusive ? .less : .lessOrEqual, bound)
        case .multipleOf(let divisor):
            guard value.isNumber else { return true }
            let number = NumericValue.approximateDouble(value)
            guard number.isFinite else { return false }
            return number.truncatingRemainder(dividingBy: divisor) == 0
        case .minLength(let length):
            guard case .string(let text) = value else { return true }
            return text.unicodeScalars.count >= length
        case .maxLength(let length):
            guard case .string(let text) = value else { return true }
            return text.unicodeScalars.count <= length
        case .pattern(let regex):
            guard case .string = value else { return true }
            return regex.matches(value)
        case .minItems(let count):
            guard case .array(let elements) = value else { return true }
            return elements.count >= count
        case .maxItems(let count):
            guard case .array(let elements) = value else { return true }
            return elements.count <= count
        case .uniqueItems:
            guard case .array(let elements) = value else { return true }
            for (index, element) in elements.enumerated() {
                for other in elements[(index + 1)...] where SchemaEquality.equal(element, other) { return false }
            }
            return true
        case .items(let schema):
            guard case .array(let elements) = value else { return true }
            return elements.allSatisfy(schema.matches)
        case .itemsByPosition(let schemas, let additional):
            guard case .array(let elements) = value else { return true }
            for (index, element) in elements.enumerated() {
                if index < schemas.count {
                    if !schemas[index].matches(element) { return false }
                } else if !additional.allows(element) {
                    return false
                }
            }
            return true
        default:
            return holdsForObjectOrLogical(value)
        }
    }

    private func holdsForObjectOrLogical(_ value: BSONValue) -> Bool {
        switch self {
        case .allOf(let schemas): return schemas.allSatisfy { $0.matches(value) }
        case .anyOf(let schemas): return schemas.contains { $0.matches(value) }
        case .oneOf(let schemas):
            var count = 0
            for schema in schemas where schema.matches(value) {
                count += 1
                if count > 1 { return false }
            }
            return count == 1
        case .not(let schema): return !schema.matches(value)
        case .enumeration(let values): return values.contains { SchemaEquality.equal(value, $0) }
        default: break
        }
        guard case .document(let object) = value else { return true }
        switch self {
        case .properties(let properties):
            for (name, schema) in properties {
                if let property = object.queryField(name), !schema.matches(property) { return false }
            }
            return true
        case .required(let names):
            return names.allSatisfy { object.queryField($0) != nil }
        case .allowedProperties(let named, let patterns, let otherwise):
            for (name, property) in object.elements where !named.contains(name) {
                var matchedPattern = false
                for (regex, schema) in patterns where regex.matches(.string(name)) {
                    matchedPattern = true
                    if !schema.matches(property) { return false }
                }
                if !matchedPattern && !otherwise.allows(property) { return false }
            }
            return true
        case .minProperties(let count):
            return object.count >= count
        case .maxProperties(let count):
            return object.count <= count
        case .propertyDependency(let name, let others):
            guard object.queryField(name) != nil else { return true }
            return others.allSatisfy { object.queryField($0) != nil }
        case .schemaDependency(let name, let schema):
            guard object.queryField(name) != nil else { return true }
            return schema.matches(value)
        default:
            return true
        }
    }
}

/// Equality for `enum` and `uniqueItems`: numbers by value, objects with field order ignored.
enum SchemaEquality {
    /// Whether `a` and `b` are equal in this sense.
    static func equal(_ a: BSONValue, _ b: BSONValue) -> Bool {
        switch (a, b) {
        case (.document(let x), .document(let y)):
            guard x.count == y.count else { return false }
            for (key, value) in x.elements {
                guard let other = y[key], equal(value, other) else { return false }
            }
            return true
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        default:
            return BSONOrder.rank(a) == BSONOrder.rank(b) && BSONOrder.compare(a, b) == 0
        }
    }
}
