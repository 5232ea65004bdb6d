import BSONCore
import TestSupport
import Testing

/// Cursor methods against the real SecantusDB: `map` (lazy, applied when printed, iterated or read), `size` and
/// `count`, closing, the remaining find modifiers, and aggregation cursors.
@Suite(.tags(.medium), .enabled(if: TestServers.mongoTestsEnabled, "SPSH_TEST_MONGODB_URI is not set"))
final class CursorMethodTests {
    let shell: ServerShell

    init() throws {
        shell = try ServerShell(prefix: "it_cursor")
        var documents: [String] = []
        for i in 1...25 { documents.append("{_id: \(i), v: \(i * 10), g: \(i % 2)}") }
        let seeded = shell.type("db.n.insertMany([\(documents.joined(separator: ", "))])")
        #expect(seeded.err == "")
    }

    @Test func mapAppliesWhenPrintedAndPagesWithIt() {
        let (page, err) = shell.type("db.n.find().sort({_id: 1}).map(d => d.v)")
        #expect(err == "")
        // The layout (numbers grouped in right-aligned columns) is mongosh's, from mongosh-inspect.js.
        #expect(
            page == """
                [
                   10,  20,  30,  40,  50,  60,
                   70,  80,  90, 100, 110, 120,
                  130, 140, 150, 160, 170, 180,
                  190, 200
                ]
                Type "it" for more

                """)
        #expect(shell.type("it") == ("[ 210, 220, 230, 240, 250 ]\n", ""))
        #expect(
            shell.type("db.n.find({_id: {$lt: 3}}).map(d => ({id: d._id, label: 'n' + d.v}))")
                == ("[ { id: 1, label: 'n10' }, { id: 2, label: 'n20' } ]\n", ""))
    }

    @Test func mapAppliesToToArrayNextForEachAndForOf() {
        let cases: [(String, String)] = [
            ("db.n.find({_id: {$lte: 3}}).map(d => d._id * 2).toArray()", "[ 2, 4, 6 ]"),
            ("db.n.find({_id: 5}).map(d => d.v).map(v => v + 1).next()", "51"),
            ("db.n.find({_id: 5}).map(d => 'x' + d.v).tryNext()", "x50"),
            ("var s = 0; db.n.find().map(d => d.v).forEach(v => { s += v }); s", "3250"),
            ("var t = []; for (const x of db.n.find({_id: {$gt: 23}}).map(d => d._id)) t.push(x); t", "[ 24, 25 ]"),
            ("db.n.aggregate([{$match: {_id: 7}}]).map(d => d.v).toArray()", "[ 70 ]"),
        ]
        for (input, printed) in cases {
            #expect(shell.type(input) == (printed + "\n", ""), "\(input)")
        }
    }

    @Test(arguments: [
        ("db.n.find().size()", "25"),
        ("db.n.find({g: 1}).size()", "13"),
        ("db.n.find().skip(20).size()", "5"),
        ("db.n.find().limit(4).size()", "4"),
        ("db.n.find().skip(3).limit(4).size()", "4"),
        // mongosh's count() applies skip and limit too; its applySkipLimit argument is ignored (MONGOSH-1287).
        ("db.n.find().limit(4).count()", "4"),
        ("db.n.find().limit(4).count(false)", "4"),
        ("db.n.find({g: 0}).count()", "12"),
        ("db.n.find().limit(3).itcount()", "3"),
    ])
    func sizeAndCount(input: String, printed: String) {
        #expect(shell.type(input) == (printed + "\n", ""))
    }

    @Test func forEachStopsWhenTheFunctionReturnsFalse() {
        let input =
            "var seen = []; db.n.find().sort({_id: 1}).forEach(d => { seen.push(d._id); return d._id < 3 }); seen"
        #expect(shell.type(input) == ("[ 1, 2, 3 ]\n", ""))
        let undefinedGoesOn = "var k = 0; db.n.find().forEach(d => { k++ }); k"
        #expect(shell.type(undefinedGoesOn) == ("25\n", ""))
    }

    @Test func closeTryNextAndTheStateQuestions() {
        let lines = """
            var c = db.n.find({_id: {$lte: 2}}).sort({_id: 1})
            [c.isClosed(), c.isExhausted(), c.tryNext()._id, c.hasNext()]
            [c.next()._id, c.tryNext(), c.isClosed(), c.isExhausted(), c.hasNext()]
            var d = db.n.find()
            d.next()._id
            d.close()
            [d.isClosed(), d.isExhausted(), d.hasNext(), d.tryNext()]
            """
        #expect(
            shell.type(lines)
                == ("[ false, false, 1, true ]\n[ 2, null, true, true, false ]\n1\n[ true, true, false, null ]\n", ""))
    }

    @Test func findModifiersReachTheServer() {
        _ = shell.type("db.n.createIndex({v: 1})")
        let cases: [(String, String)] = [
            ("db.n.find({}, {_id: 1}).min({v: 230}).hint({v: 1})", "[ { _id: 23 }, { _id: 24 }, { _id: 25 } ]"),
            ("db.n.find({}, {_id: 1}).max({v: 30}).hint({v: 1})", "[ { _id: 1 }, { _id: 2 } ]"),
            ("db.n.find({_id: {$lt: 3}}).hint({v: 1}).returnKey()", "[ { v: 10 }, { v: 20 } ]"),
            ("db.n.find({_id: 1}).showRecordId().next().$recordId !== undefined", "true"),
            ("db.n.find({_id: 2}).allowDiskUse().noCursorTimeout().readConcern('local').next().v", "20"),
            ("db.n.find({_id: 2}).readPref('primary').allowPartialResults().next().v", "20"),
            ("db.n.find({_id: 3}, {v: 1}, {comment: 'third'}).next()", "{ _id: 3, v: 30 }"),
            (
                "db.n.find().sort({_id: -1}).limit(-2).batchSize(1).maxTimeMS(5000).map(d => d._id).toArray()",
                "[ 25, 24 ]"
            ),
            ("db.n.find({_id: {$gt: 20}}).projection({g: 1}).skip(4).next()", "{ _id: 25, g: 1 }"),
        ]
        for (input, printed) in cases {
            #expect(shell.type(input) == (printed + "\n", ""), "\(input)")
        }
    }

    @Test func aggregationCursorsAddStagesForSortSkipAndProjection() {
        let input = """
            var a = db.n.aggregate([{$match: {g: 0}}]).sort({_id: -1}).skip(1).projection({v: 1, _id: 0}).batchSize(2)
            [a.next(), a.next(), a.itcount()]
            """
        #expect(shell.type(input) == ("[ { v: 220 }, { v: 200 }, 9 ]\n", ""))
        #expect(shell.type("typeof db.n.aggregate([]).count") == ("undefined\n", ""))
        #expect(shell.type("db.n.aggregate([{$count: 'n'}]).maxTimeMS(5000).next()") == ("{ n: 25 }\n", ""))
    }

    @Test(arguments: [
        ("var c = db.n.find(); c.next(); c.limit(1)", "Cannot call limit() on a cursor that has already been read"),
        (
            "var c = db.n.aggregate([]); c.next(); c.sort({a: 1})",
            "Cannot add a $sort stage to a cursor that has already been read"
        ),
        ("db.n.find().readPref('secondary')", "readPref('secondary') is not supported"),
        ("db.n.find().map(1)", "Argument at position 0 must be of type function, got number instead (Cursor.map)"),
        (
            "db.n.find().forEach()",
            "Argument at position 0 must be of type function, got undefined instead (Cursor.forEach)"
        ),
        ("db.n.find().skip(-1)", "skip() takes an integer, found number"),
        (
            "db.n.find().returnKey('yes')",
            "Argument at position 0 must be of type boolean, got string instead (Cursor.returnKey)"
        ),
        ("db.n.find().hint()", "Missing required argument at position 0 (Cursor.hint)"),
    ])
    func misuseIsAnError(input: String, message: String) {
        let (out, err) = shell.type(input)
        #expect(out == "")
        #expect(err.hasPrefix("MongoshInvalidInputError: [SPSH-") && err.contains("] \(message)"), "\(err)")
    }
}
