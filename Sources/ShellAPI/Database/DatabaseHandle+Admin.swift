import BSONCore
import Interpreter

/// Database administration: creating collections and views, dropping the database, and the server's
/// statistics and descriptions (`serverStatus`, `stats`, `version`, `hello`, `hostInfo`, `currentOp` …), with
/// mongosh's commands and results (`database.ts`).
extension DatabaseHandle {
    static let adminMethods: [String: Method] = [
        "createCollection": { database, call in
            let name = try ArgumentChecks.string(call, 0, method: "Database.createCollection")
            var command = BSONDocument([("create", .string(name))])
            for (key, value) in try ArgumentChecks.options(call, 1, method: "Database.createCollection").elements {
                command[key] = value
            }
            _ = try database.run(command)
            return database.shell.serverObject(BSONDocument([("ok", .int32(1))]))
        },
        "createView": { database, call in
            let name = try ArgumentChecks.string(call, 0, method: "Database.createView")
            let source = try ArgumentChecks.string(call, 1, method: "Database.createView")
            let pipeline = try ArgumentChecks.pipeline(
                try ArgumentChecks.required(call, 2, method: "Database.createView"), method: "createView()")
            var command = BSONDocument([
                ("create", .string(name)), ("viewOn", .string(source)), ("pipeline", .array(pipeline)),
            ])
            let options = try ArgumentChecks.options(call, 3, method: "Database.createView")
            if let collation = options["collation"] { command["collation"] = collation }
            _ = try database.run(command)
            return database.shell.serverObject(BSONDocument([("ok", .int32(1))]))
        },
        "dropDatabase": { database, call in
            var command = BSONDocument([("dropDatabase", .int32(1))])
            if case .object = call.argument(0) {
                command["writeConcern"] = .document(
                    try BSONBridge.document(from: call.argument(0), what: "The write concern"))
            }
            _ = try database.run(command)
            return database.shell.serverObject(
                BSONDocument([("ok", .int32(1)), ("dropped", .string(database.name))]))
        },
        "getCollectionInfos": { database, call in
            var command = BSONDocument([
                ("listCollections", .int32(1)),
                ("filter", .document(try ArgumentChecks.options(call, 0, method: "Database.getCollectionInfos"))),
            ])
            for (key, value) in try ArgumentChecks.options(call, 1, method: "Database.getCollectionInfos").elements {
                command[key] = value
            }
            let cursor = try database.shell.requireConnection().runCursorCommand(command, database: database.name)
            defer { cursor.close() }
            var infos: [JSValue] = []
            while let info = try cursor.next() { infos.append(.object(BSONBridge.jsObject(from: info))) }
            let array = JSObject.makeArray(infos)
            database.shell.lastServerObject = array
            return .object(array)
        },
        "version": { database, _ in
            let info = try database.runAdmin(BSONDocument([("buildInfo", .int32(1))]))
            guard case .string(let version)? = info["version"] else {
                throw ShellError(.unexpectedReply, "Error running command serverBuildInfo: the reply has no version")
            }
            return .string(version)
        },
        "serverBuildInfo": { database, _ in
            database.shell.serverObject(try database.runAdmin(BSONDocument([("buildInfo", .int32(1))])))
        },
        "serverStatus": { database, call in
            var command = BSONDocument([("serverStatus", .int32(1))])
            for (key, value) in try ArgumentChecks.options(call, 0, method: "Database.serverStatus").elements {
                command[key] = value
            }
            return database.shell.serverObject(try database.runAdmin(command))
        },
        "stats": { database, call in
            var command = BSONDocument([("dbStats", .int32(1)), ("scale", .int32(1))])
            switch call.argument(0) {
            case .undefined: break
            case .number(let scale): command["scale"] = BSONBridge.number(scale)
            case .object:
                for (key, value) in try ArgumentChecks.options(call, 0, method: "Database.stats").elements {
                    command[key] = value
                }
            default:
                throw ArgumentChecks.wrongType(
                    0, expected: "number or object", found: call.argument(0), method: "Database.stats")
            }
            return database.shell.serverObject(try database.run(command))
        },
        "hostInfo": { database, _ in
            database.shell.serverObject(try database.runAdmin(BSONDocument([("hostInfo", .int32(1))])))
        },
        "hello": { database, _ in
            database.shell.serverObject(try database.run(BSONDocument([("hello", .int32(1))])))
        },
        "isMaster": { database, _ in
            var reply = try database.run(BSONDocument([("isMaster", .int32(1))]))
            reply["isWritablePrimary"] = reply["ismaster"]  // as mongosh: set in place, or added last
            return database.shell.serverObject(reply)
        },
        "currentOp": { database, call in
            try database.currentOp(call.argument(0))
        },
        "killOp": { database, call in
            let op = try ArgumentChecks.required(call, 0, method: "Database.killOp")
            return database.shell.serverObject(
                try database.runAdmin(BSONDocument([("killOp", .int32(1)), ("op", try BSONBridge.bson(from: op))])))
        },
    ]

    /// Runs a command on this database and returns the reply.
    func run(_ command: BSONDocument) throws -> BSONDocument {
        try shell.requireConnection().runCommand(command, database: name)
    }

    /// Runs a command on `admin` and returns the reply.
    func runAdmin(_ command: BSONDocument) throws -> BSONDocument {
        try shell.requireConnection().runCommand(command, database: "admin")
    }

    /// `db.currentOp(opts)`: the `$currentOp` stage on `admin`, with mongosh's reading of `$all` and `$ownOps`
    /// and any other fields as a `$match`; answers `{ inprog: [...], ok: 1 }`.
    private func currentOp(_ argument: JSValue) throws -> JSValue {
        var all = false
        var ownOps = false
        var filter: BSONDocument?
        switch argument {
        case .undefined: filter = BSONDocument()
        case .bool(let b): all = b
        case .object:
            let options = try BSONBridge.document(from: argument, what: "The currentOp options")
            all = options["$all"].map { BSONBridge.jsValue(from: $0).isTruthy } ?? false
            ownOps = options["$ownOps"].map { BSONBridge.jsValue(from: $0).isTruthy } ?? false
            filter = BSONDocument(options.elements.filter { !["$all", "$ownOps", "$truncateOps"].contains($0.key) })
        default:
            throw ArgumentChecks.wrongType(
                0, expected: "object or boolean", found: argument, method: "Database.currentOp")
        }
        var pipeline: [BSONValue] = [
            .document(
                BSONDocument([
                    (
                        "$currentOp",
                        .document(
                            BSONDocument([
                                ("allUsers", .bool(!ownOps)), ("idleConnections", .bool(all)),
                                ("truncateOps", .bool(false)),
                            ]))
                    )
                ]))
        ]
        if let filter { pipeline.append(.document(BSONDocument([("$match", .document(filter))]))) }
        let cursor = try shell.requireConnection().aggregate(
            database: "admin", collection: nil, pipeline: pipeline, options: BSONDocument())
        defer { cursor.close() }
        var operations: [BSONValue] = []
        while let operation = try cursor.next() { operations.append(.document(operation)) }
        return shell.serverObject(BSONDocument([("inprog", .array(operations)), ("ok", .int32(1))]))
    }
}
