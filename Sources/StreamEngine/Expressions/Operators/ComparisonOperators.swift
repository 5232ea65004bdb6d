import BSONCore

/// `$eq $ne $gt $gte $lt $lte $cmp` on MongoDB's total order with no type bracketing (§11.1): missing is below
/// null, `{$gt: ["abc", 5]}` is true.
enum ComparisonOperators {
    /// The family's operators by name.
    static let compilers: [String: OperatorCompiler] = [
        "$eq": comparison("$eq") { .bool($0 == 0) },
        "$ne": comparison("$ne") { .bool($0 != 0) },
        "$gt": comparison("$gt") { .bool($0 > 0) },
        "$gte": comparison("$gte") { .bool($0 >= 0) },
        "$lt": comparison("$lt") { .bool($0 < 0) },
        "$lte": comparison("$lte") { .bool($0 <= 0) },
        "$cmp": comparison("$cmp") { .int32(Int32($0)) },
    ]

    private static func comparison(_ name: String, _ result: @escaping @Sendable (Int) -> BSONValue) -> OperatorCompiler
    {
        { value, compiler throws(ExpressionError) in
            let arguments = try OperatorSupport.arguments(value, name, exactly: 2, &compiler)
            let (left, right) = (arguments[0], arguments[1])
            return OperatorSupport.operation(name, arguments) { context throws(ExpressionError) in
                result(BSONOrder.compare(try left.evaluate(&context), try right.evaluate(&context)))
            }
        }
    }
}
