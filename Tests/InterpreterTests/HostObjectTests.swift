import TestSupport
import Testing

@testable import Interpreter

/// A stand-in for a ShellAPI collection: a getter-backed name, a method, a setter and an iterable cursor.
final class FakeCollection: HostObject {
    var className: String { "Collection" }
    var stored: [String: JSValue] = [:]

    func getProperty(_ key: String, interpreter: Interpreter) throws -> JSValue? {
        switch key {
        case "name": return .string("orders")
        case "count": return JSValue.makeFunction(name: "count") { _ in .number(3) }
        case "failing": return JSValue.makeFunction(name: "failing") { _ in throw FakeServerError() }
        case "forEach":
            return JSValue.makeFunction(name: "forEach") { call in
                for index in 0..<3 {
                    _ = try call.interpreter.call(call.argument(0), this: .undefined, arguments: [.number(index)])
                }
                return .undefined
            }
        default: return stored[key]
        }
    }

    func setProperty(_ key: String, _ value: JSValue, interpreter: Interpreter) throws -> Bool {
        guard key == "tag" else { return false }
        stored[key] = value
        return true
    }

    var propertyNames: [String] { ["name", "count"] }

    func makeIterator(interpreter: Interpreter) throws -> (() throws -> JSValue?)? {
        var next = 0
        return {
            defer { next += 1 }
            return next < 2 ? .object(JSObject.makeObject([("_id", .number(Double(next)))])) : nil
        }
    }
}

struct FakeExit: UncatchableScriptError {}

struct FakeServerError: JSErrorConvertible {
    var jsErrorName: String { "MongoServerError" }
    var jsErrorMessage: String { "E11000 duplicate key error" }
}

@Suite(.tags(.small))
struct HostObjectTests {
    static func interpreter() -> Interpreter {
        let interpreter = Interpreter()
        interpreter.defineGlobal("coll", .object(JSObject(host: FakeCollection())))
        return interpreter
    }

    @Test(arguments: [
        ("coll.name", "'orders'"), ("coll.count()", "3"), ("coll.tag = 'x'; coll.tag", "'x'"),
        ("coll.other = 1; coll.other", "1"),
        ("let ids = []; for (const d of coll) ids.push(d._id); ids", "[0,1]"),
        ("Object.keys(coll)", "[\"name\",\"count\"]"),
        ("let n = 0; coll.forEach(i => { n += i }); n", "3"), ("typeof coll", "'object'"),
        ("String(coll)", "'[object Collection]'"),
        ("[...coll].length", "2"), ("'name' in coll", "true"),
        (
            "try { coll.failing() } catch (e) { [e.name, e.message, e instanceof Error] }",
            "[\"MongoServerError\",\"E11000 duplicate key error\",true]"
        ),
    ])
    func hostObjects(source: String, expected: String) throws {
        #expect(try run(source, interpreter: Self.interpreter()) == expected)
    }

    @Test func hostErrorsPropagateAsUnderlying() {
        let interpreter = Self.interpreter()
        do {
            _ = try interpreter.evaluate("1;\ncoll.failing()", fileName: "s.js")
            Issue.record("Expected an error")
        } catch let error as ScriptError {
            #expect(error.underlying is FakeServerError)
            #expect(error.name == "MongoServerError")
            #expect(error.message == "E11000 duplicate key error")
            #expect(error.range.start.line == 2)
        } catch {
            Issue.record("Unexpected \(error)")
        }
    }

    @Test func rethrownHostErrorKeepsUnderlying() {
        let interpreter = Self.interpreter()
        #expect {
            _ = try interpreter.evaluate("try { coll.failing() } catch (e) { throw e }", fileName: "s.js")
        } throws: { error in
            (error as? ScriptError)?.underlying is FakeServerError
        }
    }

    @Test func uncatchableErrorsPassThroughCatchButRunFinally() throws {
        let interpreter = Interpreter()
        interpreter.defineGlobal("exit", JSValue.makeFunction(name: "exit") { _ in throw FakeExit() })
        #expect {
            _ = try interpreter.evaluate(
                "var log = []; try { exit() } catch (e) { log.push('caught') } finally { log.push('finally') }",
                fileName: "s.js")
        } throws: { error in
            (error as? ScriptError)?.underlying is FakeExit
        }
        #expect(try run("log", interpreter: interpreter) == "[\"finally\"]")
    }

    @Test func nativeErrorsBecomeJavaScriptErrors() throws {
        let interpreter = Interpreter()
        interpreter.defineGlobal(
            "check",
            JSValue.makeFunction(name: "check") { call in
                throw JSError.typeError("Bad argument \(call.argument(0).toDisplayString())")
            })
        #expect(runError("check(1)", interpreter: interpreter) == "TypeError: Bad argument 1")
        #expect(try run("try { check(2) } catch (e) { e.name }", interpreter: interpreter) == "'TypeError'")
    }

    @Test func nativeSeesThisArgumentsAndNew() throws {
        let interpreter = Interpreter()
        interpreter.defineGlobal(
            "Probe",
            JSValue.makeFunction(name: "Probe") { call in
                .string(
                    "\(call.isConstruct) \(call.arguments.count) \(call.this.typeofString) \(call.argument(5).typeofString)"
                )
            })
        #expect(
            try run("[Probe(1), new Probe(1, 2)]", interpreter: interpreter)
                == "[\"false 1 undefined undefined\",\"true 2 undefined undefined\"]")
        #expect(try run("const o = { p: Probe }; o.p()", interpreter: interpreter) == "'false 0 object undefined'")
    }
}
