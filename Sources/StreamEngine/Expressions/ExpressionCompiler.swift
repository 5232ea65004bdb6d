import BSONCore

/// Compiles the BSON form of an aggregation expression into an `Expression` tree, once per pipeline.
///
/// Operators are looked up in `OperatorTable.compilers`; each family of operators lives in its own file under
/// `Expressions/Operators/` (dates under `Expressions/Dates/`).
package struct ExpressionCompiler {
    /// Variable names in scope (bound by enclosing `$let`, `$map`, …), so unknown `$$x` fails at compile time.
    package var boundVariables: [String] = []

    /// A compiler with no user variables in scope.
    package init() {}

    /// Compiles `value`: `"$path"`, `"$$var.path"`, `{$op: args}`, an object of expressions, an array, or a literal.
    package mutating func compile(_ value: BSONValue) throws(ExpressionError) -> Expression {
        switch value {
        case .string(let text) where text.hasPrefix("$$"):
            return try compileVariable(text.dropFirst(2))
        case .string(let text) where text.hasPrefix("$"):
            return .fieldPath(try FieldPath(text.dropFirst()))
        case .document(let document):
            return try compileObject(document)
        case .array(let elements):
            var compiled: [Expression] = []
            for element in elements { compiled.append(try compile(element)) }
            return .array(compiled)
        default:
            return .literal(value)
        }
    }

    /// Compiles each argument of an operator: an array gives its elements, anything else is one argument
    /// (`{$abs: "$x"}` is `{$abs: ["$x"]}`).
    package mutating func compileArguments(_ value: BSONValue) throws(ExpressionError) -> [Expression] {
        guard case .array(let elements) = value else { return [try compile(value)] }
        var compiled: [Expression] = []
        for element in elements { compiled.append(try compile(element)) }
        return compiled
    }

    /// Compiles `body` with `names` bound, as `$let`/`$map`/`$filter`/`$reduce` need.
    package mutating func withVariables<T>(
        _ names: [String], _ body: (inout ExpressionCompiler) throws(ExpressionError) -> T
    ) throws(ExpressionError) -> T {
        let depth = boundVariables.count
        boundVariables.append(contentsOf: names)
        defer { boundVariables.removeSubrange(depth...) }
        return try body(&self)
    }

    private func compileVariable(_ text: Substring) throws(ExpressionError) -> Expression {
        let name: Substring
        let path: FieldPath?
        if let dot = text.firstIndex(of: ".") {
            name = text[..<dot]
            path = try FieldPath(text[text.index(after: dot)...])
        } else {
            name = text
            path = nil
        }
        let variable = String(name)
        switch variable {
        case "ROOT", "CURRENT", "REMOVE":
            break
        case "NOW", "CLUSTER_TIME", "USER_ROLES":
            // §1: ASP has no $$NOW; {$currentDate: {}} stands in for it.
            throw ExpressionError(
                code: 9, "Variable '$$\(variable)' is not supported in Atlas Stream Processing; use {$currentDate: {}}")
        default:
            guard boundVariables.contains(variable) else {
                throw ExpressionError(code: 17276, "Use of undefined variable: \(variable)")
            }
        }
        return .variable(name: variable, path: path)
    }

    private mutating func compileObject(_ document: BSONDocument) throws(ExpressionError) -> Expression {
        if let first = document.elements.first, first.key.hasPrefix("$") {
            guard document.count == 1 else {
                throw ExpressionError(
                    code: 15983,
                    "An object representing an expression must have exactly one field: \(BSONValue.document(document))")
            }
            if first.key == "$literal" { return .literal(first.value) }
            guard let compiler = OperatorTable.compilers[first.key] else {
                throw ExpressionError(code: 168, "Unrecognized expression '\(first.key)'")
            }
            return try compiler(first.value, &self)
        }
        var fields: [(key: String, value: Expression)] = []
        for (key, value) in document.elements {
            if key.hasPrefix("$") {
                throw ExpressionError(
                    code: 16404, "a $-prefixed field name is not allowed in an object expression: '\(key)'")
            }
            fields.append((key, try compile(value)))
        }
        return .object(fields)
    }
}

/// The compiler of one operator: gets the operator's argument (BSON) and the compiler, returns the tree.
package typealias OperatorCompiler =
    @Sendable (BSONValue, inout ExpressionCompiler) throws(ExpressionError) -> Expression
