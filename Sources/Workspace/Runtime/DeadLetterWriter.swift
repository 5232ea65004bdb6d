import BSONCore
import MongoBridge
import StreamEngine

/// The DLQ collection writer (§6): inserts complete entries into `{db, coll}` through the DLQ's cluster
/// connection, in unordered `insert` commands, retrying transient errors.
///
/// Each entry gets its `_id` (a new ObjectId, first field) here rather than on the server, so a command sent
/// again after a failure that may have applied part of it cannot insert an entry twice: the duplicate-key errors
/// of that retry are the entries already stored. Any other write error, or a failure that outlasts the retries,
/// throws (a DLQ that cannot be written makes the processor FAILED).
///
/// Not thread-safe: one run writes through it from one task.
package final class DeadLetterWriter: DeadLetterSink {
    private let client: MongoClient
    private let db: String
    private let coll: String
    private let retry: WriteRetry
    private let maxDocuments: Int

    /// A writer into `db.coll` through `client`.
    package init(
        client: MongoClient, db: String, coll: String, retry: WriteRetry = WriteRetry(), maxDocuments: Int = 1000
    ) {
        self.client = client
        self.db = db
        self.coll = coll
        self.retry = retry
        self.maxDocuments = max(1, maxDocuments)
    }

    /// Inserts the entries, each with a new `_id`.
    package func write(_ entries: [BSONDocument]) throws {
        let documents = entries.map { entry -> BSONValue in
            guard entry["_id"] == nil else { return .document(entry) }
            return .document(BSONDocument([(key: "_id", value: .objectID(.generate()))] + entry.elements))
        }
        var start = 0
        while start < documents.count {
            let end = min(start + maxDocuments, documents.count)
            try insert(Array(documents[start..<end]))
            start = end
        }
    }

    private func insert(_ documents: [BSONValue]) throws {
        let command = BSONDocument([
            ("insert", .string(coll)), ("documents", .array(documents)), ("ordered", .bool(false)),
        ])
        var attempt = 0
        let reply: BSONDocument
        do {
            reply = try retry.run { () throws(MongoError) in
                attempt += 1
                return try client.runBulkWriteCommand(command, database: db)
            }
        } catch {
            throw StreamEngineError(
                code: error.code, message: "Cannot write to the DLQ collection \(db).\(coll): \(error.message)")
        }
        guard case .array(let writeErrors)? = reply["writeErrors"] else { return }
        for case .document(let writeError) in writeErrors {
            let code = Int(writeError["code"]?.int64Value ?? 0)
            if code == 11000, attempt > 1 { continue }  // stored by an earlier attempt
            throw StreamEngineError(
                code: code,
                message: "Cannot write to the DLQ collection \(db).\(coll): "
                    + (writeError["errmsg"]?.stringValue ?? "write error \(code)"))
        }
    }
}
