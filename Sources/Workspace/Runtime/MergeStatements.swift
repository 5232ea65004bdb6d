import BSONCore
import StreamEngine

/// Turns one output document into the `update` statements that give the server's `$merge` result (§5.1), as
/// ASP's MergeOperator does: `q` is the `on` fields' values, `u` the document (`replace`), `{$set: doc}`
/// (`merge`) or `{$setOnInsert: doc}` (`keepExisting`), and `upsert` is `whenNotMatched: "insert"`.
///
/// A `whenMatched` pipeline becomes two statements: the pipeline without upsert (applied only to a matching
/// document), then `{$setOnInsert: doc}` with upsert when `whenNotMatched` is `insert` (the server's `$merge`
/// inserts the incoming document itself, not the pipeline's result on an empty one). `$$new` and the `let`
/// variables are bound by replacing each `"$$name…"` reference in the pipeline with a `$literal` of its value:
/// the update command's per-statement constants (`c`), which mongod's `$merge` uses, are not supported by
/// SecantusDB (reference/secantusdb.md), and the literal form gives the same result on both. Known limit: a
/// `$let`/`$map`/`$filter`/`$reduce` inside the pipeline that rebinds one of these names is not honoured.
struct MergeStatements {
    /// A document that cannot be written; the reason is the complete DLQ `errInfo.reason`.
    struct Failure: Error {
        /// `errInfo.reason`.
        var reason: String
    }

    private let on: [String]
    private let onPaths: [FieldPath]
    private let onIncludesID: Bool
    private let whenMatched: MergeSpec.WhenMatched
    private let upsert: Bool
    private let letVariables: [(name: String, value: Expression)]

    /// The statement builder for `spec`; a `let` variable that does not compile is a 420 error.
    init(_ spec: MergeSpec) throws(StreamEngineError) {
        on = spec.on
        var paths: [FieldPath] = []
        for field in spec.on {
            do { paths.append(try FieldPath(Substring(field))) } catch {
                throw .invalid("Invalid $merge.on field '\(field)': \(error.message)")
            }
        }
        onPaths = paths
        onIncludesID = spec.on.contains("_id")
        whenMatched = spec.whenMatched
        upsert = spec.insertWhenNotMatched
        var compiled: [(name: String, value: Expression)] = []
        if case .pipeline = spec.whenMatched, let variables = spec.letVariables {
            for (name, value) in variables.elements {
                var compiler = ExpressionCompiler()
                do { compiled.append((name, try compiler.compile(value))) } catch {
                    throw .invalid("Invalid $merge.let variable '\(name)': \(error.message)")
                }
            }
        }
        letVariables = compiled
    }

    /// Whether the `on` fields need a unique index in the target collection (anything but `_id` alone).
    var needsUniqueIndex: Bool { on != ["_id"] }

    /// The `on` fields, for messages and the index check.
    var onFields: [String] { on }

    /// The statements for `output`, in order; throws `Failure` when an `on` field is missing, null or an array,
    /// or a `let` variable cannot be evaluated.
    func statements(for output: OutputDocument) throws(Failure) -> [BSONDocument] {
        var document = output.document
        if onIncludesID, document["_id"] == nil {
            let id = output.replayKey.map(StableObjectID.make(for:)) ?? BSONObjectID.generate()
            document = BSONDocument([(key: "_id", value: .objectID(id))] + document.elements)
        }
        var query = BSONDocument()
        for (field, path) in zip(on, onPaths) {
            switch path.lookup(in: document) {
            case nil, .null?, .undefined?:
                throw Failure(
                    reason: Self.reason(51132, "'on' field '\(field)' cannot be missing, null, undefined or an array"))
            case .array?:
                throw Failure(reason: Self.reason(51185, "'on' field '\(field)' is an array"))
            case let value?:
                query.append(field, value)
            }
        }
        switch whenMatched {
        case .merge:
            return [Self.statement(query, .document(["$set": .document(document)]), upsert: upsert)]
        case .replace:
            return [Self.statement(query, .document(document), upsert: upsert)]
        case .keepExisting:
            return [Self.statement(query, .document(["$setOnInsert": .document(document)]), upsert: upsert)]
        case .pipeline(let stages):
            var variables: [String: BSONValue] = ["new": .document(document)]
            var context = EvaluationContext(root: output.document, metadata: output.metadata)
            for (name, expression) in letVariables {
                do { variables[name] = try expression.evaluate(&context) ?? .undefined } catch {
                    throw Failure(
                        reason: "Failed to process input document in MergeOperator with error: \(error.message)")
                }
            }
            let bound = stages.map { Self.bind(.document($0), variables) }
            var result = [Self.statement(query, .array(bound), upsert: false)]
            if upsert {
                result.append(Self.statement(query, .document(["$setOnInsert": .document(document)]), upsert: true))
            }
            return result
        }
    }

    /// `{q, u, upsert, multi: false}`.
    private static func statement(_ query: BSONDocument, _ update: BSONValue, upsert: Bool) -> BSONDocument {
        BSONDocument([("q", .document(query)), ("u", update), ("upsert", .bool(upsert)), ("multi", .bool(false))])
    }

    /// ASP's reason for a document the writer rejects before sending it (MergeOperator, newer form).
    private static func reason(_ code: Int, _ message: String) -> String {
        "Failed to process input document in MergeOperator with error: code = Location\(code), "
            + "reason = $merge write error: \(message)"
    }

    /// `value` with each `"$$name"` / `"$$name.path"` whose name is in `variables` replaced by
    /// `{$literal: value}` (or `"$$REMOVE"` when the path is missing); `$literal` contents stay as written.
    static func bind(_ value: BSONValue, _ variables: [String: BSONValue]) -> BSONValue {
        switch value {
        case .string(let text) where text.hasPrefix("$$"):
            let reference = text.dropFirst(2)
            let parts = reference.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts.first, let bound = variables[String(name)] else { return value }
            var resolved: BSONValue? = bound
            if parts.count == 2 {
                resolved = FieldPath(components: parts[1].split(separator: ".").map(String.init)).lookup(in: bound)
            }
            if case .undefined? = resolved { resolved = nil }
            guard let resolved else { return .string("$$REMOVE") }
            return .document(["$literal": resolved])
        case .document(let document):
            if document.count == 1, document.keys.first == "$literal" { return value }
            return .document(BSONDocument(document.elements.map { ($0.key, bind($0.value, variables)) }))
        case .array(let elements):
            return .array(elements.map { bind($0, variables) })
        default:
            return value
        }
    }
}

/// The `_id` a window output without one gets, derived from its replay key (§8): the same window and key give
/// the same `_id` after a restart, so a replayed window overwrites itself instead of being inserted twice.
///
/// ObjectId-shaped: 4 bytes of the window start in seconds (big-endian, so `_id` order follows window order, as
/// a real ObjectId's time would) and 8 bytes of a 64-bit FNV-1a hash of the key's canonical Extended JSON.
enum StableObjectID {
    /// The `_id` for `replayKey` (`{processor, start, end, key}`).
    static func make(for replayKey: BSONDocument) -> BSONObjectID {
        var seconds: UInt32 = 0
        if case .datetime(let start)? = replayKey["start"] {
            seconds = UInt32(truncatingIfNeeded: start / 1000)
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in ExtendedJSON.serialize(replayKey, mode: .canonical).utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(12)
        for shift in stride(from: 24, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: seconds >> UInt32(shift)))
        }
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: hash >> UInt64(shift)))
        }
        return BSONObjectID(bytes: bytes)
    }
}
