/// Every aggregation operator the engine knows, by name (`$add`), gathered from the family files.
///
/// Add a family by giving it a `static let compilers: [String: OperatorCompiler]` and listing it here.
package enum OperatorTable {
    /// All operators. A name in two families is a programming error.
    package static let compilers: [String: OperatorCompiler] = {
        var table: [String: OperatorCompiler] = [:]
        let families: [[String: OperatorCompiler]] = [
            DateOperators.compilers,
            ArithmeticOperators.compilers,
            MathOperators.compilers,
            ComparisonOperators.compilers,
            BooleanOperators.compilers,
            ConditionalOperators.compilers,
            StringOperators.compilers,
            ArrayOperators.compilers,
            TypeOperators.compilers,
            ObjectOperators.compilers,
            VariableOperators.compilers,
            AccumulatorExpressions.compilers,
        ]
        for family in families {
            table.merge(family) { first, _ in
                assertionFailure("An operator is defined in two families")
                return first
            }
        }
        return table
    }()
}
