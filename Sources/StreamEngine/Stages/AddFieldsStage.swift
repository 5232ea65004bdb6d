import BSONCore

/// `$addFields` and its alias `$set` (§4, `AddFieldsOperator` / `SetOperator`): computes fields from the input
/// document and sets them, replacing same-named fields in place and appending new ones. A value that evaluates
/// to missing (`$$REMOVE`) removes the field. Nested specs (`{a: {b: …}}` or `"a.b"`) set fields inside `a`,
/// and inside each document of an array `a`, as on the server.
package final class AddFieldsStage: Stage {
    /// `AddFieldsOperator` or `SetOperator`.
    package let operatorName: String
    private let nodes: [FieldNode]
    private let expressions: [Expression]
    private var scratch: [BSONValue?] = []

    /// One field of the spec: a computed value (an index into `expressions`), or fields inside a sub-document.
    private indirect enum FieldNode {
        case value(key: String, index: Int)
        case nested(key: String, children: [FieldNode])
    }

    /// Compiles `{$addFields: spec}` (`stageName` is `$addFields` or `$set`).
    package init(stageName: String, spec: BSONValue) throws(StreamEngineError) {
        operatorName = stageName == "$set" ? "SetOperator" : "AddFieldsOperator"
        guard case .document(let document) = spec else {
            throw .invalid("\(stageName) specification stage must be an object, got \(spec.typeName)")
        }
        guard !document.isEmpty else {
            throw .invalid("Invalid \(stageName) :: caused by :: specification must have at least one field")
        }
        var builder = TreeBuilder(stageName: stageName)
        nodes = try builder.build(document)
        expressions = builder.expressions
        scratch.reserveCapacity(expressions.count)
    }

    /// Sets the computed fields in `record`; leaves it unchanged when an expression throws.
    package func apply(to record: inout StreamRecord, _ environment: StageEnvironment) throws(ExpressionError) {
        if expressions.count == 1, case .value(let key, _) = nodes[0] {
            let value: BSONValue?
            do {
                var context = environment.context(for: record)
                value = try expressions[0].evaluate(&context)
            }
            record.document[key] = value
            return
        }
        scratch.removeAll(keepingCapacity: true)
        do {
            var context = environment.context(for: record)
            for expression in expressions { scratch.append(try expression.evaluate(&context)) }
        }
        Self.apply(nodes, scratch, to: &record.document)
    }

    /// Emits `record` with the fields set.
    package func process(
        _ record: StreamRecord, _ environment: StageEnvironment, emit: (StreamRecord) -> Void
    ) throws(ExpressionError) {
        var record = record
        try apply(to: &record, environment)
        emit(record)
    }

    private static func apply(_ nodes: [FieldNode], _ values: [BSONValue?], to document: inout BSONDocument) {
        for node in nodes {
            switch node {
            case .value(let key, let index):
                document[key] = values[index]
            case .nested(let key, let children):
                let existing = document[key]
                if existing != nil { document[key] = .null }  // release it so the rewrite below happens in place
                document[key] = applied(children, values, to: existing)
            }
        }
    }

    private static func applied(_ nodes: [FieldNode], _ values: [BSONValue?], to value: BSONValue?) -> BSONValue {
        switch value {
        case .document(var inner):
            apply(nodes, values, to: &inner)
            return .document(inner)
        case .array(let elements):
            return .array(elements.map { applied(nodes, values, to: $0) })
        default:
            var fresh = BSONDocument()
            apply(nodes, values, to: &fresh)
            return .document(fresh)
        }
    }

    /// Turns the spec into the node tree, compiling each expression once.
    private struct TreeBuilder {
        let stageName: String
        var expressions: [Expression] = []
        var compiler = ExpressionCompiler()

        mutating func build(_ document: BSONDocument) throws(StreamEngineError) -> [FieldNode] {
            var nodes: [FieldNode] = []
            for (key, value) in document.elements {
                let path: FieldPath
                do throws(ExpressionError) { path = try FieldPath(Substring(key)) } catch {
                    throw .invalid("Invalid \(stageName) :: caused by :: \(error.message)")
                }
                try insert(value, at: path.components[...], into: &nodes)
            }
            return nodes
        }

        private mutating func insert(_ value: BSONValue, at path: ArraySlice<String>, into nodes: inout [FieldNode])
            throws(StreamEngineError)
        {
            let key = path[path.startIndex]
            let existing = nodes.firstIndex { node in
                switch node {
                case .value(let name, _), .nested(let name, _): name == key
                }
            }
            if path.count > 1 {
                var children: [FieldNode] = []
                if let existing {
                    guard case .nested(_, let current) = nodes[existing] else { throw collision(key) }
                    children = current
                }
                try insert(value, at: path.dropFirst(), into: &children)
                if let existing {
                    nodes[existing] = .nested(key: key, children: children)
                } else {
                    nodes.append(.nested(key: key, children: children))
                }
                return
            }
            if case .document(let sub) = value, let first = sub.elements.first, !first.key.hasPrefix("$") {
                var children: [FieldNode] = []
                if let existing {
                    guard case .nested(_, let current) = nodes[existing] else { throw collision(key) }
                    children = current
                }
                for (subKey, subValue) in sub.elements {
                    let subPath: FieldPath
                    do throws(ExpressionError) { subPath = try FieldPath(Substring(subKey)) } catch {
                        throw .invalid("Invalid \(stageName) :: caused by :: \(error.message)")
                    }
                    try insert(subValue, at: subPath.components[...], into: &children)
                }
                if let existing {
                    nodes[existing] = .nested(key: key, children: children)
                } else {
                    nodes.append(.nested(key: key, children: children))
                }
                return
            }
            if existing != nil { throw collision(key) }
            do throws(ExpressionError) {
                expressions.append(try compiler.compile(value))
            } catch {
                throw .invalid("Invalid \(stageName) :: caused by :: \(error.message)")
            }
            nodes.append(.value(key: key, index: expressions.count - 1))
        }

        private func collision(_ key: String) -> StreamEngineError {
            .invalid("Invalid \(stageName) :: caused by :: Path collision at \(key)")
        }
    }
}
