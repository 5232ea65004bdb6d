import BSONCore

/// `$eq $ne $gt $gte $lt $lte $cmp` on MongoDB's total order with no type bracketing (§11.1): missing is below
/// null, `{$gt: ["abc", 5]}` is true.
enum ComparisonOperators {
    /// The family's operators by name.
    static let compilers: [String: OperatorCompiler] = [
        "$eq": comparison("$eq", .eq),
        "$ne": comparison("$ne", .ne),
        "$gt": comparison("$gt", .gt),
        "$gte": comparison("$gte", .gte),
        "$lt": comparison("$lt", .lt),
        "$lte": comparison("$lte", .lte),
        "$cmp": comparison("$cmp", .cmp),
    ]

    /// What a comparison makes of `BSONOrder.compare`'s -1/0/1; a plain enum, so evaluating it calls no closure.
    private enum Outcome: Sendable {
        case eq, ne, gt, gte, lt, lte, cmp

        func value(_ order: Int) -> BSONValue {
            switch self {
            case .eq: .bool(order == 0)
            case .ne: .bool(order != 0)
            case .gt: .bool(order > 0)
            case .gte: .bool(order >= 0)
            case .lt: .bool(order < 0)
            case .lte: .bool(order <= 0)
            case .cmp: .int32(Int32(order))
            }
        }
    }

    private static func comparison(_ name: String, _ outcome: Outcome) -> OperatorCompiler {
        { value, compiler throws(ExpressionError) in
            let arguments = try OperatorSupport.arguments(value, name, exactly: 2, &compiler)
            let (left, right) = (arguments[0], arguments[1])
            // `{$eq: ["$side", "BUY"]}`: the field is read directly, the constant compared as is.
            let (first, second) = (Operand(left), Operand(right))
            return OperatorSupport.operation(name, arguments) { context throws(ExpressionError) in
                outcome.value(BSONOrder.compare(try first.value(&context), try second.value(&context)))
            }
        }
    }
}
