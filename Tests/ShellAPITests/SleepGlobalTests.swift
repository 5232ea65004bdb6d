import Interpreter
import ShellAPI
import TestSupport
import Testing

/// A clock that only moves when the shell sleeps on it; `onSleep` runs after each wait (to press Ctrl-C).
final class VirtualClock: ShellClock {
    var nowMilliseconds = 1_000.0
    private(set) var waits: [Double] = []
    var onSleep: ((Int) -> Void)?

    func sleep(milliseconds: Double) {
        waits.append(milliseconds)
        nowMilliseconds += milliseconds
        onSleep?(waits.count)
    }
}

/// `sleep(ms)` on an injected clock: waits in slices and stops on Ctrl-C (the interpreter's interrupt flag).
@Suite(.tags(.small))
struct SleepGlobalTests {
    let clock = VirtualClock()
    let shell: Shell

    init() {
        shell = Shell(interpreter: Interpreter(), connection: nil, databaseName: "test")
        shell.clock = clock
    }

    @Test(arguments: [
        ("sleep(120)", [50.0, 50, 20]),
        ("sleep(50)", [50]),
        ("sleep(0)", []),
        ("sleep(-5)", []),
        ("sleep()", []),
        ("sleep(0.5)", [0.5]),
    ])
    func waitsInSlicesOfTheClock(source: String, waits: [Double]) throws {
        let result = try shell.interpreter.evaluate(source, fileName: "<test>")
        #expect(result.isUndefined)
        #expect(clock.waits == waits)
        #expect(clock.nowMilliseconds == 1_000 + waits.reduce(0, +))
    }

    @Test func ctrlCStopsALongSleep() throws {
        let flag = shell.interpreter.interruptFlag
        clock.onSleep = { count in if count == 3 { flag.set() } }
        let error = try #require(throws: ScriptError.self) {
            try shell.interpreter.evaluate("let before = 1\nsleep(100000)\nlet after = 2", fileName: "<test>")
        }
        #expect(error.isInterruption)
        #expect(error.description == "Error: execution was interrupted")
        #expect(error.range.start.line == 2)
        #expect(clock.waits == [50, 50, 50])
    }

    @Test func interruptionCannotBeCaught() throws {
        let flag = shell.interpreter.interruptFlag
        clock.onSleep = { _ in flag.set() }
        let source = "let caught = false; try { sleep(1000) } catch (e) { caught = true }"
        #expect(throws: ScriptError.self) { try shell.interpreter.evaluate(source, fileName: "<test>") }
        #expect(clock.waits == [50])
    }

    @Test func sleepNeedsANumber() throws {
        let error = try #require(throws: ScriptError.self) {
            try shell.interpreter.evaluate("sleep('10')", fileName: "<test>")
        }
        #expect(error.message == "[SPSH-1003] sleep() takes a number of milliseconds, found string")
    }
}
