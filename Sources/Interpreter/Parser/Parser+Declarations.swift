/// Early errors for declarations: a `let`, `const` or `class` name declared twice in one scope.
extension Parser {
    /// Throws `Identifier 'x' has already been declared` at the second declaration when `statements` (one scope's
    /// statement list) declare a block-scoped name twice, or also as a `var`, a function or one of
    /// `outerNames` (the function's parameters or the catch clause's parameter).
    ///
    /// `var` names hoisted from nested blocks are not compared; separate programs (REPL inputs) are never compared,
    /// so re-running `let x = 1` at the prompt keeps working.
    func checkDeclarations(_ statements: [Statement], outerNames: [String] = []) throws(SyntaxError) {
        var lexical: Set<String> = []
        var other = Set(outerNames)
        for statement in statements {
            switch statement {
            case .variable(let kind, let declarators, _):
                for declarator in declarators {
                    for (name, range) in declarator.target.boundIdentifiers {
                        let clashes =
                            kind == .var ? lexical.contains(name) : lexical.contains(name) || other.contains(name)
                        if clashes { throw Self.redeclaration(name, range) }
                        if kind == .var { other.insert(name) } else { lexical.insert(name) }
                    }
                }
            case .function(let function, let range):
                if lexical.contains(function.name) { throw Self.redeclaration(function.name, range) }
                other.insert(function.name)
            case .classDeclaration(let node, let range):
                if lexical.contains(node.name) || other.contains(node.name) {
                    throw Self.redeclaration(node.name, range)
                }
                lexical.insert(node.name)
            default:
                continue
            }
        }
    }

    /// `SyntaxError: Identifier 'name' has already been declared`, Node's wording.
    static func redeclaration(_ name: String, _ range: SourceRange) -> SyntaxError {
        SyntaxError(
            kind: .invalidStatement, message: "Identifier '\(name)' has already been declared", range: range)
    }
}

extension Pattern {
    /// The variable names a binding pattern declares, each with the range of its identifier.
    var boundIdentifiers: [(String, SourceRange)] {
        switch self {
        case .identifier(let name, let range): [(name, range)]
        case .member: []
        case .object(let properties, let rest, _):
            properties.flatMap(\.value.boundIdentifiers) + (rest?.boundIdentifiers ?? [])
        case .array(let elements, let rest, _):
            elements.flatMap { $0?.boundIdentifiers ?? [] } + (rest?.boundIdentifiers ?? [])
        case .withDefault(let target, _): target.boundIdentifiers
        }
    }
}
