import Foundation

/// Runs scripts of the JavaScript subset: parses, then evaluates over `JSValue`s with persistent globals.
///
/// Not thread-safe: use from one thread or task. Only `interruptFlag` may be touched from other threads.
package final class Interpreter {
    /// Set from any thread to stop the running script with "Error: execution was interrupted".
    package let interruptFlag = InterruptFlag()
    /// How many loop iterations and calls one `evaluate` may take before it is stopped.
    package var stepBudget = 2_000_000_000
    /// How deep script calls may nest before a `RangeError: Maximum call stack size exceeded` (a guard on the
    /// thread's real stack use applies as well).
    package var maxCallDepth = 2000
    /// The current time in milliseconds since the epoch, for `Date.now()` and `new Date()`; tests inject one.
    package var now: () -> Double = { Date().timeIntervalSince1970 * 1000 }
    /// The time zone of local-time `Date` methods and of ISO strings without an offset.
    package var timeZone = TimeZone.current

    let realm: Realm
    let globalScope: Scope
    /// Promises rejected during this evaluation, with where; those no `then`, `catch` or `await` handled by its end
    /// are reported like an uncaught error.
    var rejections: [(promise: PromiseState, range: SourceRange, fileName: String)] = []
    /// The empty scope functions point at while `releaseScope` checks whether their own scope is garbage.
    let detachedScope = Scope(parent: nil)
    var steps = 0
    var callDepth = 0
    var evaluationDepth = 0
    var functionDepth = 0
    var completionValue: JSValue = .undefined
    /// The innermost statement or call being run, where errors from native code are reported.
    var currentRange = SourceRange.zero
    var currentFileName = ""
    /// The stack address where the outermost evaluation started, and how far below it script calls may go.
    var stackBase: UInt = 0
    var stackLimit: UInt = 0

    /// Creates an interpreter with the built-in globals (`Object`, `Array`, `Math`, `JSON`, `Date`, …).
    package init() {
        realm = Realm()
        globalScope = Scope(parent: nil, thisValue: .undefined)
        installBuiltins()
    }

    /// Empties everything reachable from the globals, so reference cycles among them (`const g = () => g`, each
    /// constructor and its prototype) are freed with the interpreter.
    deinit {
        tearDown()
    }

    /// Defines or replaces a global variable.
    package func defineGlobal(_ name: String, _ value: JSValue) {
        globalScope.declare(name, value)
    }

    /// The value of a global variable, or nil when it is not defined.
    package func global(_ name: String) -> JSValue? {
        globalScope.bindings[name]?.value
    }

    /// The names of all global variables, sorted (for completion).
    package var globalNames: [String] { globalScope.bindings.keys.sorted() }

    /// Parses `source` as a program. Input starting with `{` is first tried as an object literal, like a REPL.
    package func parse(_ source: String, fileName: String) throws(SyntaxError) -> Program {
        try Parser.parseProgram(source, fileName: fileName, prefersObjectLiteral: true)
    }

    /// Parses and runs a program; returns the value of the last expression statement run (like `eval`).
    ///
    /// Top-level declarations persist across calls. Throws `SyntaxError` for parse errors and `ScriptError`
    /// for everything at run time.
    package func evaluate(_ source: String, fileName: String) throws -> JSValue {
        let program = try parse(source, fileName: fileName)
        return try run(program, fileName: fileName)
    }

    /// Runs a parsed program in the global scope.
    package func run(_ program: Program, fileName: String) throws -> JSValue {
        if evaluationDepth == 0 {
            steps = 0
            interruptFlag.clear()
            markStackBase()
            rejections = []
        }
        evaluationDepth += 1
        let saved = (currentFileName, currentRange, completionValue, functionDepth)
        defer {
            evaluationDepth -= 1
            (currentFileName, currentRange, completionValue, functionDepth) = saved
        }
        currentFileName = fileName
        completionValue = .undefined
        functionDepth = 0
        do {
            for name in program.varNames where globalScope.bindings[name] == nil {
                globalScope.declare(name, .undefined)
            }
            try hoistFunctions(program.statements, into: globalScope)
            for statement in program.statements {
                switch try execute(statement, globalScope) {
                case .normal: continue
                case .breakLoop, .continueLoop, .returnValue: break
                }
            }
            return evaluationDepth == 1 ? try finishTopLevel(completionValue) : completionValue
        } catch {
            throw scriptError(from: error)
        }
    }

    /// Calls a function value (script or native) with `this` and arguments; natives use this to call back.
    package func call(_ function: JSValue, this: JSValue, arguments: [JSValue]) throws -> JSValue {
        if evaluationDepth == 0 && callDepth == 0 { markStackBase() }
        guard case .object(let object) = function, object.isCallable else {
            throw scriptError(from: JSError.typeError("\(function.toDisplayString()) is not a function"))
        }
        return try callFunction(object, this: this, arguments: arguments)
    }

    /// Records the current stack position as the base for the stack guard, allowing 60% of the thread's stack.
    func markStackBase() {
        stackBase = Self.stackAddress()
        let size = UInt(max(Thread.current.stackSize, 0))
        stackLimit = (size >= 256 * 1024 ? min(size, 64 * 1024 * 1024) : 512 * 1024) / 10 * 6
    }

    /// An address in the caller's stack frame.
    @inline(never)
    static func stackAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    /// Whether script calls have used up the stack allowance.
    var isStackExhausted: Bool {
        guard stackBase != 0 else { return false }
        let here = Self.stackAddress()
        let used = here > stackBase ? here - stackBase : stackBase - here
        return used > stackLimit
    }

    /// Counts one step and stops the script when the budget is spent or an interrupt was requested.
    @inline(__always)
    func tick() throws {
        steps &+= 1
        if steps > stepBudget || interruptFlag.isSet {
            throw ScriptError(interruptionAt: currentRange, fileName: currentFileName)
        }
    }

    /// A `ScriptError` for any error, located at the current statement or call unless it already has a place.
    func scriptError(from error: any Error) -> ScriptError {
        if let scriptError = error as? ScriptError { return scriptError }
        if let jsError = error as? JSError {
            return ScriptError(thrown: .object(makeError(jsError)), range: currentRange, fileName: currentFileName)
        }
        return ScriptError(underlying: error, range: currentRange, fileName: currentFileName)
    }

    /// The JavaScript value a `catch` clause receives for an error.
    func caughtValue(_ error: any Error) throws -> JSValue {
        if let scriptError = error as? ScriptError {
            if scriptError.isUncatchable { throw scriptError }
            if let value = scriptError.thrownValue { return value }
            if let underlying = scriptError.underlying { return .object(makeError(fromUnderlying: underlying)) }
        }
        if let jsError = error as? JSError { return .object(makeError(jsError)) }
        return .object(makeError(fromUnderlying: error))
    }

    /// A new Error object of the given type.
    func makeError(_ error: JSError) -> JSObject {
        JSObject.makeError(message: error.message, prototype: realm.errorPrototype(named: error.name))
    }

    func makeError(fromUnderlying error: any Error) -> JSObject {
        let (name, message) = ScriptError.nameAndMessage(of: error)
        let object = JSObject.makeError(message: message, prototype: realm.errorPrototype(named: name))
        if object.get("name")?.toDisplayString() != name { object.set("name", .string(name), enumerable: false) }
        if let convertible = error as? any JSErrorConvertible {
            for (key, value) in convertible.jsErrorProperties { object.set(key, value) }
        }
        object.underlyingError = error
        return object
    }
}
