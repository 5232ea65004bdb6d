/// One lexical token of script text with its source range.
package struct Token: Sendable, Equatable {
    /// What a token is, with its decoded value.
    package enum Kind: Sendable, Equatable {
        /// A name that is not a reserved word (`db`, `$match`, `of`, `async`).
        case identifier(String)
        /// A reserved word (`let`, `function`, `typeof`, `true`, `null`, `await`).
        case keyword(String)
        /// An operator or punctuation mark (`===`, `?.`, `{`).
        case punctuator(String)
        /// A numeric literal's value.
        case number(Double)
        /// A string literal's cooked value.
        case string(String)
        /// A template literal: its cooked strings and, between them, each `${}` expression's tokens.
        case template(TemplateToken)
        /// A regular expression literal's body and flags.
        case regex(pattern: String, flags: String)
        /// The end of the input.
        case eof
    }

    /// The token's kind and value.
    package var kind: Kind
    /// Where the token is in the source.
    package var range: SourceRange
    /// Whether a line break comes between this token and the previous one (for automatic semicolons).
    package var isAfterNewline: Bool

    /// Creates a token.
    package init(kind: Kind, range: SourceRange, isAfterNewline: Bool) {
        self.kind = kind
        self.range = range
        self.isAfterNewline = isAfterNewline
    }
}

/// The parts of a template literal: `strings.count == expressions.count + 1`.
package struct TemplateToken: Sendable, Equatable {
    /// The cooked text around the substitutions.
    package var strings: [String]
    /// The tokens of each `${}` substitution, each list ending with an `.eof` token.
    package var expressions: [[Token]]
}

/// The reserved words of the subset; any other name lexes as an identifier.
let reservedWords: Set<String> = [
    "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do",
    "else", "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof",
    "let", "new", "null", "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var",
    "void", "while", "with", "yield",
]
