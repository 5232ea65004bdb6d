import BSONCore

/// A dotted path such as `a.b.c`, split once at compile time, with the server's traversal rules: through an
/// array, the path continues into each element that is a document, and the results form an array
/// (`{a: [{b: 1}, {b: 2}]}` with `a.b` gives `[1, 2]`); elements without the field are skipped.
package struct FieldPath: Sendable, Hashable {
    /// The path's parts, at least one.
    package let components: [String]

    /// Parses `a.b.c` (without `$`). Throws the server's messages for empty parts and `$`-prefixed parts.
    package init(_ dotted: Substring) throws(ExpressionError) {
        guard !dotted.isEmpty else {
            throw ExpressionError(code: 40352, "FieldPath cannot be constructed with empty string")
        }
        let parts = dotted.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for part in parts {
            if part.isEmpty { throw ExpressionError(code: 15998, "FieldPath field names may not be empty strings.") }
            if part.hasPrefix("$") {
                throw ExpressionError(
                    code: 16410, "FieldPath field names may not start with '$'. Consider using $getField or $setField.")
            }
        }
        components = parts
    }

    /// A path from parts already split (each non-empty).
    package init(components: [String]) { self.components = components }

    /// The path as written, dotted.
    package var dotted: String { components.joined(separator: ".") }

    /// The value at this path in `document`, or `nil` when missing.
    package func lookup(in document: BSONDocument) -> BSONValue? {
        guard let first = document[components[0]] else { return nil }
        if components.count == 1 { return first }
        return Self.descend(first, components, from: 1)
    }

    /// The value at this path below `value` (a document, or an array traversed element-wise), or `nil`.
    package func lookup(in value: BSONValue?) -> BSONValue? {
        guard let value else { return nil }
        return Self.descend(value, components, from: 0)
    }

    /// The value at `components[position...]` below `value`; indices instead of slices, so nothing is copied.
    private static func descend(_ value: BSONValue, _ components: [String], from position: Int) -> BSONValue? {
        guard position < components.count else { return value }
        switch value {
        case .document(let document):
            guard let next = document[components[position]] else { return nil }
            return descend(next, components, from: position + 1)
        case .array(let elements):
            var results: [BSONValue] = []
            for element in elements {
                switch element {
                case .document, .array:
                    if let found = descend(element, components, from: position) { results.append(found) }
                default: continue
                }
            }
            return .array(results)
        default:
            return nil
        }
    }
}
