import BSONCore

/// A parsed `$source` stage (§2.1): which kind of source, and how event time is found.
package struct SourceSpec: Sendable {
    /// Which source.
    package var kind: Kind
    /// `timeField`, compiled; `nil` to use the record's or the ingest time (§2.2).
    package var timeField: Expression?
    /// Where the engine writes event time: `_ts` unless `tsFieldName` says otherwise.
    package var tsFieldName: String

    /// A spec from its parts.
    package init(kind: Kind, timeField: Expression? = nil, tsFieldName: String = "_ts") {
        self.kind = kind
        self.timeField = timeField
        self.tsFieldName = tsFieldName
    }

    /// The kinds of source.
    package enum Kind: Sendable {
        /// `documents: [...]` (already evaluated if it was an expression).
        case documents([BSONDocument])
        /// `connectionName: …` with the rest of the stage (topic, db, coll, config); the runtime resolves the
        /// connection's type (Kafka, cluster change stream, sample).
        case connection(name: String, options: BSONDocument)
        /// `path: …`: the spsh file source for backtests (bounded).
        case file(path: String)
    }
}

/// The engine's seams to the outside world for stages that need it, injected by runtimes.
package struct EngineServices: Sendable {
    /// Wall-clock time.
    package var clock: any EngineClock
    /// `$lookup` against a MongoDB collection; `nil` makes `$lookup` fail at start.
    package var lookup: (any LookupResolver)?

    /// Services from their parts.
    package init(clock: any EngineClock, lookup: (any LookupResolver)? = nil) {
        self.clock = clock
        self.lookup = lookup
    }
}

/// Runs the query behind one `$lookup` (§4.3) against the collection a connection names.
package protocol LookupResolver: Sendable {
    /// The documents `pipeline` gives on `db.coll` through `connectionName`.
    func aggregate(connectionName: String, db: String, coll: String, pipeline: [BSONDocument]) throws -> [BSONDocument]
}
