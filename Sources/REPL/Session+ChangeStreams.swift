import ShellAPI

extension Session {
    /// Prints a change stream's events as they arrive, each like a server document, until Ctrl-C; then closes
    /// the stream and returns, leaving the shell running (mongosh's behaviour for a `watch()` at the prompt).
    ///
    /// Each wait lasts at most the stream's `maxAwaitTimeMS` (1000 ms by default), so Ctrl-C is noticed within
    /// about a second. A server error ends the stream and is thrown.
    func printEvents(_ stream: ChangeStreamCursor) throws {
        InterruptSignal.install()
        defer { stream.close() }
        let interrupted = shell.interpreter.interruptFlag
        interrupted.clear()
        try withInterruptWatch {
            while !interrupted.isSet {
                if let event = try stream.tryNextEvent() { output.write(renderer.renderEvent(event) + "\n") }
            }
        }
    }
}
