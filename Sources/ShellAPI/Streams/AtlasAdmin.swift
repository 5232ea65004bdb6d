import BSONCore

/// The Atlas Admin API's stream-processing operations as the shell needs them: the seam between `sp` (ShellAPI)
/// and the HTTP client (AtlasClient, adapted by the executable). One instance talks to one workspace of one
/// project, on Atlas or on a local `spsh serve`. Bodies are the API's JSON objects as BSON documents (the
/// adapter converts with Extended JSON). Errors are thrown as the adapter's error type, which conforms to
/// `ServerErrorDescribing` and `JSErrorConvertible`. Not thread-safe: use from one task.
package protocol AtlasAdmin: AnyObject {
    /// Where requests go, for messages: `local workspace http://127.0.0.1:9443 (workspace 'local')` or
    /// `Atlas project 64f… workspace 'prod'`.
    var targetDescription: String { get }

    /// Every processor (all pages), as `GET …/processors` returns them, stats included.
    func listProcessors() throws -> [BSONDocument]
    /// One processor; with `includeStats`, its `stats` too.
    func getProcessor(name: String, includeStats: Bool) throws -> BSONDocument
    /// Creates a processor from its pipeline and options (`dlq`, …); returns it as the API does.
    func createProcessor(name: String, pipeline: [BSONValue], options: BSONDocument?) throws -> BSONDocument
    /// Changes a stopped processor's pipeline and/or options; returns it.
    func modifyProcessor(name: String, pipeline: [BSONValue]?, options: BSONDocument?) throws -> BSONDocument
    /// Starts a processor (`options` for `:startWith`, e.g. `startAtOperationTime`).
    func startProcessor(name: String, options: BSONDocument?) throws
    /// Stops a started processor.
    func stopProcessor(name: String) throws
    /// Deletes a processor.
    func deleteProcessor(name: String) throws
    /// What a started processor produced since the last call (outputs, and DLQ entries as `{_dlqMessage}`),
    /// and its state; only `spsh serve` offers this (Atlas samples over the mongosh wire protocol).
    func sampleProcessor(name: String) throws -> (state: String, documents: [BSONDocument])

    /// Every connection in the workspace's registry (all pages).
    func listConnections() throws -> [BSONDocument]
    /// One connection.
    func getConnection(name: String) throws -> BSONDocument
    /// Creates a connection (`{name, type: 'Kafka' | 'Cluster' | 'Sample' | 'Https', …}`); returns it.
    func createConnection(_ connection: BSONDocument) throws -> BSONDocument
    /// Replaces a connection's settings; returns it.
    func updateConnection(name: String, _ connection: BSONDocument) throws -> BSONDocument
    /// Deletes a connection.
    func deleteConnection(name: String) throws
}
