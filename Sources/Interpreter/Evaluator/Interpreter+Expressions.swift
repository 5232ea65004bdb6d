/// Expression evaluation.
extension Interpreter {
    /// Evaluates an expression; `name` names an anonymous function being assigned (`const f = () => …`).
    ///
    /// A thin dispatcher: larger cases live in their own functions so that each recursion level stays small.
    func evaluate(_ expression: Expression, _ scope: Scope, name: String? = nil) throws -> JSValue {
        switch expression {
        case .number(let value, _):
            return .number(value)
        case .string(let value, _):
            return .string(value)
        case .template(let strings, let expressions, _):
            return try evaluateTemplate(strings, expressions, scope)
        case .regex(let pattern, let flags, _):
            return .object(JSObject.makeRegExp(source: pattern, flags: flags))
        case .boolean(let value, _):
            return .bool(value)
        case .null:
            return .null
        case .identifier(let identifier, let range):
            if let value = scope.lookup(identifier) { return value }
            currentRange = range  // point at the name itself, not at the statement around it
            throw JSError.referenceError("\(identifier) is not defined")
        case .this:
            return scope.resolvedThis
        case .array(let elements, _):
            return .object(JSObject.makeArray(try evaluateElements(elements, scope)))
        case .object(let properties, _):
            return .object(try evaluateObject(properties, scope))
        case .function(let node, _):
            return .object(makeFunctionObject(node, scope, inferredName: name))
        case .unary(let op, let operand, _):
            return try evaluateUnary(op, operand, scope)
        case .update(let isIncrement, let isPrefix, let target, _):
            return try evaluateUpdate(isIncrement: isIncrement, isPrefix: isPrefix, target, scope)
        case .binary(let op, let left, let right, _):
            if case .binary = left { return try evaluateBinaryChain(expression, scope) }
            return try binaryOperation(op, try evaluate(left, scope), try evaluate(right, scope))
        case .logical(let op, let left, let right, _):
            return try evaluateLogical(op, left, right, scope)
        case .assign(let target, let valueExpression, _):
            return try evaluateAssignment(target, valueExpression, scope)
        case .compoundAssign(let op, let target, let valueExpression, _):
            return try evaluateCompoundAssignment(op, target, valueExpression, scope)
        case .logicalAssign(let op, let target, let valueExpression, _):
            return try evaluateLogicalAssignment(op, target, valueExpression, scope)
        case .conditional(let test, let then, let otherwise, _):
            return try evaluate(test, scope).isTruthy ? try evaluate(then, scope) : try evaluate(otherwise, scope)
        case .sequence(let expressions, _):
            var value = JSValue.undefined
            for expression in expressions { value = try evaluate(expression, scope) }
            return value
        case .member, .index, .call:
            return try evaluateChain(expression, scope) ?? .undefined
        case .optionalChain(let inner, _):
            return try evaluateChain(inner, scope) ?? .undefined
        case .new(let calleeExpression, let arguments, let range):
            return try evaluateNew(calleeExpression, arguments, range, scope)
        case .await(let inner, _):
            return try awaitValue(try evaluate(inner, scope))
        case .classExpression(let node, _):
            return .object(try makeClass(node, scope))
        case .superCall(let arguments, let range):
            return try evaluateSuperCall(arguments, range, scope)
        case .superMember(let key, _):
            return try superProperty(key, scope)
        }
    }

    @inline(never)
    func evaluateTemplate(_ strings: [String], _ expressions: [Expression], _ scope: Scope) throws -> JSValue {
        var result = strings[0]
        for (index, part) in expressions.enumerated() {
            result = try StringLimits.concatenate(result, try toString(try evaluate(part, scope)))
            result = try StringLimits.concatenate(result, strings[index + 1])
        }
        return .string(result)
    }

    @inline(never)
    func makeFunctionObject(_ node: FunctionNode, _ scope: Scope, inferredName: String?) -> JSObject {
        guard !node.name.isEmpty, !node.isArrow else { return makeFunction(node, scope, inferredName: inferredName) }
        // A named function expression sees its own name.
        let ownScope = Scope(parent: scope)
        let function = makeFunction(node, ownScope)
        ownScope.declare(node.name, .object(function))
        return function
    }

    @inline(never)
    func evaluateUpdate(isIncrement: Bool, isPrefix: Bool, _ target: Expression, _ scope: Scope) throws -> JSValue {
        let reference = try makeReference(target, scope)
        let old = try toNumber(try getValue(reference, scope))
        let new = isIncrement ? old + 1 : old - 1
        try putValue(reference, .number(new), scope)
        return .number(isPrefix ? new : old)
    }

    @inline(never)
    func evaluateLogical(_ op: LogicalOperator, _ left: Expression, _ right: Expression, _ scope: Scope) throws
        -> JSValue
    {
        let leftValue = try evaluate(left, scope)
        switch op {
        case .and: return leftValue.isTruthy ? try evaluate(right, scope) : leftValue
        case .or: return leftValue.isTruthy ? leftValue : try evaluate(right, scope)
        case .nullish: return leftValue.isNullish ? try evaluate(right, scope) : leftValue
        }
    }

    @inline(never)
    func evaluateAssignment(_ target: Pattern, _ valueExpression: Expression, _ scope: Scope) throws -> JSValue {
        if case .identifier(let identifier, _) = target {
            let value = try evaluate(valueExpression, scope, name: identifier)
            try assign(identifier, value, scope)
            return value
        }
        if case .member(let memberExpression) = target {
            let reference = try makeReference(memberExpression, scope)
            let value = try evaluate(valueExpression, scope)
            try putValue(reference, value, scope)
            return value
        }
        let value = try evaluate(valueExpression, scope)
        try bind(target, value, kind: nil, scope)
        return value
    }

    @inline(never)
    func evaluateCompoundAssignment(
        _ op: BinaryOperator, _ target: Expression, _ valueExpression: Expression, _ scope: Scope
    ) throws -> JSValue {
        let reference = try makeReference(target, scope)
        let old = try getValue(reference, scope)
        let value = try binaryOperation(op, old, try evaluate(valueExpression, scope))
        try putValue(reference, value, scope)
        return value
    }

    @inline(never)
    func evaluateLogicalAssignment(
        _ op: LogicalOperator, _ target: Expression, _ valueExpression: Expression, _ scope: Scope
    ) throws -> JSValue {
        let reference = try makeReference(target, scope)
        let old = try getValue(reference, scope)
        let shouldAssign =
            switch op {
            case .and: old.isTruthy
            case .or: !old.isTruthy
            case .nullish: old.isNullish
            }
        guard shouldAssign else { return old }
        let value = try evaluate(valueExpression, scope, name: target.identifierName)
        try putValue(reference, value, scope)
        return value
    }

    @inline(never)
    func evaluateNew(_ calleeExpression: Expression, _ arguments: [Argument], _ range: SourceRange, _ scope: Scope)
        throws -> JSValue
    {
        let callee = try evaluate(calleeExpression, scope)
        let argumentValues = try evaluateArguments(arguments, scope)
        let saved = currentRange
        currentRange = range
        defer { currentRange = saved }
        return try construct(callee, arguments: argumentValues, description: describe(calleeExpression))
    }

    /// Evaluates a left-nested chain like `a + b + c + …` iteratively, so long chains do not deepen the stack.
    func evaluateBinaryChain(_ expression: Expression, _ scope: Scope) throws -> JSValue {
        var operations: [(BinaryOperator, Expression)] = []
        var leftmost = expression
        while case .binary(let op, let left, let right, _) = leftmost {
            operations.append((op, right))
            leftmost = left
        }
        var value = try evaluate(leftmost, scope)
        for (op, right) in operations.reversed() {
            value = try binaryOperation(op, value, try evaluate(right, scope))
        }
        return value
    }

    /// Evaluates a member/call chain; nil when a `?.` met `null` or `undefined` (the chain short-circuits).
    func evaluateChain(_ expression: Expression, _ scope: Scope) throws -> JSValue? {
        switch expression {
        case .member(let objectExpression, let key, let isOptional, _):
            guard let base = try evaluateChainBase(objectExpression, scope) else { return nil }
            if isOptional && base.isNullish { return nil }
            return try getProperty(base, key)
        case .index(let objectExpression, let keyExpression, let isOptional, _):
            guard let base = try evaluateChainBase(objectExpression, scope) else { return nil }
            if isOptional && base.isNullish { return nil }
            return try getIndexed(base, try evaluate(keyExpression, scope))
        case .call(let calleeExpression, let arguments, let isOptional, let range):
            return try evaluateCall(calleeExpression, arguments, isOptional: isOptional, range, scope)
        default:
            return try evaluate(expression, scope)
        }
    }

    /// A call; nil when an optional chain short-circuits.
    @inline(never)
    func evaluateCall(
        _ calleeExpression: Expression, _ arguments: [Argument], isOptional: Bool, _ range: SourceRange, _ scope: Scope
    ) throws -> JSValue? {
        var thisValue = JSValue.undefined
        let function: JSValue
        switch calleeExpression {
        case .member(let objectExpression, let key, let isOptionalMember, _):
            guard let base = try evaluateChainBase(objectExpression, scope) else { return nil }
            if isOptionalMember && base.isNullish { return nil }
            function = try getProperty(base, key)
            thisValue = base
        case .index(let objectExpression, let keyExpression, let isOptionalMember, _):
            guard let base = try evaluateChainBase(objectExpression, scope) else { return nil }
            if isOptionalMember && base.isNullish { return nil }
            function = try getIndexed(base, try evaluate(keyExpression, scope))
            thisValue = base
        case .superMember(let key, _):
            function = try superProperty(key, scope)
            thisValue = scope.resolvedThis
        default:
            guard let value = try evaluateChainBase(calleeExpression, scope) else { return nil }
            function = value
        }
        if isOptional && function.isNullish { return nil }
        let argumentValues = try evaluateArguments(arguments, scope)
        guard case .object(let object) = function, object.isCallable else {
            currentRange = range
            throw JSError.typeError("\(describe(calleeExpression)) is not a function")
        }
        let saved = currentRange
        currentRange = range
        defer { currentRange = saved }
        return try callFunction(object, this: thisValue, arguments: argumentValues)
    }

    @inline(__always)
    func evaluateChainBase(_ expression: Expression, _ scope: Scope) throws -> JSValue? {
        switch expression {
        case .member, .index, .call: try evaluateChain(expression, scope)
        default: try evaluate(expression, scope)
        }
    }

    /// How an error message names a callee: `db.foo.bar`, `a.b(...).c`, or `(intermediate value)`.
    func describe(_ expression: Expression) -> String {
        switch expression {
        case .identifier(let name, _): name
        case .this: "this"
        case .number(let value, _): JSNumber.format(value)
        case .string(let value, _): "\"\(value)\""
        case .member(let object, let key, _, _): describe(object) + "." + key
        case .index(let object, .string(let key, _), _, _): describe(object) + "[\"\(key)\"]"
        case .index(let object, .number(let key, _), _, _): describe(object) + "[\(JSNumber.format(key))]"
        case .index(let object, _, _, _): describe(object) + "[...]"
        case .call(let callee, _, _, _): describe(callee) + "(...)"
        case .optionalChain(let inner, _): describe(inner)
        default: "(intermediate value)"
        }
    }

    func evaluateArguments(_ arguments: [Argument], _ scope: Scope) throws -> [JSValue] {
        var values: [JSValue] = []
        values.reserveCapacity(arguments.count)
        for argument in arguments {
            switch argument {
            case .expression(let expression):
                values.append(try evaluate(expression, scope))
            case .spread(let expression):
                let value = try evaluate(expression, scope)
                do {
                    values.append(contentsOf: try iterateToArray(value))
                } catch JSError.typeError(let message) where message.hasSuffix("is not iterable") && !value.isNullish {
                    throw JSError.typeError("Spread syntax requires ...iterable[Symbol.iterator] to be a function")
                }
            }
        }
        return values
    }

    func evaluateElements(_ elements: [ArrayElement], _ scope: Scope) throws -> [JSValue] {
        var values: [JSValue] = []
        values.reserveCapacity(elements.count)
        for element in elements {
            switch element {
            case .expression(let expression): values.append(try evaluate(expression, scope))
            case .spread(let expression):
                values.append(
                    contentsOf: try iterateToArray(try evaluate(expression, scope), source: describe(expression)))
            case .hole: values.append(.undefined)
            }
        }
        return values
    }

    func evaluateObject(_ properties: [ObjectProperty], _ scope: Scope) throws -> JSObject {
        let object = JSObject(kind: .ordinary)
        for property in properties {
            switch property {
            case .property(let key, let valueExpression):
                let name = try propertyKey(key, scope)
                object.set(name, try evaluate(valueExpression, scope, name: name))
            case .spread(let expression):
                let source = try evaluate(expression, scope)
                for (key, value) in try ownEnumerableEntries(source) { object.set(key, value) }
            case .getter(let key, let node):
                object.defineAccessor(try propertyKey(key, scope), getter: makeFunction(node, scope), setter: nil)
            case .setter(let key, let node):
                object.defineAccessor(try propertyKey(key, scope), getter: nil, setter: makeFunction(node, scope))
            }
        }
        return object
    }

    func propertyKey(_ key: PropertyKey, _ scope: Scope) throws -> String {
        switch key {
        case .named(let name): name
        case .computed(let expression): try toPropertyKey(try evaluate(expression, scope))
        }
    }

    func evaluateUnary(_ op: UnaryOperator, _ operand: Expression, _ scope: Scope) throws -> JSValue {
        switch op {
        case .typeof:
            if case .identifier(let name, _) = operand, scope.lookup(name) == nil { return .string("undefined") }
            return .string(try evaluate(operand, scope).typeofString)
        case .delete:
            switch operand {
            case .member(let objectExpression, let key, _, _):
                if case .object(let object) = try evaluate(objectExpression, scope) { object.delete(key) }
            case .index(let objectExpression, let keyExpression, _, _):
                let base = try evaluate(objectExpression, scope)
                let key = try toPropertyKey(try evaluate(keyExpression, scope))
                if case .object(let object) = base { object.delete(key) }
            default:
                _ = try evaluate(operand, scope)
            }
            return .bool(true)
        case .void:
            _ = try evaluate(operand, scope)
            return .undefined
        case .not:
            return .bool(!(try evaluate(operand, scope).isTruthy))
        case .minus:
            return .number(-(try toNumber(try evaluate(operand, scope))))
        case .plus:
            return .number(try toNumber(try evaluate(operand, scope)))
        case .bitwiseNot:
            return .number(Double(~JSNumber.toInt32(try toNumber(try evaluate(operand, scope)))))
        }
    }

    // MARK: References

    /// A place that can be read and written: a variable or an object's property.
    enum Reference {
        case variable(String)
        case property(JSValue, String)
    }

    func makeReference(_ target: Expression, _ scope: Scope) throws -> Reference {
        switch target {
        case .identifier(let name, _):
            return .variable(name)
        case .member(let objectExpression, let key, _, _):
            return .property(try evaluate(objectExpression, scope), key)
        case .index(let objectExpression, let keyExpression, _, _):
            let base = try evaluate(objectExpression, scope)
            return .property(base, try toPropertyKey(try evaluate(keyExpression, scope)))
        default:
            throw JSError.syntaxError("Invalid left-hand side in assignment")
        }
    }

    func getValue(_ reference: Reference, _ scope: Scope) throws -> JSValue {
        switch reference {
        case .variable(let name):
            if let value = scope.lookup(name) { return value }
            throw JSError.referenceError("\(name) is not defined")
        case .property(let base, let key):
            return try getProperty(base, key)
        }
    }

    func putValue(_ reference: Reference, _ value: JSValue, _ scope: Scope) throws {
        switch reference {
        case .variable(let name): try assign(name, value, scope)
        case .property(let base, let key): try setProperty(base, key, value)
        }
    }

    /// Assigns to an existing variable, or creates a global (sloppy mode) when none is declared.
    func assign(_ name: String, _ value: JSValue, _ scope: Scope) throws {
        var current: Scope? = scope
        while let candidate = current {
            if let binding = candidate.bindings[name] {
                if binding.isConst { throw JSError.typeError("Assignment to constant variable.") }
                candidate.bindings[name] = Scope.Binding(value: value, isConst: false)
                return
            }
            current = candidate.parent
        }
        globalScope.declare(name, value)
    }
}

extension Expression {
    /// The variable name when the expression is a plain identifier.
    var identifierName: String? {
        if case .identifier(let name, _) = self { return name }
        return nil
    }
}
