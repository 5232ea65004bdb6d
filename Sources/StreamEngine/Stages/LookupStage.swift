import BSONCore

/// `$lookup` and `$cachedLookup` (§4.3, `LookUpOperator`): a left outer join against the collection
/// `from: {connectionName, db, coll}` names, through `EngineServices.lookup`. `localField`/`foreignField` become
/// a `$match` on the foreign side; `let`/`pipeline` run the pipeline with the `let` values substituted as
/// literals (the resolver takes no variables); a nested `$lookup` inside `pipeline` keeps its plain
/// `from: "<coll>"` and runs on the same connection and database. A failed query sends the document to the DLQ.
///
/// `$cachedLookup`'s `ttl` and `maxMemUsageBytes` are accepted and ignored: the local engine queries every time,
/// which gives the same results as a cache that never serves stale entries.
package final class LookupStage: Stage {
    /// `LookUpOperator` (also for `$cachedLookup`; the spec names no other operator for it, §4).
    package let operatorName = "LookUpOperator"
    private let connectionName: String
    private let db: String
    private let coll: String
    private let localField: FieldPath?
    private let foreignField: String?
    private let letVariables: [(name: String, value: Expression)]
    private let pipeline: [BSONDocument]
    private let asPath: FieldPath
    private let resolver: any LookupResolver

    /// Compiles the stage named `stageName` (`$lookup` or `$cachedLookup`); code 420 when no resolver is
    /// available (the runtime has no MongoDB connection for lookups).
    package init(stageName: String, spec: BSONValue, services: EngineServices) throws(StreamEngineError) {
        guard case .document(let document) = spec else {
            throw .invalid("the \(stageName) specification must be an Object, but found \(spec.typeName)")
        }
        let cached = stageName == "$cachedLookup"
        let allowed: Set<String> =
            cached
            ? ["from", "localField", "foreignField", "as", "ttl", "maxMemUsageBytes"]
            : ["from", "localField", "foreignField", "as", "let", "pipeline"]
        for (key, _) in document.elements where !allowed.contains(key) {
            throw .invalid("unknown argument to \(stageName): \(key)")
        }
        guard case .document(let from) = document["from"] else {
            throw .invalid("\(stageName).from must be an object {connectionName, db, coll}")
        }
        var parts: [String] = []
        for field in ["connectionName", "db", "coll"] {
            guard case .string(let text) = from[field], !text.isEmpty else {
                throw .invalid("\(stageName).from.\(field) must be a non-empty string")
            }
            parts.append(text)
        }
        for (key, _) in from.elements where !["connectionName", "db", "coll"].contains(key) {
            throw .invalid("BSON field '\(stageName).from.\(key)' is an unknown field.")
        }
        (connectionName, db, coll) = (parts[0], parts[1], parts[2])
        guard case .string(let asName) = document["as"] else {
            throw .invalid("\(stageName) requires 'as' to be a string")
        }
        var compiler = ExpressionCompiler()
        do throws(ExpressionError) {
            asPath = try FieldPath(Substring(asName))
            switch (document["localField"], document["foreignField"]) {
            case (nil, nil):
                localField = nil
                foreignField = nil
            case (.string(let local)?, .string(let foreign)?):
                localField = try FieldPath(Substring(local))
                foreignField = foreign
            default:
                throw ExpressionError(
                    "\(stageName) requires both or neither of 'localField' and 'foreignField' as strings")
            }
            var variables: [(name: String, value: Expression)] = []
            if let value = document["let"] {
                guard case .document(let definitions) = value else {
                    throw ExpressionError("\(stageName) argument 'let' must be an object, is type \(value.typeName)")
                }
                for (name, definition) in definitions.elements {
                    variables.append((name, try compiler.compile(definition)))
                }
            }
            letVariables = variables
            var stages: [BSONDocument] = []
            if let value = document["pipeline"] {
                guard case .array(let elements) = value else {
                    throw ExpressionError(
                        "\(stageName) argument 'pipeline' must be an array, is type \(value.typeName)")
                }
                for element in elements {
                    guard case .document(let stage) = element else {
                        throw ExpressionError("\(stageName) argument 'pipeline' must be an array of objects")
                    }
                    stages.append(stage)
                }
            } else if localField == nil {
                throw ExpressionError("\(stageName) requires either 'pipeline' or both 'localField' and 'foreignField'")
            }
            pipeline = stages
        } catch {
            throw .invalid(error.message)
        }
        guard let resolver = services.lookup else {
            throw .invalid(
                "\(stageName) needs a MongoDB connection for '\(connectionName)', and none is available to this processor"
            )
        }
        self.resolver = resolver
    }

    /// Emits the record with the joined documents at `as`; a failed query throws (DLQ).
    package func process(
        _ record: StreamRecord, _ environment: StageEnvironment, emit: (StreamRecord) -> Void
    ) throws(ExpressionError) {
        var query: [BSONDocument] = []
        if let localField, let foreignField {
            let local = localField.lookup(in: record.document)
            let condition: BSONDocument =
                if case .array(let values) = local {
                    ["$in": .array(values)]
                } else {
                    ["$eq": local ?? .null]
                }
            query.append(["$match": .document([foreignField: .document(condition)])])
        }
        if letVariables.isEmpty {
            query.append(contentsOf: pipeline)
        } else {
            var context = environment.context(for: record)
            var values: [String: BSONValue] = [:]
            for (name, expression) in letVariables { values[name] = try expression.evaluate(&context) ?? .null }
            for stage in pipeline {
                if case .document(let substituted) = Self.substitute(.document(stage), values) {
                    query.append(substituted)
                }
            }
        }
        let joined: [BSONDocument]
        do {
            joined = try resolver.aggregate(connectionName: connectionName, db: db, coll: coll, pipeline: query)
        } catch {
            throw ExpressionError(String(describing: error))
        }
        var result = record
        DocumentPath.set(.array(joined.map { .document($0) }), at: asPath, in: &result.document)
        emit(result)
    }

    /// Replaces `"$$name"` and `"$$name.path"` strings with `{$literal: value}` for the `let` variables.
    static func substitute(_ value: BSONValue, _ variables: [String: BSONValue]) -> BSONValue {
        switch value {
        case .string(let text) where text.hasPrefix("$$"):
            let reference = text.dropFirst(2)
            let name = reference.prefix { $0 != "." }
            guard let bound = variables[String(name)] else { return value }
            var resolved: BSONValue? = bound
            if name.endIndex < reference.endIndex {
                let rest = reference[reference.index(after: name.endIndex)...]
                resolved = FieldPath(components: rest.split(separator: ".").map(String.init)).lookup(in: bound)
            }
            return .document(["$literal": resolved ?? .null])
        case .document(let document):
            if document.count == 1, document.elements[0].key == "$literal" { return value }
            return .document(BSONDocument(document.elements.map { ($0.key, substitute($0.value, variables)) }))
        case .array(let elements):
            return .array(elements.map { substitute($0, variables) })
        default:
            return value
        }
    }
}
