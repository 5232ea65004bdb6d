import BSONCore

/// `$cond` (§11.5, both forms, only the chosen branch evaluated), `$ifNull` (n-ary) and `$switch`.
enum ConditionalOperators {
    /// The family's operators by name.
    static let compilers: [String: OperatorCompiler] = [
        "$cond": compileCond,
        "$ifNull": compileIfNull,
        "$switch": compileSwitch,
    ]

    private static func compileCond(_ value: BSONValue, _ compiler: inout ExpressionCompiler) throws(ExpressionError)
        -> Expression
    {
        let condition: Expression
        let then: Expression
        let otherwise: Expression
        if case .document(let spec) = value {
            var parts: [String: Expression] = [:]
            for (key, argument) in spec.elements {
                guard key == "if" || key == "then" || key == "else" else {
                    throw ExpressionError(code: 17083, "Unrecognized parameter to $cond: \(key)")
                }
                parts[key] = try compiler.compile(argument)
            }
            guard let ifPart = parts["if"] else {
                throw ExpressionError(code: 17080, "Missing 'if' parameter to $cond")
            }
            guard let thenPart = parts["then"] else {
                throw ExpressionError(code: 17081, "Missing 'then' parameter to $cond")
            }
            guard let elsePart = parts["else"] else {
                throw ExpressionError(code: 17082, "Missing 'else' parameter to $cond")
            }
            (condition, then, otherwise) = (ifPart, thenPart, elsePart)
        } else {
            let arguments = try OperatorSupport.arguments(value, "$cond", exactly: 3, &compiler)
            (condition, then, otherwise) = (arguments[0], arguments[1], arguments[2])
        }
        if let constant = condition.constantValue { return constant.isTruthy ? then : otherwise }
        // `{$cond: [test, "$x", 0]}`: fields are read directly and constants returned as is (see `Operand`).
        let (test, yes, no) = (Operand(condition), Operand(then), Operand(otherwise))
        return .operation(name: "$cond") { context throws(ExpressionError) in
            try (try test.value(&context)).isTruthy ? yes.value(&context) : no.value(&context)
        }
    }

    private static func compileIfNull(_ value: BSONValue, _ compiler: inout ExpressionCompiler)
        throws(ExpressionError) -> Expression
    {
        let arguments = try compiler.compileArguments(value)
        guard arguments.count >= 2 else {
            throw ExpressionError(code: 1_257_300, "$ifNull needs at least two arguments, had: \(arguments.count)")
        }
        let candidates = Array(arguments.dropLast())
        let last = arguments[arguments.count - 1]
        return .operation(name: "$ifNull") { context throws(ExpressionError) in
            for candidate in candidates {
                let result = try candidate.evaluate(&context)
                if !result.isNullish { return result }
            }
            return try last.evaluate(&context)
        }
    }

    private static func compileSwitch(_ value: BSONValue, _ compiler: inout ExpressionCompiler)
        throws(ExpressionError) -> Expression
    {
        guard case .document(let spec) = value else {
            throw ExpressionError(code: 40060, "$switch requires an object as an argument, found: \(value.typeName)")
        }
        var branches: [(condition: Expression, then: Expression)] = []
        var defaultBranch: Expression?
        for (key, argument) in spec.elements {
            switch key {
            case "branches":
                guard case .array(let elements) = argument else {
                    throw ExpressionError(
                        code: 40061, "$switch expected an array for 'branches', found: \(argument.typeName)")
                }
                for element in elements {
                    guard case .document(let branch) = element else {
                        throw ExpressionError(
                            code: 40062, "$switch expected each branch to be an object, found: \(element.typeName)")
                    }
                    var condition: Expression?
                    var then: Expression?
                    for (branchKey, branchValue) in branch.elements {
                        switch branchKey {
                        case "case": condition = try compiler.compile(branchValue)
                        case "then": then = try compiler.compile(branchValue)
                        default:
                            throw ExpressionError(
                                code: 40063, "$switch found an unknown argument to a branch: \(branchKey)")
                        }
                    }
                    guard let condition else {
                        throw ExpressionError(code: 40064, "$switch requires each branch have a 'case' expression")
                    }
                    guard let then else {
                        throw ExpressionError(code: 40065, "$switch requires each branch have a 'then' expression.")
                    }
                    branches.append((condition, then))
                }
            case "default":
                defaultBranch = try compiler.compile(argument)
            default:
                throw ExpressionError(code: 40067, "$switch found an unknown argument: \(key)")
            }
        }
        guard !branches.isEmpty else { throw ExpressionError(code: 40068, "$switch requires at least one branch") }
        let cases = branches
        let fallback = defaultBranch
        return .operation(name: "$switch") { context throws(ExpressionError) in
            for branch in cases where (try branch.condition.evaluate(&context)).isTruthy {
                return try branch.then.evaluate(&context)
            }
            guard let fallback else {
                throw ExpressionError(
                    code: 40066,
                    "$switch could not find a matching branch for an input, and no default was specified.")
            }
            return try fallback.evaluate(&context)
        }
    }
}
