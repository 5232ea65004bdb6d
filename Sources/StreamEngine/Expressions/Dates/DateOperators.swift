import BSONCore

/// The date operators (§11.7–§11.11): `$dateToString`, `$dateTrunc`, `$dateDiff`, `$toDate`, ….
package enum DateOperators {
    /// The date family's operators by name.
    package static let compilers: [String: OperatorCompiler] = makeCompilers()

    private static func makeCompilers() -> [String: OperatorCompiler] {
        var table: [String: OperatorCompiler] = [
            "$dateToString": {
                (argument: BSONValue, compiler: inout ExpressionCompiler) throws(ExpressionError) -> Expression in
                try DateToString.compile(argument, &compiler)
            },
            "$dateFromParts": {
                (argument: BSONValue, compiler: inout ExpressionCompiler) throws(ExpressionError) -> Expression in
                try DateFromParts.compile(argument, &compiler)
            },
        ]
        for family in [
            DatePartOperators.compilers, DateArithmeticOperators.compilers, DateConversionOperators.compilers,
        ] {
            table.merge(family) { first, _ in first }
        }
        return table
    }
}
