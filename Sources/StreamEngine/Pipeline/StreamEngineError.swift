/// A pipeline that cannot run: validation (§1, code 420 `StreamProcessorInvalidOptions`) or a failure that
/// stops the processor (FAILED), as opposed to per-document errors, which go to the DLQ.
package struct StreamEngineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The error code: 420 for invalid pipelines and options.
    package var code: Int
    /// The engine's text, without the `StreamProcessorInvalidOptions: ` prefix.
    package var message: String

    /// An invalid pipeline or option (code 420).
    package static func invalid(_ message: String) -> StreamEngineError {
        StreamEngineError(code: 420, message: message)
    }

    /// An error with a code and text.
    package init(code: Int, message: String) {
        self.code = code
        self.message = message
    }

    /// `StreamProcessorInvalidOptions: <text>` for code 420, the text otherwise (§0).
    package var description: String {
        code == 420 ? "StreamProcessorInvalidOptions: \(message)" : message
    }
}
