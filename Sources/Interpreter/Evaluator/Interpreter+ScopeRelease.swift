/// Freeing a finished scope whose own functions refer back to it.
///
/// Memory is reference counted, so `function f() { function helper() {} }` makes a cycle on every call: the call's
/// scope holds `helper`, and `helper` holds the scope it closes over. When a call or block ends, `releaseScope`
/// checks whether the scope is garbage apart from such cycles and, if so, empties it, which frees both.
///
/// The check is exact and conservative: a function counts as the scope's own only when the scope's binding is the
/// only reference to it (`isKnownUniquelyReferenced`) and it closes over exactly this scope; the scope is emptied
/// only when, with those functions detached, nothing but the caller references it. A closure that escaped (returned,
/// stored in an object or an outer variable, kept by a host object) keeps the scope intact. Cycles through objects
/// (`const o = { m() {} }`), named function expressions and classes declared inside a call are not collected.
extension Interpreter {
    /// Empties `scope` if only its own functions keep it alive, then drops the caller's reference.
    ///
    /// The caller must hold the scope only in `scope`, so that the uniqueness check sees every other reference.
    func releaseScope(_ scope: inout Scope?) {
        defer { scope = nil }
        guard let detached = detachOwnFunctions(scope), !detached.isEmpty else { return }
        if isKnownUniquelyReferenced(&scope) {
            scope?.bindings.removeAll()
            return
        }
        guard let scope else { return }
        for (name, function) in detached {
            function.scriptFunction?.scope = scope
            scope.bindings[name]?.value = .object(function)
        }
    }

    /// Takes the script functions out of `scope` that close over it and that nothing else references, pointing them
    /// at an empty scope; nil (with nothing changed) when one of them is referenced elsewhere.
    private func detachOwnFunctions(_ scope: Scope?) -> [(name: String, function: JSObject)]? {
        guard let scope, scope.isCaptured, scope !== globalScope else { return nil }
        let names = scope.bindings.compactMap { name, binding -> String? in
            guard case .object(let object) = binding.value, object.scriptFunction?.scope === scope else { return nil }
            return name
        }
        if names.isEmpty { return nil }
        var detached: [(name: String, function: JSObject)] = []
        detached.reserveCapacity(names.count)
        for name in names {
            var function = scope.bindings[name]?.value.asObject
            scope.bindings[name]?.value = .undefined
            guard isKnownUniquelyReferenced(&function), let function else {
                if let function { scope.bindings[name]?.value = .object(function) }
                for (name, function) in detached {
                    function.scriptFunction?.scope = scope
                    scope.bindings[name]?.value = .object(function)
                }
                return nil
            }
            function.scriptFunction?.scope = detachedScope
            detached.append((name, function))
        }
        return detached
    }
}
