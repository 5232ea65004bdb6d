import BSONCore
import Formatting
import Interpreter
import ShellAPI

/// Turns what an input evaluated to into the text mongosh would print (nil: print nothing).
package struct OutputRenderer {
    package var colors: Bool

    package init(colors: Bool) { self.colors = colors }

    /// The printed form of one shell output.
    package func render(_ output: ShellOutput) -> String? {
        switch output {
        case .nothing:
            return nil
        case .text(let text):
            return text
        case .changeStream:
            return nil  // Its events print as they arrive: `Session.printEvents`.
        case .cursorPage(let documents, let hasMore):
            let page = Inspector.inspectBatch(documents, options: InspectOptions.serverDocument.withColors(colors))
            return hasMore ? page + "\nType \"it\" for more" : page
        case .valuePage(let values, let hasMore):
            let page = Inspector.inspect(
                .object(JSObject.makeArray(values)), options: InspectOptions.serverDocument.withColors(colors))
            return hasMore ? page + "\nType \"it\" for more" : page
        case .value(let value, let fromServer):
            if case .string(let s) = value { return s }  // mongosh prints a string result raw
            return Inspector.inspect(
                value, options: (fromServer ? InspectOptions.serverDocument : .shell).withColors(colors))
        }
    }

    /// One change-stream event, printed as mongosh prints a document from the server.
    package func renderEvent(_ event: BSONDocument) -> String {
        Inspector.inspect(event, options: InspectOptions.serverDocument.withColors(colors))
    }

    /// A value printed in full, as `--eval` prints its result and `printjson` prints its argument.
    package func renderFull(_ value: JSValue, options: InspectOptions = .serverDocument) -> String {
        if case .string(let s) = value { return s }
        return Inspector.inspect(value, options: options.withColors(colors))
    }
}
