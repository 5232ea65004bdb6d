/// Freeing an interpreter's objects when it goes away.
///
/// Memory is reference counted, and a JavaScript heap is full of cycles: every constructor and its prototype, a
/// class and its methods, a global function and the global scope it closes over. When the interpreter is freed,
/// `tearDown` empties every object and scope reachable from the globals and the built-in prototypes, which breaks
/// those cycles. Objects a host still holds afterwards are left empty.
extension Interpreter {
    /// Empties every object and scope reachable from the global scope and the realm, without recursion.
    func tearDown() {
        var objects: [JSObject] = [
            realm.objectPrototype, realm.functionPrototype, realm.arrayPrototype, realm.stringPrototype,
            realm.numberPrototype, realm.booleanPrototype, realm.datePrototype, realm.regexpPrototype,
            realm.errorPrototype, realm.promisePrototype,
        ]
        objects += realm.errorPrototypes.values
        var scopes: [Scope] = [globalScope, detachedScope]
        var seenScopes: Set<ObjectIdentifier> = []
        while !objects.isEmpty || !scopes.isEmpty {
            while let scope = scopes.popLast() {
                guard seenScopes.insert(ObjectIdentifier(scope)).inserted else { continue }
                for binding in scope.bindings.values {
                    if case .object(let object) = binding.value { objects.append(object) }
                }
                scope.bindings.removeAll()
                if case .object(let object)? = scope.thisValue { objects.append(object) }
                scope.thisValue = nil
                if let function = scope.function { objects.append(function) }
                scope.function = nil
                if let parent = scope.parent { scopes.append(parent) }
            }
            // No visited set for objects: each reference is detached as it is followed, so an object reached again
            // has nothing left to follow.
            while let object = objects.popLast() {
                object.detachForTeardown(objects: &objects, scopes: &scopes)
            }
        }
    }
}

extension JSObject {
    /// Moves everything this object refers to into the work lists and forgets it.
    func detachForTeardown(objects: inout [JSObject], scopes: inout [Scope]) {
        detachChildren(into: &objects)
        for (getter, setter) in accessors.values {
            if let getter { objects.append(getter) }
            if let setter { objects.append(setter) }
        }
        accessors = [:]
        if let script = scriptFunction {
            scopes.append(script.scope)
            if let home = script.homeObject { objects.append(home) }
            script.homeObject = nil
        }
        if let bound = boundFunction {
            objects.append(bound.target)
            if case .object(let this) = bound.this { objects.append(this) }
            for case .object(let argument) in bound.arguments { objects.append(argument) }
            boundFunction = nil
        }
        if case .object(let primitive)? = primitiveValue { objects.append(primitive) }
        primitiveValue = nil
        if let info = classInfo {
            if let parent = info.parent { objects.append(parent) }
            scopes.append(info.scope)
            classInfo = nil
        }
        if let storage = host as? CollectionStorage {
            for (key, value) in storage.entries {
                if case .object(let object) = key { objects.append(object) }
                if case .object(let object) = value { objects.append(object) }
            }
            storage.removeAll()
        }
        if let promise = host as? PromiseState {
            switch promise.state {
            case .fulfilled(.object(let object)), .rejected(.object(let object)): objects.append(object)
            default: break
            }
            promise.state = .pending
            promise.reactions = []
            promise.onRejection = nil
        }
    }
}
