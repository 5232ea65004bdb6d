import MongoBridge

/// The MongoDB clients one pipeline run uses, one per URI, so the `$merge` writer and the DLQ writer of a run
/// share a connection pool when their connections resolve to the same deployment.
///
/// Not thread-safe (like `MongoClient`): one run uses it from one task.
package final class MongoClientCache {
    private var clients: [String: MongoClient] = [:]

    /// An empty cache.
    package init() {}

    /// The client for `uri`, created on first use.
    package func client(for uri: String) throws(MongoError) -> MongoClient {
        if let client = clients[uri], !client.isClosed { return client }
        let client = try MongoClient(uri: uri)
        clients[uri] = client
        return client
    }

    /// Closes every client (when the run ends). Without this call, each client closes itself once the cache and
    /// the writers made from it are gone.
    package func closeAll() {
        for client in clients.values { client.close() }
        clients = [:]
    }
}
