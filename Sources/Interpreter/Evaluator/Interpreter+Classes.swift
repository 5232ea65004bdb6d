/// Classes: construction with fields, `extends` (script or built-in parents) and `super`.
final class ClassInfo {
    /// The `extends` constructor, if any.
    let parent: JSObject?
    /// Instance fields, initialized on each new instance in order.
    let fields: [(key: PropertyKey, value: Expression?)]
    /// The scope field initializers run in (the class scope).
    let scope: Scope
    /// Whether the class declared a `constructor`.
    let hasConstructor: Bool

    init(parent: JSObject?, fields: [(key: PropertyKey, value: Expression?)], scope: Scope, hasConstructor: Bool) {
        self.parent = parent
        self.fields = fields
        self.scope = scope
        self.hasConstructor = hasConstructor
    }
}

extension Interpreter {
    /// Evaluates a class definition to its constructor function.
    func makeClass(_ node: ClassNode, _ scope: Scope) throws -> JSObject {
        let classScope = Scope(parent: scope)
        var parent: JSObject?
        var parentPrototype: JSObject? = realm.objectPrototype
        if let superclass = node.superclass {
            guard case .object(let parentObject) = try evaluate(superclass, scope), parentObject.isCallable else {
                throw JSError.typeError("Class extends value \(describe(superclass)) is not a constructor or null")
            }
            parent = parentObject
            parentPrototype = try getProperty(parentObject, "prototype").asObject
        }
        let constructorNode =
            node.constructor
            ?? FunctionNode(
                name: node.name, parameters: [], rest: nil,
                body: .block(Block(statements: [], needsScope: false, range: node.range)), isArrow: false, varNames: [],
                usesArguments: false, fileName: currentFileName, range: node.range)
        let prototype = JSObject(kind: .ordinary)
        prototype.prototype = parentPrototype
        let constructor = makeFunction(constructorNode, classScope)
        constructor.scriptFunction?.homeObject = prototype
        if let parent { constructor.prototype = parent }
        if node.constructor != nil, !node.name.isEmpty {
            constructor.set("name", .string(node.name), enumerable: false)
        }
        constructor.set("prototype", .object(prototype), enumerable: false)
        prototype.set("constructor", .object(constructor), enumerable: false)
        var fields: [(key: PropertyKey, value: Expression?)] = []
        var staticFields: [(key: PropertyKey, value: Expression?)] = []
        for member in node.members {
            let target = member.isStatic ? constructor : prototype
            switch member.kind {
            case .method(let function):
                let method = makeFunction(function, classScope)
                method.scriptFunction?.homeObject = target
                target.set(try propertyKey(member.key, classScope), .object(method), enumerable: false)
            case .getter(let function), .setter(let function):
                let accessor = makeFunction(function, classScope)
                accessor.scriptFunction?.homeObject = target
                let key = try propertyKey(member.key, classScope)
                if case .getter = member.kind {
                    target.defineAccessor(key, getter: accessor, setter: nil)
                } else {
                    target.defineAccessor(key, getter: nil, setter: accessor)
                }
            case .field(let value):
                if member.isStatic {
                    staticFields.append((member.key, value))
                } else {
                    fields.append((member.key, value))
                }
            }
        }
        constructor.classInfo = ClassInfo(
            parent: parent, fields: fields, scope: classScope, hasConstructor: node.constructor != nil)
        if !node.name.isEmpty { classScope.declare(node.name, .object(constructor), isConst: true) }
        try initializeFields(staticFields, on: .object(constructor), scope: classScope)
        return constructor
    }

    /// Runs a class constructor (and, for derived classes without one, the parent's) on `this`; returns the
    /// final `this`.
    func constructInto(_ constructor: JSObject, this: JSValue, arguments: [JSValue]) throws -> JSValue {
        guard let info = constructor.classInfo, let script = constructor.scriptFunction else {
            if let script = constructor.scriptFunction {
                _ = try callScript(script, this: this, arguments: arguments, function: constructor)
                return this
            }
            return try constructNative(constructor, replacing: this, arguments: arguments)
        }
        if info.parent == nil { try initializeFields(info.fields, on: this, scope: info.scope) }
        if info.hasConstructor {
            let result = try callScript(
                script, this: this, arguments: arguments, function: constructor, isConstructing: true)
            return result
        }
        guard let parent = info.parent else { return this }
        let newThis = try constructInto(parent, this: this, arguments: arguments)
        try initializeFields(info.fields, on: newThis, scope: info.scope)
        return newThis
    }

    /// `super(…)` with a built-in parent (such as `Error`): the parent makes the object, which takes over the
    /// instance's prototype and properties.
    func constructNative(_ parent: JSObject, replacing this: JSValue, arguments: [JSValue]) throws -> JSValue {
        let made = try construct(.object(parent), arguments: arguments, description: parent.functionName ?? "parent")
        guard case .object(let object) = made, case .object(let instance) = this else { return made }
        object.prototype = realm.prototype(of: instance)
        for key in instance.properties.orderedKeys(enumerableOnly: false) {
            object.set(key, instance.properties[key] ?? .undefined)
        }
        return made
    }

    func initializeFields(_ fields: [(key: PropertyKey, value: Expression?)], on target: JSValue, scope: Scope) throws {
        guard !fields.isEmpty else { return }
        let fieldScope = Scope(parent: scope, thisValue: target)
        for (key, value) in fields {
            let name = try propertyKey(key, fieldScope)
            try setProperty(target, name, try value.map { try evaluate($0, fieldScope, name: name) } ?? .undefined)
        }
    }

    /// The scope of the innermost non-arrow function call, where `this` and the function live.
    func functionScope(_ scope: Scope) -> Scope? {
        var current: Scope? = scope
        while let candidate = current {
            if candidate.thisValue != nil { return candidate }
            current = candidate.parent
        }
        return nil
    }

    func evaluateSuperCall(_ arguments: [Argument], _ range: SourceRange, _ scope: Scope) throws -> JSValue {
        guard let functionScope = functionScope(scope), let constructor = functionScope.function,
            let info = constructor.classInfo, let parent = info.parent
        else {
            throw JSError.syntaxError("'super' keyword unexpected here")
        }
        let values = try evaluateArguments(arguments, scope)
        let saved = currentRange
        currentRange = range
        defer { currentRange = saved }
        let newThis = try constructInto(parent, this: functionScope.thisValue ?? .undefined, arguments: values)
        functionScope.thisValue = newThis
        try initializeFields(info.fields, on: newThis, scope: info.scope)
        return .undefined
    }

    /// `super.key`: looked up from the prototype of the current method's home object, with `this` as receiver.
    func superProperty(_ key: String, _ scope: Scope) throws -> JSValue {
        guard let functionScope = functionScope(scope), let home = functionScope.function?.scriptFunction?.homeObject
        else {
            throw JSError.syntaxError("'super' keyword unexpected here")
        }
        guard let parentPrototype = realm.prototype(of: home) else { return .undefined }
        return try lookup(parentPrototype, key, receiver: functionScope.thisValue ?? .undefined)
    }
}
