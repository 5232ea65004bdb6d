/// Statements and declarations.
extension Parser {
    mutating func parseStatement() throws(SyntaxError) -> Statement {
        try enterNesting()
        defer { depth -= 1 }
        let start = current
        switch current.kind {
        case .punctuator("{"):
            return .block(try parseBlock())
        case .punctuator(";"):
            _ = advance()
            return .empty(start.range)
        case .keyword("var"), .keyword("const"):
            return try parseVariableStatement()
        case .keyword("let"):
            return try parseVariableStatement()
        case .keyword("function"):
            let function = try parseFunction(isDeclaration: true)
            return .function(function, function.range)
        case .identifier("async") where peek().kind == .keyword("function") && !peek().isAfterNewline:
            _ = advance()
            let function = try parseFunction(isDeclaration: true, isAsync: true)
            return .function(function, start.range.extended(to: function.range))
        case .keyword("if"):
            return try parseIf()
        case .keyword("for"):
            return try parseFor()
        case .keyword("while"):
            _ = advance()
            try expect("(", "after 'while'")
            let test = try parseExpression()
            try expect(")", "after loop condition")
            let body = try parseLoopBody()
            return .while(test, body, start.range.extended(to: previousRange))
        case .keyword("do"):
            _ = advance()
            let body = try parseLoopBody()
            guard eatKeyword("while") else { throw unexpected(expected: "'while' after do-while body") }
            try expect("(", "after 'while'")
            let test = try parseExpression()
            try expect(")", "after loop condition")
            _ = eat(";")
            return .doWhile(body, test, start.range.extended(to: previousRange))
        case .keyword("break"), .keyword("continue"):
            return try parseJump()
        case .keyword("return"):
            _ = advance()
            guard functionDepth > 0 else {
                throw error("Illegal return statement", at: start, kind: .invalidStatement)
            }
            var value: Expression?
            if !check(";") && !check("}") && current.kind != .eof && !current.isAfterNewline {
                value = try parseExpression()
            }
            try consumeSemicolon(after: "return statement")
            return .return(value, start.range.extended(to: previousRange))
        case .keyword("throw"):
            _ = advance()
            if current.isAfterNewline {
                throw error("Illegal newline after throw", at: current)
            }
            let value = try parseExpression()
            try consumeSemicolon(after: "throw statement")
            return .throw(value, start.range.extended(to: previousRange))
        case .keyword("try"):
            return try parseTry()
        case .keyword("switch"):
            return try parseSwitch()
        case .keyword("debugger"):
            _ = advance()
            try consumeSemicolon(after: "debugger statement")
            return .empty(start.range)
        case .keyword("class"):
            let node = try parseClass(isDeclaration: true)
            return .classDeclaration(node, node.range)
        case .keyword("import"), .keyword("export"), .keyword("with"):
            throw error("'\(describe(current).dropFirst().dropLast())' statements are not supported", at: current)
        case .identifier(let label) where peek().kind == .punctuator(":"):
            if labels.contains(where: { $0.name == label }) {
                throw error("Label '\(label)' has already been declared", at: current, kind: .invalidStatement)
            }
            _ = advance()
            _ = advance()
            var next = index
            while case .identifier = tokens[next].kind, tokens[next + 1].kind == .punctuator(":") { next += 2 }
            let isLoop = [.keyword("for"), .keyword("while"), .keyword("do")].contains(tokens[next].kind)
            labels.append((label, isLoop))
            defer { labels.removeLast() }
            let body = try parseStatement()
            return .labeled(label, body, start.range.extended(to: previousRange))
        default:
            let expression = try parseExpression()
            try consumeSemicolon(after: "expression")
            return .expression(expression, start.range.extended(to: previousRange))
        }
    }

    /// `{ statements }`; `outerNames` are the parameters a `let` in this block may not redeclare.
    mutating func parseBlock(outerNames: [String] = []) throws(SyntaxError) -> Block {
        let open = try expect("{", "to open a block")
        var statements: [Statement] = []
        while !check("}") {
            guard current.kind != .eof else { throw unexpected(expected: "'}' to close the block") }
            let before = index
            statements.append(try parseStatement())
            try assertProgress(since: before)
        }
        _ = advance()
        try checkDeclarations(statements, outerNames: outerNames)
        return Block(
            statements: statements, needsScope: Self.needsScope(statements),
            range: open.range.extended(to: previousRange))
    }

    /// Whether statements declare block-scoped names (`let`, `const`, functions).
    static func needsScope(_ statements: [Statement]) -> Bool {
        statements.contains { statement in
            switch statement {
            case .variable(let kind, _, _): kind != .var
            case .function, .classDeclaration: true
            default: false
            }
        }
    }

    mutating func parseVariableKind() -> VariableKind {
        switch advance().kind {
        case .keyword("let"): .let
        case .keyword("const"): .const
        default: .var
        }
    }

    mutating func parseVariableStatement() throws(SyntaxError) -> Statement {
        let start = current.range
        let kind = parseVariableKind()
        let declarators = try parseDeclarators(kind: kind)
        try consumeSemicolon(after: "variable declaration")
        return .variable(kind, declarators, start.extended(to: previousRange))
    }

    mutating func parseDeclarators(kind: VariableKind, inForHead: Bool = false) throws(SyntaxError)
        -> [VariableDeclarator]
    {
        var declarators: [VariableDeclarator] = []
        repeat {
            let start = current.range
            let target = try parseBindingTarget()
            var initializer: Expression?
            if eat("=") {
                initializer = try parseAssignment()
            } else if kind == .const && !inForHead {
                throw unexpected(expected: "'=' to initialize constant")
            }
            if kind == .var { declareVar(target) }
            declarators.append(
                VariableDeclarator(target: target, initializer: initializer, range: start.extended(to: previousRange)))
        } while eat(",")
        return declarators
    }

    mutating func parseIf() throws(SyntaxError) -> Statement {
        let start = advance().range
        try expect("(", "after 'if'")
        let test = try parseExpression()
        try expect(")", "after if condition")
        let then = try parseStatement()
        var otherwise: Statement?
        if eatKeyword("else") { otherwise = try parseStatement() }
        return .if(test, then, otherwise, start.extended(to: previousRange))
    }

    mutating func parseLoopBody() throws(SyntaxError) -> Statement {
        loopDepth += 1
        breakableDepth += 1
        defer {
            loopDepth -= 1
            breakableDepth -= 1
        }
        return try parseStatement()
    }

    mutating func parseFor() throws(SyntaxError) -> Statement {
        let start = advance().range
        if checkKeyword("await") { _ = advance() }
        try expect("(", "after 'for'")
        var initializer: ForInitializer?
        if checkKeyword("var") || checkKeyword("let") || checkKeyword("const") {
            let kind = parseVariableKind()
            allowsIn = false
            let declarators = try parseDeclarators(kind: kind, inForHead: true)
            allowsIn = true
            if declarators.count == 1, declarators[0].initializer == nil,
                let loop = try parseForInOf(
                    ForBinding(kind: kind, target: declarators[0].target), start: start)
            {
                return loop
            }
            initializer = .variable(kind, declarators)
        } else if !check(";") {
            allowsIn = false
            let expression = try parseExpression()
            allowsIn = true
            if checkKeyword("in") || checkIdentifier("of") {
                let target = try pattern(from: expression)
                if let loop = try parseForInOf(ForBinding(kind: nil, target: target), start: start) { return loop }
            }
            initializer = .expression(expression)
        }
        try expect(";", "after for-loop initializer")
        let test = check(";") ? nil : try parseExpression()
        try expect(";", "after for-loop condition")
        let update = check(")") ? nil : try parseExpression()
        try expect(")", "after for-loop clauses")
        let body = try parseLoopBody()
        return .for(initializer, test, update, body, start.extended(to: previousRange))
    }

    /// The rest of `for (binding in/of …) body`, or nil when neither `in` nor `of` follows.
    mutating func parseForInOf(_ binding: ForBinding, start: SourceRange) throws(SyntaxError) -> Statement? {
        if eatKeyword("in") {
            let object = try parseExpression()
            try expect(")", "after for-in object")
            let body = try parseLoopBody()
            return .forIn(binding, object, body, start.extended(to: previousRange))
        }
        if checkIdentifier("of") {
            _ = advance()
            let iterable = try parseAssignment()
            try expect(")", "after for-of iterable")
            let body = try parseLoopBody()
            return .forOf(binding, iterable, body, start.extended(to: previousRange))
        }
        return nil
    }

    mutating func parseJump() throws(SyntaxError) -> Statement {
        let keyword = advance()
        let isBreak = keyword.kind == .keyword("break")
        var label: String?
        if case .identifier(let name) = current.kind, !current.isAfterNewline {
            guard let target = labels.last(where: { $0.name == name }) else {
                throw error("Undefined label '\(name)'", at: current, kind: .invalidStatement)
            }
            if !isBreak && !target.isLoop {
                throw error(
                    "Illegal continue statement: '\(name)' does not denote an iteration statement", at: current,
                    kind: .invalidStatement)
            }
            label = name
            _ = advance()
        } else if isBreak ? breakableDepth == 0 : loopDepth == 0 {
            let message =
                isBreak ? "Illegal break statement" : "Illegal continue statement: no surrounding iteration statement"
            throw error(message, at: keyword, kind: .invalidStatement)
        }
        try consumeSemicolon(after: isBreak ? "break statement" : "continue statement")
        let range = keyword.range.extended(to: previousRange)
        return isBreak ? .break(label, range) : .continue(label, range)
    }

    mutating func parseTry() throws(SyntaxError) -> Statement {
        let start = advance().range
        let body = try parseBlock()
        var handler: CatchClause?
        var finalizer: Block?
        if eatKeyword("catch") {
            var parameter: Pattern?
            if eat("(") {
                parameter = try parseBindingTarget()
                try expect(")", "after catch parameter")
            }
            handler = CatchClause(
                parameter: parameter, body: try parseBlock(outerNames: parameter?.boundNames ?? []))
        }
        if eatKeyword("finally") { finalizer = try parseBlock() }
        guard handler != nil || finalizer != nil else {
            throw unexpected(expected: "'catch' or 'finally' after try block")
        }
        return .try(body, handler, finalizer, start.extended(to: previousRange))
    }

    mutating func parseSwitch() throws(SyntaxError) -> Statement {
        let start = advance().range
        try expect("(", "after 'switch'")
        let discriminant = try parseExpression()
        try expect(")", "after switch value")
        try expect("{", "to open switch body")
        breakableDepth += 1
        defer { breakableDepth -= 1 }
        var cases: [SwitchCase] = []
        var sawDefault = false
        while !eat("}") {
            let before = index
            var test: Expression?
            if eatKeyword("case") {
                test = try parseExpression()
            } else if checkKeyword("default") {
                guard !sawDefault else {
                    throw error(
                        "More than one default clause in switch statement", at: current, kind: .invalidStatement)
                }
                sawDefault = true
                _ = advance()
            } else {
                throw unexpected(expected: "'case', 'default' or '}' in switch body")
            }
            try expect(":", "after switch case")
            var body: [Statement] = []
            while !checkKeyword("case") && !checkKeyword("default") && !check("}") {
                guard current.kind != .eof else { throw unexpected(expected: "'}' to close switch body") }
                let statementStart = index
                body.append(try parseStatement())
                try assertProgress(since: statementStart)
            }
            cases.append(SwitchCase(test: test, body: body))
            try assertProgress(since: before)
        }
        try checkDeclarations(cases.flatMap(\.body))
        return .switch(discriminant, cases, start.extended(to: previousRange))
    }
}
