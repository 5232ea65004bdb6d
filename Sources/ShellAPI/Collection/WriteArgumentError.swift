import Interpreter

/// An argument the drivers reject before anything is sent, printed as mongosh prints it:
/// `MongoInvalidArgumentError: Update document requires atomic operators`.
struct WriteArgumentError: Error, Equatable {
    var message: String

    init(_ message: String) { self.message = message }

    /// An update without `$` operators (or an empty pipeline), where one is required.
    static let updateNeedsOperators = WriteArgumentError("Update document requires atomic operators")
    /// A replacement that starts with a `$` operator.
    static let replacementHasOperators = WriteArgumentError("Replacement document must not contain atomic operators")
}

extension WriteArgumentError: ServerErrorDescribing, JSErrorConvertible {
    var errorName: String { "MongoInvalidArgumentError" }
    var codeName: String? { nil }
    var errorMessage: String { message }
    var jsErrorName: String { errorName }
    var jsErrorMessage: String { message }
}
