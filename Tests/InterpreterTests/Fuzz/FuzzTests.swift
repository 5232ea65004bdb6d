import Foundation
import TestSupport
import Testing

@testable import Interpreter

/// Random inputs through lexer, parser and evaluator with a small step budget: each must end in a value or a thrown
/// `SyntaxError`/`ScriptError`, never a crash, a hang or runaway memory. Seeded, so every run sees the same inputs.
///
/// `SPSH_FUZZ_INPUTS` (inputs per kind, default 2,000) and `SPSH_FUZZ_SEED` (added to each kind's seed) allow longer
/// or different runs by hand; CI uses the defaults.
@Suite(.tags(.medium))
struct FuzzTests {
    static let count = Int(ProcessInfo.processInfo.environment["SPSH_FUZZ_INPUTS"] ?? "") ?? 2_000
    static let seed = UInt64(ProcessInfo.processInfo.environment["SPSH_FUZZ_SEED"] ?? "") ?? 0

    /// What the inputs of one kind ended in.
    struct Outcomes {
        var values = 0
        var syntaxErrors = 0
        var runtimeErrors = 0
        var unexpected: [String] = []
    }

    /// Snippets in the style of the table tests, for the mutation fuzzer.
    static let snippets = [
        "function f(a, b = 2, ...rest) { return [a, b, rest] } f(1)",
        "let s = ''; outer: for (let i = 0; i < 3; i++) { for (let j = 0; j < 3; j++) { if (j === 1) continue outer; s += i } } s",
        "const { a, b: { c = 5 } = {}, ...rest } = { a: 1, x: 2 }; [a, c, rest]",
        "switch (3) { case 1: 'a'; break; case 3: 'c'; default: 'd' }",
        "try { null.x } catch (e) { e instanceof TypeError } finally { 1 }",
        "class A { constructor(v) { this.v = v } get twice() { return this.v * 2 } } new A(4).twice",
        "JSON.stringify({ a: [1, { b: 2 }], c: 'x' }, null, 2)",
        "JSON.parse('{\"a\":[1,2,{\"b\":null}]}').a[2]",
        "'a-b-c'.replace(/-/g, '+').split('+').map(x => x.toUpperCase()).join('')",
        "const m = new Map([['a', 1]]); m.set('b', 2); [...m.keys()]",
        "const d = new Date(Date.UTC(2020, 1, 3)); d.toISOString() + d.getUTCDay()",
        "[3, 1, 2].sort((x, y) => x - y).reduce((acc, v) => acc + v, 0)",
        "const o = { n: 1, m() { return this.n } }; o?.m?.() ?? 'none'",
        "let t = `x${1 + 1}y${[1, 2].map(v => `<${v}>`).join('')}`; t",
        "Object.entries({ a: 1, b: 2 }).map(([k, v]) => k + v).join()",
        "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) } fib(10)",
        "(255).toString(16) + (1.005).toFixed(2) + 'x'.padStart(3, '0')",
        "let i = 0; do { i++ } while (i < 5); i",
    ]

    /// Runs `source` in a fresh interpreter with a 20,000-step budget and records what it ended in.
    static func run(_ source: String, into outcomes: inout Outcomes) {
        let interpreter = Interpreter()
        interpreter.stepBudget = 20_000
        interpreter.maxCallDepth = 200
        do {
            _ = try interpreter.evaluate(source, fileName: "fuzz.js")
            outcomes.values += 1
        } catch is SyntaxError {
            outcomes.syntaxErrors += 1
        } catch is ScriptError {
            outcomes.runtimeErrors += 1
        } catch {
            outcomes.unexpected.append("\(source) -> \(error)")
        }
    }

    @Test func tokenSoupsEndInAValueOrAnError() {
        var generator = ProgramGenerator(random: SplitMix64(seed: 0x5EED_0001 &+ Self.seed))
        var outcomes = Outcomes()
        for _ in 0..<Self.count { Self.run(generator.tokenSoup(), into: &outcomes) }
        #expect(outcomes.unexpected.isEmpty, "\(outcomes.unexpected.prefix(3))")
        #expect(outcomes.values + outcomes.syntaxErrors + outcomes.runtimeErrors == Self.count)
        #expect(outcomes.syntaxErrors > Self.count / 2)
    }

    @Test func generatedProgramsEndInAValueOrAnError() {
        var generator = ProgramGenerator(random: SplitMix64(seed: 0x5EED_0002 &+ Self.seed))
        var outcomes = Outcomes()
        for _ in 0..<Self.count { Self.run(generator.program(), into: &outcomes) }
        #expect(outcomes.unexpected.isEmpty, "\(outcomes.unexpected.prefix(3))")
        #expect(outcomes.values + outcomes.syntaxErrors + outcomes.runtimeErrors == Self.count)
        // The generator mostly writes valid programs that run to the end.
        #expect(outcomes.values > Self.count / 4)
        #expect(outcomes.syntaxErrors < Self.count / 4)
    }

    @Test func mutatedSnippetsEndInAValueOrAnError() {
        var generator = ProgramGenerator(random: SplitMix64(seed: 0x5EED_0003 &+ Self.seed))
        var outcomes = Outcomes()
        for index in 0..<Self.count {
            Self.run(generator.mutate(Self.snippets[index % Self.snippets.count]), into: &outcomes)
        }
        #expect(outcomes.unexpected.isEmpty, "\(outcomes.unexpected.prefix(3))")
        #expect(outcomes.values + outcomes.syntaxErrors + outcomes.runtimeErrors == Self.count)
        #expect(outcomes.values > Self.count / 20 && outcomes.syntaxErrors > Self.count / 20)
    }

    @Test func theGeneratorIsDeterministic() {
        var first = ProgramGenerator(random: SplitMix64(seed: 42))
        var second = ProgramGenerator(random: SplitMix64(seed: 42))
        #expect((0..<20).map { _ in first.program() } == (0..<20).map { _ in second.program() })
    }
}
