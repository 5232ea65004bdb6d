/// `globalThis`: a view of the global scope as an object, so `globalThis.x` reads and writes global variables.
///
/// Holds the scope strongly although the scope holds the `globalThis` binding: the interpreter's `deinit` empties
/// the global scope, which breaks that cycle. (A weak reference would give the global scope a side table, and
/// every retain and release of it, on each global lookup, would take the runtime's slow path: 20% of a call-heavy
/// script's time.)
final class GlobalObject: HostObject {
    let scope: Scope

    /// Creates the view of `scope`.
    init(scope: Scope) {
        self.scope = scope
    }

    var className: String { "global" }

    func getProperty(_ key: String, interpreter: Interpreter) throws -> JSValue? {
        scope.bindings[key]?.value
    }

    func setProperty(_ key: String, _ value: JSValue, interpreter: Interpreter) throws -> Bool {
        if scope.bindings[key]?.isConst == true { throw JSError.typeError("Assignment to constant variable.") }
        scope.declare(key, value)
        return true
    }

    var propertyNames: [String] { scope.bindings.keys.sorted() }
}
