/// `globalThis`: a view of the global scope as an object, so `globalThis.x` reads and writes global variables.
///
/// Holds the scope weakly: the scope holds the `globalThis` binding, and a strong reference back would be a cycle.
final class GlobalObject: HostObject {
    weak var scope: Scope?

    /// Creates the view of `scope`.
    init(scope: Scope) {
        self.scope = scope
    }

    var className: String { "global" }

    func getProperty(_ key: String, interpreter: Interpreter) throws -> JSValue? {
        scope?.bindings[key]?.value
    }

    func setProperty(_ key: String, _ value: JSValue, interpreter: Interpreter) throws -> Bool {
        guard let scope else { return false }
        if scope.bindings[key]?.isConst == true { throw JSError.typeError("Assignment to constant variable.") }
        scope.declare(key, value)
        return true
    }

    var propertyNames: [String] { scope?.bindings.keys.sorted() ?? [] }
}
