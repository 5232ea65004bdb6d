import Interpreter

/// The shell's own global functions that need no terminal: `load`, `sleep`, `EJSON`, `version`, `rs`,
/// `use()`, `show()`, `Object.bsonsize`.
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
        // `use('x')` and `show('dbs')`: the direct commands as functions, as mongosh (and VS Code playgrounds)
        // offer them in scripts, where `use x` is not JavaScript.
        interpreter.defineGlobal(
            "use",
            .makeFunction(name: "use", length: 1) { [weak shell] call in
                guard let shell else { return .undefined }
                guard case .string(let name) = call.argument(0) else {
                    throw ShellError(.invalidDatabaseName, "use() takes a database name string")
                }
                _ = try shell.requireConnection()
                return .string(try shell.use(name))
            })
        interpreter.defineGlobal(
            "show",
            .makeFunction(name: "show", length: 1) { [weak shell] call in
                guard let shell else { return .undefined }
                guard case .string(let what) = call.argument(0) else {
                    throw ShellError(
                        .invalidShowArgument, "show() takes what to show: show('dbs'), show('collections')")
                }
                let text = try shell.show(what)
                return text.isEmpty ? .undefined : .string(text)  // nothing to list prints nothing
            })
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
