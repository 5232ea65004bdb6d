import BSONCore

/// `$let`, `$meta` (stream metadata only, §2.3), `$currentDate` (§11.12), `$createUUID` and `$rand`.
/// (`$literal` is handled by the compiler itself.)
enum VariableOperators {
    /// The family's operators by name.
    static let compilers: [String: OperatorCompiler] = [
        "$let": compileLet,
        "$meta": { value, _ throws(ExpressionError) in
            guard case .string(let path) = value, path == "stream" || path.hasPrefix("stream.") else {
                throw ExpressionError(code: 17308, "Unsupported argument to $meta: \(value.description)")
            }
            // The window bounds, read per document by window `$group` keys, are chosen here once rather than
            // by comparing the path per document.
            switch path {
            case "stream.window.start":
                return .operation(name: "$meta") { context throws(ExpressionError) in
                    guard let start = context.metadata.window?.start else { return nil }
                    return .datetime(start)
                }
            case "stream.window.end":
                return .operation(name: "$meta") { context throws(ExpressionError) in
                    guard let end = context.metadata.window?.end else { return nil }
                    return .datetime(end)
                }
            default:
                return .operation(name: "$meta") { context throws(ExpressionError) in
                    context.metadata.value(atMetaPath: path)
                }
            }
        },
        "$currentDate": noArguments("$currentDate") { context in .datetime(context.now()) },
        "$createUUID": noArguments("$createUUID") { _ in
            var generator = SystemRandomNumberGenerator()
            var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
            bytes[6] = (bytes[6] & 0x0F) | 0x40  // version 4
            bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
            return .binary(BSONBinary(subtype: 4, data: bytes))
        },
        "$rand": noArguments("$rand") { _ in .double(Double.random(in: 0..<1)) },
    ]

    /// An operator whose argument must be `{}`; evaluated every time (never folded).
    private static func noArguments(_ name: String, _ body: @escaping @Sendable (inout EvaluationContext) -> BSONValue)
        -> OperatorCompiler
    {
        { value, _ throws(ExpressionError) in
            guard case .document(let document) = value, document.isEmpty else {
                throw ExpressionError(
                    code: 10065, "\(name) does not accept arguments; it must be written {\(name): {}}")
            }
            return .operation(name: name) { context throws(ExpressionError) in body(&context) }
        }
    }

    private static func compileLet(_ value: BSONValue, _ compiler: inout ExpressionCompiler) throws(ExpressionError)
        -> Expression
    {
        guard case .document(let spec) = value else {
            throw ExpressionError(code: 16874, "$let only supports an object as its argument")
        }
        var varsSpec: BSONDocument?
        var inSpec: BSONValue?
        for (key, argument) in spec.elements {
            switch key {
            case "vars":
                guard case .document(let document) = argument else {
                    throw ExpressionError(code: 10065, "invalid parameter: expected an object (vars)")
                }
                varsSpec = document
            case "in": inSpec = argument
            default: throw ExpressionError(code: 16875, "Unrecognized parameter to $let: \(key)")
            }
        }
        guard let varsSpec else { throw ExpressionError(code: 16876, "Missing 'vars' parameter to $let") }
        guard let inSpec else { throw ExpressionError(code: 16877, "Missing 'in' parameter to $let") }
        var names: [String] = []
        var values: [Expression] = []
        for (name, argument) in varsSpec.elements {
            try OperatorSupport.validateVariableName(name)
            names.append(name)
            values.append(try compiler.compile(argument))
        }
        let body = try compiler.withVariables(names) { inner throws(ExpressionError) in try inner.compile(inSpec) }
        let boundNames = names
        let boundValues = values
        return .operation(name: "$let") { context throws(ExpressionError) in
            // Every value is evaluated before any of them is visible, as on the server.
            var bound: [(name: String, value: BSONValue?)] = []
            bound.reserveCapacity(boundNames.count)
            for (name, expression) in zip(boundNames, boundValues) {
                bound.append((name, try expression.evaluate(&context)))
            }
            let slot = context.variables.count
            context.variables.append(contentsOf: bound)
            defer { context.variables.removeSubrange(slot...) }
            return try body.evaluate(&context)
        }
    }
}
