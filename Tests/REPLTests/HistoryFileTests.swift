import Foundation
import REPL
import TestSupport
import Testing

@Suite(.tags(.small))
struct HistoryFileTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spsh-history-\(UUID().uuidString)")

    @Test func savesWithPrivateModesAndLoadsInOrder() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = HistoryFile(url: folder.appendingPathComponent("history"))
        try file.save(["db.a.find()", "let x = {\n  a: 1\n}", "print('back\\\\slash')"])
        #expect(file.load() == ["db.a.find()", "let x = {\n  a: 1\n}", "print('back\\\\slash')"])
        let folderMode = try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int
        let fileMode = try FileManager.default.attributesOfItem(atPath: file.url.path)[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
        #expect(fileMode == 0o600)
        #expect(
            try String(contentsOf: file.url, encoding: .utf8)
                == "db.a.find()\nlet x = {\\n  a: 1\\n}\nprint('back\\\\\\\\slash')\n")
    }

    @Test func keepsTheNewestEntriesUpToTheLimit() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = HistoryFile(url: folder.appendingPathComponent("history"), limit: 3)
        try file.save((1...5).map { "entry \($0)" })
        #expect(file.load() == ["entry 3", "entry 4", "entry 5"])
    }

    @Test func missingFileIsEmpty() {
        #expect(HistoryFile(url: folder.appendingPathComponent("none")).load() == [])
    }

    @Test(arguments: [
        ("db.createUser({user: 'a', pwd: 'b'})", true),
        ("sp.createConnection({name: 'k', type: 'Kafka', authentication: {password: 'p'}})", true),
        ("const auth = {password: 'p'}", true),
        ("sp.listConnections()", false),
        ("db.auth('a', 'b')", true),
        ("connect('mongodb://x')", true),
        ("new Mongo('mongodb://x')", true),
        ("x = 'mongodb://alice:s3cret@host/db'", true),
        ("db.authors.find()", false),
        ("db.stock_prices.find().sort({ windowStart: -1 })", false),
        ("x = 'mongodb://host/db'", false),
    ])
    func secretsAreNotKept(entry: String, secret: Bool) {
        #expect(HistoryFile.mayHoldSecret(entry) == secret)
    }
}
