/// Functions: creation, calls, `new`, and binding of parameters and destructuring patterns.
extension Interpreter {
    /// A function object for `node` closing over `scope`.
    func makeFunction(_ node: FunctionNode, _ scope: Scope, inferredName: String? = nil) -> JSObject {
        let object = JSObject(kind: .function)
        scope.markCaptured()
        object.scriptFunction = ScriptFunction(node: node, scope: scope)
        if node.name.isEmpty, let inferredName { object.set("name", .string(inferredName), enumerable: false) }
        return object
    }

    /// Calls `function` with `this` and `arguments`.
    func callFunction(_ function: JSObject, this: JSValue, arguments: [JSValue]) throws -> JSValue {
        try tick()
        if let script = function.scriptFunction {
            if function.classInfo != nil {
                let name = function.get("name")?.toDisplayString() ?? script.node.name
                throw JSError.typeError("Class constructor \(name) cannot be invoked without 'new'")
            }
            return try callScript(script, this: this, arguments: arguments, function: function)
        }
        if let native = function.nativeFunction {
            do {
                return try native.body(
                    NativeCall(this: this, arguments: arguments, isConstruct: false, interpreter: self))
            } catch {
                throw scriptError(from: error)
            }
        }
        if let bound = function.boundFunction {
            return try callFunction(bound.target, this: bound.this, arguments: bound.arguments + arguments)
        }
        throw JSError.typeError("\(function.functionName ?? "value") is not a function")
    }

    /// Runs a script function's body. When `isConstructing`, a non-object result yields the final `this`
    /// (which a derived constructor's `super(…)` may have replaced).
    func callScript(
        _ script: ScriptFunction, this: JSValue, arguments: [JSValue], function: JSObject? = nil,
        isConstructing: Bool = false
    ) throws -> JSValue {
        guard callDepth < maxCallDepth, !isStackExhausted else {
            throw JSError.rangeError("Maximum call stack size exceeded")
        }
        callDepth += 1
        functionDepth += 1
        let savedFile = currentFileName
        let savedRange = currentRange
        defer {
            callDepth -= 1
            functionDepth -= 1
            currentFileName = savedFile
            currentRange = savedRange
        }
        currentFileName = script.node.fileName
        // Held only here (see `releaseScope`), so a call's scope and its own functions are freed when it ends.
        var scope: Scope? = Scope(parent: script.scope, thisValue: script.node.isArrow ? nil : this)
        if !script.node.isArrow { scope?.function = function }
        let result = Result { () throws -> JSValue in
            guard let scope else { return .undefined }
            guard script.node.isAsync else {
                return try runBody(script.node, arguments: arguments, isConstructing: isConstructing, scope: scope)
            }
            return try runAsync {
                try runBody(script.node, arguments: arguments, isConstructing: isConstructing, scope: scope)
            }
        }
        releaseScope(&scope)
        return try result.get()
    }

    /// Binds the arguments and runs the body of a call in its new `scope`.
    private func runBody(_ node: FunctionNode, arguments: [JSValue], isConstructing: Bool, scope: Scope) throws
        -> JSValue
    {
        do {
            try bindParameters(node, arguments, scope)
            switch node.body {
            case .expression(let expression):
                return try evaluate(expression, scope)
            case .block(let block):
                try hoistFunctions(block.statements, into: scope)
                if case .returnValue(let value) = try executeStatements(block.statements, scope) {
                    if !isConstructing || value.asObject != nil { return value }
                }
                return isConstructing ? scope.thisValue ?? .undefined : .undefined
            }
        } catch {
            throw scriptError(from: error)
        }
    }

    /// Binds parameters, `arguments` and hoisted `var` names in a new function scope.
    @inline(never)
    func bindParameters(_ node: FunctionNode, _ arguments: [JSValue], _ scope: Scope) throws {
        if let names = node.simpleParameterNames {
            for (index, name) in names.enumerated() {
                scope.declare(name, index < arguments.count ? arguments[index] : .undefined)
            }
        } else {
            for (index, parameter) in node.parameters.enumerated() {
                try bind(parameter, index < arguments.count ? arguments[index] : .undefined, kind: .let, scope)
            }
            if let rest = node.rest {
                let remaining =
                    arguments.count > node.parameters.count ? Array(arguments[node.parameters.count...]) : []
                try bind(rest, .object(JSObject.makeArray(remaining)), kind: .let, scope)
            }
        }
        if node.usesArguments { scope.declare("arguments", .object(JSObject.makeArray(arguments))) }
        for name in node.varNames where scope.bindings[name] == nil { scope.declare(name, .undefined) }
    }

    /// `new callee(...arguments)`.
    func construct(_ callee: JSValue, arguments: [JSValue], description: String) throws -> JSValue {
        guard case .object(let function) = callee, function.isCallable else {
            throw JSError.typeError("\(description) is not a constructor")
        }
        try tick()
        if let native = function.nativeFunction {
            guard native.isConstructor else { throw JSError.typeError("\(description) is not a constructor") }
            do {
                return try native.body(
                    NativeCall(this: .undefined, arguments: arguments, isConstruct: true, interpreter: self))
            } catch {
                throw scriptError(from: error)
            }
        }
        if let bound = function.boundFunction {
            return try construct(
                .object(bound.target), arguments: bound.arguments + arguments, description: description)
        }
        guard let script = function.scriptFunction, !script.node.isArrow else {
            throw JSError.typeError("\(description) is not a constructor")
        }
        let instance = JSObject(kind: .ordinary)
        if case .object(let prototype) = try getProperty(function, "prototype") { instance.prototype = prototype }
        if function.classInfo != nil {
            return try constructInto(function, this: .object(instance), arguments: arguments)
        }
        let result = try callScript(script, this: .object(instance), arguments: arguments, function: function)
        if case .object = result { return result }
        return .object(instance)
    }

    /// Binds `value` to a pattern: declares with `kind`, or assigns to existing targets when `kind` is nil.
    func bind(_ pattern: Pattern, _ value: JSValue, kind: VariableKind?, _ scope: Scope) throws {
        switch pattern {
        case .identifier(let name, _):
            switch kind {
            case .let?, .const?:
                scope.declare(name, value, isConst: kind == .const)
            case .var?:
                if let declaring = scope.scope(declaring: name) {
                    declaring.bindings[name] = Scope.Binding(value: value, isConst: false)
                } else {
                    globalScope.declare(name, value)
                }
            case nil:
                try assign(name, value, scope)
            }
        case .member(let target):
            try putValue(try makeReference(target, scope), value, scope)
        case .withDefault(let target, let defaultExpression):
            let actual = value.isUndefined ? try evaluate(defaultExpression, scope, name: target.simpleName) : value
            try bind(target, actual, kind: kind, scope)
        case .object(let properties, let rest, _):
            guard !value.isNullish else {
                let shown = value.toDisplayString()
                if let first = properties.first?.key.staticName {
                    throw JSError.typeError(
                        "Cannot destructure property '\(first)' of '\(shown)' as it is \(shown).")
                }
                throw JSError.typeError("Cannot destructure '\(shown)' as it is \(shown).")
            }
            var used: Set<String> = []
            for property in properties {
                let key = try propertyKey(property.key, scope)
                used.insert(key)
                try bind(property.value, try getProperty(value, key), kind: kind, scope)
            }
            if let rest {
                let remaining = JSObject(kind: .ordinary)
                for (key, entry) in try ownEnumerableEntries(value) where !used.contains(key) {
                    remaining.set(key, entry)
                }
                try bind(rest, .object(remaining), kind: kind, scope)
            }
        case .array(let elements, let rest, _):
            let items = try iterateToArray(value)
            for (index, element) in elements.enumerated() {
                guard let element else { continue }
                try bind(element, index < items.count ? items[index] : .undefined, kind: kind, scope)
            }
            if let rest {
                let remaining = items.count > elements.count ? Array(items[elements.count...]) : []
                try bind(rest, .object(JSObject.makeArray(remaining)), kind: kind, scope)
            }
        }
    }
}
