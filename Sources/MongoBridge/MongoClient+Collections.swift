import BSONCore
import CMongoC

extension MongoClient {
    /// Runs `find` on `database.collection` and returns a cursor over the matching documents.
    ///
    /// `options` go to the server in the `find` command (`sort`, `projection`, `limit`, `skip`, `batchSize`,
    /// `hint`, `maxTimeMS`, `collation`, `comment` …); nothing is applied client-side. Errors from the server,
    /// including bad options, surface from the cursor's first `next()`.
    package func find(
        database: String, collection: String, filter: BSONDocument, options: BSONDocument
    ) throws(MongoError) -> MongoCursor {
        let context = "running 'find' on '\(database).\(collection)'"
        return try withCollection(database, collection, context) { (collectionPointer) throws(MongoError) in
            let cursor = try filter.withBSONPointer { (filterPointer) throws(MongoError) in
                try options.withBSONPointer { (optionsPointer) throws(MongoError) in
                    mongoc_collection_find_with_opts(collectionPointer, filterPointer, optionsPointer, nil)
                }
            }
            return try makeCursor(cursor, context)
        }
    }

    /// Runs `aggregate` with `pipeline` on `database.collection`, or on the database itself when `collection`
    /// is `nil` (`$documents`, `$currentOp` …), and returns a cursor over the results.
    ///
    /// `options` (`batchSize`, `allowDiskUse`, `maxTimeMS`, `collation`, `let`, `comment` …) go to the server.
    /// Errors surface from the cursor's first `next()`.
    package func aggregate(
        database: String, collection: String?, pipeline: [BSONValue], options: BSONDocument
    ) throws(MongoError) -> MongoCursor {
        let context = "running 'aggregate' on '\(database)\(collection.map { ".\($0)" } ?? "")'"
        let pipelineDocument = BSONDocument([("pipeline", .array(pipeline))])
        let client = try openHandle(context)
        return try pipelineDocument.withBSONPointer { (pipelinePointer) throws(MongoError) in
            try options.withBSONPointer { (optionsPointer) throws(MongoError) in
                let cursor: OpaquePointer?
                if let collection {
                    guard let collectionPointer = mongoc_client_get_collection(client, database, collection) else {
                        throw MongoError(kind: .internal, message: "libmongoc returned no collection", context: context)
                    }
                    defer { mongoc_collection_destroy(collectionPointer) }
                    cursor = mongoc_collection_aggregate(
                        collectionPointer, MONGOC_QUERY_NONE, pipelinePointer, optionsPointer, nil)
                } else {
                    guard let databasePointer = mongoc_client_get_database(client, database) else {
                        throw MongoError(kind: .internal, message: "libmongoc returned no database", context: context)
                    }
                    defer { mongoc_database_destroy(databasePointer) }
                    cursor = mongoc_database_aggregate(databasePointer, pipelinePointer, optionsPointer, nil)
                }
                return try makeCursor(cursor, context)
            }
        }
    }

    /// Counts the documents matching `filter` with an aggregation on the server (`$match` then `$group`).
    ///
    /// `options` may carry `skip`, `limit`, `hint`, `collation`, `maxTimeMS` and `comment`.
    package func countDocuments(
        database: String, collection: String, filter: BSONDocument, options: BSONDocument = BSONDocument()
    ) throws(MongoError) -> Int64 {
        let context = "counting documents in '\(database).\(collection)'"
        return try withCollection(database, collection, context) { (collectionPointer) throws(MongoError) in
            try filter.withBSONPointer { (filterPointer) throws(MongoError) in
                try options.withBSONPointer { (optionsPointer) throws(MongoError) in
                    try withReplyPointer { (reply) throws(MongoError) in
                        var error = bson_error_t()
                        let count = mongoc_collection_count_documents(
                            collectionPointer, filterPointer, optionsPointer, nil, reply, &error)
                        try check(count >= 0, error, reply: reply, context)
                        return count
                    }
                }
            }
        }
    }

    /// Runs `body` with a temporary `mongoc_collection_t`, destroyed when `body` returns.
    ///
    /// Cursors made from it stay valid: they keep the namespace, not the collection.
    private func withCollection<T>(
        _ database: String, _ collection: String, _ context: String,
        _ body: (OpaquePointer) throws(MongoError) -> T
    ) throws(MongoError) -> T {
        let client = try openHandle(context)
        guard let collectionPointer = mongoc_client_get_collection(client, database, collection) else {
            throw MongoError(kind: .internal, message: "libmongoc returned no collection", context: context)
        }
        defer { mongoc_collection_destroy(collectionPointer) }
        return try body(collectionPointer)
    }
}
