import BSONCore

/// `$and`, `$or`, `$nor` (top-level lists of filters) and `$not` (on a field).
extension QueryParser {
    /// `{$and|$or|$nor: [filter, …]}`: a non-empty array of filter documents.
    mutating func parseLogicalList(_ key: String, _ value: BSONValue, level: Level) throws(ExpressionError) -> Matcher {
        guard case .array(let elements) = value else { throw ExpressionError(code: 2, "\(key) must be an array") }
        guard !elements.isEmpty else { throw ExpressionError(code: 2, "$and/$or/$nor must be a nonempty array") }
        var children: [Matcher] = []
        children.reserveCapacity(elements.count)
        for element in elements {
            guard case .document(let filter) = element else {
                throw ExpressionError(code: 2, "$or/$and/$nor entries need to be full objects")
            }
            children.append(try parse(filter, level: level))
        }
        switch key {
        case "$and": return children.count == 1 ? children[0] : .and(children)
        case "$or": return children.count == 1 ? children[0] : .or(children)
        default: return .nor(children)
        }
    }

    /// `{field: {$not: {…operators}}}` or `{field: {$not: /re/}}`: the field's condition does not hold.
    mutating func parseNot(_ operand: BSONValue, path: String, level: Level) throws(ExpressionError) -> ValueTest {
        switch operand {
        case .regex(let regex):
            return .not(.predicate(.regex(try QueryRegex(pattern: regex.pattern, options: regex.options))))
        case .document(let operators):
            guard !operators.isEmpty else { throw ExpressionError(code: 2, "$not cannot be empty") }
            if let first = operators.elements.first, !first.key.hasPrefix("$") {
                // {$not: {a: 1}}: the server parses each key as an operator, so a plain key is unknown.
                throw ExpressionError(code: 2, "unknown operator: \(first.key)")
            }
            return .not(try parseOperators(operators, path: path, level: level))
        default:
            throw ExpressionError(code: 2, "$not needs a regex or a document")
        }
    }
}
