/// Binding patterns (declarations, parameters) and assignment targets converted from expressions.
extension Parser {
    /// A name, `{…}` or `[…]` pattern.
    mutating func parseBindingTarget() throws(SyntaxError) -> Pattern {
        let start = current
        switch current.kind {
        case .identifier(let name):
            _ = advance()
            return .identifier(name, start.range)
        case .punctuator("["):
            _ = advance()
            var elements: [Pattern?] = []
            var rest: Pattern?
            while !check("]") {
                let before = index
                if eat(",") {
                    elements.append(nil)
                    continue
                }
                if eat("...") {
                    rest = try parseBindingTarget()
                    break
                }
                elements.append(try parseBindingElement())
                if !eat(",") {
                    guard check("]") else { throw unexpected(expected: "']' after array pattern") }
                }
                try assertProgress(since: before)
            }
            try expect("]", "after array pattern")
            return .array(elements, rest: rest, start.range.extended(to: previousRange))
        case .punctuator("{"):
            _ = advance()
            var properties: [PatternProperty] = []
            var rest: Pattern?
            while !check("}") {
                let before = index
                if eat("...") {
                    rest = try parseBindingTarget()
                    break
                }
                let keyToken = current
                let key = try parsePropertyKey()
                var value: Pattern
                if eat(":") {
                    value = try parseBindingElement()
                } else {
                    guard case .identifier(let name) = keyToken.kind else {
                        throw unexpected(expected: "':' after property name in pattern")
                    }
                    value = .identifier(name, keyToken.range)
                    if eat("=") { value = .withDefault(value, try parseAssignment()) }
                }
                properties.append(PatternProperty(key: key, value: value))
                if !eat(",") {
                    guard check("}") else { throw unexpected(expected: "'}' after object pattern") }
                }
                try assertProgress(since: before)
            }
            try expect("}", "after object pattern")
            return .object(properties, rest: rest, start.range.extended(to: previousRange))
        default:
            throw unexpected(expected: "a variable name or pattern")
        }
    }

    /// A binding target with an optional `= default`.
    mutating func parseBindingElement() throws(SyntaxError) -> Pattern {
        let target = try parseBindingTarget()
        guard eat("=") else { return target }
        return .withDefault(target, try parseAssignment())
    }

    /// Reinterprets a parsed expression as an assignment target (`a`, `a.b`, `[a, b]`, `{a, b: c}`).
    func pattern(from expression: Expression) throws(SyntaxError) -> Pattern {
        switch expression {
        case .identifier(let name, let range):
            return .identifier(name, range)
        case .member, .index:
            return .member(expression)
        case .assign(let target, let value, _):
            return .withDefault(target, value)
        case .array(let elements, let range):
            var patterns: [Pattern?] = []
            var rest: Pattern?
            for (position, element) in elements.enumerated() {
                switch element {
                case .hole: patterns.append(nil)
                case .expression(let inner): patterns.append(try pattern(from: inner))
                case .spread(let inner):
                    guard position == elements.count - 1 else { throw invalidTarget(inner.range) }
                    rest = try pattern(from: inner)
                }
            }
            return .array(patterns, rest: rest, range)
        case .object(let properties, let range):
            var patterns: [PatternProperty] = []
            var rest: Pattern?
            for property in properties {
                switch property {
                case .property(let key, let value):
                    patterns.append(PatternProperty(key: key, value: try pattern(from: value)))
                case .spread(let inner):
                    rest = try pattern(from: inner)
                case .getter(_, let function), .setter(_, let function):
                    throw invalidTarget(function.range)
                }
            }
            return .object(patterns, rest: rest, range)
        default:
            throw invalidTarget(expression.range)
        }
    }

    func invalidTarget(_ range: SourceRange) -> SyntaxError {
        SyntaxError(kind: .invalidAssignmentTarget, message: "Invalid left-hand side in assignment", range: range)
    }
}
