import BSONCore
import Interpreter

extension StreamsHandle {
    /// The connection registry, which mongosh cannot manage: `sp.listConnections(filter?)`,
    /// `sp.createConnection({name, type, …}, {ifNotExists?})`, `sp.getConnection(name)` and
    /// `sp.dropConnection(name)`. Connections print as the workspace returns them, secrets masked.
    static let connectionMethods: [String: Method] = [
        "listConnections": { sp, call in
            let method = "sp.listConnections"
            let filter = try StreamsFilter(ArgumentChecks.options(call, 0, method: method), method: method)
            let connections = try sp.shell.streams.listConnections().filter(filter.matches)
            return sp.shell.serverArray(
                connections.map { BSONBridge.jsValue(from: .document(SecretMasking.masked($0))) })
        },
        "getConnection": { sp, call in
            let name = try StreamsArguments.name(call.argument(0), what: "connection", method: "sp.getConnection")
            let connection = try sp.shell.streams.onConnection(name) { try $0.getConnection(name: name) }
            return sp.shell.serverObject(SecretMasking.masked(connection))
        },
        "createConnection": { sp, call in
            let method = "sp.createConnection"
            let connection = try StreamsArguments.connection(call.argument(0), method: method)
            var options = try ArgumentChecks.options(call, 1, method: method)
            let ifNotExists = try StreamsArguments.takeFlag("ifNotExists", from: &options, method: method)
            if let unknown = options.keys.first {
                throw ShellError(.invalidArgument, "Unknown option '\(unknown)' of \(method): it takes {ifNotExists}")
            }
            let name = StreamsSession.name(of: connection) ?? ""
            let admin = try sp.shell.streams.requireAdmin()
            let created = try createIfNotExists(ifNotExists) {
                try admin.createConnection(connection)
            } existing: {
                try admin.getConnection(name: name)
            }
            sp.shell.streams.connectionNames.insert(name)
            return sp.shell.serverObject(SecretMasking.masked(created))
        },
        "dropConnection": { sp, call in
            let name = try StreamsArguments.name(call.argument(0), what: "connection", method: "sp.dropConnection")
            try sp.shell.streams.onConnection(name) { try $0.deleteConnection(name: name) }
            sp.shell.streams.connectionNames.remove(name)
            return sp.shell.okReply()
        },
    ]
}
