import BSONCore
import CMongoC

/// A change stream: the events of a collection, a database or the whole deployment, as they happen.
///
/// Owns one `mongoc_change_stream_t`, destroyed by `close()` or, if that never ran, in `deinit`. Holds a strong
/// reference to its `MongoClient`, whose `close()` closes it first. libmongoc resumes it after a transient
/// error. Not thread-safe (like its client): use from one task.
package final class MongoChangeStream: ClientBoundResource {
    private var handle: OpaquePointer?
    private let client: MongoClient

    init(handle: OpaquePointer, client: MongoClient) {
        self.handle = handle
        self.client = client
    }

    deinit {
        if let handle { mongoc_change_stream_destroy(handle) }
    }

    /// The next event, or nil when none arrived within the stream's `maxAwaitTimeMS` (one `getMore` at most).
    ///
    /// A server error, or a connection lost beyond libmongoc's one resume attempt, throws; so does a closed stream.
    package func tryNext() throws(MongoError) -> BSONDocument? {
        guard let handle else {
            throw MongoError(
                kind: .invalidArgument, message: "The change stream is closed", context: "reading a change stream")
        }
        var event: OpaquePointer?
        if mongoc_change_stream_next(handle, &event), let event {
            // Copy: libmongoc owns `event` and reuses it on the next call.
            return try BSONDocument(copying: event)
        }
        try checkError()
        return nil
    }

    /// The token to resume after the last event returned (or the server's latest `postBatchResumeToken`).
    package var resumeToken: BSONDocument? {
        guard let handle, let token = mongoc_change_stream_get_resume_token(handle) else { return nil }
        return try? BSONDocument(copying: token)
    }

    /// Whether `close()` has run.
    package var isClosed: Bool { handle == nil }

    /// Destroys the `mongoc_change_stream_t`, killing its server cursor. Idempotent.
    package func close() {
        if let handle { mongoc_change_stream_destroy(handle) }
        handle = nil
    }

    /// Throws the error that ended the stream, if any (an invalid pipeline reports here right after `watch`).
    func checkError() throws(MongoError) {
        guard let handle else { return }
        var error = bson_error_t()
        var reply: OpaquePointer?
        let failed = mongoc_change_stream_error_document(handle, &error, &reply)
        // `check` copies the reply, which the stream owns.
        try check(!failed, error, reply: reply, "reading a change stream")
    }
}

extension MongoClient {
    /// Opens a change stream on `database.collection`, on `database` when `collection` is nil, or on the whole
    /// deployment when both are nil (`mongoc_collection_watch`, `mongoc_database_watch`, `mongoc_client_watch`).
    ///
    /// `pipeline` filters or reshapes the events; `options` (`maxAwaitTimeMS`, `fullDocument`, `resumeAfter`,
    /// `startAfter`, `startAtOperationTime`, `batchSize` …) go to libmongoc. A server error (a bad stage, a
    /// deployment without change streams) throws here.
    package func watch(
        database: String?, collection: String?, pipeline: [BSONValue], options: BSONDocument
    ) throws(MongoError) -> MongoChangeStream {
        let target = [database, collection].compactMap { $0 }.joined(separator: ".")
        let context = "opening a change stream on '\(target.isEmpty ? "the deployment" : target)'"
        let client = try openHandle(context)
        let pipelineDocument = BSONDocument([("pipeline", .array(pipeline))])
        let stream = try pipelineDocument.withBSONPointer { (pipelinePointer) throws(MongoError) in
            try options.withBSONPointer { (optionsPointer) throws(MongoError) -> OpaquePointer? in
                guard let database else { return mongoc_client_watch(client, pipelinePointer, optionsPointer) }
                guard let databasePointer = mongoc_client_get_database(client, database) else {
                    throw MongoError(kind: .internal, message: "libmongoc returned no database", context: context)
                }
                defer { mongoc_database_destroy(databasePointer) }
                guard let collection else {
                    return mongoc_database_watch(databasePointer, pipelinePointer, optionsPointer)
                }
                guard let collectionPointer = mongoc_database_get_collection(databasePointer, collection) else {
                    throw MongoError(kind: .internal, message: "libmongoc returned no collection", context: context)
                }
                defer { mongoc_collection_destroy(collectionPointer) }
                return mongoc_collection_watch(collectionPointer, pipelinePointer, optionsPointer)
            }
        }
        guard let stream else {
            throw MongoError(kind: .internal, message: "libmongoc returned no change stream", context: context)
        }
        let wrapper = MongoChangeStream(handle: stream, client: self)
        try wrapper.checkError()
        register(wrapper)
        return wrapper
    }
}
