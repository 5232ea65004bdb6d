/// A recursive-descent parser with one `parseX` per grammar rule, split by category across files.
///
/// Not thread-safe: a value used by one parse.
package struct Parser {
    /// How deep statements and expressions may nest before parsing stops with an error.
    package static let nestingLimit = 256

    var tokens: [Token]
    var index = 0
    let sourceBytes: [UInt8]
    let fileName: String
    var depth = 0
    /// Whether `in` is a binary operator here (false in a `for (…;` initializer).
    var allowsIn = true
    /// Per function being parsed (outermost: the program): its `var` names and whether it uses `arguments`.
    var functionContexts: [(varNames: [String], usesArguments: Bool)] = [([], false)]
    /// Statements that `break` and `continue` may target here.
    var breakableDepth = 0
    /// The labels of the statements enclosing this point (within the current function), and whether each labels
    /// a loop (which `continue label` requires).
    var labels: [(name: String, isLoop: Bool)] = []
    var loopDepth = 0
    var functionDepth = 0

    /// Parses a whole program. With `prefersObjectLiteral`, input that is one `{…}` object literal parses as an
    /// expression rather than a block, as a REPL reads `{ a: 1 }`.
    package static func parseProgram(_ source: String, fileName: String, prefersObjectLiteral: Bool = false)
        throws(SyntaxError) -> Program
    {
        var parser = Parser(tokens: try Lexer.tokenize(source), sourceBytes: Array(source.utf8), fileName: fileName)
        if prefersObjectLiteral, parser.check("{") {
            var attempt = parser
            if let expression = try? attempt.parseExpression(), case .object = expression {
                _ = attempt.eat(";")
                if attempt.current.kind == .eof {
                    let statement = Statement.expression(expression, expression.range)
                    return Program(statements: [statement], varNames: [], range: expression.range)
                }
            }
        }
        return try parser.parseProgram()
    }

    init(tokens: [Token], sourceBytes: [UInt8], fileName: String) {
        self.tokens = tokens
        self.sourceBytes = sourceBytes
        self.fileName = fileName
    }

    mutating func parseProgram() throws(SyntaxError) -> Program {
        let start = current.range
        var statements: [Statement] = []
        while current.kind != .eof {
            let before = index
            statements.append(try parseStatement())
            try assertProgress(since: before)
        }
        try checkDeclarations(statements)
        let varNames = functionContexts[0].varNames
        return Program(statements: statements, varNames: varNames, range: start.extended(to: current.range))
    }

    // MARK: Tokens

    var current: Token { tokens[index] }

    func peek(_ ahead: Int = 1) -> Token { tokens[min(index + ahead, tokens.count - 1)] }

    mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    /// The range of the token before the current one (where a construct ended).
    var previousRange: SourceRange { tokens[max(index - 1, 0)].range }

    func check(_ punctuator: String) -> Bool {
        if case .punctuator(let found) = current.kind { return found == punctuator }
        return false
    }

    func checkKeyword(_ keyword: String) -> Bool {
        if case .keyword(let found) = current.kind { return found == keyword }
        return false
    }

    func checkIdentifier(_ name: String) -> Bool {
        if case .identifier(let found) = current.kind { return found == name }
        return false
    }

    mutating func eat(_ punctuator: String) -> Bool {
        guard check(punctuator) else { return false }
        _ = advance()
        return true
    }

    mutating func eatKeyword(_ keyword: String) -> Bool {
        guard checkKeyword(keyword) else { return false }
        _ = advance()
        return true
    }

    /// Consumes `punctuator` or throws "Expected '<punctuator>' <context>, found <current>".
    @discardableResult
    mutating func expect(_ punctuator: String, _ context: String) throws(SyntaxError) -> Token {
        guard check(punctuator) else { throw unexpected(expected: "'\(punctuator)' \(context)") }
        return advance()
    }

    /// "Expected <what>, found <current token>", incomplete when the current token is the end of input.
    func unexpected(expected what: String) -> SyntaxError {
        error("Expected \(what), found \(describe(current))", at: current)
    }

    func error(_ message: String, at token: Token, kind: SyntaxError.Kind = .unexpectedToken) -> SyntaxError {
        SyntaxError(kind: token.kind == .eof ? .unexpectedEndOfInput : kind, message: message, range: token.range)
    }

    /// How a message names a token: its quoted text, or "end of input".
    func describe(_ token: Token) -> String {
        if token.kind == .eof { return "end of input" }
        let start = token.range.start.offset
        let end = min(token.range.end.offset, sourceBytes.count)
        guard start < end else { return "end of input" }
        var text = String(decoding: sourceBytes[start..<end], as: UTF8.self)
        if text.count > 30 { text = String(text.prefix(27)) + "..." }
        return "'\(text)'"
    }

    /// Consumes an identifier and returns its name.
    mutating func expectIdentifier(_ context: String) throws(SyntaxError) -> String {
        guard case .identifier(let name) = current.kind else { throw unexpected(expected: "a name \(context)") }
        _ = advance()
        return name
    }

    // MARK: Limits

    /// Throws if a parse loop did not consume a token (a parser bug that would otherwise loop forever).
    func assertProgress(since before: Int) throws(SyntaxError) {
        guard index > before else {
            throw error("Unexpected \(describe(current)) (parser made no progress)", at: current)
        }
    }

    /// Enters one nesting level, throwing past the limit.
    mutating func enterNesting() throws(SyntaxError) {
        depth += 1
        guard depth <= Self.nestingLimit else {
            throw SyntaxError(
                kind: .nestingTooDeep, message: "Nesting too deep: more than \(Self.nestingLimit) levels",
                range: current.range)
        }
    }

    // MARK: Automatic semicolons

    /// Consumes a `;`, or accepts its absence before `}`, at the end of input, or after a line break.
    mutating func consumeSemicolon(after what: String) throws(SyntaxError) {
        if eat(";") { return }
        if check("}") || current.kind == .eof || current.isAfterNewline { return }
        throw unexpected(expected: "';' after \(what)")
    }

    /// Records a `var` name in the innermost function.
    mutating func declareVar(_ pattern: Pattern) {
        for name in pattern.boundNames where !functionContexts[functionContexts.count - 1].varNames.contains(name) {
            functionContexts[functionContexts.count - 1].varNames.append(name)
        }
    }
}

extension Pattern {
    /// The variable names a binding pattern declares.
    package var boundNames: [String] {
        switch self {
        case .identifier(let name, _): [name]
        case .member: []
        case .object(let properties, let rest, _): properties.flatMap(\.value.boundNames) + (rest?.boundNames ?? [])
        case .array(let elements, let rest, _): elements.flatMap { $0?.boundNames ?? [] } + (rest?.boundNames ?? [])
        case .withDefault(let target, _): target.boundNames
        }
    }
}
