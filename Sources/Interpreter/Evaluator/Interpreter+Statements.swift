/// Statement execution.
extension Interpreter {
    func execute(_ statement: Statement, _ scope: Scope, labels: [String] = []) throws -> Completion {
        switch statement {
        case .expression(let expression, let range):
            currentRange = range
            let value = try evaluate(expression, scope)
            if functionDepth == 0 { completionValue = value }
            return .normal
        case .variable(let kind, let declarators, let range):
            currentRange = range
            try declare(kind, declarators, in: scope)
            return .normal
        case .function:
            return .normal  // hoisted when the enclosing block started
        case .block(let block):
            return try executeBlock(block, scope)
        case .empty:
            return .normal
        case .if(let test, let then, let otherwise, let range):
            currentRange = range
            if try evaluate(test, scope).isTruthy { return try execute(then, scope) }
            if let otherwise { return try execute(otherwise, scope) }
            return .normal
        case .for(let initializer, let test, let update, let body, let range):
            return try executeFor(initializer, test, update, body, range: range, scope, labels: labels)
        case .forIn(let binding, let objectExpression, let body, let range):
            return try executeForIn(binding, objectExpression, body, range, scope, labels)
        case .forOf(let binding, let iterableExpression, let body, let range):
            currentRange = range
            let iterable = try evaluate(iterableExpression, scope)
            return try executeForOf(iterable, binding, body, scope, labels, source: describe(iterableExpression))
        case .while(let test, let body, let range):
            return try executeWhile(test, body, range, scope, labels)
        case .doWhile(let body, let test, let range):
            return try executeDoWhile(body, test, range, scope, labels)
        case .break(let label, _):
            return .breakLoop(label)
        case .continue(let label, _):
            return .continueLoop(label)
        case .return(let expression, let range):
            currentRange = range
            return .returnValue(try expression.map { try evaluate($0, scope) } ?? .undefined)
        case .throw(let expression, let range):
            try executeThrow(expression, range, scope)
        case .try(let body, let handler, let finalizer, _):
            return try executeTry(body, handler, finalizer, scope)
        case .switch(let discriminant, let cases, let range):
            currentRange = range
            return try executeSwitch(try evaluate(discriminant, scope), cases, scope, labels)
        case .labeled(let label, let body, _):
            return try executeLabeled(label, body, scope, labels)
        case .classDeclaration(let node, let range):
            currentRange = range
            scope.declare(node.name, .object(try makeClass(node, scope)))
            return .normal
        }
    }

    @inline(never)
    func executeLabeled(_ label: String, _ body: Statement, _ scope: Scope, _ labels: [String]) throws -> Completion {
        let completion = try execute(body, scope, labels: labels + [label])
        if case .breakLoop(let target) = completion, target == label { return .normal }
        return completion
    }

    @inline(never)
    func executeThrow(_ expression: Expression, _ range: SourceRange, _ scope: Scope) throws -> Never {
        currentRange = range
        let value = try evaluate(expression, scope)
        if case .object(let object) = value, let underlying = object.underlyingError {
            throw ScriptError(underlying: underlying, range: range, fileName: currentFileName)
        }
        throw ScriptError(thrown: value, range: range, fileName: currentFileName)
    }

    @inline(never)
    func executeForIn(
        _ binding: ForBinding, _ objectExpression: Expression, _ body: Statement, _ range: SourceRange, _ scope: Scope,
        _ labels: [String]
    ) throws -> Completion {
        currentRange = range
        let object = try evaluate(objectExpression, scope)
        let keys = try enumerableKeys(of: object)
        return try executeEach(keys.lazy.map { JSValue.string($0) }.makeIterator(), binding, body, scope, labels)
    }

    @inline(never)
    func executeWhile(_ test: Expression, _ body: Statement, _ range: SourceRange, _ scope: Scope, _ labels: [String])
        throws -> Completion
    {
        while true {
            currentRange = range
            try tick()
            guard try evaluate(test, scope).isTruthy else { return .normal }
            let completion = try execute(body, scope)
            if let exit = loopExit(completion, labels) { return exit }
        }
    }

    @inline(never)
    func executeDoWhile(_ body: Statement, _ test: Expression, _ range: SourceRange, _ scope: Scope, _ labels: [String])
        throws -> Completion
    {
        while true {
            try tick()
            let completion = try execute(body, scope)
            if let exit = loopExit(completion, labels) { return exit }
            currentRange = range
            guard try evaluate(test, scope).isTruthy else { return .normal }
        }
    }

    /// Runs a block's statements in a new scope when it declares block-scoped names.
    ///
    /// The new scope is held only in `inner` so that `releaseScope` can free it with its own functions afterwards.
    func executeBlock(_ block: Block, _ scope: Scope) throws -> Completion {
        guard block.needsScope else { return try executeStatements(block.statements, scope) }
        var inner: Scope? = Scope(parent: scope)
        let completion = Result { () throws -> Completion in
            guard let inner else { return .normal }
            try hoistFunctions(block.statements, into: inner)
            return try executeStatements(block.statements, inner)
        }
        releaseScope(&inner)
        return try completion.get()
    }

    func executeStatements(_ statements: [Statement], _ scope: Scope) throws -> Completion {
        for statement in statements {
            let completion = try execute(statement, scope)
            if case .normal = completion { continue }
            return completion
        }
        return .normal
    }

    /// Binds the function declarations among `statements` before they run.
    func hoistFunctions(_ statements: [Statement], into scope: Scope) throws {
        for statement in statements {
            if case .function(let node, _) = statement {
                scope.declare(node.name, .object(makeFunction(node, scope)))
            }
        }
    }

    func declare(_ kind: VariableKind, _ declarators: [VariableDeclarator], in scope: Scope) throws {
        for declarator in declarators {
            if let initializer = declarator.initializer {
                let value = try evaluate(initializer, scope, name: declarator.target.simpleName)
                try bind(declarator.target, value, kind: kind, scope)
            } else if kind == .var {
                continue  // hoisted; `var x;` keeps the current value
            } else {
                try bind(declarator.target, .undefined, kind: kind, scope)
            }
        }
    }

    /// What a loop does after its body completed: nil to go on, or the completion to leave with.
    @inline(__always)
    func loopExit(_ completion: Completion, _ labels: [String]) -> Completion? {
        switch completion {
        case .normal: return nil
        case .breakLoop(let label):
            return label == nil || labels.contains(label ?? "") ? .normal : completion
        case .continueLoop(let label):
            return label == nil || labels.contains(label ?? "") ? nil : completion
        case .returnValue: return completion
        }
    }

    @inline(never)
    func executeFor(
        _ initializer: ForInitializer?, _ test: Expression?, _ update: Expression?, _ body: Statement,
        range: SourceRange, _ scope: Scope, labels: [String]
    ) throws -> Completion {
        currentRange = range
        var loopScope = scope
        var perIterationNames: [String] = []
        switch initializer {
        case .variable(let kind, let declarators):
            if kind != .var {
                loopScope = Scope(parent: scope)
                perIterationNames = declarators.flatMap(\.target.boundNames)
            }
            try declare(kind, declarators, in: loopScope)
        case .expression(let expression):
            _ = try evaluate(expression, scope)
        case nil:
            break
        }
        while true {
            try tick()
            currentRange = range
            if let test, try !evaluate(test, loopScope).isTruthy { return .normal }
            let completion = try execute(body, loopScope)
            if let exit = loopExit(completion, labels) { return exit }
            if !perIterationNames.isEmpty && loopScope.isCaptured {
                // A fresh binding per iteration, so closures capture each iteration's value.
                let next = Scope(parent: scope)
                next.bindings = loopScope.bindings
                loopScope = next
            }
            currentRange = range
            if let update { _ = try evaluate(update, loopScope) }
        }
    }

    @inline(never)
    func executeEach(
        _ values: some IteratorProtocol<JSValue>, _ binding: ForBinding, _ body: Statement, _ scope: Scope,
        _ labels: [String]
    ) throws -> Completion {
        var iterator = values
        var iterationScope: Scope?
        while let value = iterator.next() {
            try tick()
            let completion = try runIteration(value, binding, body, scope, &iterationScope)
            if let exit = loopExit(completion, labels) { return exit }
        }
        return .normal
    }

    /// Runs one iteration; `let`/`const` bindings get a scope per iteration, reused while no closure captured it.
    func runIteration(
        _ value: JSValue, _ binding: ForBinding, _ body: Statement, _ scope: Scope, _ iterationScope: inout Scope?
    ) throws -> Completion {
        if let kind = binding.kind, kind != .var {
            let current: Scope
            if let reusable = iterationScope, !reusable.isCaptured {
                current = reusable
            } else {
                current = Scope(parent: scope)
                iterationScope = current
            }
            try bind(binding.target, value, kind: kind, current)
            return try execute(body, current)
        }
        try bind(binding.target, value, kind: binding.kind, scope)
        return try execute(body, scope)
    }

    @inline(never)
    func executeForOf(
        _ iterable: JSValue, _ binding: ForBinding, _ body: Statement, _ scope: Scope, _ labels: [String],
        source: String
    ) throws -> Completion {
        var iterationScope: Scope?
        if case .object(let object) = iterable, object.kind == .array {
            var index = 0
            while index < object.elements.count {
                try tick()
                let completion = try runIteration(object.elements[index], binding, body, scope, &iterationScope)
                if let exit = loopExit(completion, labels) { return exit }
                index += 1
            }
            return .normal
        }
        let next = try makeIterator(iterable, source: source)
        while let value = try next() {
            try tick()
            let completion = try runIteration(value, binding, body, scope, &iterationScope)
            if let exit = loopExit(completion, labels) { return exit }
        }
        return .normal
    }

    @inline(never)
    func executeTry(_ body: Block, _ handler: CatchClause?, _ finalizer: Block?, _ scope: Scope) throws -> Completion {
        var completion: Completion = .normal
        var pending: (any Error)?
        do {
            completion = try executeBlock(body, scope)
        } catch {
            if let handler, !Self.isUncatchable(error) {
                do {
                    let value = try caughtValue(error)
                    let catchScope = Scope(parent: scope)
                    if let parameter = handler.parameter { try bind(parameter, value, kind: .let, catchScope) }
                    completion = try executeBlock(handler.body, catchScope)
                } catch {
                    pending = error
                }
            } else {
                pending = error
            }
        }
        if let finalizer {
            if let pending, (pending as? ScriptError)?.isInterruption ?? false { throw pending }
            if let pending, Self.isUncatchable(pending) {
                _ = try executeBlock(finalizer, scope)
                throw pending
            }
            let finalCompletion = try executeBlock(finalizer, scope)
            if case .normal = finalCompletion {} else { return finalCompletion }
        }
        if let pending { throw pending }
        return completion
    }

    static func isUncatchable(_ error: any Error) -> Bool {
        if let scriptError = error as? ScriptError { return scriptError.isUncatchable }
        return error is any UncatchableScriptError
    }

    @inline(never)
    func executeSwitch(_ value: JSValue, _ cases: [SwitchCase], _ scope: Scope, _ labels: [String]) throws -> Completion
    {
        let inner = Scope(parent: scope)
        var start: Int?
        for (index, clause) in cases.enumerated() {
            guard let test = clause.test else { continue }
            if strictEquals(value, try evaluate(test, inner)) {
                start = index
                break
            }
        }
        if start == nil { start = cases.firstIndex { $0.test == nil } }
        guard let start else { return .normal }
        for clause in cases[start...] {
            try hoistFunctions(clause.body, into: inner)
            let completion = try executeStatements(clause.body, inner)
            switch completion {
            case .normal: continue
            case .breakLoop(let label) where label == nil: return .normal
            default: return completion
            }
        }
        return .normal
    }
}

extension Pattern {
    /// The name of a plain identifier pattern (used to name anonymous functions).
    var simpleName: String? {
        if case .identifier(let name, _) = self { return name }
        return nil
    }
}
