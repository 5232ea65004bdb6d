import Interpreter

/// A user-facing shell error with a stable code: `[SPSH-1001] Invalid processor name: ''` (STYLE.md §3).
///
/// Every code the shell uses is listed in `ShellErrorCode`, so a code never changes meaning.
package struct ShellError: Error, Equatable {
    package var code: ShellErrorCode
    package var message: String

    package init(_ code: ShellErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The error's name as printed before the colon.
    package var name: String { "MongoshInvalidInputError" }

    /// `[SPSH-1002] No database connection: ...`
    package var codedMessage: String { "[\(code.rawValue)] \(message)" }
}

/// The stable codes of user-facing shell errors. Add new ones at the end; never reuse a number.
package enum ShellErrorCode: String, Sendable {
    /// A processor name that is empty or not a string.
    case invalidProcessorName = "SPSH-1001"
    /// `db` used while started with `--nodb`.
    case noDatabase = "SPSH-1002"
    /// A shell method called with an argument of the wrong type or shape.
    case invalidArgument = "SPSH-1003"
    /// `show` with an unknown subcommand.
    case invalidShowArgument = "SPSH-1004"
    /// A cursor option set after the cursor was opened.
    case cursorAlreadyOpen = "SPSH-1005"
    /// A value that cannot become BSON (a function, say).
    case unsupportedBSONValue = "SPSH-1006"
    /// `use` with an invalid database name.
    case invalidDatabaseName = "SPSH-1007"
    /// A cursor or method option that spsh cannot honour (`readPref('secondary')`).
    case unsupportedOption = "SPSH-1008"
    /// A server reply without the field a shell method reads from it.
    case unexpectedReply = "SPSH-1009"
    /// A method that needs an existing collection (`isCapped`) called on one that does not exist.
    case namespaceNotFound = "SPSH-1010"
    /// An `sp` method used while no Atlas Stream Processing workspace is configured.
    case noStreamsTarget = "SPSH-1011"
    /// A stream processor name that the workspace does not know (the message suggests the nearest known one).
    case unknownStreamProcessor = "SPSH-1012"
    /// A connection name that the workspace's registry does not know (with the nearest known one).
    case unknownStreamConnection = "SPSH-1013"
}

extension ShellError: JSErrorConvertible {
    package var jsErrorName: String { name }
    package var jsErrorMessage: String { codedMessage }
}
