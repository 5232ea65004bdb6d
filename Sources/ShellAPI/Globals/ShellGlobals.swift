import Interpreter

/// The shell's own global functions that need no terminal: `load`, `sleep`, `EJSON`, `version`, `rs`,
/// `Object.bsonsize`.
/// (`print`, `printjson`, `console`, `quit`/`exit` and `isInteractive` write to or ask the session, so the
/// REPL installs them.)
enum ShellGlobals {
    static func install(in shell: Shell) {
        let interpreter = shell.interpreter
        LoadGlobal.install(in: interpreter)
        SleepGlobal.install(in: interpreter) { [weak shell] in shell?.clock ?? SystemClock() }
        EJSONGlobal.install(in: interpreter)
        interpreter.defineGlobal("version", .makeFunction(name: "version") { _ in .string(ShellVersion.current) })
        interpreter.defineGlobal("rs", .object(JSObject(host: ReplicaSetHandle(shell: shell))))
        if case .object(let object)? = interpreter.global("Object") {
            // `Object.bsonsize(doc)`: the document's size in bytes as BSON, as the legacy shell and mongosh give it.
            object.set(
                "bsonsize",
                .makeFunction(name: "bsonsize", length: 1) { call in
                    .number(
                        Double(try BSONBridge.document(from: call.argument(0), what: "The document").encoded().count))
                })
        }
    }
}

/// The version of spsh, printed by `spsh --version`, the greeting and `version()`.
package enum ShellVersion {
    package static let current = "0.1.0"
}
