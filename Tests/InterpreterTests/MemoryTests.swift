import TestSupport
import Testing

@testable import Interpreter

/// Weak references to objects a script hands to `track(value)`, to prove they are freed.
final class Tracker {
    /// One weakly held object.
    struct Entry {
        weak var object: JSObject?
        weak var scope: Scope?
    }

    var entries: [Entry] = []

    /// How many tracked functions or their scopes are still alive.
    var aliveCount: Int { entries.count { $0.object != nil || $0.scope != nil } }

    /// Installs `track(value)` in `interpreter`.
    func install(in interpreter: Interpreter) {
        interpreter.defineGlobal(
            "track",
            JSValue.makeFunction(name: "track") { [self] call in
                if let object = call.argument(0).asObject {
                    entries.append(Entry(object: object, scope: object.scriptFunction?.scope))
                }
                return .undefined
            })
    }
}

@Suite(.tags(.small))
struct MemoryTests {
    /// Functions that close over the scope they are stored in form reference cycles; these must be freed when the
    /// call or block ends, as long as nothing else kept them.
    @Test(arguments: [
        "function f() { function helper() {} track(helper); return 1 }",
        "function f() { const cb = () => cb; track(cb); return 1 }",
        "function f() { let a = () => b(); let b = () => 1; track(a); track(b); return a() }",
        "function f() { { function inner() {} track(inner) } return 1 }",
        "function f() { const g = x => x * 2; track(g); return [1, 2].map(g)[1] }",
        "function f() { function helper() { return 1 } track(helper); try { throw 1 } catch (e) { return helper() } }",
    ])
    func ownFunctionsAreFreedWhenTheCallEnds(definition: String) throws {
        let interpreter = Interpreter()
        let tracker = Tracker()
        tracker.install(in: interpreter)
        _ = try interpreter.evaluate(definition + "\nfor (let i = 0; i < 10000; i++) f()", fileName: "leak.js")
        #expect(tracker.entries.count >= 10_000)
        #expect(tracker.aliveCount == 0)
    }

    /// Closures that escape keep their scope, so they still work after the collector ran.
    @Test(arguments: [
        ("function mk() { let n = 0; function inc() { return ++n } return inc } const c = mk(); c(); c()", "2"),
        ("function mk() { function a() { return b() } function b() { return 7 } return { a } } mk().a()", "7"),
        ("function mk() { function helper() { return 42 } return () => helper() } mk()()", "42"),
        ("const kept = []; function mk() { function h() { return x } const x = 5; kept.push(h) } mk(); kept[0]()", "5"),
        ("let out; function mk() { const v = 3; function h() { return v } out = h } mk(); out()", "3"),
        ("function mk() { function h() { return 9 } throw h } try { mk() } catch (f) { f() }", "9"),
        (
            "function mk() { const o = { m() { return helper() } }; function helper() { return 1 } return o } mk().m()",
            "1"
        ),
        ("let get; { const v = 'block'; function h() { return v } get = h } get()", "'block'"),
    ])
    func escapedClosuresKeepTheirScope(source: String, expected: String) throws {
        #expect(try run(source) == expected)
    }

    @Test func escapedClosuresStayAliveAndTheRestIsFreed() throws {
        let interpreter = Interpreter()
        let tracker = Tracker()
        tracker.install(in: interpreter)
        _ = try interpreter.evaluate(
            """
            const kept = [];
            function f(i) { function helper() { return i } track(helper); if (i % 1000 === 0) kept.push(helper) }
            for (let i = 0; i < 10000; i++) f(i)
            """, fileName: "leak.js")
        #expect(tracker.aliveCount == 10)
        #expect(
            try interpreter.evaluate("kept.map(h => h()).join()", fileName: "t").toDisplayString()
                == "0,1000,2000,3000,4000,5000,6000,7000,8000,9000")
    }

    /// Freeing an object frees what only it holds; a 200,000-level structure must not free itself recursively.
    @Test(arguments: [
        "let a = []; for (let i = 0; i < 200000; i++) a = [a]",
        "let o = {}; for (let i = 0; i < 200000; i++) o = { o }",
        "let o = {}; for (let i = 0; i < 200000; i++) o = { __proto__: o }",
        "let o = {}; for (let i = 0; i < 200000; i++) o = { list: [1, { o }] }",
    ])
    func deepStructuresAreFreedWithoutRecursion(build: String) throws {
        let interpreter = Interpreter()
        let tracker = Tracker()
        tracker.install(in: interpreter)
        let source = "function f() { \(build); track(() => 1); return 'built' } f()"
        #expect(try interpreter.evaluate(source, fileName: "deep.js").toDisplayString() == "built")
        #expect(tracker.aliveCount == 0)
    }

    @Test func globalFunctionsAreFreedWithTheInterpreter() throws {
        let tracker = Tracker()
        do {
            let interpreter = Interpreter()
            tracker.install(in: interpreter)
            _ = try interpreter.evaluate("const g = () => g; track(g)", fileName: "g.js")
            #expect(tracker.aliveCount == 1)
        }
        #expect(tracker.entries.allSatisfy { $0.object == nil })
    }
}

/// Weak references to objects owned by one interpreter.
struct WeakObjects {
    /// One weakly held object.
    struct Entry {
        weak var object: JSObject?
    }

    var entries: [Entry] = []

    /// How many are still alive.
    var aliveCount: Int { entries.count { $0.object != nil } }
}

@Suite(.tags(.small))
struct InterpreterLifetimeTests {
    /// Built-in constructors and prototypes refer to each other, as do classes, global functions and the global
    /// scope; all of it must go with the interpreter.
    @Test func interpretersFreeEverythingTheyMade() throws {
        weak var weakInterpreter: Interpreter?
        var weakObjects = WeakObjects()
        do {
            let interpreter = Interpreter()
            weakInterpreter = interpreter
            _ = try interpreter.evaluate(
                """
                class Base { m() { return this } }
                class Derived extends Base { static make() { return new Derived() } }
                const instance = Derived.make();
                function g() { return g }
                const m = new Map([['self', null]]); m.set('self', m);
                const p = Promise.resolve({ p: null }); p.then(v => { v.p = p });
                const o = { get self() { return o } }; o.bound = g.bind(o);
                """, fileName: "t")
            for name in ["Base", "Derived", "instance", "g", "m", "p", "o", "Object", "Array", "JSON", "Math"] {
                weakObjects.entries.append(.init(object: interpreter.global(name)?.asObject))
            }
            weakObjects.entries.append(.init(object: interpreter.realm.arrayPrototype))
            #expect(weakObjects.aliveCount == weakObjects.entries.count)
        }
        #expect(weakInterpreter == nil)
        #expect(weakObjects.aliveCount == 0)
    }
}
