import BSONCore

/// An operator's argument, prepared at compile time for the commonest shapes: a top-level field (`"$price"`)
/// is read straight from the document, a constant is returned as is and an operator's body is called directly, without evaluating an `Expression` node.
/// Hot operators (`$cond`, comparisons, `$multiply`) capture these instead of their argument expressions.
final class Operand: Sendable {
    private enum Kind: Sendable {
        case field(String)
        case constant(BSONValue)
        case operation(OperatorFunction)
        case expression(Expression)
    }

    private let kind: Kind

    /// The operand for a compiled argument.
    init(_ expression: Expression) {
        switch expression {
        case .literal(let value): kind = .constant(value)
        case .fieldPath(let path) where path.components.count == 1: kind = .field(path.components[0])
        case .operation(_, let evaluate): kind = .operation(evaluate)
        default: kind = .expression(expression)
        }
    }

    /// The argument's value for `context`, `nil` for missing, exactly as `Expression.evaluate` gives it.
    @inline(__always)
    func value(_ context: inout EvaluationContext) throws(ExpressionError) -> BSONValue? {
        switch kind {
        case .field(let key): return context.topLevelField(key)
        case .constant(let value): return value
        case .operation(let evaluate): return try evaluate(&context)
        case .expression(let expression): return try expression.evaluate(&context)
        }
    }
}
