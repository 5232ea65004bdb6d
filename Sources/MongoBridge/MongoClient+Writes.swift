import BSONCore
import CMongoC

extension MongoClient {
    /// Runs a write command (`insert`, `update`, `delete`, `findAndModify`) on `database` and returns a copy of
    /// the reply: the one path for every write.
    ///
    /// Uses `mongoc_database_write_command_with_opts`, so the URI's write concern applies unless the command
    /// carries its own `writeConcern` (moved into the options, where libmongoc expects it). With `{w: 0}` the
    /// server sends no reply and the result is `{}`. A reply with `ok: 0`, `writeErrors` or `writeConcernError`
    /// throws a `.server` error with the code, codeName and message of the first error and the reply; with
    /// `isBulkWrite` (`insertMany`, `bulkWrite`) write errors throw `.bulkWrite` instead.
    package func runWriteCommand(
        _ command: BSONDocument, database: String, isBulkWrite: Bool = false
    ) throws(MongoError) -> BSONDocument {
        let commandName = command.keys.first ?? ""
        let context = "running '\(commandName)' on '\(database).\(command[commandName]?.stringValue ?? "")'"
        var body = command
        var options = BSONDocument()
        if let concern = body["writeConcern"] {
            options["writeConcern"] = concern
            body["writeConcern"] = nil
        }
        let client = try openHandle(context)
        guard let databasePointer = mongoc_client_get_database(client, database) else {
            throw MongoError(kind: .internal, message: "libmongoc returned no database", context: context)
        }
        defer { mongoc_database_destroy(databasePointer) }
        return try body.withBSONPointer { (commandPointer) throws(MongoError) in
            try options.withBSONPointer { (optionsPointer) throws(MongoError) in
                try withReplyPointer { (reply) throws(MongoError) in
                    var error = bson_error_t()
                    let ok = mongoc_database_write_command_with_opts(
                        databasePointer, commandPointer, optionsPointer, reply, &error)
                    try check(ok, error, reply: reply, context, isBulkWrite: isBulkWrite)
                    // Copy: the reply is destroyed when this closure returns.
                    let result = try BSONDocument(copying: reply)
                    if let failure = MongoError(writeReply: result, context: context, isBulkWrite: isBulkWrite) {
                        throw failure
                    }
                    return result
                }
            }
        }
    }

    /// Inserts one document (the caller has set its `_id`) and returns a copy of the reply (`n`).
    ///
    /// Keys are checked by the server, not by libmongoc. A duplicate `_id` throws a `.server` error with code
    /// 11000, codeName `DuplicateKey` and the server's message.
    package func insertOne(
        database: String, collection: String, document: BSONDocument
    ) throws(MongoError) -> BSONDocument {
        try runWriteCommand(
            BSONDocument([("insert", .string(collection)), ("documents", .array([.document(document)]))]),
            database: database)
    }

    /// Inserts documents (the caller has set their `_id`s) in one `insert` command and returns a copy of the
    /// reply (`n`).
    ///
    /// With write errors it throws `.bulkWrite` (`MongoBulkWriteError`) carrying the first write error's code and
    /// message, and the reply with `n` and `writeErrors`. `ordered: false` keeps going past errors. An empty
    /// list throws `.invalidArgument` without asking the server.
    package func insertMany(
        database: String, collection: String, documents: [BSONDocument], ordered: Bool = true
    ) throws(MongoError) -> BSONDocument {
        guard !documents.isEmpty else {
            throw MongoError(
                kind: .invalidArgument, message: "Invalid BulkOperation, Batch cannot be empty",
                context: "inserting into '\(database).\(collection)'")
        }
        return try runWriteCommand(
            BSONDocument([
                ("insert", .string(collection)), ("documents", .array(documents.map(BSONValue.document))),
                ("ordered", .bool(ordered)),
            ]),
            database: database, isBulkWrite: true)
    }
}

extension MongoClient {
    /// Runs a multi-statement write command (`update` or `insert` with many statements, usually `ordered: false`)
    /// and returns the reply, write errors included: each `writeErrors[i]` names the failed statement by its
    /// `index`, and the other statements were applied.
    ///
    /// Throws for everything that is not about single statements: `ok: 0`, a write-concern error, network and
    /// server-selection failures (see `MongoError.isTransient` to decide on a retry).
    package func runBulkWriteCommand(_ command: BSONDocument, database: String) throws(MongoError) -> BSONDocument {
        do {
            return try runWriteCommand(command, database: database, isBulkWrite: true)
        } catch let error where error.kind == .bulkWrite {
            guard let reply = error.reply, reply["writeConcernError"] == nil else { throw error }
            return reply
        }
    }

    /// The index specifications of `database.collection` (`listIndexes`); empty when the collection does not
    /// exist.
    package func listIndexes(database: String, collection: String) throws(MongoError) -> [BSONDocument] {
        let cursor: MongoCursor
        do {
            cursor = try runCursorCommand(BSONDocument([("listIndexes", .string(collection))]), database: database)
        } catch let error where error.kind == .server && error.code == 26 {
            return []
        }
        defer { cursor.close() }
        var indexes: [BSONDocument] = []
        while let index = try cursor.next() { indexes.append(index) }
        return indexes
    }
}
