/// Primary expressions: literals, names, groups, arrays, objects, templates and functions.
extension Parser {
    mutating func parsePrimary() throws(SyntaxError) -> Expression {
        let token = current
        switch token.kind {
        case .number(let value):
            _ = advance()
            return .number(value, token.range)
        case .string(let value):
            _ = advance()
            return .string(value, token.range)
        case .template(let template):
            _ = advance()
            return try parseTemplate(template, range: token.range)
        case .regex(let pattern, let flags):
            _ = advance()
            return .regex(pattern, flags, token.range)
        case .identifier(let name):
            if name == "async", case .keyword("function") = peek().kind, !peek().isAfterNewline {
                _ = advance()
                let function = try parseFunction(isDeclaration: false, isAsync: true)
                return .function(function, token.range.extended(to: function.range))
            }
            _ = advance()
            if name == "arguments" { functionContexts[functionContexts.count - 1].usesArguments = true }
            return .identifier(name, token.range)
        case .keyword("true"), .keyword("false"):
            _ = advance()
            return .boolean(token.kind == .keyword("true"), token.range)
        case .keyword("null"):
            _ = advance()
            return .null(token.range)
        case .keyword("this"):
            _ = advance()
            return .this(token.range)
        case .keyword("function"):
            let function = try parseFunction(isDeclaration: false)
            return .function(function, function.range)
        case .keyword("class"):
            let node = try parseClass(isDeclaration: false)
            return .classExpression(node, node.range)
        case .keyword("super"):
            _ = advance()
            if check("(") { return .superCall(try parseArguments(), token.range.extended(to: previousRange)) }
            guard eat(".") else { throw unexpected(expected: "'(' or '.' after 'super'") }
            let name = try parsePropertyName(context: "after 'super.'")
            return .superMember(name, token.range.extended(to: previousRange))
        case .punctuator("("):
            _ = advance()
            let inner = try withInAllowed { parser throws(SyntaxError) in try parser.parseExpression() }
            try expect(")", "after parenthesized expression")
            return inner
        case .punctuator("["):
            return try parseArrayLiteral()
        case .punctuator("{"):
            return try parseObjectLiteral()
        case .eof:
            throw unexpected(expected: "an expression")
        default:
            throw unexpected(expected: "an expression")
        }
    }

    mutating func parseTemplate(_ template: TemplateToken, range: SourceRange) throws(SyntaxError) -> Expression {
        var expressions: [Expression] = []
        for substitution in template.expressions {
            let savedTokens = tokens
            let savedIndex = index
            tokens = substitution
            index = 0
            defer {
                tokens = savedTokens
                index = savedIndex
            }
            guard current.kind != .eof else {
                throw SyntaxError(
                    kind: .unexpectedToken, message: "Expected an expression in template substitution, found '}'",
                    range: current.range)
            }
            let expression = try withInAllowed { parser throws(SyntaxError) in try parser.parseExpression() }
            guard current.kind == .eof else {
                throw SyntaxError(
                    kind: .unexpectedToken,
                    message: "Expected '}' after template substitution, found \(describe(current))",
                    range: current.range)
            }
            expressions.append(expression)
        }
        return .template(template.strings, expressions, range)
    }

    mutating func parseArrayLiteral() throws(SyntaxError) -> Expression {
        let start = advance().range
        return try withInAllowed { parser throws(SyntaxError) in
            var elements: [ArrayElement] = []
            while !parser.check("]") {
                let before = parser.index
                if parser.check(",") {
                    _ = parser.advance()
                    elements.append(.hole)
                    continue
                }
                if parser.eat("...") {
                    elements.append(.spread(try parser.parseAssignment()))
                } else {
                    elements.append(.expression(try parser.parseAssignment()))
                }
                if !parser.eat(",") {
                    guard parser.check("]") else { throw parser.unexpected(expected: "']' after array elements") }
                }
                try parser.assertProgress(since: before)
            }
            _ = parser.advance()
            return .array(elements, start.extended(to: parser.previousRange))
        }
    }

    mutating func parseObjectLiteral() throws(SyntaxError) -> Expression {
        let start = advance().range
        return try withInAllowed { parser throws(SyntaxError) in
            var properties: [ObjectProperty] = []
            while !parser.check("}") {
                let before = parser.index
                properties.append(try parser.parseObjectProperty())
                if !parser.eat(",") {
                    guard parser.check("}") else { throw parser.unexpected(expected: "'}' after object properties") }
                }
                try parser.assertProgress(since: before)
            }
            _ = parser.advance()
            return .object(properties, start.extended(to: parser.previousRange))
        }
    }

    mutating func parseObjectProperty() throws(SyntaxError) -> ObjectProperty {
        if eat("...") { return .spread(try parseAssignment()) }
        if check("*") { throw error("Generator functions are not supported", at: current, kind: .invalidStatement) }
        let keyToken = current
        // `async f() {}` (functions run synchronously), `get x() {}`, `set x(v) {}`.
        if case .identifier(let prefix) = current.kind, ["async", "get", "set"].contains(prefix) {
            switch peek().kind {
            case .identifier, .keyword, .string, .number, .punctuator("["):
                _ = advance()
                let key = try parsePropertyKey()
                let function = try parseFunctionRest(
                    name: key.staticName ?? "", start: keyToken.range, isArrow: false, isAsync: prefix == "async")
                switch prefix {
                case "get": return .getter(key, function)
                case "set": return .setter(key, function)
                default: return .property(key, .function(function, function.range))
                }
            default: break
            }
        }
        let key = try parsePropertyKey()
        if check("(") {
            let function = try parseFunctionRest(name: key.staticName ?? "", start: keyToken.range, isArrow: false)
            return .property(key, .function(function, function.range))
        }
        if eat(":") { return .property(key, try parseAssignment()) }
        guard case .identifier(let name) = keyToken.kind, case .named = key else {
            throw unexpected(expected: "':' after property name")
        }
        if check("=") {
            // `{ a = 1 }` is only valid as a destructuring pattern; keep the default for `pattern(from:)`.
            _ = advance()
            let value = try parseAssignment()
            return .property(
                key, .assign(.identifier(name, keyToken.range), value, keyToken.range.extended(to: previousRange)))
        }
        return .property(key, .identifier(name, keyToken.range))
    }

    mutating func parsePropertyKey() throws(SyntaxError) -> PropertyKey {
        switch current.kind {
        case .identifier(let name), .keyword(let name), .string(let name):
            _ = advance()
            return .named(name)
        case .number(let value):
            _ = advance()
            return .named(JSNumber.format(value))
        case .punctuator("["):
            _ = advance()
            let key = try parseAssignment()
            try expect("]", "after computed property name")
            return .computed(key)
        default:
            throw unexpected(expected: "a property name")
        }
    }

    /// `function name?(params) { body }`, at the `function` keyword.
    mutating func parseFunction(isDeclaration: Bool, isAsync: Bool = false) throws(SyntaxError) -> FunctionNode {
        let start = advance().range
        if check("*") {
            throw error("Generator functions are not supported", at: current, kind: .invalidStatement)
        }
        var name = ""
        if case .identifier(let identifier) = current.kind {
            name = identifier
            _ = advance()
        } else if isDeclaration {
            throw unexpected(expected: "a function name after 'function'")
        }
        return try parseFunctionRest(name: name, start: start, isArrow: false, isAsync: isAsync)
    }

    /// Parameters and body, at the `(`.
    mutating func parseFunctionRest(name: String, start: SourceRange, isArrow: Bool, isAsync: Bool = false)
        throws(SyntaxError) -> FunctionNode
    {
        try expect("(", "to open parameters")
        let (parameters, rest) = try parseParameters()
        return try parseFunctionBody(
            name: name, parameters: parameters, rest: rest, start: start, isArrow: isArrow, isAsync: isAsync)
    }

    /// Parameters up to and including the `)`.
    mutating func parseParameters() throws(SyntaxError) -> ([Pattern], Pattern?) {
        var parameters: [Pattern] = []
        var rest: Pattern?
        while !check(")") {
            let before = index
            if eat("...") {
                rest = try parseBindingTarget()
                guard check(")") else { throw unexpected(expected: "')' after rest parameter") }
                break
            }
            parameters.append(try parseBindingElement())
            if !eat(",") {
                guard check(")") else { throw unexpected(expected: "')' after parameters") }
            }
            try assertProgress(since: before)
        }
        try expect(")", "after parameters")
        return (parameters, rest)
    }

    mutating func parseFunctionBody(
        name: String, parameters: [Pattern], rest: Pattern?, start: SourceRange, isArrow: Bool, isAsync: Bool = false
    ) throws(SyntaxError) -> FunctionNode {
        let saved = (loopDepth, breakableDepth, allowsIn, labels)
        loopDepth = 0
        breakableDepth = 0
        allowsIn = true
        labels = []
        functionDepth += 1
        functionContexts.append(([], false))
        defer {
            (loopDepth, breakableDepth, allowsIn, labels) = saved
            functionDepth -= 1
        }
        let body: FunctionBody
        if isArrow && !check("{") {
            body = .expression(try parseAssignment())
        } else {
            body = .block(try parseBlock(outerNames: (parameters + (rest.map { [$0] } ?? [])).flatMap(\.boundNames)))
        }
        let context = functionContexts.removeLast()
        if isArrow && context.usesArguments {
            functionContexts[functionContexts.count - 1].usesArguments = true
        }
        return FunctionNode(
            name: name, parameters: parameters, rest: rest, body: body, isArrow: isArrow, varNames: context.varNames,
            usesArguments: context.usesArguments && !isArrow, fileName: fileName,
            range: start.extended(to: previousRange), isAsync: isAsync)
    }

    /// An arrow function if one starts here (`x =>`, `(a, b) =>`, `async x =>`), else nil without consuming.
    mutating func parseArrowFunctionIfPresent() throws(SyntaxError) -> Expression? {
        let start = current.range
        var offset = 0
        let isAsync = current.kind == .identifier("async")
        if isAsync, !peek().isAfterNewline {
            switch peek().kind {
            case .identifier, .punctuator("("): offset = 1
            default: break
            }
        }
        let first = peek(offset)
        if case .identifier(let name) = first.kind, peek(offset + 1).kind == .punctuator("=>") {
            index += offset + 2
            let function = try parseFunctionBody(
                name: "", parameters: [.identifier(name, first.range)], rest: nil, start: start, isArrow: true,
                isAsync: isAsync && offset == 1)
            return .function(function, function.range)
        }
        guard first.kind == .punctuator("("), let close = matchingParenthesis(from: index + offset),
            tokens[close + 1].kind == .punctuator("=>"), !tokens[close + 1].isAfterNewline
        else { return nil }
        index += offset + 1
        let (parameters, rest) = try parseParameters()
        try expect("=>", "after arrow function parameters")
        let function = try parseFunctionBody(
            name: "", parameters: parameters, rest: rest, start: start, isArrow: true, isAsync: isAsync && offset == 1)
        return .function(function, function.range)
    }

    /// The index of the `)` matching the `(` at `open`, if the tokens contain one.
    func matchingParenthesis(from open: Int) -> Int? {
        var depth = 0
        var position = open
        while position < tokens.count - 1 {
            switch tokens[position].kind {
            case .punctuator("("), .punctuator("["), .punctuator("{"): depth += 1
            case .punctuator(")"), .punctuator("]"), .punctuator("}"):
                depth -= 1
                if depth == 0 { return tokens[position].kind == .punctuator(")") ? position : nil }
            default: break
            }
            position += 1
        }
        return nil
    }
}

extension PropertyKey {
    /// The key's name when it is not computed.
    var staticName: String? {
        if case .named(let name) = self { return name }
        return nil
    }
}
