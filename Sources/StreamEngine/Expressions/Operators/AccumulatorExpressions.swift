import BSONCore

/// The expression forms of the accumulators (server semantics): `{$sum: [a, b, …]}` or `{$sum: "$array"}` and
/// likewise `$avg`, `$min`, `$max`, `$stdDevPop`, `$stdDevSamp`; `$median`/`$percentile` over an array or a
/// value; `$firstN`/`$lastN`/`$maxN`/`$minN: {n, input: <array>}`. With one
/// argument that is an array, its elements are accumulated; with several arguments, each value is.
package enum AccumulatorExpressions {
    /// The family's operators by name.
    package static let compilers: [String: OperatorCompiler] = [
        "$sum": { argument, compiler throws(ExpressionError) in
            try variadic("$sum", argument, &compiler) { values in
                var sum = NumericSum()
                for value in values { sum.add(value) }
                return sum.result
            }
        },
        "$avg": { argument, compiler throws(ExpressionError) in
            try variadic("$avg", argument, &compiler) { values in
                var sum = NumericSum()
                for value in values { sum.add(value) }
                return sum.average
            }
        },
        "$min": { argument, compiler throws(ExpressionError) in
            try variadic("$min", argument, &compiler) { values throws(ExpressionError) in
                let state = ExtremumAccumulator(isMax: false)
                for value in values { try state.add(value) }
                return state.result
            }
        },
        "$max": { argument, compiler throws(ExpressionError) in
            try variadic("$max", argument, &compiler) { values throws(ExpressionError) in
                let state = ExtremumAccumulator(isMax: true)
                for value in values { try state.add(value) }
                return state.result
            }
        },
        "$stdDevPop": { argument, compiler throws(ExpressionError) in
            try variadic("$stdDevPop", argument, &compiler) {
                StandardDeviationAccumulator.deviation(of: $0, isSample: false)
            }
        },
        "$stdDevSamp": { argument, compiler throws(ExpressionError) in
            try variadic("$stdDevSamp", argument, &compiler) {
                StandardDeviationAccumulator.deviation(of: $0, isSample: true)
            }
        },
        "$median": { argument, compiler throws(ExpressionError) in try percentile("$median", argument, &compiler) },
        "$percentile": { argument, compiler throws(ExpressionError) in
            try percentile("$percentile", argument, &compiler)
        },
        "$firstN": { argument, compiler throws(ExpressionError) in try nForm("$firstN", argument, &compiler) },
        "$lastN": { argument, compiler throws(ExpressionError) in try nForm("$lastN", argument, &compiler) },
        "$maxN": { argument, compiler throws(ExpressionError) in try nForm("$maxN", argument, &compiler) },
        "$minN": { argument, compiler throws(ExpressionError) in try nForm("$minN", argument, &compiler) },
    ]

    /// The values a variadic accumulator expression accumulates: one array argument's elements, or every
    /// argument's value (missing values are skipped).
    private static func variadic(
        _ name: String, _ argument: BSONValue, _ compiler: inout ExpressionCompiler,
        _ reduce: @escaping @Sendable ([BSONValue?]) throws(ExpressionError) -> BSONValue
    ) throws(ExpressionError) -> Expression {
        let arguments = try compiler.compileArguments(argument)
        let single = arguments.count == 1 ? arguments[0] : nil
        return .operation(name: name) { context throws(ExpressionError) in
            if let single {
                let value = try single.evaluate(&context)
                if case .array(let elements)? = value { return try reduce(elements) }
                return try reduce([value])
            }
            var values: [BSONValue?] = []
            values.reserveCapacity(arguments.count)
            for argument in arguments { values.append(try argument.evaluate(&context)) }
            return try reduce(values)
        }
    }

    /// `{$median: {input, method}}` and `{$percentile: {input, p, method}}` over an array or a single value.
    private static func percentile(_ name: String, _ argument: BSONValue, _ compiler: inout ExpressionCompiler)
        throws(ExpressionError) -> Expression
    {
        let (input, percentiles, method) = try PercentileAccumulator.parse(name, argument, &compiler)
        return .operation(name: name) { context throws(ExpressionError) in
            let state = PercentileAccumulator(percentiles: percentiles, method: method)
            let value = try input.evaluate(&context)
            if case .array(let elements)? = value {
                for element in elements { try state.add(element) }
            } else {
                try state.add(value)
            }
            return state.result
        }
    }

    /// `{$firstN|$lastN|$maxN|$minN: {n, input: <array>}}`: null for a null or missing input.
    private static func nForm(_ name: String, _ argument: BSONValue, _ compiler: inout ExpressionCompiler)
        throws(ExpressionError) -> Expression
    {
        let (input, n) = try FirstLastNAccumulator.parseInputAndN(name, argument, &compiler)
        return .operation(name: name) { context throws(ExpressionError) in
            let elements: [BSONValue]
            switch try input.evaluate(&context) {
            case nil, .null?, .undefined?: return .null
            case .array(let values)?: elements = values
            case let other?:
                throw ExpressionError(
                    code: 5_788_200, "Input to \(name) must be an array, but found type \(other.typeName)")
            }
            let state: any AccumulatorState
            switch name {
            case "$firstN": state = FirstLastNAccumulator(n: n, isLast: false)
            case "$lastN": state = FirstLastNAccumulator(n: n, isLast: true)
            case "$maxN": state = ExtremaNAccumulator(n: n, isMax: true)
            default: state = ExtremaNAccumulator(n: n, isMax: false)
            }
            for element in elements { try state.add(element) }
            return state.result
        }
    }
}
