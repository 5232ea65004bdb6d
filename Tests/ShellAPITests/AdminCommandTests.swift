import BSONCore
import Interpreter
import ShellAPI
import TestSupport
import Testing

/// The commands the read and administration methods send, as the server receives them (relaxed Extended
/// JSON). What they return and change is checked against the real server in IntegrationTests.
@Suite(.tags(.small))
struct AdminCommandTests {
    @Test(arguments: [
        (
            "db.c.distinct('a', {b: 1}, {collation: {locale: 'en'}})",
            #"{"distinct":"c","key":"a","query":{"b":1},"collation":{"locale":"en"}}"#, "test"
        ),
        ("db.c.count({a: 1}, {limit: 2})", #"{"count":"c","query":{"a":1},"limit":2}"#, "test"),
        ("db.c.estimatedDocumentCount({maxTimeMS: 9})", #"{"count":"c","maxTimeMS":9}"#, "test"),
        ("db.c.find({a: 1}).skip(2).limit(-3).size()", #"{"count":"c","query":{"a":1},"limit":3,"skip":2}"#, "test"),
        (
            "db.c.createIndex({a: 1, b: -1}, {unique: true, maxTimeMS: 5})",
            #"{"createIndexes":"c","indexes":[{"unique":true,"key":{"a":1,"b":-1},"name":"a_1_b_-1"}],"maxTimeMS":5}"#,
            "test"
        ),
        (
            "db.c.createIndexes([{t: 'text'}, {loc: '2dsphere'}], {sparse: true})",
            #"{"createIndexes":"c","indexes":[{"sparse":true,"key":{"t":"text"},"name":"t_text"},"#
                + #"{"sparse":true,"key":{"loc":"2dsphere"},"name":"loc_2dsphere"}]}"#,
            "test"
        ),
        ("db.c.dropIndexes()", #"{"dropIndexes":"c","index":"*"}"#, "test"),
        ("db.c.dropIndex({a: 1})", #"{"dropIndexes":"c","index":{"a":1}}"#, "test"),
        (
            "db.c.renameCollection('d', true)",
            #"{"renameCollection":"test.c","to":"test.d","dropTarget":true}"#, "admin"
        ),
        (
            "db.c.find({a: 1}).sort({b: 1}).explain('executionStats')",
            #"{"explain":{"find":"c","filter":{"a":1},"sort":{"b":1}},"verbosity":"executionStats"}"#, "test"
        ),
        (
            "db.c.aggregate([{$match: {}}], {batchSize: 5, allowDiskUse: true}).explain()",
            #"{"explain":{"aggregate":"c","pipeline":[{"$match":{}}],"allowDiskUse":true,"cursor":{"batchSize":5}},"#
                + #""verbosity":"queryPlanner"}"#,
            "test"
        ),
        (
            "db.c.explain(true).distinct('a')",
            #"{"explain":{"distinct":"c","key":"a"},"verbosity":"allPlansExecution"}"#, "test"
        ),
        (
            "db.createCollection('t', {timeseries: {timeField: 'ts'}, expireAfterSeconds: 60})",
            #"{"create":"t","timeseries":{"timeField":"ts"},"expireAfterSeconds":60}"#, "test"
        ),
        (
            "db.createView('v', 's', [{$match: {}}], {collation: {locale: 'fr'}})",
            #"{"create":"v","viewOn":"s","pipeline":[{"$match":{}}],"collation":{"locale":"fr"}}"#, "test"
        ),
        ("db.dropDatabase()", #"{"dropDatabase":1}"#, "test"),
        ("db.stats(1024)", #"{"dbStats":1,"scale":1024}"#, "test"),
        ("db.serverStatus({repl: 0})", #"{"serverStatus":1,"repl":0}"#, "admin"),
        ("db.hostInfo()", #"{"hostInfo":1}"#, "admin"),
        ("db.killOp(5)", #"{"killOp":1,"op":5}"#, "admin"),
    ])
    func commandSent(input: String, command: String, database: String) throws {
        let runner = FakeCommandRunner()
        runner.commandReply = BSONDocument([("n", .int32(3)), ("values", .array([])), ("ok", .double(1))])
        let shell = Shell(interpreter: Interpreter(), connection: runner, databaseName: "test")
        _ = try shell.evaluate(input)
        let (sent, on) = try #require(runner.commands.last)
        #expect(ExtendedJSON.serialize(sent, mode: .relaxed) == command)
        #expect(on == database)
    }

    @Test(arguments: [
        ("db.c.aggregate([{$match: {a: 1}}, {$out: 'o'}])", true),
        ("db.c.aggregate([{$merge: {into: 'o'}}])", true),
        ("db.c.aggregate([{$match: {a: 1}}])", false),
    ])
    func outAndMergeRunAtOnce(input: String, runsNow: Bool) throws {
        let runner = FakeCommandRunner()
        let shell = Shell(interpreter: Interpreter(), connection: runner, databaseName: "test")
        _ = try shell.interpreter.evaluate("var c = " + input, fileName: "t.js")
        #expect(runner.aggregates.count == (runsNow ? 1 : 0))
    }

    @Test func mapIsLazyAndPrintsItsValues() throws {
        let runner = FakeCommandRunner()
        runner.documents = [BSONDocument([("v", .int32(1))]), BSONDocument([("v", .int32(2))])]
        let shell = Shell(interpreter: Interpreter(), connection: runner, databaseName: "test")
        _ = try shell.interpreter.evaluate(
            "var n = 0; var c = db.c.find().map(d => { n++; return d.v * 10 })", fileName: "t.js")
        #expect(runner.finds.isEmpty)
        guard case .valuePage(let values, let hasMore) = try shell.evaluate("c") else {
            Issue.record("a mapped cursor prints its values")
            return
        }
        #expect(values.map { $0.toDisplayString() } == ["10", "20"] && !hasMore)
        #expect(try shell.interpreter.evaluate("n", fileName: "t.js").toDisplayString() == "2")
    }
}
