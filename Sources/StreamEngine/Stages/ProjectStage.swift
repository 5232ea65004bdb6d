import BSONCore

/// `$project` and `$unset` (§4, `ProjectOperator`), with the server's projection rules: an inclusion projection
/// keeps the listed fields in input order plus `_id` (unless `_id: 0`), then adds computed fields in spec
/// order; an exclusion projection removes the listed fields. Mixing the two (other than `_id`) is an error.
package final class ProjectStage: Stage {
    /// `ProjectOperator`.
    package let operatorName = "ProjectOperator"
    private let nodes: [ProjectionNode]
    private let isInclusion: Bool
    private let expressions: [Expression]
    private var scratch: [BSONValue?] = []

    /// Compiles `{$project: spec}`.
    package init(projectSpec spec: BSONValue) throws(StreamEngineError) {
        guard case .document(let document) = spec else {
            throw .invalid("$project specification must be an object")
        }
        var parser = ProjectionParser()
        try parser.parse(document)
        nodes = parser.rootNodes()
        isInclusion = parser.mode != .exclusion
        expressions = parser.expressions
    }

    /// Compiles `{$unset: "a"}` or `{$unset: ["a", "b.c"]}` as an exclusion projection.
    package init(unsetSpec spec: BSONValue) throws(StreamEngineError) {
        let names: [BSONValue]
        switch spec {
        case .string: names = [spec]
        case .array(let values):
            guard !values.isEmpty else {
                throw .invalid("$unset specification must be a string or an array with at least one field")
            }
            names = values
        default: throw .invalid("$unset specification must be a string or an array")
        }
        var parser = ProjectionParser()
        var document = BSONDocument()
        for name in names {
            guard case .string(let text) = name else {
                throw .invalid("$unset specification must be a string or an array containing only string values")
            }
            document.append(text, .int32(0))
        }
        try parser.parse(document, stageName: "$unset")
        nodes = parser.rootNodes()
        isInclusion = false
        expressions = []
    }

    /// Projects `record`'s document; leaves it unchanged when an expression throws.
    package func apply(to record: inout StreamRecord, _ environment: StageEnvironment) throws(ExpressionError) {
        if isInclusion {
            scratch.removeAll(keepingCapacity: true)
            if !expressions.isEmpty {
                var context = environment.context(for: record)
                for expression in expressions { scratch.append(try expression.evaluate(&context)) }
            }
            var output = Self.include(nodes, record.document)
            Self.applyExpressions(nodes, scratch, to: &output)
            record.document = output
        } else {
            record.document = Self.exclude(nodes, record.document)
        }
    }

    /// Emits the projected record.
    package func process(
        _ record: StreamRecord, _ environment: StageEnvironment, emit: (StreamRecord) -> Void
    ) throws(ExpressionError) {
        var record = record
        try apply(to: &record, environment)
        emit(record)
    }

    private static func node(named key: String, in nodes: [ProjectionNode]) -> ProjectionNode? {
        for node in nodes where node.key == key { return node }
        return nil
    }

    private static func include(_ nodes: [ProjectionNode], _ input: BSONDocument) -> BSONDocument {
        var output = BSONDocument()
        for (key, value) in input.elements {
            guard let node = node(named: key, in: nodes) else { continue }
            switch node.kind {
            case .include: output.append(key, value)
            case .nested(let children):
                if let projected = includeValue(children, value) { output.append(key, projected) }
            case .exclude, .computed: continue
            }
        }
        return output
    }

    private static func includeValue(_ nodes: [ProjectionNode], _ value: BSONValue) -> BSONValue? {
        switch value {
        case .document(let document): return .document(include(nodes, document))
        case .array(let elements): return .array(elements.compactMap { includeValue(nodes, $0) })
        default: return nil
        }
    }

    private static func applyExpressions(
        _ nodes: [ProjectionNode], _ values: [BSONValue?], to document: inout BSONDocument
    ) {
        for node in nodes {
            switch node.kind {
            case .computed(let index):
                document[node.key] = values[index]
            case .nested(let children) where node.hasComputed:
                let existing = document[node.key]
                document[node.key] = withExpressions(children, values, existing)
            default: continue
            }
        }
    }

    private static func withExpressions(_ nodes: [ProjectionNode], _ values: [BSONValue?], _ value: BSONValue?)
        -> BSONValue
    {
        switch value {
        case .document(var document):
            applyExpressions(nodes, values, to: &document)
            return .document(document)
        case .array(let elements):
            return .array(elements.map { withExpressions(nodes, values, $0) })
        default:
            var fresh = BSONDocument()
            applyExpressions(nodes, values, to: &fresh)
            return .document(fresh)
        }
    }

    private static func exclude(_ nodes: [ProjectionNode], _ input: BSONDocument) -> BSONDocument {
        var output = BSONDocument()
        for (key, value) in input.elements {
            guard let node = node(named: key, in: nodes) else {
                output.append(key, value)
                continue
            }
            switch node.kind {
            case .exclude: continue
            case .nested(let children): output.append(key, excludeValue(children, value))
            case .include, .computed: output.append(key, value)
            }
        }
        return output
    }

    private static func excludeValue(_ nodes: [ProjectionNode], _ value: BSONValue) -> BSONValue {
        switch value {
        case .document(let document): return .document(exclude(nodes, document))
        case .array(let elements): return .array(elements.map { excludeValue(nodes, $0) })
        default: return value
        }
    }
}

/// One field of a projection: included, excluded, computed, or a sub-projection.
struct ProjectionNode {
    /// What the projection does with the field.
    enum Kind {
        /// `a: 1` / `a: true`.
        case include
        /// `a: 0` / `a: false`.
        case exclude
        /// `a: <expression>`: the index of its compiled expression.
        case computed(index: Int)
        /// `a: {b: …}` or `"a.b"`: a sub-projection.
        case nested([ProjectionNode])
    }

    /// The field name (one path component).
    var key: String
    /// What happens to it.
    var kind: Kind

    /// Whether this node or one below it computes a value.
    var hasComputed: Bool {
        switch kind {
        case .computed: true
        case .nested(let children): children.contains(where: \.hasComputed)
        case .include, .exclude: false
        }
    }
}

/// Parses a projection spec into nodes, deciding inclusion or exclusion mode with the server's messages.
struct ProjectionParser {
    /// Inclusion or exclusion, decided by the first field other than `_id`.
    enum Mode { case undecided, inclusion, exclusion }

    /// The projection's mode so far.
    var mode = Mode.undecided
    /// The computed fields' expressions, indexed by `ProjectionNode.Kind.computed`.
    var expressions: [Expression] = []
    private var nodes: [ProjectionNode] = []
    private var idSpecified = false
    private var compiler = ExpressionCompiler()
    private var stageName = "$project"

    /// The top-level nodes, with `_id` included first in inclusion mode unless the spec said otherwise.
    func rootNodes() -> [ProjectionNode] {
        if mode != .exclusion && !idSpecified { return [ProjectionNode(key: "_id", kind: .include)] + nodes }
        return nodes
    }

    /// Parses `document` (the spec of `stageName`), with the server's messages prefixed `Invalid <stage> :: caused by ::`.
    mutating func parse(_ document: BSONDocument, stageName: String = "$project") throws(StreamEngineError) {
        self.stageName = stageName
        guard !document.isEmpty else { throw invalid("projection specification must have at least one field") }
        for (key, value) in document.elements {
            let path = try fieldPath(key)
            if path.components == ["_id"] { idSpecified = true }
            var top = nodes
            nodes = []
            try insert(value, path: path.components[...], fullPath: key, into: &top)
            nodes = top
        }
        // `{_id: 0}` alone is an exclusion; `{_id: 1}` alone an inclusion of `_id` only.
        if mode == .undecided, let id = nodes.first(where: { $0.key == "_id" }) {
            if case .exclude = id.kind { mode = .exclusion } else { mode = .inclusion }
        }
    }

    private mutating func insert(
        _ value: BSONValue, path: ArraySlice<String>, fullPath: String, into nodes: inout [ProjectionNode]
    ) throws(StreamEngineError) {
        let key = path[path.startIndex]
        let index = nodes.firstIndex { $0.key == key }
        let isSubProjection: Bool
        if case .document(let sub) = value, !(sub.elements.first?.key.hasPrefix("$") ?? false) {
            guard !sub.isEmpty else {
                throw invalid("An empty sub-projection is not a valid value. Found empty object at path")
            }
            isSubProjection = true
        } else {
            isSubProjection = false
        }
        if path.count > 1 || isSubProjection {
            var children: [ProjectionNode] = []
            if let index {
                guard case .nested(let current) = nodes[index].kind else {
                    throw invalid("Path collision at \(fullPath)")
                }
                children = current
            }
            if path.count > 1 {
                try insert(value, path: path.dropFirst(), fullPath: fullPath, into: &children)
            } else if case .document(let sub) = value {
                for (subKey, subValue) in sub.elements {
                    let subPath = try fieldPath(subKey)
                    try insert(
                        subValue, path: subPath.components[...], fullPath: fullPath + "." + subKey, into: &children)
                }
            }
            let node = ProjectionNode(key: key, kind: .nested(children))
            if let index { nodes[index] = node } else { nodes.append(node) }
            return
        }
        guard index == nil else { throw invalid("Path collision at \(fullPath)") }
        let isTopLevelID = fullPath == "_id"
        switch value {
        case .bool, .int32, .int64, .double, .decimal128:
            let included = value.isTruthy
            if !isTopLevelID { try decide(included ? .inclusion : .exclusion, fullPath) }
            nodes.append(ProjectionNode(key: key, kind: included ? .include : .exclude))
        default:
            if stageName == "$unset" { throw invalid("Path collision at \(fullPath)") }
            try decide(.inclusion, fullPath)
            do throws(ExpressionError) {
                expressions.append(try compiler.compile(value))
            } catch {
                throw invalid(error.message)
            }
            nodes.append(ProjectionNode(key: key, kind: .computed(index: expressions.count - 1)))
        }
    }

    private mutating func decide(_ wanted: Mode, _ path: String) throws(StreamEngineError) {
        switch (mode, wanted) {
        case (.undecided, _): mode = wanted
        case (.inclusion, .exclusion): throw invalid("Cannot do exclusion on field \(path) in inclusion projection")
        case (.exclusion, .inclusion): throw invalid("Cannot do inclusion on field \(path) in exclusion projection")
        default: break
        }
    }

    private func fieldPath(_ key: String) throws(StreamEngineError) -> FieldPath {
        do throws(ExpressionError) { return try FieldPath(Substring(key)) } catch { throw invalid(error.message) }
    }

    private func invalid(_ text: String) -> StreamEngineError {
        .invalid("Invalid \(stageName) :: caused by :: \(text)")
    }
}
