import Interpreter

/// `load(path)`: runs another script file in the same global scope and returns true.
///
/// A relative path resolves against the folder of the script that calls `load` (the current directory at
/// the prompt and in `--eval`). The file runs under its absolute path, so its errors point into it and
/// the files it loads resolve against its own folder; `__filename` and `__dirname` name it while it runs. Missing files fail with Node's wording:
/// `Error: ENOENT: no such file or directory, open '/abs/helpers.js'`.
enum LoadGlobal {
    static func install(in interpreter: Interpreter) {
        interpreter.defineGlobal(
            "load",
            .makeFunction(name: "load") { call in
                guard case .string(let path) = call.argument(0) else {
                    throw ShellError(
                        .invalidArgument,
                        "load() takes a file path, found \(BSONBridge.describeType(call.argument(0)))")
                }
                let interpreter = call.interpreter
                let resolved = ScriptFile.resolve(
                    path, relativeTo: ScriptFile.folder(ofScript: interpreter.currentScriptFileName))
                let source = try ScriptFile.read(resolved)
                let program: Program
                do throws(SyntaxError) {
                    program = try interpreter.parse(source, fileName: resolved)
                } catch {
                    throw LoadedFileSyntaxError(fileName: resolved, syntaxError: error)
                }
                _ = try ScriptFile.withFileGlobals(resolved, in: interpreter) {
                    try interpreter.run(program, fileName: resolved)
                }
                return .bool(true)
            })
    }
}
