import BSONCore
import TestSupport
import Testing

/// `db.getMongo()`, `rs` and `Object.bsonsize` against the real SecantusDB: the helpers day-to-day scripts use to
/// look around a deployment.
@Suite(.tags(.medium), .enabled(if: TestServers.mongoTestsEnabled, "SPSH_TEST_MONGODB_URI is not set"))
final class ConnectionHelperTests {
    let shell: ServerShell

    init() throws {
        shell = try ServerShell(prefix: "it_conn")
        _ = shell.type("db.trades.insertOne({_id: 1, symbol: 'MDB'})")
    }

    @Test func getMongoPrintsTheConnectionStringAndReachesEveryDatabase() throws {
        let uri = try TestServers.requireMongoURI()
        #expect(shell.type("db.getMongo()") == ("\(uri)\n", ""))
        #expect(shell.type("db.getMongo().getURI() === '\(uri)'") == ("true\n", ""))
        #expect(shell.type("db.getMongo().getDBNames().includes('\(shell.database)')") == ("true\n", ""))
        #expect(
            shell.type("db.getMongo().getDBs().databases.some((d) => d.name === '\(shell.database)')") == ("true\n", "")
        )
        #expect(shell.type("db.getMongo().getDB('\(shell.database)').trades.countDocuments()") == ("1\n", ""))
        #expect(
            shell.type("db.getMongo().getCollection('\(shell.database).trades').findOne()")
                == ("{ _id: 1, symbol: 'MDB' }\n", ""))
        #expect(shell.type("db.getMongo().getReadPrefMode()") == ("primary\n", ""))
    }

    @Test(arguments: [
        (
            "db.getMongo().getCollection('nodot')",
            "getCollection() takes a namespace 'database.collection', found 'nodot'"
        ),
        ("db.getMongo().getDB('bad name')", "Invalid database name: 'bad name'"),
        ("db.getMongo().getDB()", "Missing required argument at position 0 (Mongo.getDB)"),
    ])
    func badArgumentsSayWhatIsWrong(input: String, message: String) {
        let (out, err) = shell.type(input)
        #expect(out == "")
        #expect(err.contains(message), "\(err)")
    }

    @Test func replicaSetHelpersRunTheirAdminCommands() {
        #expect(shell.type("rs.status().ok") == ("1\n", ""))
        #expect(shell.type("typeof rs.hello().isWritablePrimary") == ("boolean\n", ""))
        #expect(shell.type("rs.isMaster().ok") == ("1\n", ""))
        // SecantusDB has no replSetGetConfig: the server's error comes through with its code name.
        #expect(shell.type("rs.conf()").1.hasPrefix("MongoServerError[CommandNotFound]: "))
    }

    @Test func useAndShowWorkAsFunctionsInScripts() {
        let other = shell.database + "_other"
        #expect(shell.type("use('\(other)')") == ("switched to db \(other)\n", ""))
        #expect(shell.type("db.getName()") == ("\(other)\n", ""))
        #expect(shell.type("show('collections')") == ("", ""))
        #expect(shell.type("use('\(shell.database)'); show('collections')") == ("trades\n", ""))
        #expect(shell.type("use(5)").1.contains("use() takes a database name string"))
        #expect(shell.type("show('nonsense')").1.contains("nonsense"))
    }

    @Test func bsonsizeIsTheEncodedLength() {
        #expect(shell.type("Object.bsonsize({a: 1})") == ("12\n", ""))
        // 4 length bytes + _id (1 + 4 + 4) + symbol (1 + 7 + 4 + 4) + the final 0
        #expect(shell.type("Object.bsonsize(db.trades.findOne())") == ("30\n", ""))
    }
}
