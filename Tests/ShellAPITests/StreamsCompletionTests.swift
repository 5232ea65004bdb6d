import BSONCore
import Interpreter
import ShellAPI
import TestSupport
import Testing

/// Tab completion after `sp`: methods, processor names (bracketed when they are not identifiers), handle
/// methods, and the cache of names behind it.
@Suite(.tags(.small))
struct StreamsCompletionTests {
    let admin = FakeAtlasAdmin()
    let clock = VirtualClock()

    func makeShell() -> Shell {
        admin.processors = ["kafka_stock_trade_processor", "Kafka stock trade processor", "solarDemo"].map {
            FakeAtlasAdmin.processor($0)
        }
        admin.connections = [BSONDocument([("name", .string("sample_stream_solar")), ("type", .string("Sample"))])]
        let shell = makeStreamsShell(admin)
        shell.clock = clock
        return shell
    }

    @Test(
        arguments: [
            ("sp.Ka", "sp.Ka", ["sp.kafka_stock_trade_processor", "sp[\"Kafka stock trade processor\"]"]),
            ("x = sp.sol", "sp.sol", ["sp.solarDemo"]),
            ("sp.list", "sp.list", ["sp.listConnections", "sp.listStreamProcessors"]),
            ("sp.create", "sp.create", ["sp.createConnection", "sp.createStreamProcessor"]),
            ("sp[\"Ka", "sp[\"Ka", ["sp[\"Kafka stock trade processor\"]", "sp[\"kafka_stock_trade_processor\"]"]),
            ("sp['Kafka s", "sp['Kafka s", ["sp['Kafka stock trade processor']"]),
            ("sp[\"Kafka stock trade processor\"].st", "st", ["start", "stats", "stop"]),
            ("sp.solarDemo.d", "d", ["drop"]),
            ("sp.getProcessor('so", "'so", ["'solarDemo')"]),
            ("sp.dropConnection(\"sam", "\"sam", ["\"sample_stream_solar\")"]),
            ("db.sp.", nil, []),
            ("nosp.", nil, []),
        ] as [(String, String?, [String])])
    func completes(line: String, word: String?, candidates: [String]) throws {
        let result = makeShell().streamsCompletion(line: line)
        #expect(result?.word == word)
        #expect(result?.candidates ?? [] == candidates)
    }

    @Test func spDotListsMethodsThenNames() throws {
        let result = try #require(makeShell().streamsCompletion(line: "sp."))
        #expect(
            result.candidates == [
                "sp.createConnection", "sp.createStreamProcessor", "sp.dropConnection", "sp.getConnection",
                "sp.getProcessor", "sp.kafka_stock_trade_processor", "sp.listConnections", "sp.listStreamProcessors",
                "sp.process", "sp.solarDemo", "sp[\"Kafka stock trade processor\"]",
            ])
    }

    @Test func namesNeedingEscapesAreQuoted() throws {
        let shell = makeShell()
        admin.processors = [FakeAtlasAdmin.processor("it's \"quoted\"")]
        #expect(shell.streamsCompletion(line: "sp.it")?.candidates == ["sp[\"it's \\\"quoted\\\"\"]"])
        #expect(shell.streamsCompletion(line: "sp['it")?.candidates == ["sp['it\\'s \"quoted\"']"])
    }

    @Test func namesAreCachedForAShortTime() throws {
        let shell = makeShell()
        _ = shell.streamsCompletion(line: "sp.")
        _ = shell.streamsCompletion(line: "sp.k")
        #expect(admin.requests == ["GET processors"])
        clock.sleep(milliseconds: 6000)
        _ = shell.streamsCompletion(line: "sp.k")
        #expect(admin.requests == ["GET processors", "GET processors"])
    }

    @Test func createListAndDropRefreshTheNames() throws {
        let shell = makeShell()
        _ = try shell.evaluate("sp.listStreamProcessors()")
        _ = try shell.evaluate("sp.createStreamProcessor('fresh one', [])")
        _ = try shell.evaluate("sp.solarDemo.drop()")
        #expect(
            shell.streamsCompletion(line: "sp.")?.candidates == [
                "sp.createConnection", "sp.createStreamProcessor", "sp.dropConnection", "sp.getConnection",
                "sp.getProcessor", "sp.kafka_stock_trade_processor", "sp.listConnections", "sp.listStreamProcessors",
                "sp.process", "sp[\"Kafka stock trade processor\"]", "sp[\"fresh one\"]",
            ])
        #expect(
            admin.requests == [
                "GET processors", "POST processor fresh one", "GET processor/fresh one", "DELETE processor/solarDemo",
            ])
    }

    @Test func completionWithoutATargetOffersMethodsOnly() throws {
        let shell = makeStreamsShell(nil)
        #expect(shell.streamsCompletion(line: "sp.get")?.candidates == ["sp.getConnection", "sp.getProcessor"])
    }

    @Test func aReassignedSpIsCompletedLikeAnyObject() throws {
        let shell = makeShell()
        _ = try shell.evaluate("sp = {a: 1}")
        #expect(shell.streamsCompletion(line: "sp.") == nil)
    }

    @Test func failingTargetGivesNoNames() throws {
        let shell = makeShell()
        admin.failure = FakeAtlasAdmin.APIError(status: 401, errorCode: "UNAUTHORIZED", detail: "bad key")
        #expect(shell.streamsCompletion(line: "sp.k")?.candidates == [])
    }
}
