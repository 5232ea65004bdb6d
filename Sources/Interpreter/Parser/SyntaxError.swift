/// A lexing or parsing error, with what was expected, what was found and where.
package struct SyntaxError: Error, Equatable, CustomStringConvertible {
    /// The category of a syntax error.
    package enum Kind: Sendable, Equatable {
        /// The input ended early (open bracket, unterminated string or template, trailing operator).
        case unexpectedEndOfInput
        /// A token that cannot appear here.
        case unexpectedToken
        /// A string literal broken by a line end.
        case unterminatedString
        /// A character that starts no token.
        case invalidCharacter
        /// A malformed number literal.
        case invalidNumber
        /// A malformed escape sequence in a string or template.
        case invalidEscape
        /// A malformed regular expression literal.
        case invalidRegularExpression
        /// The left side of an assignment or update cannot be assigned to.
        case invalidAssignmentTarget
        /// `break`, `continue` or `return` where it is not allowed, or a duplicate declaration.
        case invalidStatement
        /// Nesting deeper than the parser's limit.
        case nestingTooDeep
    }

    /// The category.
    package var kind: Kind
    /// The message, e.g. "Expected ')' after arguments, found ';'".
    package var message: String
    /// Where the error points.
    package var range: SourceRange

    /// Creates a syntax error.
    package init(kind: Kind, message: String, range: SourceRange) {
        self.kind = kind
        self.message = message
        self.range = range
    }

    /// Whether more input could complete the source, so a REPL should read another line.
    package var isIncomplete: Bool { kind == .unexpectedEndOfInput }

    /// `line:column: message`.
    package var description: String { "\(range.start): \(message)" }
}
