/// An expression, evaluated by an exhaustive `switch` in the evaluator.
package indirect enum Expression: Sendable {
    /// A numeric literal.
    case number(Double, SourceRange)
    /// A string literal.
    case string(String, SourceRange)
    /// A template literal: cooked strings around the substitutions.
    case template([String], [Expression], SourceRange)
    /// A regular expression literal: pattern and flags.
    case regex(String, String, SourceRange)
    /// `true` or `false`.
    case boolean(Bool, SourceRange)
    /// `null`.
    case null(SourceRange)
    /// A variable reference.
    case identifier(String, SourceRange)
    /// `this`.
    case this(SourceRange)
    /// `[a, , ...b]`.
    case array([ArrayElement], SourceRange)
    /// `{ a: 1, b, [k]: v, f() {}, ...o }`.
    case object([ObjectProperty], SourceRange)
    /// A function expression or arrow function.
    case function(FunctionNode, SourceRange)
    /// `-x`, `!x`, `typeof x`, ….
    case unary(UnaryOperator, Expression, SourceRange)
    /// `++x`, `x--`, …: whether it increments, whether it is prefix, and the target.
    case update(isIncrement: Bool, isPrefix: Bool, Expression, SourceRange)
    /// `a + b`, `a === b`, `a in b`, ….
    case binary(BinaryOperator, Expression, Expression, SourceRange)
    /// `a && b`, `a || b`, `a ?? b`.
    case logical(LogicalOperator, Expression, Expression, SourceRange)
    /// `target = value`, where the target may be a destructuring pattern.
    case assign(Pattern, Expression, SourceRange)
    /// `target op= value` for arithmetic, bitwise and shift operators.
    case compoundAssign(BinaryOperator, Expression, Expression, SourceRange)
    /// `target &&= value`, `||=`, `??=`.
    case logicalAssign(LogicalOperator, Expression, Expression, SourceRange)
    /// `test ? then : otherwise`.
    case conditional(Expression, Expression, Expression, SourceRange)
    /// `a, b, c`.
    case sequence([Expression], SourceRange)
    /// `object.name` or `object?.name`.
    case member(Expression, String, isOptional: Bool, SourceRange)
    /// `object[key]` or `object?.[key]`.
    case index(Expression, Expression, isOptional: Bool, SourceRange)
    /// `callee(arguments)` or `callee?.(arguments)`.
    case call(Expression, [Argument], isOptional: Bool, SourceRange)
    /// `new Callee(arguments)`.
    case new(Expression, [Argument], SourceRange)
    /// A member/call chain containing `?.`: the extent that a nullish `?.` short-circuits.
    case optionalChain(Expression, SourceRange)
    /// `await value` (the subset is synchronous: evaluates to the value).
    case await(Expression, SourceRange)
    /// `class Name? extends Base { … }` as a value.
    case classExpression(ClassNode, SourceRange)
    /// `super(arguments)` in a derived class constructor.
    case superCall([Argument], SourceRange)
    /// `super.name`, a member of the home object's prototype.
    case superMember(String, SourceRange)

    /// The expression's source.
    package var range: SourceRange {
        switch self {
        case .number(_, let range), .string(_, let range), .template(_, _, let range), .regex(_, _, let range),
            .boolean(_, let range), .null(let range), .identifier(_, let range), .this(let range),
            .array(_, let range), .object(_, let range), .function(_, let range), .unary(_, _, let range),
            .update(_, _, _, let range), .binary(_, _, _, let range), .logical(_, _, _, let range),
            .assign(_, _, let range), .compoundAssign(_, _, _, let range), .logicalAssign(_, _, _, let range),
            .conditional(_, _, _, let range), .sequence(_, let range), .member(_, _, _, let range),
            .index(_, _, _, let range), .call(_, _, _, let range), .new(_, _, let range),
            .optionalChain(_, let range), .await(_, let range), .classExpression(_, let range),
            .superCall(_, let range), .superMember(_, let range):
            range
        }
    }
}

/// An element of an array literal.
package enum ArrayElement: Sendable {
    /// A value.
    case expression(Expression)
    /// `...iterable`.
    case spread(Expression)
    /// An elided element (`[1, , 3]`), read as undefined.
    case hole
}

/// An argument of a call.
package enum Argument: Sendable {
    /// A value.
    case expression(Expression)
    /// `...iterable`.
    case spread(Expression)
}

/// A property key in an object literal or pattern.
package enum PropertyKey: Sendable {
    /// `name:`, `"name":`, `1:`, `$match:`.
    case named(String)
    /// `[expression]:`.
    case computed(Expression)
}

/// A member of an object literal.
package enum ObjectProperty: Sendable {
    /// `key: value`, including methods (`f() {}`, a function value) and shorthand (`{a}`).
    case property(PropertyKey, Expression)
    /// `...object`.
    case spread(Expression)
    /// `get key() { … }`.
    case getter(PropertyKey, FunctionNode)
    /// `set key(value) { … }`.
    case setter(PropertyKey, FunctionNode)
}

/// A binding or assignment target.
package indirect enum Pattern: Sendable {
    /// A variable name.
    case identifier(String, SourceRange)
    /// A member expression (assignment targets only).
    case member(Expression)
    /// `{ a, b: c, ...rest }`.
    case object([PatternProperty], rest: Pattern?, SourceRange)
    /// `[a, , b, ...rest]`; nil elements are skipped.
    case array([Pattern?], rest: Pattern?, SourceRange)
    /// `target = defaultValue`.
    case withDefault(Pattern, Expression)
}

/// `key: pattern` in an object pattern.
package struct PatternProperty: Sendable {
    /// The source property.
    package var key: PropertyKey
    /// The target.
    package var value: Pattern
}

/// Prefix operators other than `++` and `--`.
package enum UnaryOperator: String, Sendable {
    case minus = "-"
    case plus = "+"
    case not = "!"
    case bitwiseNot = "~"
    case typeof, void, delete
}

/// Binary operators other than the logical ones.
package enum BinaryOperator: String, Sendable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case remainder = "%"
    case exponent = "**"
    case leftShift = "<<"
    case rightShift = ">>"
    case unsignedRightShift = ">>>"
    case bitwiseAnd = "&"
    case bitwiseOr = "|"
    case bitwiseXor = "^"
    case equal = "=="
    case notEqual = "!="
    case strictEqual = "==="
    case strictNotEqual = "!=="
    case less = "<"
    case greater = ">"
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case `in`, instanceof
}

/// The short-circuiting operators.
package enum LogicalOperator: String, Sendable {
    case and = "&&"
    case or = "||"
    case nullish = "??"
}
