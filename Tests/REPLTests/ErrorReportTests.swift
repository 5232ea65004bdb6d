import Interpreter
import REPL
import ShellAPI
import TestSupport
import Testing

@Suite(.tags(.small))
struct ErrorReportTests {
    /// Lives as long as the test: a freed interpreter empties the objects it made, thrown errors included.
    let interpreter = Interpreter()

    func error(evaluating source: String) -> any Error {
        do {
            _ = try interpreter.evaluate(source, fileName: "t.js")
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

    /// A server error as the executable's adapter makes it: a name, a code name and the driver's extra fields.
    struct ValidationFailure: ServerErrorDescribing, JSErrorConvertible {
        var errorName: String { "MongoServerError" }
        var codeName: String? { "DocumentValidationFailure" }
        var errorMessage: String { "Document failed validation" }
        var jsErrorName: String { errorName }
        var jsErrorMessage: String { errorMessage }
        var jsErrorProperties: [(String, JSValue)] {
            [
                ("code", .number(121)),
                (
                    "errInfo",
                    .object(
                        JSObject.makeObject([
                            ("details", .object(JSObject.makeObject([("reason", .string("missing a"))])))
                        ]))
                ),
            ]
        }
    }

    @Test func serverErrorInformationFollowsTheHeadlineAsMongoshPrintsIt() {
        #expect(
            ErrorReport.render(ValidationFailure(), source: nil, fileName: "t.js", withLocation: false) == """
                MongoServerError[DocumentValidationFailure]: Document failed validation
                Additional information: { details: { reason: 'missing a' } }
                """)
    }

    @Test func rethrownErrorsKeepTheirInformation() {
        let source = "const e = new Error('bulk'); e.writeErrors = [{ index: 1, code: 11000 }]; throw e"
        #expect(
            ErrorReport.render(error(evaluating: source), source: source, fileName: "t.js", withLocation: false) == """
                Error: bulk
                Write Errors: [ { index: 1, code: 11000 } ]
                """)
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
