import BSONCore
import TestSupport
import Testing

/// Database administration against the real SecantusDB: creating collections and views, dropping the
/// database, and the server descriptions, checked in the reply and on the server.
@Suite(.tags(.medium), .enabled(if: TestServers.mongoTestsEnabled, "SPSH_TEST_MONGODB_URI is not set"))
final class DatabaseAdminTests {
    let shell: ServerShell

    init() throws {
        shell = try ServerShell(prefix: "it_dbadmin")
    }

    @Test func createCollectionWithOptions() throws {
        let cases = [
            "db.createCollection('plain')",
            "db.createCollection('ticks', {timeseries: {timeField: 'ts', metaField: 'sym', granularity: 'seconds'}})",
            "db.createCollection('ring', {capped: true, size: 4096, max: 10})",
            "db.createCollection('checked', {validator: {q: {$type: 'number'}}})",
        ]
        for input in cases {
            #expect(shell.type(input) == ("{ ok: 1 }\n", ""), "\(input)")
        }
        let collections = try shell.collections()
        #expect(collections.keys.sorted() == ["checked", "plain", "ring", "ticks"])
        guard case .document(let ticks)? = collections["ticks"]?["options"],
            case .document(let timeseries)? = ticks["timeseries"]
        else {
            Issue.record("ticks has no timeseries options: \(String(describing: collections["ticks"]))")
            return
        }
        #expect(timeseries["timeField"] == .string("ts") && timeseries["metaField"] == .string("sym"))
        #expect(shell.type("db.ring.isCapped()") == ("true\n", ""))
        let (_, rejected) = shell.type("db.checked.insertOne({q: 'not a number'})")
        #expect(rejected.hasPrefix("MongoServerError[DocumentValidationFailure]: Document failed validation\n"))
        #expect(rejected.contains("\nAdditional information: {\n  failingDocumentId: ObjectId('"), "\(rejected)")
        let caught = "try { db.checked.insertOne({q: 'x'}) } catch (e) { print(e.code, typeof e.errInfo.details) }"
        #expect(shell.type(caught) == ("121 object\n", ""))
        let (_, exists) = shell.type("db.createCollection('plain', {capped: true, size: 1024})")
        #expect(exists.hasPrefix("MongoServerError[NamespaceExists]: "))
    }

    @Test func createViewReadsThroughThePipeline() throws {
        _ = shell.type("db.src.insertMany([{_id: 1, k: 'a'}, {_id: 2, k: 'b'}, {_id: 3, k: 'a'}])")
        #expect(shell.type("db.createView('onlyA', 'src', [{$match: {k: 'a'}}])") == ("{ ok: 1 }\n", ""))
        #expect(try shell.collections()["onlyA"]?["type"] == .string("view"))
        #expect(shell.type("db.onlyA.find().sort({_id: 1})") == ("[ { _id: 1, k: 'a' }, { _id: 3, k: 'a' } ]\n", ""))
        #expect(
            shell.type("db.createView('byK', 'src', [{$sort: {k: 1}}], {collation: {locale: 'en'}})") == (
                "{ ok: 1 }\n", ""
            ))
        #expect(shell.type("show collections") == ("byK    [view]\nonlyA  [view]\nsrc\n", ""))
    }

    @Test func dropDatabaseAnswersMongoshsForm() throws {
        _ = shell.type("db.x.insertOne({_id: 1})")
        #expect(shell.type("db.dropDatabase()") == ("{ ok: 1, dropped: '\(shell.database)' }\n", ""))
        let reply = try shell.command(
            BSONDocument([("listDatabases", .int32(1)), ("nameOnly", .bool(true))]), on: "admin")
        guard case .array(let databases)? = reply["databases"] else {
            Issue.record("listDatabases has no databases: \(reply)")
            return
        }
        #expect(!databases.contains { $0 == .document(BSONDocument([("name", .string(shell.database))])) })
        #expect(try shell.collections().isEmpty)
    }

    @Test func getCollectionInfosFiltersAndTakesOptions() {
        _ = shell.type("db.createCollection('a1'); db.createCollection('b1'); db.createView('v1', 'a1', [])")
        #expect(
            shell.type("db.getCollectionInfos({}, {nameOnly: true})")
                == (
                    "[\n  { name: 'a1', type: 'collection' },\n  { name: 'b1', type: 'collection' },\n  { name: 'v1', type: 'view' }\n]\n",
                    ""
                ))
        #expect(
            shell.type("db.getCollectionInfos({name: 'v1'})[0].options") == ("{ viewOn: 'a1', pipeline: [] }\n", ""))
        #expect(shell.type("db.getCollectionInfos({type: 'view'}).map(i => i.name)") == ("[ 'v1' ]\n", ""))
    }

    @Test(arguments: [
        ("db.version()", "8.2.11"),
        ("typeof db.version()", "string"),
        ("db.serverBuildInfo().version", "8.2.11"),
        ("db.serverStatus().ok", "1"),
        ("typeof db.serverStatus().uptime", "number"),
        ("db.serverStatus({repl: 0}).ok", "1"),
        ("db.hostInfo().ok", "1"),
        ("typeof db.hostInfo().system.numCores", "number"),
        ("db.hello().isWritablePrimary", "true"),
        ("db.isMaster().ismaster === db.isMaster().isWritablePrimary", "true"),
        ("db.currentOp().ok", "1"),
        ("Array.isArray(db.currentOp(true).inprog)", "true"),
        ("db.currentOp({op: 'none-such'}).inprog", "[]"),
        ("db.killOp(987654).ok", "1"),
    ])
    func serverDescriptions(input: String, printed: String) {
        #expect(shell.type(input) == (printed + "\n", ""))
    }

    @Test func statsCountsTheDatabase() {
        _ = shell.type("db.s1.insertMany([{a: 1}, {a: 2}]); db.s2.insertOne({a: 3})")
        let cases: [(String, String)] = [
            ("db.stats().db", shell.database),
            ("db.stats().collections", "2"),
            ("db.stats().objects", "3"),
            ("db.stats(1024).ok", "1"),
            ("db.stats({scale: 1}).ok", "1"),
        ]
        for (input, printed) in cases {
            #expect(shell.type(input) == (printed + "\n", ""), "\(input)")
        }
        let (printed, _) = shell.type("db.stats()")
        #expect(printed.hasPrefix("{\n  db: '\(shell.database)',\n  collections: 2,\n  objects: 3,\n"))
    }

    @Test(arguments: [
        ("db.createCollection()", "Missing required argument at position 0 (Database.createCollection)"),
        (
            "db.createCollection(1)",
            "Argument at position 0 must be of type string, got number instead (Database.createCollection)"
        ),
        (
            "db.createCollection('c', 'capped')",
            "Argument at position 1 must be of type object, got string instead (Database.createCollection)"
        ),
        ("db.createView('v', 'src')", "Missing required argument at position 2 (Database.createView)"),
        (
            "db.createView('v', 3, [])",
            "Argument at position 1 must be of type string, got number instead (Database.createView)"
        ),
        (
            "db.stats('big')",
            "Argument at position 0 must be of type number or object, got string instead (Database.stats)"
        ),
        ("db.killOp()", "Missing required argument at position 0 (Database.killOp)"),
    ])
    func argumentErrorsNameTheArgument(input: String, message: String) {
        let (out, err) = shell.type(input)
        #expect(out == "")
        #expect(err.hasPrefix("MongoshInvalidInputError: [SPSH-1003] \(message)\n"), "\(err)")
    }
}
