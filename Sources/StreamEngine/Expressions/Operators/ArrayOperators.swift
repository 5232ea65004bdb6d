import BSONCore

/// `$size $arrayElemAt $first $last $in $slice $concatArrays $isArray $indexOfArray $reverseArray $range` and the
/// set operators; `$filter $map $reduce $zip $sortArray` are in `ArrayOperators+Iteration.swift`.
enum ArrayOperators {
    /// The family's operators by name.
    static let compilers: [String: OperatorCompiler] = iterationCompilers.merging(
        [
            "$size": unary("$size") { value throws(ExpressionError) in
                guard case .array(let elements)? = value else {
                    throw ExpressionError(
                        code: 17124,
                        "The argument to $size must be an array. Type of argument: \(OperatorSupport.typeName(value))")
                }
                return .int32(Int32(clamping: elements.count))
            },
            "$isArray": unary("$isArray") { value throws(ExpressionError) in
                if case .array? = value { return .bool(true) }
                return .bool(false)
            },
            "$first": unary("$first") { value throws(ExpressionError) in try element(value, .int32(0), "$first") },
            "$last": unary("$last") { value throws(ExpressionError) in try element(value, .int32(-1), "$last") },
            "$reverseArray": unary("$reverseArray") { value throws(ExpressionError) in
                if value.isNullish { return .null }
                guard case .array(let elements)? = value else {
                    throw ExpressionError(
                        code: 34435,
                        "The argument to $reverseArray must be an array, but was of type: "
                            + OperatorSupport.typeName(value))
                }
                return .array(elements.reversed())
            },
            "$anyElementTrue": unary("$anyElementTrue") { value throws(ExpressionError) in
                .bool(try array(value, "$anyElementTrue").contains { $0.isTruthy })
            },
            "$allElementsTrue": unary("$allElementsTrue") { value throws(ExpressionError) in
                .bool(try array(value, "$allElementsTrue").allSatisfy { $0.isTruthy })
            },
            "$arrayElemAt": binary("$arrayElemAt") { array, index throws(ExpressionError) in
                try element(array, index, "$arrayElemAt")
            },
            "$in": binary("$in") { value, list throws(ExpressionError) in
                guard case .array(let elements)? = list else {
                    throw ExpressionError(
                        code: 40081,
                        "$in requires an array as a second argument, found: \(OperatorSupport.typeName(list))")
                }
                return .bool(elements.contains { BSONOrder.equal($0, value) })
            },
            "$concatArrays": { value, compiler throws(ExpressionError) in
                let arguments = try compiler.compileArguments(value)
                return OperatorSupport.operation("$concatArrays", arguments) { context throws(ExpressionError) in
                    var result: [BSONValue] = []
                    for argument in arguments {
                        let part = try argument.evaluate(&context)
                        if part.isNullish { return .null }
                        guard case .array(let elements)? = part else {
                            throw ExpressionError(
                                code: 28664, "$concatArrays only supports arrays, not \(OperatorSupport.typeName(part))"
                            )
                        }
                        result.append(contentsOf: elements)
                    }
                    return .array(result)
                }
            },
            "$slice": compileSlice,
            "$indexOfArray": compileIndexOfArray,
            "$range": compileRange,
        ],
        uniquingKeysWith: { first, _ in first }
    ).merging(setCompilers, uniquingKeysWith: { first, _ in first })

    /// A one-argument operator over the (possibly missing) value.
    static func unary(_ name: String, _ body: @escaping @Sendable (BSONValue?) throws(ExpressionError) -> BSONValue?)
        -> OperatorCompiler
    {
        { value, compiler throws(ExpressionError) in
            let argument = try OperatorSupport.arguments(value, name, exactly: 1, &compiler)[0]
            return OperatorSupport.operation(name, [argument]) { context throws(ExpressionError) in
                try body(try argument.evaluate(&context))
            }
        }
    }

    /// A two-argument operator over the (possibly missing) values.
    static func binary(
        _ name: String, _ body: @escaping @Sendable (BSONValue?, BSONValue?) throws(ExpressionError) -> BSONValue?
    ) -> OperatorCompiler {
        { value, compiler throws(ExpressionError) in
            let arguments = try OperatorSupport.arguments(value, name, exactly: 2, &compiler)
            let (left, right) = (arguments[0], arguments[1])
            return OperatorSupport.operation(name, arguments) { context throws(ExpressionError) in
                try body(try left.evaluate(&context), try right.evaluate(&context))
            }
        }
    }

    private static func array(_ value: BSONValue?, _ name: String) throws(ExpressionError) -> [BSONValue] {
        guard case .array(let elements)? = value else {
            throw ExpressionError(
                code: 17041, "\(name)'s argument must be an array, but is \(OperatorSupport.typeName(value))")
        }
        return elements
    }

    /// `$arrayElemAt`, `$first`, `$last`: the element at `index` (negative from the end), missing when out of
    /// range, null when either is null or missing.
    private static func element(_ array: BSONValue?, _ index: BSONValue?, _ name: String) throws(ExpressionError)
        -> BSONValue?
    {
        if array.isNullish || index.isNullish { return .null }
        guard case .array(let elements)? = array else {
            let which = name == "$arrayElemAt" ? "$arrayElemAt's first argument" : "\(name)'s argument"
            throw ExpressionError(code: 28689, "\(which) must be an array, but is \(OperatorSupport.typeName(array))")
        }
        guard let index, index.isNumber else {
            throw ExpressionError(
                code: 28690,
                "$arrayElemAt's second argument must be a numeric value, but is \(OperatorSupport.typeName(index))")
        }
        guard MathOperators.isIntegral(index), let position = Int32(exactly: ArithmeticOperators.long(index)) else {
            throw ExpressionError(
                code: 28691,
                "$arrayElemAt's second argument must be representable as a 32-bit integer: \(OperatorSupport.text(index))"
            )
        }
        let resolved = position < 0 ? elements.count + Int(position) : Int(position)
        guard resolved >= 0 && resolved < elements.count else { return nil }
        return elements[resolved]
    }

    /// An Int32-representable integral value, or the error `code` with `message` + the value.
    static func int32(_ value: BSONValue, code: Int, _ message: String) throws(ExpressionError) -> Int {
        guard MathOperators.isIntegral(value), let number = Int32(exactly: ArithmeticOperators.long(value)) else {
            throw ExpressionError(code: code, message + OperatorSupport.text(value))
        }
        return Int(number)
    }

    private static func compileSlice(_ value: BSONValue, _ compiler: inout ExpressionCompiler) throws(ExpressionError)
        -> Expression
    {
        let arguments = try OperatorSupport.arguments(value, "$slice", from: 2, to: 3, &compiler)
        return OperatorSupport.operation("$slice", arguments) { context throws(ExpressionError) in
            let arrayValue = try arguments[0].evaluate(&context)
            let second = try arguments[1].evaluate(&context)
            let third = arguments.count > 2 ? try arguments[2].evaluate(&context) : nil
            if arrayValue.isNullish || second.isNullish || (arguments.count > 2 && third.isNullish) { return .null }
            guard case .array(let elements)? = arrayValue else {
                throw ExpressionError(
                    code: 28724,
                    "First argument to $slice must be an array, but is of type: \(OperatorSupport.typeName(arrayValue))"
                )
            }
            guard let second, second.isNumber else {
                throw ExpressionError(
                    code: 28725,
                    "Second argument to $slice must be a numeric value, but is of type: \(OperatorSupport.typeName(second))"
                )
            }
            let first = try int32(
                second, code: 28726, "Second argument to $slice can't be represented as a 32-bit integer: ")
            let count = elements.count
            if arguments.count == 2 {
                if first >= 0 { return .array(Array(elements.prefix(first))) }
                return .array(Array(elements.suffix(min(count, -first))))
            }
            guard let third, third.isNumber else {
                throw ExpressionError(
                    code: 28727,
                    "Third argument to $slice must be numeric, but is of type: \(OperatorSupport.typeName(third))")
            }
            let length = try int32(
                third, code: 28728, "Third argument to $slice can't be represented as a 32-bit integer: ")
            guard length > 0 else {
                throw ExpressionError(
                    code: 28729, "Third argument to $slice must be positive: \(OperatorSupport.text(third))")
            }
            let start = first >= 0 ? min(first, count) : max(0, count + first)
            return .array(Array(elements[start..<min(count, start + length)]))
        }
    }

    private static func compileIndexOfArray(_ value: BSONValue, _ compiler: inout ExpressionCompiler)
        throws(ExpressionError) -> Expression
    {
        let arguments = try OperatorSupport.arguments(value, "$indexOfArray", from: 2, to: 4, &compiler)
        return OperatorSupport.operation("$indexOfArray", arguments) { context throws(ExpressionError) in
            let arrayValue = try arguments[0].evaluate(&context)
            if arrayValue.isNullish { return .null }
            guard case .array(let elements)? = arrayValue else {
                throw ExpressionError(
                    code: 40090,
                    "$indexOfArray requires an array as a first argument, found: \(OperatorSupport.typeName(arrayValue))"
                )
            }
            let search = try arguments[1].evaluate(&context)
            var start = 0
            var end = elements.count
            for (position, which) in [(2, "starting"), (3, "ending")] where arguments.count > position {
                let bound = try arguments[position].evaluate(&context)
                guard let bound, bound.isNumber, MathOperators.isIntegral(bound) else {
                    throw ExpressionError(
                        code: 40096,
                        "$indexOfArray requires an integral \(which) index, found a value of type: "
                            + "\(OperatorSupport.typeName(bound)), with value: \(OperatorSupport.text(bound))")
                }
                let number = ArithmeticOperators.long(bound)
                guard number >= 0 else {
                    throw ExpressionError(
                        code: 40097, "$indexOfArray requires a nonnegative \(which) index, found: \(number)")
                }
                if position == 2 { start = Int(clamping: number) } else { end = min(end, Int(clamping: number)) }
            }
            var index = start
            while index < end {
                if BSONOrder.equal(elements[index], search) { return .int32(Int32(clamping: index)) }
                index += 1
            }
            return .int32(-1)
        }
    }

    private static func compileRange(_ value: BSONValue, _ compiler: inout ExpressionCompiler) throws(ExpressionError)
        -> Expression
    {
        let arguments = try OperatorSupport.arguments(value, "$range", from: 2, to: 3, &compiler)
        return OperatorSupport.operation("$range", arguments) { context throws(ExpressionError) in
            var bounds: [Int] = []
            let labels = [("starting", 34443, 34444), ("ending", 34445, 34446), ("step", 34447, 34448)]
            for (index, argument) in arguments.enumerated() {
                let (label, typeCode, sizeCode) = labels[index]
                let bound = try argument.evaluate(&context)
                guard let bound, bound.isNumber else {
                    throw ExpressionError(
                        code: typeCode,
                        "$range requires a numeric \(label) value, found value of type: \(OperatorSupport.typeName(bound))"
                    )
                }
                bounds.append(
                    try int32(
                        bound, code: sizeCode,
                        "$range requires a\(label == "ending" ? "n" : "") \(label) value that can be represented as a 32-bit integer, found value: "
                    ))
            }
            let step = bounds.count > 2 ? bounds[2] : 1
            guard step != 0 else { throw ExpressionError(code: 34449, "$range requires a non-zero step value") }
            var result: [BSONValue] = []
            var current = bounds[0]
            while step > 0 ? current < bounds[1] : current > bounds[1] {
                result.append(.int32(Int32(current)))
                current += step
            }
            return .array(result)
        }
    }
}
