import TestSupport
import Testing

@testable import Interpreter

@Suite(.tags(.small))
struct InterpreterTests {
    @Test(arguments: [
        ("1 + 2", "3"),
        ("'5' * '2'", "10"),
        ("[] + {}", "'[object Object]'"),
        ("null == undefined", "true"),
        ("typeof null", "'object'"),
        ("let a = [1, 2, 3]; a.map(x => x * 2)", "[2,4,6]"),
        ("const o = { $match: { a: 1 }, b, }", "ReferenceError"),
    ])
    func smoke(source: String, expected: String) throws {
        if expected.hasSuffix("Error") {
            #expect(runError(source).hasPrefix(expected))
        } else {
            #expect(try run(source) == expected)
        }
    }
}

@Suite(.tags(.small))
struct InterpreterAPITests {
    @Test func stepBudgetStopsRunawayLoops() {
        let interpreter = Interpreter()
        interpreter.stepBudget = 10_000
        #expect(runError("while (true) {}", interpreter: interpreter) == "Error: execution was interrupted")
        #expect(
            runError("for (;;) { try { } catch (e) { } }", interpreter: interpreter)
                == "Error: execution was interrupted")
        #expect(
            runError("try { while (true) {} } catch (e) { 'caught' }", interpreter: interpreter)
                == "Error: execution was interrupted")
        #expect(
            runError(
                "function f() { return f2() } function f2() { return 1 } let i = 0; while (i < 100) { f(); i++ } i",
                interpreter: interpreter) == "no error: 100")
    }

    @Test func interruptFlagStopsAndIsClearedForTheNextEvaluation() throws {
        let interpreter = Interpreter()
        let flag = interpreter.interruptFlag
        interpreter.defineGlobal(
            "pressCtrlC",
            JSValue.makeFunction(name: "pressCtrlC") { _ in
                flag.set()
                return .undefined
            })
        #expect(
            runError("pressCtrlC(); let n = 0; while (true) { n++ }", interpreter: interpreter)
                == "Error: execution was interrupted")
        #expect(try interpreter.evaluate("1 + 1", fileName: "next").toDisplayString() == "2")
    }

    @Test func callInvokesScriptFunctionsFromNatives() throws {
        let interpreter = Interpreter()
        let add = try interpreter.evaluate("(function (a, b) { return this.base + a + b })", fileName: "f.js")
        let this = JSValue.object(JSObject.makeObject([("base", .number(100))]))
        #expect(try interpreter.call(add, this: this, arguments: [.number(1), .number(2)]).toDisplayString() == "103")
        #expect(throws: ScriptError.self) { _ = try interpreter.call(.number(1), this: .undefined, arguments: []) }
    }

    @Test func globalsAreDefinedAndListed() throws {
        let interpreter = Interpreter()
        interpreter.defineGlobal("answer", .number(42))
        #expect(interpreter.global("answer")?.toDisplayString() == "42")
        #expect(interpreter.global("missing") == nil)
        #expect(interpreter.globalNames.contains("answer"))
        #expect(interpreter.globalNames.contains("JSON"))
        #expect(!interpreter.globalNames.contains("print"))
        #expect(try interpreter.evaluate("answer + 1", fileName: "t").toDisplayString() == "43")
    }

    @Test func syntaxErrorsComeOutOfEvaluate() {
        #expect {
            _ = try Interpreter().evaluate("let x = ;", fileName: "t")
        } throws: { error in
            (error as? SyntaxError)?.message == "Expected an expression, found ';'"
        }
    }

    @Test func objectsKeepInsertionOrderWithIntegerKeysFirst() {
        let object = JSObject.makeObject([("b", .number(1)), ("2", .number(2)), ("a", .number(3)), ("1", .number(4))])
        #expect(object.ownKeys == ["1", "2", "b", "a"])
        #expect(object.get("a")?.toDisplayString() == "3")
        let array = JSObject.makeArray([.number(1), .string("x")])
        #expect(array.arrayElements?.count == 2)
        #expect(array.get("length")?.toDisplayString() == "2")
        #expect(JSValue.object(array).toDisplayString() == "1,x")
        #expect(JSValue.object(array).typeofString == "object")
        #expect(JSValue.makeFunction(name: "f") { _ in .undefined }.typeofString == "function")
    }

    @Test func deepRecursionStopsWithRangeErrorBeforeTheStackRunsOut() throws {
        let interpreter = Interpreter()
        interpreter.maxCallDepth = 1_000_000
        let source = "function r(n) { return n === 0 ? 0 : 1 + r(n - 1) } r(1000000)"
        #expect(runError(source, interpreter: interpreter) == "RangeError: Maximum call stack size exceeded")
        #expect(try run("function r(n) { return n === 0 ? 0 : 1 + r(n - 1) } r(100)") == "100")
    }

    @Test func longOperatorChainsEvaluateWithoutDeepRecursion() throws {
        let source = Array(repeating: "1", count: 20_000).joined(separator: " + ")
        #expect(try run(source) == "20000")
    }

    @Test func loopsOverThousandsOfDocumentsQuickly() throws {
        let interpreter = Interpreter()
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            let result = try interpreter.evaluate(
                """
                const docs = [];
                for (let i = 0; i < 20000; i++) docs.push({ _id: i, qty: i % 7, tags: ['a', 'b'] });
                let total = 0;
                for (const d of docs) { if (d.qty > 3) total += d.qty * 2 }
                docs.filter(d => d._id % 2 === 0).map(d => d.qty).reduce((a, b) => a + b, 0) + total
                """, fileName: "bench.js")
            #expect(result.toDisplayString() == "115710")
        }
        #expect(elapsed < .seconds(5))
    }
}
