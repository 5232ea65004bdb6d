import BSONCore
import Interpreter

/// What one evaluated input shows the user; the REPL renders it with Formatting.
package enum ShellOutput {
    /// Nothing to print (a declaration, `undefined`).
    case nothing
    /// A value; `fromServer` values print at full depth, as mongosh prints server documents.
    case value(JSValue, fromServer: Bool)
    /// One page of a cursor, then `Type "it" for more` when `hasMore`.
    case cursorPage([BSONDocument], hasMore: Bool)
    /// One page of a cursor with `map` functions: the values they returned, printed as a cursor page is.
    case valuePage([JSValue], hasMore: Bool)
    /// A change stream: the REPL prints its events as they arrive, each like a server document, until Ctrl-C.
    case changeStream(ChangeStreamCursor)
    /// Plain text lines: `switched to db x`, `no cursor`, the `show` tables.
    case text(String)
}
