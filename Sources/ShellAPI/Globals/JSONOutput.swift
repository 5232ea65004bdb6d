import BSONCore
import Interpreter

extension Shell {
    /// What `--json` prints for an `--eval` result: `EJSON.stringify(value, null, 2, {relaxed})`, with a
    /// cursor read to the end and printed as the array of its documents. Nil for `undefined` (nothing printed).
    package func extendedJSON(of value: JSValue, mode: ExtendedJSONMode) throws -> String? {
        var value = value
        if case .object(let object) = value, let cursor = object.host as? ShellCursor {
            var documents: [JSValue] = []
            while let document = try cursor.nextDocument() {
                try interpreter.checkInterrupted()
                documents.append(.object(BSONBridge.jsObject(from: document)))
            }
            value = .object(JSObject.makeArray(documents))
        }
        let text = try EJSONGlobal.stringify(value, space: .number(2), mode: mode, interpreter: interpreter)
        guard case .string(let string) = text else { return nil }
        return string
    }
}
