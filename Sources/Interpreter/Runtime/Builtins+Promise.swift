/// `Promise`, settled synchronously: the subset runs everything on one thread without an event loop, so executors
/// and `then` callbacks run at once, and `await` takes a settled promise's value (or throws its reason). This lets
/// pasted code such as `await Promise.all(names.map(n => db[n].countDocuments()))` run unchanged.
final class PromiseState: HostObject {
    /// Where a promise stands.
    enum State {
        case pending
        case fulfilled(JSValue)
        case rejected(JSValue)
    }

    var state = State.pending
    /// Callbacks waiting for a pending promise, run when it settles.
    var reactions: [(State) throws -> Void] = []
    /// Whether `then`, `catch`, `await` or a combinator consumed the promise (so a rejection is not "uncaught").
    var isHandled = false
    /// Where the promise was rejected, for reporting the reason as an uncaught error.
    var rejectedAt: (range: SourceRange, fileName: String)?
    /// Called when the promise is rejected (the interpreter records it, to report it if nothing handles it).
    var onRejection: ((PromiseState) -> Void)?

    var className: String { "Promise" }

    func getProperty(_ key: String, interpreter: Interpreter) throws -> JSValue? { nil }

    /// Settles the promise once (later calls are ignored) and runs the waiting callbacks.
    func settle(_ newState: State) throws {
        guard case .pending = state else { return }
        state = newState
        if case .rejected = newState { onRejection?(self) }
        let waiting = reactions
        reactions = []
        for reaction in waiting { try reaction(newState) }
    }

    /// Runs `reaction` now if settled, else when the promise settles.
    func whenSettled(_ reaction: @escaping (State) throws -> Void) throws {
        isHandled = true
        if case .pending = state {
            reactions.append(reaction)
        } else {
            try reaction(state)
        }
    }
}

extension Interpreter {
    /// A new pending promise object and its state.
    func makePromise() -> (JSObject, PromiseState) {
        let state = PromiseState()
        state.onRejection = { [weak self] rejected in
            guard let self else { return }
            rejected.rejectedAt = (currentRange, currentFileName)
            // Forget handled rejections now and then, so a loop of caught rejections does not pile up.
            if rejections.count >= 1024 { rejections.removeAll { $0.promise.isHandled } }
            rejections.append((rejected, currentRange, currentFileName))
        }
        let object = JSObject(host: state)
        object.prototype = realm.promisePrototype
        return (object, state)
    }

    /// Resolves `state` with `value`: adopts the state of a promise or thenable, else fulfills with the value.
    func resolve(_ state: PromiseState, with value: JSValue) throws {
        if case .object(let object) = value {
            if let other = object.host as? PromiseState {
                try other.whenSettled { try state.settle($0) }
                return
            }
            if case .object(let then) = try getProperty(object, "then"), then.isCallable {
                let (resolveFunction, rejectFunction) = resolvingFunctions(state)
                do {
                    _ = try callFunction(then, this: value, arguments: [resolveFunction, rejectFunction])
                } catch {
                    try state.settle(.rejected(try caughtValue(error)))
                }
                return
            }
        }
        try state.settle(.fulfilled(value))
    }

    /// The `resolve` and `reject` functions handed to an executor or a thenable.
    func resolvingFunctions(_ state: PromiseState) -> (JSValue, JSValue) {
        let resolveFunction = JSValue.makeFunction(name: "resolve", length: 1) { call in
            try call.interpreter.resolve(state, with: call.argument(0))
            return .undefined
        }
        let rejectFunction = JSValue.makeFunction(name: "reject", length: 1) { call in
            try state.settle(.rejected(call.argument(0)))
            return .undefined
        }
        return (resolveFunction, rejectFunction)
    }

    /// The promise `value` is, or a promise fulfilled with it (`Promise.resolve`).
    func promise(from value: JSValue) throws -> (JSObject, PromiseState) {
        if case .object(let object) = value, let state = object.host as? PromiseState { return (object, state) }
        let (object, state) = makePromise()
        try resolve(state, with: value)
        return (object, state)
    }

    /// `await value`: a settled promise's value, its reason thrown, or the value itself.
    func awaitValue(_ value: JSValue) throws -> JSValue {
        guard case .object(let object) = value, let state = object.host as? PromiseState else { return value }
        state.isHandled = true
        switch state.state {
        case .fulfilled(let result): return result
        case .rejected(let reason):
            let (range, fileName) = state.rejectedAt ?? (currentRange, currentFileName)
            throw ScriptError(thrown: reason, range: range, fileName: fileName)
        case .pending:
            throw JSError.error(
                "await on a promise that never settled (scripts run synchronously, without an event loop)")
        }
    }

    /// The end of a top-level evaluation: a promise result gives its value (as mongosh awaits it), and a rejection
    /// nothing handled is thrown as the uncaught error it is.
    func finishTopLevel(_ result: JSValue) throws -> JSValue {
        let value = try awaitValue(result)
        defer { rejections = [] }
        if let (promise, range, fileName) = rejections.first(where: { !$0.promise.isHandled }),
            case .rejected(let reason) = promise.state
        {
            throw ScriptError(thrown: reason, range: range, fileName: fileName)
        }
        return value
    }

    /// Runs an `async` function's body: a promise fulfilled with its result or rejected with what it threw.
    func runAsync(_ body: () throws -> JSValue) throws -> JSValue {
        let (object, state) = makePromise()
        do {
            try resolve(state, with: try body())
        } catch {
            let reason = try caughtValue(error)
            if let scriptError = error as? ScriptError {
                (currentRange, currentFileName) = (scriptError.range, scriptError.fileName)
            }
            try state.settle(.rejected(reason))
        }
        return .object(object)
    }

    func installPromise() {
        let prototype = realm.promisePrototype
        prototype.prototype = realm.objectPrototype
        let constructor = defineConstructor("Promise", 1, prototype: prototype) { call in
            guard call.isConstruct else {
                throw JSError.typeError("Promise constructor cannot be invoked without 'new'")
            }
            let executor = try Self.callback(call, 0)
            let (object, state) = call.interpreter.makePromise()
            let (resolveFunction, rejectFunction) = call.interpreter.resolvingFunctions(state)
            do {
                _ = try call.interpreter.call(executor, this: .undefined, arguments: [resolveFunction, rejectFunction])
            } catch {
                try state.settle(.rejected(try call.interpreter.caughtValue(error)))
            }
            return .object(object)
        }
        defineMethod(constructor, "resolve", 1) { call in
            .object(try call.interpreter.promise(from: call.argument(0)).0)
        }
        defineMethod(constructor, "reject", 1) { call in
            let (object, state) = call.interpreter.makePromise()
            try state.settle(.rejected(call.argument(0)))
            return .object(object)
        }
        for name in ["all", "allSettled", "race", "any"] {
            defineMethod(constructor, name, 1) { call in
                try call.interpreter.combine(try call.interpreter.iterateToArray(call.argument(0)), name)
            }
        }
        defineMethod(prototype, "then", 2) { call in
            try call.interpreter.then(call, onFulfilled: call.argument(0), onRejected: call.argument(1))
        }
        defineMethod(prototype, "catch", 1) { call in
            try call.interpreter.then(call, onFulfilled: .undefined, onRejected: call.argument(0))
        }
        defineMethod(prototype, "finally", 1) { call in
            let callback = call.argument(0)
            let passThrough = { (isRejection: Bool) in
                JSValue.makeFunction(name: "finally", length: 1) { inner in
                    if case .object(let function) = callback, function.isCallable {
                        _ = try inner.interpreter.callFunction(function, this: .undefined, arguments: [])
                    }
                    if isRejection { throw ScriptError(thrown: inner.argument(0), range: .zero, fileName: "") }
                    return inner.argument(0)
                }
            }
            return try call.interpreter.then(call, onFulfilled: passThrough(false), onRejected: passThrough(true))
        }
    }

    /// `promise.then(onFulfilled, onRejected)`: a new promise for the callback's result.
    func then(_ call: NativeCall, onFulfilled: JSValue, onRejected: JSValue) throws -> JSValue {
        guard case .object(let object) = call.this, let source = object.host as? PromiseState else {
            throw JSError.typeError(
                "Method Promise.prototype.then called on incompatible receiver \(call.this.toDisplayString())")
        }
        let (result, state) = makePromise()
        try source.whenSettled { settled in
            let (value, handler, isRejection): (JSValue, JSValue, Bool) =
                switch settled {
                case .fulfilled(let value): (value, onFulfilled, false)
                case .rejected(let reason): (reason, onRejected, true)
                case .pending: (.undefined, .undefined, false)
                }
            guard case .object(let function) = handler, function.isCallable else {
                try state.settle(isRejection ? .rejected(value) : .fulfilled(value))
                return
            }
            do {
                try self.resolve(state, with: try self.callFunction(function, this: .undefined, arguments: [value]))
            } catch {
                try state.settle(.rejected(try self.caughtValue(error)))
            }
        }
        return .object(result)
    }

    /// `Promise.all`, `allSettled`, `race` and `any` over `items`.
    func combine(_ items: [JSValue], _ name: String) throws -> JSValue {
        let (result, state) = makePromise()
        var values = [JSValue](repeating: .undefined, count: items.count)
        var remaining = items.count
        if remaining == 0 {
            if name == "any" {
                try state.settle(.rejected(.object(makeError(.error("All promises were rejected")))))
            } else if name != "race" {
                try state.settle(.fulfilled(.object(JSObject.makeArray([]))))
            }
        }
        for (index, item) in items.enumerated() {
            try promise(from: item).1.whenSettled { settled in
                switch (name, settled) {
                case ("race", .fulfilled(let value)): try state.settle(.fulfilled(value))
                case ("race", .rejected(let reason)), ("all", .rejected(let reason)):
                    try state.settle(.rejected(reason))
                case ("any", .fulfilled(let value)): try state.settle(.fulfilled(value))
                case ("allSettled", .fulfilled(let value)):
                    values[index] = .object(JSObject.makeObject([("status", .string("fulfilled")), ("value", value)]))
                case ("allSettled", .rejected(let reason)):
                    values[index] = .object(JSObject.makeObject([("status", .string("rejected")), ("reason", reason)]))
                case (_, .fulfilled(let value)), (_, .rejected(let value)): values[index] = value
                case (_, .pending): break
                }
                remaining -= 1
                guard remaining == 0 else { return }
                switch name {
                case "all", "allSettled": try state.settle(.fulfilled(.object(JSObject.makeArray(values))))
                case "any": try state.settle(.rejected(.object(self.makeError(.error("All promises were rejected")))))
                default: break
                }
            }
        }
        return .object(result)
    }
}
