import Interpreter
import REPL
import ShellAPI
import TestSupport
import Testing

@Suite(.tags(.small))
struct ErrorReportTests {
    func error(evaluating source: String) -> any Error {
        do {
            _ = try Interpreter().evaluate(source, fileName: "t.js")
        } catch {
            return error
        }
        Issue.record("expected an error")
        return ShellError(.invalidArgument, "unreachable")
    }

    @Test func syntaxErrorWithCaret() {
        let source = "let a = 1\nf(1, 2;"
        #expect(
            ErrorReport.render(error(evaluating: source), source: source, fileName: "t.js", withLocation: true) == """
                SyntaxError: Expected ')' after arguments, found ';'
                    at t.js:2:7
                    f(1, 2;
                          ^
                """)
    }

    @Test func runtimeErrorHeadlineOnly() {
        #expect(
            ErrorReport.render(error(evaluating: "nope"), source: "nope", fileName: "t.js", withLocation: false)
                == "ReferenceError: nope is not defined")
    }

    @Test func thrownNonErrorValue() {
        #expect(ErrorReport.headline(error(evaluating: "throw 5")) == "Uncaught 5")
    }

    @Test func shellErrorsShowTheirCode() {
        #expect(
            ErrorReport.headline(ShellError(.invalidShowArgument, "'x' is not a valid argument for \"show\"."))
                == "MongoshInvalidInputError: [SPSH-1004] 'x' is not a valid argument for \"show\".")
    }
}
