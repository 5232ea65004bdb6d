/// Operators: comma, assignment, conditional, binary, unary, update, calls and members.
extension Parser {
    mutating func parseExpression() throws(SyntaxError) -> Expression {
        let first = try parseAssignment()
        guard check(",") else { return first }
        var expressions = [first]
        while eat(",") {
            let before = index
            expressions.append(try parseAssignment())
            try assertProgress(since: before)
        }
        return .sequence(expressions, first.range.extended(to: previousRange))
    }

    /// Parses `inner` with `in` allowed again (inside brackets, braces and parentheses).
    mutating func withInAllowed<T>(_ inner: (inout Parser) throws(SyntaxError) -> T) throws(SyntaxError) -> T {
        let saved = allowsIn
        allowsIn = true
        defer { allowsIn = saved }
        return try inner(&self)
    }

    static let compoundOperators: [String: BinaryOperator] = [
        "+=": .add, "-=": .subtract, "*=": .multiply, "/=": .divide, "%=": .remainder, "**=": .exponent,
        "<<=": .leftShift, ">>=": .rightShift, ">>>=": .unsignedRightShift, "&=": .bitwiseAnd, "|=": .bitwiseOr,
        "^=": .bitwiseXor,
    ]

    mutating func parseAssignment() throws(SyntaxError) -> Expression {
        try enterNesting()
        defer { depth -= 1 }
        if let arrow = try parseArrowFunctionIfPresent() { return arrow }
        let start = current
        let target = try parseConditional()
        guard case .punctuator(let op) = current.kind else { return target }
        if op == "=" {
            let pattern = try pattern(from: target)
            _ = advance()
            let value = try parseAssignment()
            return .assign(pattern, value, start.range.extended(to: previousRange))
        }
        if let binary = Self.compoundOperators[op] {
            try checkSimpleTarget(target, at: start)
            _ = advance()
            let value = try parseAssignment()
            return .compoundAssign(binary, target, value, start.range.extended(to: previousRange))
        }
        let logical: LogicalOperator? = op == "&&=" ? .and : op == "||=" ? .or : op == "??=" ? .nullish : nil
        if let logical {
            try checkSimpleTarget(target, at: start)
            _ = advance()
            let value = try parseAssignment()
            return .logicalAssign(logical, target, value, start.range.extended(to: previousRange))
        }
        return target
    }

    /// Throws unless `target` is a name or member, the only targets of compound assignment and `++`/`--`.
    func checkSimpleTarget(_ target: Expression, at token: Token) throws(SyntaxError) {
        switch target {
        case .identifier, .member, .index: return
        default:
            throw SyntaxError(
                kind: .invalidAssignmentTarget, message: "Invalid left-hand side in assignment", range: target.range)
        }
    }

    mutating func parseConditional() throws(SyntaxError) -> Expression {
        let test = try parseBinary(minimumPrecedence: 0)
        guard eat("?") else { return test }
        let then = try withInAllowed { parser throws(SyntaxError) in try parser.parseAssignment() }
        try expect(":", "in conditional expression")
        let otherwise = try parseAssignment()
        return .conditional(test, then, otherwise, test.range.extended(to: previousRange))
    }

    /// The binary operator at the current token and its precedence (higher binds tighter).
    func currentBinaryOperator() -> (operator: String, precedence: Int)? {
        let op: String
        switch current.kind {
        case .punctuator(let punctuator): op = punctuator
        case .keyword("instanceof"): op = "instanceof"
        case .keyword("in") where allowsIn: op = "in"
        default: return nil
        }
        let precedence: Int
        switch op {
        case "??": precedence = 1
        case "||": precedence = 2
        case "&&": precedence = 3
        case "|": precedence = 4
        case "^": precedence = 5
        case "&": precedence = 6
        case "==", "!=", "===", "!==": precedence = 7
        case "<", ">", "<=", ">=", "instanceof", "in": precedence = 8
        case "<<", ">>", ">>>": precedence = 9
        case "+", "-": precedence = 10
        case "*", "/", "%": precedence = 11
        case "**": precedence = 12
        default: return nil
        }
        return (op, precedence)
    }

    /// Binary operators by precedence climbing; `**` is right-associative.
    mutating func parseBinary(minimumPrecedence: Int) throws(SyntaxError) -> Expression {
        var left = try parseUnary()
        while let (op, precedence) = currentBinaryOperator(), precedence > minimumPrecedence {
            let before = index
            _ = advance()
            let right = try parseBinary(minimumPrecedence: op == "**" ? precedence - 1 : precedence)
            let range = left.range.extended(to: previousRange)
            switch op {
            case "&&": left = .logical(.and, left, right, range)
            case "||": left = .logical(.or, left, right, range)
            case "??": left = .logical(.nullish, left, right, range)
            default:
                guard let binary = BinaryOperator(rawValue: op) else {
                    throw error("Unknown operator '\(op)'", at: tokens[before])
                }
                left = .binary(binary, left, right, range)
            }
            try assertProgress(since: before)
        }
        return left
    }

    mutating func parseUnary() throws(SyntaxError) -> Expression {
        try enterNesting()
        defer { depth -= 1 }
        let start = current
        let op: UnaryOperator?
        switch current.kind {
        case .punctuator("!"): op = .not
        case .punctuator("-"): op = .minus
        case .punctuator("+"): op = .plus
        case .punctuator("~"): op = .bitwiseNot
        case .keyword("typeof"): op = .typeof
        case .keyword("void"): op = .void
        case .keyword("delete"): op = .delete
        case .keyword("await"):
            _ = advance()
            let operand = try parseUnary()
            return .await(operand, start.range.extended(to: previousRange))
        case .punctuator("++"), .punctuator("--"):
            _ = advance()
            let operand = try parseUnary()
            try checkSimpleTarget(operand, at: start)
            return .update(
                isIncrement: start.kind == .punctuator("++"), isPrefix: true, operand,
                start.range.extended(to: previousRange))
        default: op = nil
        }
        guard let op else { return try parsePostfix() }
        _ = advance()
        let operand = try parseUnary()
        if check("**") {
            throw error(
                "Unary operator used immediately before exponentiation expression; use parentheses", at: current)
        }
        return .unary(op, operand, start.range.extended(to: previousRange))
    }

    mutating func parsePostfix() throws(SyntaxError) -> Expression {
        let start = current
        let operand = try parseLeftHandSide()
        if (check("++") || check("--")) && !current.isAfterNewline {
            try checkSimpleTarget(operand, at: start)
            let isIncrement = advance().kind == .punctuator("++")
            return .update(
                isIncrement: isIncrement, isPrefix: false, operand, operand.range.extended(to: previousRange))
        }
        return operand
    }

    /// Member accesses, calls, `new` and optional chains.
    mutating func parseLeftHandSide() throws(SyntaxError) -> Expression {
        let start = current
        var expression: Expression
        if checkKeyword("new") {
            expression = try parseNew()
        } else {
            expression = try parsePrimary()
        }
        var hasOptional = false
        while true {
            let before = index
            if eat(".") {
                let name = try parsePropertyName(context: "after '.'")
                expression = .member(expression, name, isOptional: false, start.range.extended(to: previousRange))
            } else if eat("?.") {
                hasOptional = true
                if check("(") {
                    let arguments = try parseArguments()
                    expression = .call(expression, arguments, isOptional: true, start.range.extended(to: previousRange))
                } else if eat("[") {
                    let key = try withInAllowed { parser throws(SyntaxError) in try parser.parseExpression() }
                    try expect("]", "after computed member")
                    expression = .index(expression, key, isOptional: true, start.range.extended(to: previousRange))
                } else {
                    let name = try parsePropertyName(context: "after '?.'")
                    expression = .member(expression, name, isOptional: true, start.range.extended(to: previousRange))
                }
            } else if eat("[") {
                let key = try withInAllowed { parser throws(SyntaxError) in try parser.parseExpression() }
                try expect("]", "after computed member")
                expression = .index(expression, key, isOptional: false, start.range.extended(to: previousRange))
            } else if check("(") {
                let arguments = try parseArguments()
                expression = .call(expression, arguments, isOptional: false, start.range.extended(to: previousRange))
            } else if case .template = current.kind, !current.isAfterNewline {
                throw error("Tagged templates are not supported", at: current)
            } else {
                break
            }
            try assertProgress(since: before)
        }
        return hasOptional ? .optionalChain(expression, expression.range) : expression
    }

    mutating func parseNew() throws(SyntaxError) -> Expression {
        let start = advance()
        try enterNesting()
        defer { depth -= 1 }
        if check(".") {
            throw error("'new.target' is not supported", at: current)
        }
        var callee = checkKeyword("new") ? try parseNew() : try parsePrimary()
        while true {
            if eat(".") {
                let name = try parsePropertyName(context: "after '.'")
                callee = .member(callee, name, isOptional: false, start.range.extended(to: previousRange))
            } else if eat("[") {
                let key = try withInAllowed { parser throws(SyntaxError) in try parser.parseExpression() }
                try expect("]", "after computed member")
                callee = .index(callee, key, isOptional: false, start.range.extended(to: previousRange))
            } else {
                break
            }
        }
        let arguments = check("(") ? try parseArguments() : []
        return .new(callee, arguments, start.range.extended(to: previousRange))
    }

    /// A property name after `.`: any identifier or reserved word.
    mutating func parsePropertyName(context: String) throws(SyntaxError) -> String {
        switch current.kind {
        case .identifier(let name), .keyword(let name):
            _ = advance()
            return name
        case .punctuator("#"):
            throw error("Private names are not supported", at: current)
        default:
            throw unexpected(expected: "a property name \(context)")
        }
    }

    mutating func parseArguments() throws(SyntaxError) -> [Argument] {
        try expect("(", "to open arguments")
        return try withInAllowed { parser throws(SyntaxError) in
            var arguments: [Argument] = []
            while !parser.check(")") {
                let before = parser.index
                if parser.eat("...") {
                    arguments.append(.spread(try parser.parseAssignment()))
                } else {
                    arguments.append(.expression(try parser.parseAssignment()))
                }
                if !parser.eat(",") {
                    guard parser.check(")") else { throw parser.unexpected(expected: "')' after arguments") }
                }
                try parser.assertProgress(since: before)
            }
            _ = parser.advance()
            return arguments
        }
    }
}
