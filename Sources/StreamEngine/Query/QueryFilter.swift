import BSONCore

/// A compiled query filter (`$match`, `$validate`), with query semantics: type bracketing, `{a: null}`
/// matching missing, arrays looked inside (§11.1).
///
/// SKELETON: top-level equality only; the query family replaces it.
package struct QueryFilter: Sendable {
    private let equalities: [(path: FieldPath, value: BSONValue)]

    /// Compiles `filter`; throws the server's message for an unknown operator or a bad argument.
    package init(_ filter: BSONDocument) throws(ExpressionError) {
        var equalities: [(path: FieldPath, value: BSONValue)] = []
        for (key, value) in filter.elements {
            equalities.append((try FieldPath(Substring(key)), value))
        }
        self.equalities = equalities
    }

    /// Whether `document` matches.
    package func matches(_ document: BSONDocument, _ context: inout EvaluationContext) throws(ExpressionError) -> Bool {
        equalities.allSatisfy { BSONOrder.equal($0.path.lookup(in: document), $0.value) }
    }
}
