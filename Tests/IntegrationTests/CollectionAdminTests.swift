import BSONCore
import TestSupport
import Testing

/// Collection reads and administration against the real SecantusDB: what the method returns, how it prints
/// (layouts checked with mongosh-inspect.js), and what it changed on the server.
@Suite(.tags(.medium), .enabled(if: TestServers.mongoTestsEnabled, "SPSH_TEST_MONGODB_URI is not set"))
final class CollectionAdminTests {
    let shell: ServerShell

    init() throws {
        shell = try ServerShell(prefix: "it_admin")
        let seeded = shell.type(
            "db.t.insertMany([{_id: 1, s: 'A', q: 1}, {_id: 2, s: 'B', q: 5}, {_id: 3, s: 'A', q: 2}, {_id: 4, q: 7}])")
        #expect(seeded.err == "")
    }

    @Test func distinctReturnsTheValuesAndTakesAQuery() {
        #expect(shell.type("db.t.distinct('s')") == ("[ 'A', 'B' ]\n", ""))
        #expect(shell.type("db.t.distinct('s', {q: {$gt: 1}}).sort()") == ("[ 'A', 'B' ]\n", ""))
        #expect(shell.type("db.t.distinct('s', {q: {$lt: 2}})") == ("[ 'A' ]\n", ""))
        #expect(shell.type("db.t.distinct('q', {}, {collation: {locale: 'simple'}}).length") == ("4\n", ""))
    }

    @Test(arguments: [
        ("db.t.count()", "4"),
        ("db.t.count({s: 'A'})", "2"),
        ("db.t.count({}, {skip: 1, limit: 2})", "2"),
        ("db.t.estimatedDocumentCount()", "4"),
        ("db.t.estimatedDocumentCount({maxTimeMS: 1000})", "4"),
        ("db.t.countDocuments({q: {$gte: 2}})", "3"),
        ("db.missing.estimatedDocumentCount()", "0"),
    ])
    func counts(input: String, printed: String) {
        #expect(shell.type(input) == (printed + "\n", ""))
    }

    @Test func createIndexReturnsTheNameAndTheServerHasTheIndex() throws {
        #expect(shell.type("db.t.createIndex({s: 1, q: -1})") == ("s_1_q_-1\n", ""))
        #expect(shell.type("db.t.createIndex({q: 1}, {name: 'by_q', sparse: true})") == ("by_q\n", ""))
        #expect(try shell.indexNames("t") == ["_id_", "by_q", "s_1_q_-1"])
        let (printed, err) = shell.type("db.t.getIndexes()")
        #expect(err == "")
        #expect(
            printed == """
                [
                  { v: 2, key: { _id: 1 }, name: '_id_' },
                  { v: 2, key: { q: 1 }, name: 'by_q', sparse: true },
                  { v: 2, key: { s: 1, q: -1 }, name: 's_1_q_-1' }
                ]

                """)
        #expect(shell.type("db.t.getIndexKeys()") == ("[ { _id: 1 }, { q: 1 }, { s: 1, q: -1 } ]\n", ""))
        #expect(shell.type("db.t.getIndexSpecs().length + db.t.getIndices().length") == ("6\n", ""))
    }

    @Test func createIndexesReturnsEveryName() throws {
        #expect(shell.type("db.t.createIndexes([{a: 1}, {b: -1}], {unique: false})") == ("[ 'a_1', 'b_-1' ]\n", ""))
        #expect(try shell.indexNames("t") == ["_id_", "a_1", "b_-1"])
    }

    @Test func dropIndexByNameOrKeysAndDropIndexes() throws {
        _ = shell.type("db.t.createIndexes([{a: 1}, {b: 1}, {c: 1}, {d: 1}])")
        #expect(shell.type("db.t.dropIndex('a_1').ok") == ("1\n", ""))
        #expect(shell.type("db.t.dropIndex({b: 1}).nIndexesWas") == ("4\n", ""))
        #expect(try shell.indexNames("t") == ["_id_", "c_1", "d_1"])
        #expect(shell.type("db.t.dropIndexes(['c_1']).ok") == ("1\n", ""))
        #expect(try shell.indexNames("t") == ["_id_", "d_1"])
        #expect(shell.type("db.t.dropIndexes().nIndexesWas") == ("2\n", ""))
        #expect(try shell.indexNames("t") == ["_id_"])
    }

    @Test func dropAnswersTrueAndRemovesTheCollection() throws {
        #expect(shell.type("db.t.drop()") == ("true\n", ""))
        #expect(try shell.collections()["t"] == nil)
        #expect(shell.type("db.t.countDocuments()") == ("0\n", ""))
    }

    @Test func renameCollectionMovesTheDocuments() throws {
        #expect(shell.type("db.t.renameCollection('u')") == ("{ ok: 1 }\n", ""))
        #expect(try shell.collections().keys.sorted() == ["u"])
        #expect(try shell.documents("u").count == 4)
        _ = shell.type("db.v.insertOne({_id: 9})")
        let (_, refused) = shell.type("db.u.renameCollection('v')")
        #expect(refused.hasPrefix("MongoServerError[NamespaceExists]: "))
        #expect(shell.type("db.u.renameCollection('v', true)") == ("{ ok: 1 }\n", ""))
        #expect(try shell.documents("v").count == 4)
    }

    @Test func statsIsMongoshsSummaryOfCollStats() {
        _ = shell.type("db.t.createIndex({s: 1})")
        let (printed, err) = shell.type("db.t.stats()")
        #expect(err == "")
        // SecantusDB's $collStats reports its sizes as 0; the keys and their order are mongosh's.
        #expect(
            printed == """
                {
                  ok: 1,
                  sharded: false,
                  size: 0,
                  count: 4,
                  storageSize: 0,
                  totalIndexSize: 0,
                  indexSizes: { _id_: 0, s_1: 0 },
                  avgObjSize: 0,
                  ns: '\(shell.database).t',
                  nindexes: 2,
                  scaleFactor: 1
                }

                """)
        #expect(shell.type("db.t.stats(1024).scaleFactor") == ("1024\n", ""))
        #expect(shell.type("db.t.stats({scale: 1024, indexDetails: true}).count") == ("4\n", ""))
        #expect(
            shell.type("[db.t.dataSize(), db.t.storageSize(), db.t.totalIndexSize(), db.t.totalSize()]")
                == ("[ 0, 0, 0, 0 ]\n", ""))
    }

    @Test func existsGetDBAndNames() {
        #expect(shell.type("db.t.exists().name") == ("t\n", ""))
        #expect(shell.type("db.t.exists().type") == ("collection\n", ""))
        #expect(shell.type("db.nothing.exists()") == ("null\n", ""))
        #expect(shell.type("db.t.getDB()") == ("\(shell.database)\n", ""))
        #expect(shell.type("db.t.getDB().getName() === db.getName()") == ("true\n", ""))
        #expect(shell.type("db.t.getFullName()") == ("\(shell.database).t\n", ""))
        #expect(shell.type("db.t.isCapped()") == ("false\n", ""))
    }

    @Test func aggregateOptionsReachTheServer() {
        let cases: [(String, String)] = [
            ("db.t.aggregate([{$sort: {_id: 1}}], {batchSize: 1}).toArray().length", "4"),
            (
                "db.t.aggregate([{$match: {s: 'A'}}, {$count: 'n'}], {allowDiskUse: true, maxTimeMS: 5000})",
                "[ { n: 2 } ]"
            ),
            (
                "db.t.aggregate([{$match: {s: 'a'}}, {$count: 'n'}], {collation: {locale: 'en', strength: 1}})",
                "[ { n: 2 } ]"
            ),
            (
                "db.t.aggregate([{$match: {q: {$gt: 1}}}, {$count: 'n'}], {hint: {_id: 1}, comment: 'c'})",
                "[ { n: 3 } ]"
            ),
            (
                "db.t.aggregate([{$match: {$expr: {$eq: ['$q', '$$want']}}}, {$project: {_id: 1}}], {let: {want: 5}})",
                "[ { _id: 2 } ]"
            ),
            ("db.t.aggregate({$match: {_id: 4}}, {$project: {q: 1}})", "[ { _id: 4, q: 7 } ]"),
        ]
        for (input, printed) in cases {
            #expect(shell.type(input) == (printed + "\n", ""), "\(input)")
        }
    }

    @Test func outAndMergeRunAtOnceAndPrintNothing() throws {
        #expect(shell.type("db.t.aggregate([{$match: {s: 'A'}}, {$out: 'onlyA'}])") == ("", ""))
        #expect(try shell.documents("onlyA").map { $0["_id"] } == [.int32(1), .int32(3)])
        let merged = shell.type("var c = db.t.aggregate([{$match: {_id: 4}}, {$merge: {into: 'onlyA'}}])")
        #expect(merged == ("", ""))
        #expect(try shell.documents("onlyA").map { $0["_id"] } == [.int32(1), .int32(3), .int32(4)])
        #expect(shell.type("c.toArray()") == ("[]\n", ""))
    }

    @Test func explainAtEachVerbosity() {
        #expect(shell.type("db.t.find({q: 5}).explain().queryPlanner.namespace") == ("\(shell.database).t\n", ""))
        #expect(shell.type("db.t.find({q: 5}).explain().executionStats === undefined") == ("true\n", ""))
        #expect(shell.type("db.t.find({q: 5}).explain('executionStats').executionStats.nReturned") == ("1\n", ""))
        #expect(
            shell.type("Object.keys(db.t.find().limit(2).explain(true).command)") == (
                "[ 'find', 'filter', 'limit' ]\n", ""
            ))
        #expect(
            shell.type("db.t.explain().find({q: 5}).sort({q: 1})").out.contains(
                "command: { find: 't', filter: { q: 5 }, sort: { q: 1 } }"))
        #expect(shell.type("db.t.explain('executionStats').aggregate([{$match: {q: 5}}]).ok") == ("1\n", ""))
        #expect(shell.type("db.t.aggregate([{$match: {q: 5}}], {explain: 'queryPlanner'}).ok") == ("1\n", ""))
        #expect(shell.type("db.t.aggregate([{$match: {q: 5}}]).explain().stages.length") == ("2\n", ""))
        #expect(shell.type("db.t.explain().count({q: 5}).ok") == ("1\n", ""))
        #expect(shell.type("db.t.explain().getVerbosity()") == ("queryPlanner\n", ""))
    }

    @Test(arguments: [
        ("db.t.createIndex()", "Missing required argument at position 0 (Collection.createIndex)"),
        ("db.t.createIndex({a: 1}, 'x')", "The \"options\" argument must be an object."),
        (
            "db.t.renameCollection(5)",
            "Argument at position 0 must be of type string, got number instead (Collection.renameCollection)"
        ),
        ("db.t.distinct()", "Missing required argument at position 0 (Collection.distinct)"),
        ("db.t.dropIndex()", "Missing required argument at position 0 (Collection.dropIndex)"),
        ("db.t.dropIndex('*')", "To drop indexes in the collection using '*', use db.collection.dropIndexes()."),
        (
            "db.t.dropIndex(['a_1'])",
            "The index to drop must be either the index name or the index specification document."
        ),
        ("db.t.createIndexes({a: 1})", "createIndexes() takes an array of index key documents"),
        ("db.t.find().explain(5)", "verbosity must be a string"),
        ("db.t.stats({scale: 0.5})", "scale has to be a number >=1, got 0.5"),
        (
            "db.t.totalIndexSize(1)",
            "\"totalIndexSize\" takes no argument. Use db.collection.stats to get detailed information."
        ),
        ("db.t.count({}, 3)", "Argument at position 1 must be of type object, got number instead (Collection.count)"),
        ("db.nothing.isCapped()", "collection %db.nothing not found"),
    ])
    func argumentErrorsNameTheArgument(input: String, message: String) {
        let (out, err) = shell.type(input)
        #expect(out == "")
        let expected = message.replacingOccurrences(of: "%db", with: shell.database)
        #expect(err.hasPrefix("MongoshInvalidInputError: [SPSH-") && err.contains("] \(expected)\n"), "\(err)")
    }
}
