import BSONCore
import CMongoC

/// Results of a query, aggregation or cursor command, fetched from the server in batches as they are read.
///
/// Owns one `mongoc_cursor_t`, destroyed by `close()` (which kills the server cursor if it is still open) or,
/// if that never ran, in `deinit`. Holds a strong reference to its `MongoClient`, so the `mongoc_client_t` it
/// uses outlives it; `MongoClient.close()` closes it first. Documents are copied out of libmongoc before they are
/// returned. Not thread-safe (like its client): use from one task.
package final class MongoCursor {
    private var handle: OpaquePointer?
    private let client: MongoClient
    /// A document read ahead by `hasNext()`.
    private var lookahead: BSONDocument?
    /// Set once `mongoc_cursor_next` has returned false: no more documents, or an error that ended the cursor.
    private var isDrained = false

    init(handle: OpaquePointer, client: MongoClient) {
        self.handle = handle
        self.client = client
    }

    deinit {
        if let handle { mongoc_cursor_destroy(handle) }
    }

    /// The next document, or `nil` when the cursor is exhausted; fetches the next batch (`getMore`) when needed.
    ///
    /// A server error (including one from the first batch of a `find` or `aggregate`) or a connection dropped
    /// mid-cursor throws, with a copy of the error reply; the cursor is then exhausted.
    package func next() throws(MongoError) -> BSONDocument? {
        if let document = lookahead {
            lookahead = nil
            return document
        }
        return try fetch()
    }

    /// Whether another document follows; may fetch the next batch, and keeps what it read for `next()`.
    package func hasNext() throws(MongoError) -> Bool {
        if lookahead == nil { lookahead = try fetch() }
        return lookahead != nil
    }

    /// Whether the cursor is known to have no more documents, without asking the server.
    ///
    /// True after `next()` returned `nil` or threw, after `close()`, and when libmongoc knows the server cursor
    /// is finished (`mongoc_cursor_more`); call `hasNext()` to find out for certain.
    package var isExhausted: Bool {
        guard lookahead == nil else { return false }
        guard let handle, !isDrained else { return true }
        return !mongoc_cursor_more(handle)
    }

    /// Destroys the `mongoc_cursor_t`, killing the server cursor if it is still open. Idempotent.
    package func close() {
        if let handle { mongoc_cursor_destroy(handle) }
        handle = nil
        lookahead = nil
    }

    private func fetch() throws(MongoError) -> BSONDocument? {
        guard let handle else {
            throw MongoError(kind: .invalidArgument, message: "The cursor is closed", context: "reading a cursor")
        }
        guard !isDrained else { return nil }
        var current: OpaquePointer?
        if mongoc_cursor_next(handle, &current), let current {
            // Copy: libmongoc owns `current` and reuses it on the next call.
            return try BSONDocument(copying: current)
        }
        isDrained = true
        var error = bson_error_t()
        var reply: OpaquePointer?
        let failed = mongoc_cursor_error_document(handle, &error, &reply)
        // `check` copies the reply, which the cursor owns.
        try check(!failed, error, reply: reply, "reading a cursor")
        return nil
    }
}

extension MongoCursor: ClientBoundResource {}
