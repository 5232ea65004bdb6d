import Interpreter
import TestSupport
import Testing

@testable import REPL

@Suite(.tags(.small))
struct HistoryEntryTests {
    func parses(_ text: String) -> Bool { (try? Interpreter().parse(text, fileName: "h")) != nil }

    @Test(arguments: [
        ("db.c.find({\n  a: 1\n})", "db.c.find({ a: 1 })"),
        ("let a = 1\nlet b = 2", "let a = 1; let b = 2"),
        ("db.c\n  .find()\n  .limit(2)", "db.c .find() .limit(2)"),
        ("if (x) {\n  y()\n} else {\n  z()\n}", "if (x) { y() } else { z() }"),
        ("single line", "single line"),
    ])
    func multiLineEntriesBecomeOneLine(entry: String, expected: String) {
        #expect(HistoryEntry.singleLine(entry, parses: parses) == expected)
    }
}
