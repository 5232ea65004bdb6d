import BSONCore
import CMongoC

/// A connection to a MongoDB deployment: owns one single-threaded `mongoc_client_t`.
///
/// The client creates its `mongoc_client_t` in `init` and destroys it in `close()` or, if that never ran, in
/// `deinit`. Each `MongoCursor` holds a strong reference to its client, so a client's `mongoc_client_t` always
/// outlives the cursors made from it; `close()` closes those cursors first. Not thread-safe (libmongoc's
/// single-threaded client): use from one task.
package final class MongoClient {
    /// Initializes libmongoc once per process (STYLE.md §2.7); the executable calls `cleanUpLibrary()` at exit.
    /// libmongoc's own log output (stderr) is switched off: every failure reaches the caller as a `MongoError`.
    private static let libraryInitialized: Void = {
        mongoc_init()
        mongoc_log_set_handler(nil, nil)
    }()

    /// The connection string with its password replaced by `****`, for display.
    package let redactedURI: String

    private var handle: OpaquePointer?
    private var openResources: [WeakResource] = []

    /// Parses `uri` and creates the client; no connection is made until the first command.
    ///
    /// `serverSelectionTimeoutMS` applies unless the URI sets it; `connectTimeoutMS` defaults to the same value
    /// when smaller than libmongoc's 10 s, so a host that never answers fails within the selection timeout.
    /// The application name is `spsh` unless the URI sets `appName`. A bad URI throws `.invalidURI`, naming the
    /// URI with its password redacted.
    package init(uri: String, serverSelectionTimeoutMS: Int = 5000) throws(MongoError) {
        _ = Self.libraryInitialized
        redactedURI = Self.redactingPassword(in: uri)
        var error = bson_error_t()
        guard let parsed = mongoc_uri_new_with_error(uri, &error) else {
            throw MongoError(
                kind: .invalidURI,
                message: "Invalid connection string '\(redactedURI)': "
                    + ConnectionString.scrubbing(MongoError.message(of: error), passwordOf: uri),
                code: Int(error.code), context: "parsing the connection string")
        }
        defer { mongoc_uri_destroy(parsed) }
        try Self.configure(parsed, serverSelectionTimeoutMS: serverSelectionTimeoutMS, redactedURI: redactedURI)
        guard let client = mongoc_client_new_from_uri_with_error(parsed, &error) else {
            // A `mongodb+srv://` URI is resolved here: a failed DNS lookup is a network error, the rest parse errors.
            var failure = MongoError(error, reply: nil, context: "creating the client")
            failure.kind = failure.kind == .connection ? .connection : .invalidURI
            failure.message =
                "Cannot create a client for '\(redactedURI)': "
                + ConnectionString.scrubbing(MongoError.message(of: error), passwordOf: uri)
            throw failure
        }
        guard mongoc_client_set_error_api(client, MONGOC_ERROR_API_VERSION_2) else {
            mongoc_client_destroy(client)
            throw MongoError(kind: .internal, message: "libmongoc refused error API version 2")
        }
        handle = client
    }

    deinit {
        // Cursors hold strong references to this client, so none is still open here.
        if let handle { mongoc_client_destroy(handle) }
    }

    /// Sets the timeouts and application name on a parsed URI before the client is made from it.
    private static func configure(
        _ uri: OpaquePointer, serverSelectionTimeoutMS: Int, redactedURI: String
    ) throws(MongoError) {
        if !mongoc_uri_has_option(uri, MONGOC_URI_SERVERSELECTIONTIMEOUTMS) {
            let timeout = Int32(clamping: serverSelectionTimeoutMS)
            try checkURI(
                mongoc_uri_set_option_as_int32(uri, MONGOC_URI_SERVERSELECTIONTIMEOUTMS, timeout),
                "serverSelectionTimeoutMS must be positive, found \(serverSelectionTimeoutMS)")
        }
        let selectionTimeout = mongoc_uri_get_option_as_int32(uri, MONGOC_URI_SERVERSELECTIONTIMEOUTMS, 30_000)
        if !mongoc_uri_has_option(uri, MONGOC_URI_CONNECTTIMEOUTMS), selectionTimeout > 0,
            Int(selectionTimeout) < Int(MONGOC_DEFAULT_CONNECTTIMEOUTMS)
        {
            try checkURI(
                mongoc_uri_set_option_as_int32(uri, MONGOC_URI_CONNECTTIMEOUTMS, selectionTimeout),
                "Cannot set connectTimeoutMS to \(selectionTimeout) on '\(redactedURI)'")
        }
        if mongoc_uri_get_appname(uri) == nil {
            try checkURI(mongoc_uri_set_appname(uri, "spsh"), "Cannot set appName on '\(redactedURI)'")
        }
    }

    private static func checkURI(_ ok: Bool, _ message: @autoclosure () -> String) throws(MongoError) {
        if !ok { throw MongoError(kind: .invalidArgument, message: message(), context: "configuring the client") }
    }

    /// `uri` with the password replaced by `****` (`mongodb://user:****@host/db`); unchanged without one.
    package static func redactingPassword(in uri: String) -> String {
        ConnectionString.redacting(uri)
    }

    /// Cleans up libmongoc (`mongoc_cleanup`); the executable calls it once at exit, after closing every client.
    package static func cleanUpLibrary() {
        _ = libraryInitialized  // `mongoc_cleanup` expects a matching `mongoc_init`.
        mongoc_cleanup()
    }

    /// Closes the cursors and change streams still open on this client, then destroys the `mongoc_client_t` and
    /// its connections.
    ///
    /// Idempotent. Later calls on the client, or on its cursors, throw `.invalidArgument`.
    package func close() {
        for resource in openResources { resource.resource?.close() }
        openResources = []
        if let handle { mongoc_client_destroy(handle) }
        handle = nil
    }

    /// Whether `close()` has run.
    package var isClosed: Bool { handle == nil }

    // MARK: Commands

    /// Runs `command` on `database` and returns a copy of the server's reply.
    ///
    /// Uses `mongoc_client_command_simple` with the primary read preference. A reply with `ok: 0` throws a
    /// `.server` error with the reply's code, codeName, errmsg and errorLabels.
    package func runCommand(_ command: BSONDocument, database: String) throws(MongoError) -> BSONDocument {
        let context = "running '\(command.keys.first ?? "")' on database '\(database)'"
        let client = try openHandle(context)
        return try command.withBSONPointer { (commandPointer) throws(MongoError) in
            try withReplyPointer { (reply) throws(MongoError) in
                var error = bson_error_t()
                let ok = mongoc_client_command_simple(client, database, commandPointer, nil, reply, &error)
                try check(ok, error, reply: reply, context)
                // Copy: the reply is destroyed when this closure returns.
                return try BSONDocument(copying: reply)
            }
        }
    }

    /// Runs a command that answers with a cursor (`listCollections`, `aggregate`, `find` …) and returns a cursor
    /// over its results, fetching later batches with `getMore`.
    ///
    /// A `cursor.batchSize` in the command also applies to later batches.
    package func runCursorCommand(_ command: BSONDocument, database: String) throws(MongoError) -> MongoCursor {
        let context = "running '\(command.keys.first ?? "")' on database '\(database)'"
        let client = try openHandle(context)
        var cursorOptions = BSONDocument()
        if case .document(let cursorSpec)? = command["cursor"], let batchSize = cursorSpec["batchSize"] {
            cursorOptions["batchSize"] = batchSize
        }
        return try command.withBSONPointer { (commandPointer) throws(MongoError) in
            try withReplyPointer { (reply) throws(MongoError) in
                var error = bson_error_t()
                let ok = mongoc_client_command_simple(client, database, commandPointer, nil, reply, &error)
                try check(ok, error, reply: reply, context)
                // The cursor takes ownership of (and destroys) the reply it is given, so it gets a heap copy;
                // `reply` itself is still destroyed by `withReplyPointer`.
                guard let ownedReply = bson_copy(reply) else {
                    throw MongoError(kind: .internal, message: "libbson could not copy a reply", context: context)
                }
                let cursor = try cursorOptions.withBSONPointer { (options) throws(MongoError) in
                    mongoc_cursor_new_from_command_reply_with_opts(client, ownedReply, options)
                }
                return try makeCursor(cursor, context)
            }
        }
    }

    /// Checks that the server answers (`ping` on `admin`).
    package func ping() throws(MongoError) {
        _ = try runCommand(BSONDocument([("ping", .int32(1))]), database: "admin")
    }

    /// The server's version string, from `buildInfo.version` (SecantusDB reports `8.2.11`).
    package func serverVersion() throws(MongoError) -> String {
        let reply = try runCommand(BSONDocument([("buildInfo", .int32(1))]), database: "admin")
        guard case .string(let version)? = reply["version"] else {
            throw MongoError(kind: .internal, message: "The buildInfo reply has no string 'version'", reply: reply)
        }
        return version
    }

    // MARK: Helpers shared with the collection operations

    /// The live `mongoc_client_t`, or `.invalidArgument` after `close()`.
    func openHandle(_ context: String) throws(MongoError) -> OpaquePointer {
        guard let handle else {
            throw MongoError(kind: .invalidArgument, message: "The client is closed", context: context)
        }
        return handle
    }

    /// Wraps a new `mongoc_cursor_t` in a `MongoCursor` that this client closes on `close()`.
    func makeCursor(_ cursor: OpaquePointer?, _ context: String) throws(MongoError) -> MongoCursor {
        guard let cursor else {
            throw MongoError(kind: .internal, message: "libmongoc returned no cursor", context: context)
        }
        let wrapper = MongoCursor(handle: cursor, client: self)
        register(wrapper)
        return wrapper
    }

    /// Remembers `resource` (weakly) so that `close()` closes it before destroying the `mongoc_client_t`.
    func register(_ resource: any ClientBoundResource) {
        openResources.removeAll { $0.resource == nil }
        openResources.append(WeakResource(resource: resource))
    }
}

/// The one status check for libmongoc calls: throws the translated error, with a copy of the reply, when `ok` is
/// false. `context` says what was being done (`running 'find' on database 'test'`).
func check(
    _ ok: Bool, _ error: bson_error_t, reply: OpaquePointer?, _ context: @autoclosure () -> String,
    isBulkWrite: Bool = false
) throws(MongoError) {
    guard !ok else { return }
    // Copy: the reply belongs to the caller (or the cursor) and is destroyed after this throws.
    let replyDocument = reply.flatMap { pointer in try? BSONDocument(copying: pointer) }.flatMap { document in
        document.isEmpty ? nil : document
    }
    throw MongoError(error, reply: replyDocument, context: context(), isBulkWrite: isBulkWrite)
}

/// Something made from a client that holds libmongoc state tied to its `mongoc_client_t` (a cursor, a change
/// stream): `MongoClient.close()` closes it first.
protocol ClientBoundResource: AnyObject {
    func close()
}

/// A weak reference to an open cursor or change stream, so `MongoClient.close()` can close it without keeping
/// it alive.
private struct WeakResource {
    weak var resource: (any ClientBoundResource)?
}
