import BSONCore

/// Where a pipeline's output goes, parsed from its last stage (§5).
package enum SinkSpec: Sendable {
    /// No sink: `sp.process` shows each document (§5.3).
    case none
    /// `$merge` into MongoDB through a cluster connection (§5.1).
    case merge(MergeSpec)
    /// `$emit` to the built-in `__testLog` sink (§5.2a).
    case testLog
    /// `$emit` to Kafka or a time-series collection (§5.2): the stage's spec, for the Kafka issue.
    case emit(BSONDocument)
}

/// A `$merge` stage (§5.1), with `db`/`coll` either literal or compiled expressions.
package struct MergeSpec: Sendable {
    /// The cluster connection's name (`into.connectionName`).
    package var connectionName: String
    /// The database: a literal name or an expression evaluated per document.
    package var db: NamespacePart
    /// The collection: a literal name or an expression evaluated per document.
    package var coll: NamespacePart
    /// The `on` fields; `["_id"]` by default.
    package var on: [String]
    /// `whenMatched`: `merge` (default), `replace`, `keepExisting`, or a pipeline of update stages.
    package var whenMatched: WhenMatched
    /// `whenNotMatched`: `insert` (default) or `discard`.
    package var insertWhenNotMatched: Bool
    /// `let` variables for a `whenMatched` pipeline, as written.
    package var letVariables: BSONDocument?
    /// `parallelism` (1 to 16); writes keep document order per key either way.
    package var parallelism: Int

    /// A spec from its parts.
    package init(
        connectionName: String, db: NamespacePart, coll: NamespacePart, on: [String] = ["_id"],
        whenMatched: WhenMatched = .merge, insertWhenNotMatched: Bool = true, letVariables: BSONDocument? = nil,
        parallelism: Int = 1
    ) {
        self.connectionName = connectionName
        self.db = db
        self.coll = coll
        self.on = on
        self.whenMatched = whenMatched
        self.insertWhenNotMatched = insertWhenNotMatched
        self.letVariables = letVariables
        self.parallelism = parallelism
    }

    /// `$merge.whenMatched`.
    package enum WhenMatched: Sendable {
        /// Later fields overwrite same-named fields of the matching document.
        case merge
        /// The new document replaces the matching one.
        case replace
        /// The matching document stays as it is.
        case keepExisting
        /// An update pipeline (`$$new` is the incoming document).
        case pipeline([BSONDocument])
    }

    /// A database or collection name: fixed, or evaluated per document (§5.1 dynamic names).
    package enum NamespacePart: Sendable {
        /// A literal name.
        case literal(String)
        /// An expression that must evaluate to a string.
        case expression(Expression)
    }
}

/// One document ready for the sink, with the namespace its `$merge` resolved to.
package struct OutputDocument: Sendable {
    /// The final document, `_ts` and `_stream_meta` materialised as §2.3 says.
    package var document: BSONDocument
    /// The `(db, coll)` for `$merge`, after dynamic names were evaluated; `nil` for other sinks.
    package var namespace: (db: String, coll: String)?
    /// The stream metadata at the sink, for DLQ entries the sink itself writes (write failures, §5.1).
    package var metadata: StreamMetadata
    /// For window outputs: `{processor, start, end, key}` naming this output uniquely and stably, so the sink can
    /// give a document without `_id` the same `_id` when a replay produces it again. `nil` for other outputs.
    package var replayKey: BSONDocument?

    /// An output document from its parts.
    package init(
        document: BSONDocument, namespace: (db: String, coll: String)? = nil, metadata: StreamMetadata,
        replayKey: BSONDocument? = nil
    ) {
        self.document = document
        self.namespace = namespace
        self.metadata = metadata
        self.replayKey = replayKey
    }
}

/// What one step of the engine produced: documents for the sink and DLQ entries (§6), in order.
package struct EngineOutput: Sendable {
    /// Documents for the sink.
    package var documents: [OutputDocument] = []
    /// Complete DLQ entries (§6 shape, without `_id`, which the insert assigns).
    package var deadLetters: [BSONDocument] = []

    /// Nothing.
    package init() {}

    /// Appends another step's output.
    package mutating func append(_ other: EngineOutput) {
        documents.append(contentsOf: other.documents)
        deadLetters.append(contentsOf: other.deadLetters)
    }
}
