import BSONCore

/// The database seam of the shell: what `db`, collections and cursors need from a MongoDB client.
///
/// The executable makes the libmongoc client conform (`extension MongoClient: CommandRunner {}`), so
/// ShellAPI and its tests never link libmongoc. Not thread-safe: use from one task.
package protocol CommandRunner: AnyObject {
    /// The connection string with any password masked, as `db.getMongo()` prints it.
    var redactedURI: String { get }
    func runCommand(_ command: BSONDocument, database: String) throws -> BSONDocument
    func runCursorCommand(_ command: BSONDocument, database: String) throws -> any DocumentCursor
    func find(database: String, collection: String, filter: BSONDocument, options: BSONDocument) throws
        -> any DocumentCursor
    func aggregate(database: String, collection: String?, pipeline: [BSONValue], options: BSONDocument) throws
        -> any DocumentCursor
    /// Runs a write command (`insert`, `update`, `delete`, `findAndModify`) and returns the server's reply (`{}`
    /// for `writeConcern: {w: 0}`). The connection's write concern applies unless the command carries its own.
    /// `ok: 0`, `writeErrors` and `writeConcernError` throw a `ServerErrorDescribing` error with the first error's
    /// code name; `isBulkWrite` (insertMany, bulkWrite) makes write errors a `MongoBulkWriteError`.
    func runWriteCommand(_ command: BSONDocument, database: String, isBulkWrite: Bool) throws -> BSONDocument
    /// Opens a change stream on `database.collection`, on `database` when `collection` is nil, or on the whole
    /// deployment when both are nil; `options` (`maxAwaitTimeMS`, `fullDocument`, `resumeAfter` …) as the
    /// server takes them.
    func watch(database: String?, collection: String?, pipeline: [BSONValue], options: BSONDocument) throws
        -> any ChangeStream
    func countDocuments(database: String, collection: String, filter: BSONDocument, options: BSONDocument) throws
        -> Int64
}

/// A server cursor: documents one at a time, fetched in batches by the client. Not thread-safe.
package protocol DocumentCursor: AnyObject {
    /// The next document, or nil when the cursor is exhausted.
    func next() throws -> BSONDocument?
    func close()
}

/// A server change stream: events as they happen. Not thread-safe.
package protocol ChangeStream: AnyObject {
    /// The next event, or nil when none arrived within the stream's `maxAwaitTimeMS`.
    func tryNext() throws -> BSONDocument?
    /// The token to resume after the last event returned.
    var resumeToken: BSONDocument? { get }
    var isClosed: Bool { get }
    func close()
}

/// An error from a server or driver that the shell prints as `Name[codeName]: message`.
///
/// The executable makes the driver's error type conform, so ShellAPI and the REPL can show it without
/// importing the driver.
package protocol ServerErrorDescribing: Error {
    /// The error class, e.g. `MongoServerError`, `MongoNetworkError`.
    var errorName: String { get }
    /// The server's code name, e.g. `DuplicateKey`, when it sent one.
    var codeName: String? { get }
    var errorMessage: String { get }
}
