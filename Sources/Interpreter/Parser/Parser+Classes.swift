/// Class declarations and expressions.
extension Parser {
    /// `class Name? (extends Expression)? { members }`, at the `class` keyword.
    mutating func parseClass(isDeclaration: Bool) throws(SyntaxError) -> ClassNode {
        let start = advance().range
        var name = ""
        if case .identifier(let identifier) = current.kind {
            name = identifier
            _ = advance()
        } else if isDeclaration {
            throw unexpected(expected: "a class name after 'class'")
        }
        var superclass: Expression?
        if eatKeyword("extends") { superclass = try parseLeftHandSide() }
        try expect("{", "to open class body")
        var constructor: FunctionNode?
        var members: [ClassMember] = []
        while !check("}") {
            guard current.kind != .eof else { throw unexpected(expected: "'}' to close class body") }
            let before = index
            if eat(";") { continue }
            let member = try parseClassMember()
            if case .method(let function) = member.kind, !member.isStatic, member.key.staticName == "constructor" {
                guard constructor == nil else {
                    throw error("A class may only have one constructor", at: tokens[before], kind: .invalidStatement)
                }
                constructor = function
            } else {
                members.append(member)
            }
            try assertProgress(since: before)
        }
        _ = advance()
        return ClassNode(
            name: name, superclass: superclass, constructor: constructor, members: members,
            range: start.extended(to: previousRange))
    }

    mutating func parseClassMember() throws(SyntaxError) -> ClassMember {
        let start = current.range
        var isStatic = false
        if checkIdentifier("static"), !(peek().kind == .punctuator("(") || peek().kind == .punctuator("=")) {
            _ = advance()
            isStatic = true
        }
        var prefix: String?
        if case .identifier(let word) = current.kind, ["get", "set", "async"].contains(word) {
            switch peek().kind {
            case .identifier, .keyword, .string, .number, .punctuator("["):
                prefix = word
                _ = advance()
            default: break
            }
        }
        if check("#") { throw error("Private class members are not supported", at: current) }
        if check("*") { throw error("Generator functions are not supported", at: current, kind: .invalidStatement) }
        let key = try parsePropertyKey()
        if check("(") {
            let function = try parseFunctionRest(
                name: key.staticName ?? "", start: start, isArrow: false, isAsync: prefix == "async")
            let kind: ClassMember.Kind =
                switch prefix {
                case "get": .getter(function)
                case "set": .setter(function)
                default: .method(function)
                }
            return ClassMember(key: key, isStatic: isStatic, kind: kind)
        }
        guard prefix == nil || prefix == "async" else { throw unexpected(expected: "'(' after accessor name") }
        var value: Expression?
        if eat("=") {
            // A field initializer runs like a method body: `this` is the instance and `arguments` is not allowed.
            functionDepth += 1
            functionContexts.append(([], false))
            defer {
                functionDepth -= 1
                functionContexts.removeLast()
            }
            value = try parseAssignment()
        }
        try consumeSemicolon(after: "class field")
        return ClassMember(key: key, isStatic: isStatic, kind: .field(value))
    }
}
