import Interpreter
import ShellAPI

/// The ShellError that `body` throws, directly or from inside a script (the interpreter wraps native errors).
func thrownShellError(_ body: () throws -> Any) -> ShellError? {
    do {
        _ = try body()
        return nil
    } catch let error as ShellError {
        return error
    } catch {
        return (error as? ScriptError)?.underlying as? ShellError
    }
}
