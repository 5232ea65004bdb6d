import Formatting
import Interpreter
import ShellAPI

/// A shell whose `sp` manages `admin` (no database connection is needed for `sp`).
func makeStreamsShell(_ admin: FakeAtlasAdmin?) -> Shell {
    Shell(interpreter: Interpreter(), connection: FakeCommandRunner(), databaseName: "test", atlasAdmin: admin)
}

/// What the REPL prints for `source`, without colors (the REPL's `OutputRenderer` does the same).
func printed(_ shell: Shell, _ source: String) throws -> String {
    switch try shell.evaluate(source) {
    case .nothing: return ""
    case .text(let text): return text
    case .value(.string(let text), _): return text
    case .value(let value, let fromServer):
        return Inspector.inspect(value, options: fromServer ? .serverDocument : .shell)
    default: return "<not a value>"
    }
}

/// The fake Admin API error that `body` throws, directly or from inside a script.
func thrownAPIError(_ body: () throws -> Any) -> FakeAtlasAdmin.APIError? {
    do {
        _ = try body()
        return nil
    } catch let error as FakeAtlasAdmin.APIError {
        return error
    } catch {
        return (error as? ScriptError)?.underlying as? FakeAtlasAdmin.APIError
    }
}
