import Synchronization

/// An error a native function throws to raise a JavaScript error of a given type.
package enum JSError: Error, Equatable {
    /// `Error: message`.
    case error(String)
    /// `TypeError: message`.
    case typeError(String)
    /// `RangeError: message`.
    case rangeError(String)
    /// `ReferenceError: message`.
    case referenceError(String)
    /// `SyntaxError: message`.
    case syntaxError(String)
    /// `URIError: message`.
    case uriError(String)

    /// The JavaScript error name.
    package var name: String {
        switch self {
        case .error: "Error"
        case .typeError: "TypeError"
        case .rangeError: "RangeError"
        case .referenceError: "ReferenceError"
        case .syntaxError: "SyntaxError"
        case .uriError: "URIError"
        }
    }

    /// The message.
    package var message: String {
        switch self {
        case .error(let message), .typeError(let message), .rangeError(let message), .referenceError(let message),
            .syntaxError(let message), .uriError(let message):
            message
        }
    }
}

/// An error from a host or native function that knows how it should look to scripts that catch it.
package protocol JSErrorConvertible: Error {
    /// The `name` a script sees, e.g. "MongoServerError".
    var jsErrorName: String { get }
    /// The `message` a script sees.
    var jsErrorMessage: String { get }
    /// Extra own properties of the Error object a `catch` receives, e.g. `code: 11000`,
    /// `codeName: 'DuplicateKey'`. Empty by default.
    var jsErrorProperties: [(String, JSValue)] { get }
}

extension JSErrorConvertible {
    /// No extra properties.
    package var jsErrorProperties: [(String, JSValue)] { [] }
}

/// A host error that `try`/`catch` in scripts must not catch (for example a request to exit the shell); it
/// propagates like an interruption, running `finally` blocks on the way out.
package protocol UncatchableScriptError: Error {}

/// An error raised while running a script: a thrown JavaScript value, or a Swift error from a native function.
///
/// `@unchecked Sendable`: the thrown value refers to interpreter objects, which are not thread-safe. A script
/// error is created and inspected on the interpreter's thread; other threads may only move it, and `name`,
/// `message` and `fileName`/`range` are plain values computed at creation.
package struct ScriptError: Error, CustomStringConvertible, @unchecked Sendable {
    /// The thrown JavaScript value (an Error object for runtime errors), or nil when `underlying` is set.
    package let thrownValue: JSValue?
    /// The Swift error thrown by a native or host function, propagated as is.
    package let underlying: (any Error)?
    /// Where the error surfaced: the innermost statement or call.
    package let range: SourceRange
    /// The file of that statement or call.
    package let fileName: String
    /// The error's name: "ReferenceError", "TypeError", "Error", the host error's name, or "" when a script
    /// threw a value that is not an Error object (`throw 5`).
    package let name: String
    /// The error's message.
    package let message: String
    /// Whether the step budget or the interrupt flag stopped the script (try/catch cannot catch this).
    package let isInterruption: Bool

    /// Whether `catch` clauses let this error pass: interruptions and `UncatchableScriptError`s.
    var isUncatchable: Bool { isInterruption || underlying is any UncatchableScriptError }

    init(thrown value: JSValue, range: SourceRange, fileName: String) {
        thrownValue = value
        underlying = nil
        self.range = range
        self.fileName = fileName
        isInterruption = false
        if case .object(let object) = value, object.kind == .error {
            name = object.get("name")?.toDisplayString() ?? "Error"
            message = object.get("message")?.toDisplayString() ?? ""
        } else {
            name = ""
            message = value.toDisplayString()
        }
    }

    init(underlying error: any Error, range: SourceRange, fileName: String) {
        thrownValue = nil
        underlying = error
        self.range = range
        self.fileName = fileName
        isInterruption = false
        (name, message) = Self.nameAndMessage(of: error)
    }

    init(interruptionAt range: SourceRange, fileName: String) {
        thrownValue = nil
        underlying = nil
        self.range = range
        self.fileName = fileName
        isInterruption = true
        name = "Error"
        message = "execution was interrupted"
    }

    /// How a Swift error appears to scripts: its `JSErrorConvertible` name and message, else "Error" and its
    /// description.
    static func nameAndMessage(of error: any Error) -> (String, String) {
        if let convertible = error as? any JSErrorConvertible {
            return (convertible.jsErrorName, convertible.jsErrorMessage)
        }
        if let jsError = error as? JSError { return (jsError.name, jsError.message) }
        return ("Error", String(describing: error))
    }

    /// `Name: message`.
    package var description: String {
        if name.isEmpty { return message }
        return message.isEmpty ? name : "\(name): \(message)"
    }
}

/// A flag that stops a running script at its next loop iteration or call; safe to set from any thread
/// (for example a signal-handling thread on Ctrl-C).
package final class InterruptFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    /// Creates a cleared flag.
    package init() {}

    /// Asks the running script to stop.
    package func set() { flag.store(true, ordering: .relaxed) }

    /// Clears the request.
    package func clear() { flag.store(false, ordering: .relaxed) }

    /// Whether a stop was requested.
    package var isSet: Bool { flag.load(ordering: .relaxed) }
}
