import BSONCore
import MongoBridge
import StreamEngine
import Synchronization

/// `$lookup` against MongoDB (§4.3): runs the stage's pipeline as an `aggregate` on `db.coll` through the
/// cluster connection's URI and returns every document. A failure throws, so the stage sends the document to the
/// DLQ.
///
/// Keeps one client per URI; calls are serialised (libmongoc's single-threaded client), so it is safe from any
/// task.
package final class MongoLookupResolver: LookupResolver {
    private let connections: RuntimeConnections
    private let clients: Mutex<[String: MongoClient]>
    private let retry: WriteRetry

    /// A resolver for the cluster connections in `connections`.
    package init(connections: RuntimeConnections, retry: WriteRetry = WriteRetry(attempts: 3)) {
        self.connections = connections
        self.clients = Mutex([:])
        self.retry = retry
    }

    /// The documents `pipeline` gives on `db.coll`.
    package func aggregate(connectionName: String, db: String, coll: String, pipeline: [BSONDocument]) throws
        -> [BSONDocument]
    {
        let uri = try connections.mongoURI(forConnection: connectionName)
        return try clients.withLock { (clients) throws(MongoError) -> [BSONDocument] in
            let client: MongoClient
            if let existing = clients[uri], !existing.isClosed {
                client = existing
            } else {
                client = try MongoClient(uri: uri)
                clients[uri] = client
            }
            return try retry.run { () throws(MongoError) in
                let cursor = try client.aggregate(
                    database: db, collection: coll, pipeline: pipeline.map(BSONValue.document), options: BSONDocument())
                defer { cursor.close() }
                var documents: [BSONDocument] = []
                while let document = try cursor.next() { documents.append(document) }
                return documents
            }
        }
    }

    deinit {
        clients.withLock { clients in
            for client in clients.values { client.close() }
        }
    }
}
