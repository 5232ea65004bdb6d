import Interpreter

/// `db.watch(pipeline, options)`: a change stream over every collection of the database.
extension DatabaseHandle {
    static let watchMethods: [String: Method] = [
        "watch": { database, call in
            try ChangeStreamCursor.open(shell: database.shell, database: database.name, collection: nil, call: call)
        }
    ]
}
