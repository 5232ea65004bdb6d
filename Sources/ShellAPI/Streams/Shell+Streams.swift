import BSONCore
import Interpreter

extension Shell {
    /// Defines `sp` and hands its session the target and the shell's clock.
    func installStreams(atlasAdmin: (any AtlasAdmin)?) {
        streams.admin = atlasAdmin
        streams.now = { [weak self] in self?.clock.nowMilliseconds ?? 0 }
        interpreter.defineGlobal("sp", .object(JSObject(host: StreamsHandle(shell: self))))
    }

    /// `{ ok: 1 }`, what mongosh prints for `start()`, `stop()`, `drop()` and `modify()`.
    func okReply() -> JSValue {
        serverObject(BSONDocument([("ok", .int32(1))]))
    }

    /// An array of values from the server, printed at full depth like a server document.
    func serverArray(_ values: [JSValue]) -> JSValue {
        let array = JSObject.makeArray(values)
        lastServerObject = array
        return .object(array)
    }

    /// Processor names for Tab completion (cached for a few seconds; see `StreamsSession`).
    package func processorNamesForCompletion() -> [String] {
        streams.admin == nil ? [] : streams.processorNamesForCompletion()
    }

    /// Connection names for Tab completion.
    package func connectionNamesForCompletion() -> [String] {
        streams.admin == nil ? [] : streams.connectionNamesForCompletion()
    }
}

extension Shell {
    /// Tab completion in `sp` contexts (methods, processor names, handle methods; see `StreamsCompletion`), or
    /// nil when the line is not in one, or `sp` is no longer the shell's own.
    package func streamsCompletion(line: String) -> (word: String, candidates: [String])? {
        guard case .object(let object)? = interpreter.global("sp"), object.host is StreamsHandle else { return nil }
        return StreamsCompletion.complete(
            line: line, methods: StreamsHandle.methods, processorMethods: StreamProcessorHandle.methods,
            processorNames: { self.processorNamesForCompletion() },
            connectionNames: { self.connectionNamesForCompletion() })
    }
}
