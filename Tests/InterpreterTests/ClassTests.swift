import TestSupport
import Testing

@testable import Interpreter

@Suite(.tags(.small))
struct ClassTests {
    @Test(arguments: [
        ("class P { constructor(x) { this.x = x } double() { return this.x * 2 } } new P(4).double()", "8"),
        ("class P { n = 1; m = this.n + 1 } const p = new P(); [p.n, p.m]", "[1,2]"),
        ("class C { static make() { return new C() } get v() { return 7 } } C.make().v", "7"),
        ("class C { static count = 3 } C.count", "3"),
        ("class C { #x }", "SyntaxError"),
        ("class A { hi() { return 'A' } } class B extends A { hi() { return super.hi() + 'B' } } new B().hi()", "'AB'"),
        (
            "class A { constructor(n) { this.n = n } } class B extends A { constructor(n) { super(n * 2); this.m = this.n + 1 } } const b = new B(5); [b.n, b.m, b instanceof A, b instanceof B]",
            "[10,11,true,true]"
        ),
        (
            "class A { constructor(n) { this.n = n } } class B extends A { extra = 'e' } const b = new B(3); [b.n, b.extra]",
            "[3,\"e\"]"
        ),
        (
            "class ValidationError extends Error { constructor(m) { super(m); this.name = 'ValidationError' } } try { throw new ValidationError('bad') } catch (e) { [e.name, e.message, e instanceof ValidationError, e instanceof Error, String(e)] }",
            "[\"ValidationError\",\"bad\",true,true,\"ValidationError: bad\"]"
        ),
        (
            "class E2 extends TypeError {} const e = new E2('t'); [e.name, e.message, e instanceof TypeError]",
            "[\"TypeError\",\"t\",true]"
        ),
        ("class A { static who() { return 'A' } } class B extends A {} B.who()", "'A'"),
        ("const K = class { f() { return 1 } }; new K().f()", "1"), ("class C {} typeof C", "'function'"),
        ("class C { constructor() { this.a = 1 } } Object.keys(new C())", "[\"a\"]"),
        ("class C { m() { return [1].map(() => this.v) } v = 2 } new C().m()", "[2]"),
        (
            "class Node { constructor(v, next) { this.v = v; this.next = next } sum() { return this.v + (this.next ? this.next.sum() : 0) } } new Node(1, new Node(2, new Node(3))).sum()",
            "6"
        ),
    ])
    func classes(source: String, expected: String) throws {
        if expected.hasSuffix("Error") {
            #expect(runError(source).hasPrefix(expected))
            return
        }
        #expect(try run(source) == expected)
    }

    @Test func classConstructorNeedsNew() {
        #expect(runError("class C {} C()") == "TypeError: Class constructor C cannot be invoked without 'new'")
        #expect(runError("class B extends 5 {}") == "TypeError: Class extends value 5 is not a constructor or null")
    }
}
