import BSONCore

/// `$filter $map $reduce` (with their variables), `$zip`, `$sortArray` and the set operators.
extension ArrayOperators {
    static let iterationCompilers: [String: OperatorCompiler] = [
        "$filter": compileFilter,
        "$map": compileMap,
        "$reduce": compileReduce,
        "$zip": compileZip,
        "$sortArray": compileSortArray,
    ]

    /// The named arguments of `name`, erroring on unknown names.
    private static func spec(
        _ value: BSONValue, _ name: String, allowed: [String], objectError: ExpressionError, unknownCode: Int,
        unknownPrefix: String
    ) throws(ExpressionError) -> [String: BSONValue] {
        guard case .document(let document) = value else { throw objectError }
        var result: [String: BSONValue] = [:]
        for (key, argument) in document.elements {
            guard allowed.contains(key) else { throw ExpressionError(code: unknownCode, unknownPrefix + key) }
            result[key] = argument
        }
        return result
    }

    /// The `as` variable name (`this` by default).
    private static func variableName(_ value: BSONValue?, _ name: String) throws(ExpressionError) -> String {
        guard let value else { return "this" }
        guard case .string(let text) = value, let first = text.unicodeScalars.first,
            first.properties.isLowercase || first == "_" || first.value > 127
        else {
            throw ExpressionError(
                code: 16867, "'\(value.description)' starts with an invalid character for a user variable name")
        }
        return text
    }

    private static func compileFilter(_ value: BSONValue, _ compiler: inout ExpressionCompiler)
        throws(ExpressionError) -> Expression
    {
        let parts = try spec(
            value, "$filter", allowed: ["input", "as", "cond", "limit"],
            objectError: ExpressionError(code: 28646, "$filter only supports an object as its argument"),
            unknownCode: 28647, unknownPrefix: "Unrecognized parameter to $filter: ")
        guard let inputSpec = parts["input"] else {
            throw ExpressionError(code: 28648, "Missing 'input' parameter to $filter")
        }
        guard let condSpec = parts["cond"] else {
            throw ExpressionError(code: 28650, "Missing 'cond' parameter to $filter")
        }
        let name = try variableName(parts["as"], "$filter")
        let input = try compiler.compile(inputSpec)
        let limit = try parts["limit"].map { spec throws(ExpressionError) in try compiler.compile(spec) }
        let condition = try compiler.withVariables([name]) { inner throws(ExpressionError) in
            try inner.compile(condSpec)
        }
        return .operation(name: "$filter") { context throws(ExpressionError) in
            let inputValue = try input.evaluate(&context)
            if inputValue.isNullish { return .null }
            guard case .array(let elements)? = inputValue else {
                throw ExpressionError(
                    code: 28651, "input to $filter must be an array not \(OperatorSupport.typeName(inputValue))")
            }
            var maximum = Int.max
            if let limit {
                let limitValue = try limit.evaluate(&context)
                if let limitValue, !limitValue.isNullishValue {
                    guard limitValue.isNumber else {
                        throw ExpressionError(
                            code: 327391,
                            "$filter: limit must be represented as a 32-bit integral value: "
                                + OperatorSupport.text(limitValue))
                    }
                    maximum = try int32(
                        limitValue, code: 327391, "$filter: limit must be represented as a 32-bit integral value: ")
                    guard maximum > 0 else {
                        throw ExpressionError(
                            code: 327392, "$filter: limit must be greater than 0: \(OperatorSupport.text(limitValue))")
                    }
                }
            }
            var result: [BSONValue] = []
            let slot = context.variables.count
            context.variables.append((name, nil))
            defer { context.variables.removeSubrange(slot...) }
            for element in elements where result.count < maximum {
                context.variables[slot].value = element
                if (try condition.evaluate(&context)).isTruthy { result.append(element) }
            }
            return .array(result)
        }
    }

    private static func compileMap(_ value: BSONValue, _ compiler: inout ExpressionCompiler) throws(ExpressionError)
        -> Expression
    {
        let parts = try spec(
            value, "$map", allowed: ["input", "as", "in"],
            objectError: ExpressionError(code: 16878, "$map only supports an object as its argument"),
            unknownCode: 16879, unknownPrefix: "Unrecognized parameter to $map: ")
        guard let inputSpec = parts["input"] else {
            throw ExpressionError(code: 16880, "Missing 'input' parameter to $map")
        }
        guard let inSpec = parts["in"] else { throw ExpressionError(code: 16882, "Missing 'in' parameter to $map") }
        let name = try variableName(parts["as"], "$map")
        let input = try compiler.compile(inputSpec)
        let body = try compiler.withVariables([name]) { inner throws(ExpressionError) in try inner.compile(inSpec) }
        return .operation(name: "$map") { context throws(ExpressionError) in
            let inputValue = try input.evaluate(&context)
            if inputValue.isNullish { return .null }
            guard case .array(let elements)? = inputValue else {
                throw ExpressionError(
                    code: 16883, "input to $map must be an array not \(OperatorSupport.typeName(inputValue))")
            }
            var result: [BSONValue] = []
            result.reserveCapacity(elements.count)
            let slot = context.variables.count
            context.variables.append((name, nil))
            defer { context.variables.removeSubrange(slot...) }
            for element in elements {
                context.variables[slot].value = element
                result.append(try body.evaluate(&context) ?? .null)
            }
            return .array(result)
        }
    }

    private static func compileReduce(_ value: BSONValue, _ compiler: inout ExpressionCompiler)
        throws(ExpressionError) -> Expression
    {
        let parts = try spec(
            value, "$reduce", allowed: ["input", "initialValue", "in"],
            objectError: ExpressionError(
                code: 40075, "$reduce requires an object as an argument, found: \(value.typeName)"),
            unknownCode: 40076, unknownPrefix: "$reduce found an unknown argument: ")
        guard let inputSpec = parts["input"] else {
            throw ExpressionError(code: 40077, "$reduce requires 'input' to be specified")
        }
        guard let initialSpec = parts["initialValue"] else {
            throw ExpressionError(code: 40078, "$reduce requires 'initialValue' to be specified")
        }
        guard let inSpec = parts["in"] else {
            throw ExpressionError(code: 40079, "$reduce requires 'in' to be specified")
        }
        let input = try compiler.compile(inputSpec)
        let initial = try compiler.compile(initialSpec)
        let body = try compiler.withVariables(["value", "this"]) { inner throws(ExpressionError) in
            try inner.compile(inSpec)
        }
        return .operation(name: "$reduce") { context throws(ExpressionError) in
            let inputValue = try input.evaluate(&context)
            if inputValue.isNullish { return .null }
            guard case .array(let elements)? = inputValue else {
                throw ExpressionError(
                    code: 40080, "$reduce requires that 'input' be an array, found: \(OperatorSupport.text(inputValue))"
                )
            }
            var accumulated = try initial.evaluate(&context)
            let slot = context.variables.count
            context.variables.append(("value", nil))
            context.variables.append(("this", nil))
            defer { context.variables.removeSubrange(slot...) }
            for element in elements {
                context.variables[slot].value = accumulated
                context.variables[slot + 1].value = element
                accumulated = try body.evaluate(&context)
            }
            return accumulated
        }
    }

    private static func compileZip(_ value: BSONValue, _ compiler: inout ExpressionCompiler) throws(ExpressionError)
        -> Expression
    {
        let parts = try spec(
            value, "$zip", allowed: ["inputs", "useLongestLength", "defaults"],
            objectError: ExpressionError(
                code: 34460, "$zip only supports an object as an argument, found \(value.typeName)"),
            unknownCode: 34464, unknownPrefix: "$zip found an unknown argument: ")
        guard case .array(let inputSpecs)? = parts["inputs"] else {
            throw ExpressionError(
                code: 34461,
                "inputs must be an array of expressions, found \(OperatorSupport.typeName(parts["inputs"]))")
        }
        var useLongest = false
        if let flag = parts["useLongestLength"] {
            guard case .bool(let value) = flag else {
                throw ExpressionError(code: 34463, "useLongestLength must be a bool, found \(flag.typeName)")
            }
            useLongest = value
        }
        var inputs: [Expression] = []
        for spec in inputSpecs { inputs.append(try compiler.compile(spec)) }
        var defaults: [Expression] = []
        if let defaultsSpec = parts["defaults"] {
            guard case .array(let specs) = defaultsSpec else {
                throw ExpressionError(
                    code: 34462, "defaults must be an array of expressions, found \(defaultsSpec.typeName)")
            }
            guard useLongest else {
                throw ExpressionError(code: 34466, "cannot specify defaults unless useLongestLength is true")
            }
            guard specs.count == inputs.count else {
                throw ExpressionError(code: 34467, "defaults and inputs must have the same length")
            }
            for spec in specs { defaults.append(try compiler.compile(spec)) }
        }
        guard !inputs.isEmpty else { throw ExpressionError(code: 34465, "$zip requires at least one input array") }
        let fills = defaults
        let columns = inputs
        let longest = useLongest
        return .operation(name: "$zip") { context throws(ExpressionError) in
            var arrays: [[BSONValue]] = []
            for input in columns {
                let inputValue = try input.evaluate(&context)
                if inputValue.isNullish { return .null }
                guard case .array(let elements)? = inputValue else {
                    throw ExpressionError(
                        code: 34468, "$zip found a non-array expression in input: \(OperatorSupport.text(inputValue))")
                }
                arrays.append(elements)
            }
            var fillValues: [BSONValue] = []
            for fill in fills { fillValues.append(try fill.evaluate(&context) ?? .null) }
            let counts = arrays.map(\.count)
            let length = (longest ? counts.max() : counts.min()) ?? 0
            var result: [BSONValue] = []
            for row in 0..<length {
                var tuple: [BSONValue] = []
                for (column, elements) in arrays.enumerated() {
                    tuple.append(
                        row < elements.count ? elements[row] : (fillValues.isEmpty ? .null : fillValues[column]))
                }
                result.append(.array(tuple))
            }
            return .array(result)
        }
    }

    private static func compileSortArray(_ value: BSONValue, _ compiler: inout ExpressionCompiler)
        throws(ExpressionError) -> Expression
    {
        let parts = try spec(
            value, "$sortArray", allowed: ["input", "sortBy"],
            objectError: ExpressionError(
                code: 2_942_500, "$sortArray requires an object as an argument, found: \(value.typeName)"),
            unknownCode: 2_942_501, unknownPrefix: "$sortArray found an unknown argument: ")
        guard let inputSpec = parts["input"] else {
            throw ExpressionError(code: 2_942_502, "$sortArray requires 'input' to be specified")
        }
        guard let sortSpec = parts["sortBy"] else {
            throw ExpressionError(code: 2_942_503, "$sortArray requires 'sortBy' to be specified")
        }
        let input = try compiler.compile(inputSpec)
        var keys: [(path: FieldPath?, descending: Bool)] = []
        func direction(_ value: BSONValue) throws(ExpressionError) -> Bool {
            guard value.isNumber, let number = value.int64Value ?? (value.isDecimal ? 0 : nil),
                number == 1 || number == -1
            else {
                throw ExpressionError(
                    code: 15975, "$sort key ordering must be 1 (for ascending) or -1 (for descending)")
            }
            return number == -1
        }
        switch sortSpec {
        case .document(let document):
            guard !document.isEmpty else {
                throw ExpressionError(code: 15976, "$sort stage must have at least one sort key")
            }
            for (key, order) in document.elements { keys.append((try FieldPath(Substring(key)), try direction(order))) }
        default:
            keys.append((nil, try direction(sortSpec)))
        }
        let sortKeys = keys
        return OperatorSupport.operation("$sortArray", [input]) { context throws(ExpressionError) in
            let inputValue = try input.evaluate(&context)
            if inputValue.isNullish { return .null }
            guard case .array(let elements)? = inputValue else {
                throw ExpressionError(
                    code: 2_942_504,
                    "The input argument to $sortArray must be an array, but was of type: \(OperatorSupport.typeName(inputValue))"
                )
            }
            let sorted = elements.enumerated().sorted { left, right in
                for key in sortKeys {
                    let a = key.path.map { $0.lookup(in: left.element) } ?? left.element
                    let b = key.path.map { $0.lookup(in: right.element) } ?? right.element
                    let order = BSONOrder.compare(a, b)
                    if order != 0 { return key.descending ? order > 0 : order < 0 }
                }
                return left.offset < right.offset
            }
            return .array(sorted.map(\.element))
        }
    }

    // MARK: Sets

    static let setCompilers: [String: OperatorCompiler] = [
        "$setUnion": { value, compiler throws(ExpressionError) in
            let arguments = try compiler.compileArguments(value)
            return OperatorSupport.operation("$setUnion", arguments) { context throws(ExpressionError) in
                var all: [BSONValue] = []
                for argument in arguments {
                    let part = try argument.evaluate(&context)
                    if part.isNullish { return .null }
                    all.append(
                        contentsOf: try setOperand(
                            part, "All operands of $setUnion must be arrays. One argument is of type: ", 17043))
                }
                return .array(sortedSet(all))
            }
        },
        "$setIntersection": { value, compiler throws(ExpressionError) in
            let arguments = try compiler.compileArguments(value)
            return OperatorSupport.operation("$setIntersection", arguments) { context throws(ExpressionError) in
                var current: [BSONValue]?
                for argument in arguments {
                    let part = try argument.evaluate(&context)
                    if part.isNullish { return .null }
                    let elements = try setOperand(
                        part, "All operands of $setIntersection must be arrays. One argument is of type: ", 17047)
                    current = (current ?? elements).filter { candidate in
                        elements.contains { BSONOrder.equal($0, candidate) }
                    }
                }
                return .array(sortedSet(current ?? []))
            }
        },
        "$setDifference": binary("$setDifference") { left, right throws(ExpressionError) in
            if left.isNullish || right.isNullish { return .null }
            let first = try setOperand(
                left, "both operands of $setDifference must be arrays. First argument is of type: ", 17048)
            let second = try setOperand(
                right, "both operands of $setDifference must be arrays. Second argument is of type: ", 17049)
            var result: [BSONValue] = []
            for element in first
            where !second.contains(where: { BSONOrder.equal($0, element) })
                && !result.contains(where: { BSONOrder.equal($0, element) })
            {
                result.append(element)
            }
            return .array(result)
        },
        "$setEquals": { value, compiler throws(ExpressionError) in
            let arguments = try compiler.compileArguments(value)
            guard arguments.count >= 2 else {
                throw ExpressionError(code: 17045, "$setEquals needs at least two arguments had: \(arguments.count)")
            }
            return OperatorSupport.operation("$setEquals", arguments) { context throws(ExpressionError) in
                var reference: [BSONValue]?
                for argument in arguments {
                    let part = try argument.evaluate(&context)
                    let elements = sortedSet(
                        try setOperand(
                            part, "All operands of $setEquals must be arrays. One argument is of type: ", 17044))
                    if let reference {
                        guard reference.count == elements.count,
                            zip(reference, elements).allSatisfy({ BSONOrder.equal($0, $1) })
                        else { return .bool(false) }
                    } else {
                        reference = elements
                    }
                }
                return .bool(true)
            }
        },
    ]

    private static func setOperand(_ value: BSONValue?, _ message: String, _ code: Int) throws(ExpressionError)
        -> [BSONValue]
    {
        guard case .array(let elements)? = value else {
            throw ExpressionError(code: code, message + OperatorSupport.typeName(value))
        }
        return elements
    }

    /// Distinct values in MongoDB's order (the server's sets are ordered).
    private static func sortedSet(_ values: [BSONValue]) -> [BSONValue] {
        let sorted = values.sorted { BSONOrder.compare($0, $1) < 0 }
        var result: [BSONValue] = []
        for value in sorted where result.last.map({ !BSONOrder.equal($0, value) }) ?? true { result.append(value) }
        return result
    }
}
