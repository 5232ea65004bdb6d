import BSONCore
import Interpreter
import ShellAPI
import TestSupport
import Testing

@Suite(.tags(.small))
struct ShellTests {
    let runner = FakeCommandRunner()

    func makeShell() -> Shell {
        Shell(interpreter: Interpreter(), connection: runner, databaseName: "test")
    }

    func numbered(_ count: Int) -> [BSONDocument] {
        (0..<count).map { BSONDocument([("_id", .int32(Int32($0)))]) }
    }

    @Test func cursorOptionsAreSentToTheServer() throws {
        let shell = makeShell()
        _ = try shell.evaluate(
            "db.stock_prices.find({symbol: 'ZVZZT'}, {price: 1}).sort({ windowStart: -1 }).skip(2).limit(5).pretty()")
        let call = try #require(runner.finds.first)
        #expect(call.database == "test")
        #expect(call.collection == "stock_prices")
        #expect(call.filter == BSONDocument([("symbol", .string("ZVZZT"))]))
        #expect(
            call.options
                == BSONDocument([
                    ("projection", .document(BSONDocument([("price", .int32(1))]))),
                    ("sort", .document(BSONDocument([("windowStart", .int32(-1))]))),
                    ("skip", .int64(2)),
                    ("limit", .int64(5)),
                ]))
    }

    @Test func cursorPagesTwentyThenIt() throws {
        runner.documents = numbered(45)
        let shell = makeShell()
        guard case .cursorPage(let first, let more1) = try shell.evaluate("db.c.find()") else {
            Issue.record("expected a cursor page")
            return
        }
        #expect(first.count == 20 && more1)
        guard case .cursorPage(let second, let more2) = try shell.evaluate("it") else {
            Issue.record("expected a second page")
            return
        }
        #expect(second.first == BSONDocument([("_id", .int32(20))]) && second.count == 20 && more2)
        guard case .cursorPage(let third, let more3) = try shell.evaluate("it") else {
            Issue.record("expected a third page")
            return
        }
        #expect(third.count == 5 && !more3)
        guard case .text(let text) = try shell.evaluate("it") else {
            Issue.record("expected text")
            return
        }
        #expect(text == "no cursor")
    }

    @Test func emptyCursorPrintsNothing() throws {
        guard case .nothing = try makeShell().evaluate("db.c.find()") else {
            Issue.record("an empty cursor prints nothing")
            return
        }
    }

    @Test func itWithoutCursor() throws {
        guard case .text(let text) = try makeShell().evaluate("it") else {
            Issue.record("expected text")
            return
        }
        #expect(text == "no cursor")
    }

    @Test func insertOneAddsObjectIdFirst() throws {
        let shell = makeShell()
        guard case .value(let value, let fromServer) = try shell.evaluate("db.c.insertOne({a: 1, b: 'x'})") else {
            Issue.record("expected a value")
            return
        }
        #expect(fromServer)
        let document = try #require(runner.inserted.first)
        #expect(document.keys == ["_id", "a", "b"])
        guard case .objectID = document["_id"] else {
            Issue.record("expected an ObjectId _id")
            return
        }
        guard case .object(let result) = value else { return }
        #expect(result.ownKeys == ["acknowledged", "insertedId"])
    }

    @Test func useSwitchesDatabase() throws {
        let shell = makeShell()
        guard case .text(let switched) = try shell.evaluate("use trading") else { return }
        #expect(switched == "switched to db trading")
        guard case .text(let again) = try shell.evaluate("use trading;") else { return }
        #expect(again == "already on db trading")
        _ = try shell.evaluate("db.prices.find().toArray()")
        #expect(runner.finds.last?.database == "trading")
        #expect(shell.prompt == "trading> ")
    }

    @Test func bracketNamesAndGetCollection() throws {
        let shell = makeShell()
        _ = try shell.evaluate("db['name with spaces'].find().toArray()")
        _ = try shell.evaluate("db.getCollection('other one').find().toArray()")
        #expect(runner.finds.map(\.collection) == ["name with spaces", "other one"])
    }

    @Test func aggregateSendsPipeline() throws {
        _ = try makeShell().evaluate("db.c.aggregate([{ $match: { a: 1 } }, { $limit: 2 }]).toArray()")
        let call = try #require(runner.aggregates.first)
        #expect(call.collection == "c")
        #expect(
            call.pipeline == [
                .document(BSONDocument([("$match", .document(BSONDocument([("a", .int32(1))])))])),
                .document(BSONDocument([("$limit", .int32(2))])),
            ])
    }

    @Test func runCommandSendsDocument() throws {
        _ = try makeShell().evaluate("db.runCommand({ ping: 1 })")
        #expect(runner.commands.first?.0 == BSONDocument([("ping", .int32(1))]))
        #expect(runner.commands.first?.1 == "test")
    }

    @Test func showCollectionsOfAnEmptyDatabasePrintsNothing() throws {
        guard case .nothing = try makeShell().evaluate("show collections") else {
            Issue.record("expected nothing")
            return
        }
        #expect(
            runner.commands.first?.0
                == BSONDocument([("listCollections", .int32(1)), ("authorizedCollections", .bool(true))]))
    }

    @Test func useAndShowWithoutArgumentSayWhatIsMissing() throws {
        #expect(
            thrownShellError { try makeShell().evaluate("use") }
                == ShellError(.invalidDatabaseName, "'use' needs a database name: use <db>"))
        #expect(
            thrownShellError { try makeShell().evaluate("show ;") }
                == ShellError(.invalidShowArgument, "'show' needs an argument: show dbs, show collections"))
    }

    @Test func showRejectsUnknownArgument() throws {
        #expect(throws: ShellError(.invalidShowArgument, "'bogus' is not a valid argument for \"show\".")) {
            try makeShell().evaluate("show bogus")
        }
    }

    @Test func noDatabaseWithoutConnection() throws {
        let shell = Shell(interpreter: Interpreter(), connection: nil, databaseName: "test")
        #expect(shell.prompt == "> ")
        let error = ShellError(.noDatabase, "No database connection: spsh was started with --nodb")
        #expect(throws: error) { try shell.evaluate("db") }
    }

    @Test func limitAfterReadingIsAnError() throws {
        runner.documents = numbered(3)
        let shell = makeShell()
        _ = try shell.evaluate("c = db.c.find(); c.next()")
        #expect(
            thrownShellError { try shell.evaluate("c.limit(1)") }
                == ShellError(.cursorAlreadyOpen, "Cannot call limit() on a cursor that has already been read"))
    }
}
