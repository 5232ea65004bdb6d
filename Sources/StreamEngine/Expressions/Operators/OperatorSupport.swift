import BSONCore

/// Helpers every operator family uses: argument counts with the server's messages, constant folding, and the
/// server's way of printing a value inside an error message.
enum OperatorSupport {
    /// The operator's arguments, which must number exactly `count` (server error 16020).
    static func arguments(
        _ value: BSONValue, _ name: String, exactly count: Int, _ compiler: inout ExpressionCompiler
    ) throws(ExpressionError) -> [Expression] {
        let arguments = try compiler.compileArguments(value)
        guard arguments.count == count else {
            throw ExpressionError(
                code: 16020,
                "Expression \(name) takes exactly \(count) arguments. \(arguments.count) were passed in.")
        }
        return arguments
    }

    /// The operator's arguments, between `minimum` and `maximum` of them (server error 28667).
    static func arguments(
        _ value: BSONValue, _ name: String, from minimum: Int, to maximum: Int, _ compiler: inout ExpressionCompiler
    ) throws(ExpressionError) -> [Expression] {
        let arguments = try compiler.compileArguments(value)
        guard arguments.count >= minimum && arguments.count <= maximum else {
            throw ExpressionError(
                code: 28667,
                "Expression \(name) takes at least \(minimum) arguments, and at most \(maximum), but "
                    + "\(arguments.count) were passed in.")
        }
        return arguments
    }

    /// `.operation(name, body)`, folded to a literal when every argument is constant and the body succeeds on
    /// them (the body then depends on nothing else). A body that throws or gives missing stays an operation, so
    /// the error or missing shows per document as on the server.
    static func operation(
        _ name: String, _ arguments: [Expression], _ body: @escaping OperatorFunction
    ) -> Expression {
        if arguments.allSatisfy({ $0.constantValue != nil }) {
            var context = EvaluationContext(root: BSONDocument())
            if let value = try? body(&context) { return .literal(value) }
        }
        return .operation(name: name, evaluate: body)
    }

    /// A value as the server prints it in messages: numbers plainly (`0`, `-1.5`), strings quoted.
    static func text(_ value: BSONValue?) -> String {
        guard let value else { return "missing" }
        switch value {
        case .double(let x) where x.isFinite && x == x.rounded() && abs(x) < 1e15: return String(Int64(x))
        case .double(let x): return String(x)
        case .int32(let x): return String(x)
        case .int64(let x): return String(x)
        case .decimal128(let x): return x.description
        default: return value.description
        }
    }

    /// The server's `$type` name of a value, `missing` for missing.
    static func typeName(_ value: BSONValue?) -> String { value?.typeName ?? "missing" }
}

extension Optional where Wrapped == BSONValue {
    /// Null, undefined or missing: what most operators turn into `null`.
    var isNullish: Bool {
        switch self {
        case .none, .some(.null), .some(.undefined): true
        default: false
        }
    }
}
