import Interpreter

/// `db.coll.watch(pipeline, options)`: a change stream over one collection.
extension CollectionHandle {
    static let watchMethods: [String: Method] = [
        "watch": { collection, call in
            try ChangeStreamCursor.open(
                shell: collection.shell, database: collection.database.name, collection: collection.name, call: call)
        }
    ]
}
