/// A statement, evaluated by an exhaustive `switch` in the evaluator.
package indirect enum Statement: Sendable {
    /// An expression followed by `;` (or an automatic semicolon).
    case expression(Expression, SourceRange)
    /// `var`, `let` or `const` with one or more declarators.
    case variable(VariableKind, [VariableDeclarator], SourceRange)
    /// `function name(…) { … }` (hoisted to the top of its block).
    case function(FunctionNode, SourceRange)
    /// `{ … }`.
    case block(Block)
    /// `;`.
    case empty(SourceRange)
    /// `if (test) then else otherwise`.
    case `if`(Expression, Statement, Statement?, SourceRange)
    /// `for (initializer; test; update) body`.
    case `for`(ForInitializer?, Expression?, Expression?, Statement, SourceRange)
    /// `for (binding in object) body`.
    case forIn(ForBinding, Expression, Statement, SourceRange)
    /// `for (binding of iterable) body`.
    case forOf(ForBinding, Expression, Statement, SourceRange)
    /// `while (test) body`.
    case `while`(Expression, Statement, SourceRange)
    /// `do body while (test)`.
    case doWhile(Statement, Expression, SourceRange)
    /// `break label?`.
    case `break`(String?, SourceRange)
    /// `continue label?`.
    case `continue`(String?, SourceRange)
    /// `return value?`.
    case `return`(Expression?, SourceRange)
    /// `throw value`.
    case `throw`(Expression, SourceRange)
    /// `try block catch (parameter) block finally block`.
    case `try`(Block, CatchClause?, Block?, SourceRange)
    /// `switch (value) { case …: … default: … }`.
    case `switch`(Expression, [SwitchCase], SourceRange)
    /// `label: statement`.
    case labeled(String, Statement, SourceRange)
    /// `class Name extends Base { … }`.
    case classDeclaration(ClassNode, SourceRange)

    /// The statement's source.
    package var range: SourceRange {
        switch self {
        case .expression(_, let range), .variable(_, _, let range), .function(_, let range), .empty(let range),
            .if(_, _, _, let range), .for(_, _, _, _, let range), .forIn(_, _, _, let range),
            .forOf(_, _, _, let range), .while(_, _, let range), .doWhile(_, _, let range), .break(_, let range),
            .continue(_, let range), .return(_, let range), .throw(_, let range), .try(_, _, _, let range),
            .switch(_, _, let range), .labeled(_, _, let range), .classDeclaration(_, let range):
            range
        case .block(let block):
            block.range
        }
    }
}

/// The first clause of a `for (;;)` loop.
package enum ForInitializer: Sendable {
    /// `let i = 0`.
    case variable(VariableKind, [VariableDeclarator])
    /// `i = 0`.
    case expression(Expression)
}

/// The left side of `for…in` and `for…of`: a declaration (`const x`) or an assignment target (`x`).
package struct ForBinding: Sendable {
    /// The declaration kind, or nil for an existing target.
    package var kind: VariableKind?
    /// The name or pattern bound each iteration.
    package var target: Pattern
}

/// `catch (parameter) { … }`.
package struct CatchClause: Sendable {
    /// The bound error, if named.
    package var parameter: Pattern?
    /// The handler.
    package var body: Block
}

/// One `case test:` or `default:` clause.
package struct SwitchCase: Sendable {
    /// The compared value, or nil for `default`.
    package var test: Expression?
    /// The statements up to the next clause.
    package var body: [Statement]
}
