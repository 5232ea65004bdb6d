import BSONCore

/// What the engine needs to know about the processor a pipeline runs in.
package struct ProcessorOptions: Sendable {
    /// The processor's name (`processorName` in DLQ entries).
    package var name: String
    /// The workspace's name (`instanceName` in DLQ entries).
    package var instanceName: String
    /// The DLQ collection, if configured (`{connectionName, db, coll}`); DLQ entries are produced either way.
    package var deadLetterQueue: DeadLetterQueueTarget?
    /// `sp.process` (ephemeral): the pipeline may end without a sink (§1 rule 3).
    package var isEphemeral: Bool
    /// Connection names to their types (`kafka`, `atlas`/`Cluster`, `sample_solar`, …), for validation.
    package var connectionTypes: [String: String]

    /// Options from their parts.
    package init(
        name: String, instanceName: String = "local", deadLetterQueue: DeadLetterQueueTarget? = nil,
        isEphemeral: Bool = false, connectionTypes: [String: String] = [:]
    ) {
        self.name = name
        self.instanceName = instanceName
        self.deadLetterQueue = deadLetterQueue
        self.isEphemeral = isEphemeral
        self.connectionTypes = connectionTypes
    }
}

/// A DLQ collection (§6): all three fields are required.
package struct DeadLetterQueueTarget: Sendable, Equatable {
    /// An Atlas (cluster) connection's name.
    package var connectionName: String
    /// The database.
    package var db: String
    /// The collection.
    package var coll: String

    /// A target from its parts.
    package init(connectionName: String, db: String, coll: String) {
        self.connectionName = connectionName
        self.db = db
        self.coll = coll
    }
}
