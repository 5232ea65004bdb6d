import BSONCore

/// An aggregation expression compiled once from its BSON form (§11), evaluated per document.
///
/// The tree is an enum; operators compile into closures that capture their already-compiled arguments, so
/// evaluation never looks at the BSON form again. `nil` from `evaluate` means *missing*, which MongoDB keeps
/// apart from `null`.
package indirect enum Expression: Sendable {
    /// A constant (`5`, `"x"`, `{$literal: …}`, or a sub-tree folded at compile time).
    case literal(BSONValue)
    /// `"$a.b"`: a path into `$$CURRENT`.
    case fieldPath(FieldPath)
    /// `"$$name.a.b"`: a variable (`ROOT`, `CURRENT`, or one bound by `$let`/`$map`/`$filter`/`$reduce`).
    case variable(name: String, path: FieldPath?)
    /// `{a: <expr>, b: <expr>}`: an object whose values are expressions, keys in order.
    case object([(key: String, value: Expression)])
    /// `[<expr>, …]`.
    case array([Expression])
    /// `{$op: args}`: an operator, compiled into a closure over its compiled arguments.
    case operation(name: String, evaluate: OperatorFunction)
}

/// The compiled body of one operator: evaluates to a value, or `nil` for missing.
package typealias OperatorFunction = @Sendable (inout EvaluationContext) throws(ExpressionError) -> BSONValue?

/// What an expression can see while it runs: the document, variables, stream metadata and the clock.
///
/// Not thread-safe: one per evaluation, on one task.
package struct EvaluationContext {
    /// `$$ROOT`: the document the stage received.
    package var root: BSONDocument
    /// `$$CURRENT`: where bare field paths start; the root unless a stage rebinds it.
    package var current: BSONDocument {
        get { rebound ?? root }
        set { rebound = newValue }
    }
    /// `$$CURRENT` once a stage rebinds it; `nil` (the common case) means the root, so a context costs no copy.
    fileprivate var rebound: BSONDocument?
    /// Variables bound by `$let`, `$map`, `$filter`, `$reduce` and `let` options, innermost last.
    package var variables: [(name: String, value: BSONValue?)]
    /// The document's stream metadata, read by `{$meta: "stream…"}` (§2.3).
    package var metadata: StreamMetadata
    /// Wall-clock milliseconds for `{$currentDate: {}}` (injected, so tests use virtual time).
    package var now: @Sendable () -> Int64

    /// A context for one document.
    package init(
        root: BSONDocument, metadata: StreamMetadata = StreamMetadata(),
        now: @escaping @Sendable () -> Int64 = { 0 }
    ) {
        self.root = root
        self.rebound = nil
        self.variables = []
        self.metadata = metadata
        self.now = now
    }

    /// The field `key` of `$$CURRENT` (a one-part field path), or `nil` when missing.
    func topLevelField(_ key: String) -> BSONValue? {
        if let rebound { return rebound[key] }
        return root[key]
    }

    /// The innermost binding of `name`, or `nil` if unbound (`.some(nil)` is a variable bound to missing).
    package func lookup(_ name: String) -> BSONValue?? {
        for binding in variables.reversed() where binding.name == name { return .some(binding.value) }
        return nil
    }

    /// Runs `body` with `bindings` added, removing them afterwards (also when `body` throws).
    package mutating func withVariables<T>(
        _ bindings: [(name: String, value: BSONValue?)], _ body: (inout EvaluationContext) throws(ExpressionError) -> T
    ) throws(ExpressionError) -> T {
        let depth = variables.count
        variables.append(contentsOf: bindings)
        defer { variables.removeSubrange(depth...) }
        return try body(&self)
    }
}

/// A failure while evaluating or compiling an expression, with the server's code and message
/// (`can't $divide by zero`). Per-document evaluation errors send that document to the DLQ (§4, §6).
package struct ExpressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The server's error code (16608 for divide by zero), or 0 when there is none.
    package var code: Int
    /// The server's message, without any prefix.
    package var message: String

    /// An error with the server's code and message.
    package init(code: Int = 0, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    package var description: String { message }
}

extension Expression {
    /// Evaluates the expression against `context`; `nil` means missing.
    package func evaluate(_ context: inout EvaluationContext) throws(ExpressionError) -> BSONValue? {
        switch self {
        case .literal(let value):
            return value
        case .fieldPath(let path):
            if path.components.count == 1 { return context.topLevelField(path.components[0]) }
            if let rebound = context.rebound { return path.lookup(in: rebound) }
            return path.lookup(in: context.root)
        case .variable(let name, let path):
            let base: BSONValue?
            switch name {
            case "ROOT": base = .document(context.root)
            case "CURRENT": base = .document(context.current)
            case "REMOVE": base = nil
            default:
                guard let bound = context.lookup(name) else {
                    throw ExpressionError(code: 17276, "Use of undefined variable: \(name)")
                }
                base = bound
            }
            guard let path else { return base }
            return path.lookup(in: base)
        case .object(let fields):
            var document = BSONDocument()
            for (key, value) in fields {
                if let result = try value.evaluate(&context) { document.append(key, result) }
            }
            return .document(document)
        case .array(let elements):
            var values: [BSONValue] = []
            values.reserveCapacity(elements.count)
            for element in elements { values.append(try element.evaluate(&context) ?? .null) }
            return .array(values)
        case .operation(_, let evaluate):
            return try evaluate(&context)
        }
    }

    /// Whether this is a constant, so callers can fold or pre-compute.
    package var constantValue: BSONValue? {
        if case .literal(let value) = self { return value }
        return nil
    }
}
