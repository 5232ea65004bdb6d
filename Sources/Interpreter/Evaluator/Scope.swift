/// A lexical environment: the variables of one block, function or the global scope.
final class Scope {

    struct Binding {
        var value: JSValue
        var isConst: Bool
    }

    var bindings: [String: Binding] = [:]
    let parent: Scope?
    /// `this` for a function or global scope; nil for blocks and arrow functions (look outward).
    var thisValue: JSValue?
    /// For the scope of a non-arrow function call: the function object (for `super`).
    var function: JSObject?
    /// Whether a closure was created in this scope or an inner one (so loops must not reuse it).
    var isCaptured = false

    init(parent: Scope?, thisValue: JSValue? = nil) {
        self.parent = parent
        self.thisValue = thisValue
    }

    func declare(_ name: String, _ value: JSValue, isConst: Bool = false) {
        bindings[name] = Binding(value: value, isConst: isConst)
    }

    /// Marks this scope and its ancestors as captured by a closure.
    func markCaptured() {
        var scope: Scope? = self
        while let current = scope, !current.isCaptured {
            current.isCaptured = true
            scope = current.parent
        }
    }

    /// The value of `name` in this scope or an enclosing one.
    func lookup(_ name: String) -> JSValue? {
        var scope: Scope? = self
        while let current = scope {
            if let binding = current.bindings[name] { return binding.value }
            scope = current.parent
        }
        return nil
    }

    /// The innermost scope that declares `name`.
    func scope(declaring name: String) -> Scope? {
        var scope: Scope? = self
        while let current = scope {
            if current.bindings[name] != nil { return current }
            scope = current.parent
        }
        return nil
    }

    /// The `this` of the innermost function or global scope.
    var resolvedThis: JSValue {
        var scope: Scope? = self
        while let current = scope {
            if let thisValue = current.thisValue { return thisValue }
            scope = current.parent
        }
        return .undefined
    }
}

/// How a statement finished.
enum Completion {
    case normal
    case breakLoop(String?)
    case continueLoop(String?)
    case returnValue(JSValue)
}
