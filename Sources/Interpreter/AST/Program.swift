/// A parsed script: its statements and the `var` names it declares at top level.
package struct Program: Sendable {
    /// The top-level statements, in order.
    package var statements: [Statement]
    /// Names declared with `var` anywhere outside nested functions (hoisted).
    package var varNames: [String]
    /// The whole source.
    package var range: SourceRange
}

/// A braced list of statements.
package struct Block: Sendable {
    /// The statements, in order.
    package var statements: [Statement]
    /// Whether the block declares `let`, `const` or functions and so needs its own scope.
    package var needsScope: Bool
    /// From the opening to the closing brace.
    package var range: SourceRange
}

/// How a variable was declared.
package enum VariableKind: String, Sendable {
    /// `var`: function-scoped, hoisted.
    case `var`
    /// `let`: block-scoped.
    case `let`
    /// `const`: block-scoped, not reassignable.
    case const
}

/// One `name = value` in a declaration.
package struct VariableDeclarator: Sendable {
    /// The name or destructuring pattern.
    package var target: Pattern
    /// The initializer, if any.
    package var initializer: Expression?
    /// The declarator's source.
    package var range: SourceRange
}

/// The body of a function: a block, or an arrow function's expression.
package enum FunctionBody: Sendable {
    /// `{ … }`.
    case block(Block)
    /// `x => expression`.
    case expression(Expression)
}

/// A function declaration, expression, method or arrow function.
///
/// A reference type so that closures share one node; immutable after parsing.
package final class FunctionNode: Sendable {
    /// The function's name (empty for anonymous functions).
    package let name: String
    /// The parameters, with defaults as `.withDefault` patterns.
    package let parameters: [Pattern]
    /// The `...rest` parameter.
    package let rest: Pattern?
    /// The body.
    package let body: FunctionBody
    /// Whether this is an arrow function (lexical `this`, no `arguments`).
    package let isArrow: Bool
    /// Whether this is an `async` function: a call returns a promise of its result.
    package let isAsync: Bool
    /// `var` names declared in the body (hoisted to the function scope).
    package let varNames: [String]
    /// Whether the body mentions `arguments`.
    package let usesArguments: Bool
    /// The names of the parameters when all are plain identifiers without defaults (a fast path).
    package let simpleParameterNames: [String]?
    /// The file the function was defined in.
    package let fileName: String
    /// The function's source.
    package let range: SourceRange

    /// Creates a function node.
    package init(
        name: String, parameters: [Pattern], rest: Pattern?, body: FunctionBody, isArrow: Bool, varNames: [String],
        usesArguments: Bool, fileName: String, range: SourceRange, isAsync: Bool = false
    ) {
        self.isAsync = isAsync
        self.name = name
        self.parameters = parameters
        self.rest = rest
        self.body = body
        self.isArrow = isArrow
        self.varNames = varNames
        self.usesArguments = usesArguments
        self.fileName = fileName
        self.range = range
        var names: [String] = []
        for parameter in parameters {
            guard case .identifier(let name, _) = parameter else { break }
            names.append(name)
        }
        simpleParameterNames = rest == nil && names.count == parameters.count ? names : nil
    }
}
