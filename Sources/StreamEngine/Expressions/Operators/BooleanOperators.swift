import BSONCore

/// `$and $or $not` with aggregation truthiness (§11.2); `$and`/`$or` stop at the first deciding argument.
enum BooleanOperators {
    /// The family's operators by name.
    static let compilers: [String: OperatorCompiler] = [
        "$and": { value, compiler throws(ExpressionError) in
            let arguments = try compiler.compileArguments(value)
            return OperatorSupport.operation("$and", arguments) { context throws(ExpressionError) in
                for argument in arguments where !(try argument.evaluate(&context)).isTruthy { return .bool(false) }
                return .bool(true)
            }
        },
        "$or": { value, compiler throws(ExpressionError) in
            let arguments = try compiler.compileArguments(value)
            return OperatorSupport.operation("$or", arguments) { context throws(ExpressionError) in
                for argument in arguments where (try argument.evaluate(&context)).isTruthy { return .bool(true) }
                return .bool(false)
            }
        },
        "$not": { value, compiler throws(ExpressionError) in
            let argument = try OperatorSupport.arguments(value, "$not", exactly: 1, &compiler)[0]
            return OperatorSupport.operation("$not", [argument]) { context throws(ExpressionError) in
                .bool(!(try argument.evaluate(&context)).isTruthy)
            }
        },
    ]
}
