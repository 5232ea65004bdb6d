import BSONCore
import Interpreter

/// `rs`: the replica-set helpers scripts use to check a deployment: `rs.status()`, `rs.conf()` (`rs.config()`),
/// `rs.hello()` and `rs.isMaster()`, each one admin command whose reply prints as from the server.
final class ReplicaSetHandle: HostObject {
    unowned let shell: Shell

    init(shell: Shell) { self.shell = shell }

    var className: String { "ReplicaSet" }

    /// Each method and the admin command it runs.
    static let commands: [String: String] = [
        "status": "replSetGetStatus", "conf": "replSetGetConfig", "config": "replSetGetConfig", "hello": "hello",
        "isMaster": "isMaster",
    ]

    var propertyNames: [String] { Self.commands.keys.sorted() }

    func getProperty(_ key: String, interpreter: Interpreter) throws -> JSValue? {
        guard let command = Self.commands[key] else { return nil }
        return .makeFunction(name: key) { [shell] _ in
            let reply = try shell.requireConnection().runCommand(
                BSONDocument([(command, .int32(1))]), database: "admin")
            // rs.conf() answers the configuration itself, as mongosh does.
            if command == "replSetGetConfig", case .document(let config)? = reply["config"] {
                return shell.serverObject(config)
            }
            return shell.serverObject(reply)
        }
    }
}
