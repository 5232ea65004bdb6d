import TestSupport
import Testing

@testable import Interpreter

@Suite(.tags(.small))
struct LexerTests {
    static func kinds(_ source: String) throws -> [Token.Kind] {
        try Lexer.tokenize(source).map(\.kind).dropLast()
    }

    @Test(arguments: [
        ("42", [Token.Kind.number(42)]),
        ("0x1F", [.number(31)]),
        ("0b101 0o17", [.number(5), .number(15)]),
        ("1.5e3 .25 2E-2", [.number(1500), .number(0.25), .number(0.02)]),
        ("'a\\nb' \"c\\td\"", [.string("a\nb"), .string("c\td")]),
        ("'\\u0041\\u{1F600}\\x41'", [.string("A😀A")]),
        ("'\\uD83D\\uDE00'", [.string("😀")]),
        ("'it\\'s' \"q\\\"\" '\\\\'", [.string("it's"), .string("q\""), .string("\\")]),
        ("'line\\\ncontinued'", [.string("linecontinued")]),
        ("$match _id é", [.identifier("$match"), .identifier("_id"), .identifier("é")]),
        ("let x of", [.keyword("let"), .identifier("x"), .identifier("of")]),
        (
            "a ?. b ?.5:1",
            [
                .identifier("a"), .punctuator("?."), .identifier("b"), .punctuator("?"), .number(0.5), .punctuator(":"),
                .number(1),
            ]
        ),
        (
            ">>>= === !== ... => ??=",
            [
                .punctuator(">>>="), .punctuator("==="), .punctuator("!=="), .punctuator("..."), .punctuator("=>"),
                .punctuator("??="),
            ]
        ),
        ("a // comment\n/* block */ b", [.identifier("a"), .identifier("b")]),
        ("x = /ab+c/gi", [.identifier("x"), .punctuator("="), .regex(pattern: "ab+c", flags: "gi")]),
        ("a / b / c", [.identifier("a"), .punctuator("/"), .identifier("b"), .punctuator("/"), .identifier("c")]),
        ("(1) / 2", [.punctuator("("), .number(1), .punctuator(")"), .punctuator("/"), .number(2)]),
        (
            "/[/]/.test(s)",
            [
                .regex(pattern: "[/]", flags: ""), .punctuator("."), .identifier("test"), .punctuator("("),
                .identifier("s"), .punctuator(")"),
            ]
        ),
    ])
    func tokens(source: String, expected: [Token.Kind]) throws {
        #expect(try Self.kinds(source) == expected)
    }

    @Test func templateLiteralWithNestedSubstitutions() throws {
        let kinds = try Self.kinds("`a${b + `c${d}`}e`")
        guard case .template(let template) = kinds.first else {
            Issue.record("Expected a template token, got \(kinds)")
            return
        }
        #expect(template.strings == ["a", "e"])
        #expect(template.expressions.count == 1)
        let inner = template.expressions[0].map(\.kind)
        #expect(inner.count == 4)
        #expect(inner.first == .identifier("b"))
        #expect(inner.last == .eof)
    }

    @Test func rangesTrackLinesColumnsAndOffsets() throws {
        let tokens = try Lexer.tokenize("a\n  é + b")
        #expect(tokens[1].range.start == SourceLocation(line: 2, column: 3, offset: 4))
        #expect(tokens[1].isAfterNewline)
        #expect(tokens[2].range.start == SourceLocation(line: 2, column: 5, offset: 7))
        #expect(!tokens[2].isAfterNewline)
    }

    @Test(arguments: [
        ("'abc", "Unterminated string literal", true),
        ("'abc\nd'", "Unterminated string literal", false),
        ("`abc", "Unterminated template literal", true),
        ("`a${b", "Unterminated template literal", true),
        ("/* x", "Unterminated comment", true),
        ("a = /x", "Unterminated regular expression", false),
        ("1e", "Invalid number: missing exponent", false),
        ("3in x", "Invalid number: identifier starts immediately after it", false),
        ("0x", "Invalid number: missing digits", false),
        ("1__0", "Only one underscore is allowed as numeric separator", false),
        ("1_", "Numeric separators are not allowed at the end of numeric literals", false),
        ("0x_1", "Invalid number: missing digits", false),
        ("'\\u12'", "Invalid Unicode escape sequence", false),
        ("a \\ b", "Unexpected character '\\'", false),
    ])
    func errors(source: String, message: String, isIncomplete: Bool) {
        #expect {
            _ = try Lexer.tokenize(source)
        } throws: { error in
            guard let error = error as? SyntaxError else { return false }
            return error.message == message && error.isIncomplete == isIncomplete
        }
    }
}
