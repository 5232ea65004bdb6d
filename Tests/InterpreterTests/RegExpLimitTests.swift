import Foundation
import TestSupport
import Testing

@testable import Interpreter

/// A regular expression that backtracks catastrophically must not hang the shell: the engine's progress reports
/// count against the step budget and see Ctrl-C.
@Suite(.tags(.small))
struct RegExpLimitTests {
    static let catastrophic = [
        "/(a+)+b/.test('a'.repeat(40) + 'c')",
        "'a'.repeat(40).match(/(a|aa)+$x/)",
        "'a'.repeat(40).replace(/(a*)*b/g, '')",
        "'a'.repeat(40).split(/(a+)+b/)",
        "'a'.repeat(40).search(/(a+)+b/)",
        "/(a+)+b/g.exec('a'.repeat(40))",
    ]

    @Test(arguments: catastrophic)
    func stopsAtTheStepBudget(source: String) {
        let interpreter = Interpreter()
        interpreter.stepBudget = 2_000
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(runError(source, interpreter: interpreter) == "Error: execution was interrupted")
        }
        #expect(elapsed < .seconds(2))
    }

    @Test func stopsOnInterrupt() {
        let interpreter = Interpreter()
        let flag = interpreter.interruptFlag
        let timer = Thread {
            Thread.sleep(forTimeInterval: 0.2)
            flag.set()
        }
        timer.start()
        #expect(runError(Self.catastrophic[0], interpreter: interpreter) == "Error: execution was interrupted")
    }
}
