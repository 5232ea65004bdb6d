/// What host functions (the shell's `sleep`, change streams, `load`) ask of the running script.
extension Interpreter {
    /// Throws "Error: execution was interrupted" when Ctrl-C was pressed, so a host function that waits (for
    /// time to pass or for a server) can stop between waits.
    package func checkInterrupted() throws {
        if interruptFlag.isSet { throw ScriptError(interruptionAt: currentRange, fileName: currentFileName) }
    }

    /// The file of the statement or call now running (`<eval>`, `<repl>` or a script path), so `load()` can
    /// resolve paths relative to the calling script.
    package var currentScriptFileName: String { currentFileName }
}
