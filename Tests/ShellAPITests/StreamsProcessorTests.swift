import BSONCore
import Interpreter
import ShellAPI
import TestSupport
import Testing

/// `sp` over a fake Admin API: the requests each processor method sends and what it prints.
@Suite(.tags(.small))
struct StreamsProcessorTests {
    let admin = FakeAtlasAdmin()

    @Test func spPrintsItsName() throws {
        #expect(try printed(makeStreamsShell(admin), "sp") == "Atlas Stream Processing")
        #expect(admin.requests.isEmpty)
    }

    @Test func listPrintsTheProcessorsWithoutStats() throws {
        admin.processors = [
            FakeAtlasAdmin.processor(
                "solarDemo", state: "STARTED", stats: BSONDocument([("status", .string("running"))]))
        ]
        let shell = makeStreamsShell(admin)
        #expect(
            try printed(shell, "sp.listStreamProcessors()") == """
                [
                  {
                    _id: '65f9fea5c5154385174af71e',
                    name: 'solarDemo',
                    pipeline: [ { '$source': { connectionName: 'sample_stream_solar' } } ],
                    state: 'STARTED'
                  }
                ]
                """)
        #expect(try printed(shell, "sp.listStreamProcessors()[0].state") == "STARTED")
        #expect(admin.requests == ["GET processors", "GET processors"])
    }

    @Test func anEmptyListPrintsAnEmptyArray() throws {
        #expect(try printed(makeStreamsShell(admin), "sp.listStreamProcessors()") == "[]")
    }

    @Test(arguments: [
        ("{state: 'STARTED'}", ["b"]),
        ("{state: {$in: ['STARTED', 'STOPPED']}}", ["b", "c"]),
        ("{name: /^[ab]$/}", ["a", "b"]),
        ("{name: {$regex: '^C', $options: 'i'}}", ["c"]),
        ("{'options.dlq.coll': 'dlq'}", ["c"]),
        ("{}", ["a", "b", "c"]),
    ])
    func listFiltersByEquality(filter: String, names: [String]) throws {
        var c = FakeAtlasAdmin.processor("c", state: "STOPPED")
        c["options"] = .document(BSONDocument([("dlq", .document(BSONDocument([("coll", .string("dlq"))])))]))
        admin.processors = [FakeAtlasAdmin.processor("a"), FakeAtlasAdmin.processor("b", state: "STARTED"), c]
        let shell = makeStreamsShell(admin)
        #expect(
            try printed(shell, "sp.listStreamProcessors(\(filter)).map(p => p.name).join()")
                == names.joined(separator: ","))
    }

    @Test func listRefusesOperatorsItCannotMatch() throws {
        let error = thrownShellError { try makeStreamsShell(admin).evaluate("sp.listStreamProcessors({n: {$gt: 1}})") }
        #expect(
            error
                == ShellError(
                    .invalidArgument,
                    "sp.listStreamProcessors filters match fields by equality, $in or $regex; '$gt' on 'n' is not supported"
                ))
    }

    @Test func createSendsTheDefinitionAndPrintsTheProcessor() throws {
        let shell = makeStreamsShell(admin)
        let source = """
            sp.createStreamProcessor('Kafka stock trade processor', [{$source: {connectionName: 'sample_stream_solar'}}],
              {dlq: {connectionName: 'atlas', db: 'dlq', coll: 'stocks'}})
            """
        #expect(
            try printed(shell, source) == """
                {
                  _id: '65f9fea5c5154385174af71e',
                  name: 'Kafka stock trade processor',
                  pipeline: [ { '$source': { connectionName: 'sample_stream_solar' } } ],
                  state: 'CREATED',
                  options: { dlq: { connectionName: 'atlas', db: 'dlq', coll: 'stocks' } }
                }
                """)
        #expect(
            admin.requests == [
                "POST processor Kafka stock trade processor options=dlq", "GET processor/Kafka stock trade processor",
            ])
    }

    @Test func createTwiceFailsWithTheWorkspacesConflict() throws {
        let shell = makeStreamsShell(admin)
        _ = try shell.evaluate("sp.createStreamProcessor('p1', [])")
        #expect(thrownAPIError { try shell.evaluate("sp.createStreamProcessor('p1', [])") }?.status == 409)
    }

    @Test func ifNotExistsGivesBackTheExistingProcessor() throws {
        admin.processors = [FakeAtlasAdmin.processor("p1", state: "STARTED")]
        let shell = makeStreamsShell(admin)
        let source = "var p = sp.createStreamProcessor('p1', [{$source: {connectionName: 'x'}}], {ifNotExists: true})"
        _ = try shell.evaluate(source)
        _ = try shell.evaluate(source)  // a deploy script run again
        #expect(try printed(shell, "p.state") == "STARTED")
        #expect(admin.processors.count == 1)
        // ifNotExists is the shell's: it is never sent as a processor option.
        #expect(admin.requests == ["POST processor p1", "GET processor/p1", "POST processor p1", "GET processor/p1"])
    }

    @Test func ifNotExistsStillReportsOtherFailures() throws {
        admin.failure = FakeAtlasAdmin.APIError(status: 401, errorCode: "UNAUTHORIZED", detail: "bad key")
        let shell = makeStreamsShell(admin)
        let error = thrownAPIError { try shell.evaluate("sp.createStreamProcessor('p1', [], {ifNotExists: true})") }
        #expect(error?.status == 401)
    }

    @Test func handleMethodsSendTheirRequestsAndPrintOk() throws {
        admin.processors = [FakeAtlasAdmin.processor("Kafka stock trade processor")]
        let shell = makeStreamsShell(admin)
        let name = "Kafka stock trade processor"
        let handle = "sp[\"\(name)\"]"
        #expect(try printed(shell, "\(handle).start()") == "{ ok: 1 }")
        #expect(try printed(shell, "\(handle).stop()") == "{ ok: 1 }")
        #expect(try printed(shell, "\(handle).start({resumeFromCheckpoint: false})") == "{ ok: 1 }")
        #expect(try printed(shell, "\(handle).stop()") == "{ ok: 1 }")
        #expect(
            try printed(shell, "\(handle).modify([{$source: {connectionName: 'y'}}], {tier: 'SP10'})") == "{ ok: 1 }")
        #expect(try printed(shell, "\(handle).modify({resumeFromCheckpoint: false})") == "{ ok: 1 }")
        #expect(try printed(shell, "\(handle).drop()") == "{ ok: 1 }")
        #expect(
            admin.requests == [
                "POST processor/\(name):start", "POST processor/\(name):stop",
                "POST processor/\(name):startWith options=resumeFromCheckpoint", "POST processor/\(name):stop",
                "PATCH processor/\(name) pipeline=1 options=tier",
                "PATCH processor/\(name) options=resumeFromCheckpoint", "DELETE processor/\(name)",
            ])
        #expect(admin.processors.isEmpty)
    }

    @Test func statsPrintsMongoshsForm() throws {
        let stats = BSONDocument([
            ("name", .string("solarDemo")), ("status", .string("running")), ("inputMessageCount", .int64(926)),
        ])
        admin.processors = [FakeAtlasAdmin.processor("solarDemo", state: "STARTED", stats: stats)]
        let output = try printed(makeStreamsShell(admin), "sp.solarDemo.stats()")
        #expect(
            output == """
                {
                  ok: 1,
                  stats: {
                    name: 'solarDemo',
                    status: 'running',
                    inputMessageCount: Long('926')
                  },
                  pipeline: [ { '$source': { connectionName: 'sample_stream_solar' } } ]
                }
                """)
        #expect(admin.requests == ["GET processor/solarDemo?stats"])
    }

    @Test func aHandlePrintsTheProcessorsCurrentState() throws {
        admin.processors = [FakeAtlasAdmin.processor("solarDemo")]
        let shell = makeStreamsShell(admin)
        _ = try shell.evaluate("var p = sp.getProcessor({name: 'solarDemo'}); p.start()")
        #expect(
            try printed(shell, "p") == """
                {
                  _id: '65f9fea5c5154385174af71e',
                  name: 'solarDemo',
                  pipeline: [ { '$source': { connectionName: 'sample_stream_solar' } } ],
                  state: 'STARTED'
                }
                """)
        #expect(try printed(shell, "sp.getProcessor('solarDemo').state") == "STARTED")
        #expect(try printed(shell, "sp.anything.name") == "anything")  // a name needs no request
        #expect(
            admin.requests == ["POST processor/solarDemo:start", "GET processor/solarDemo", "GET processor/solarDemo"])
    }

    @Test(arguments: [
        ("sp.kafka_stock_trade_procesor.start()", "did you mean 'kafka_stock_trade_processor'?"),
        ("sp['kafka stock trade processor'].stats()", "did you mean 'Kafka stock trade processor'?"),
        ("sp.solarDemo", "did you mean 'solar_demo'?"),
        ("sp.zzzzzzzzzzzz.drop()", "known: 'Kafka stock trade processor', 'kafka_stock_trade_processor', 'solar_demo'"),
    ])
    func unknownProcessorSuggestsTheNearestName(source: String, hint: String) throws {
        admin.processors = ["kafka_stock_trade_processor", "Kafka stock trade processor", "solar_demo"].map {
            FakeAtlasAdmin.processor($0)
        }
        let shell = makeStreamsShell(admin)
        let error = try #require(thrownShellError { try shell.evaluate(source) })
        #expect(error.code == .unknownStreamProcessor)
        #expect(error.message.hasPrefix("Stream processor '"))
        #expect(
            error.message.hasSuffix(
                "does not exist in local workspace http://127.0.0.1:9443 (workspace 'local'); " + hint))
        #expect(try printed(shell, "1 + 1") == "2")  // the shell carries on
    }

    @Test func unknownProcessorInAnEmptyWorkspace() throws {
        let error = thrownShellError { try makeStreamsShell(admin).evaluate("sp.p1.start()") }
        #expect(
            error
                == ShellError(
                    .unknownStreamProcessor,
                    "Stream processor 'p1' does not exist in local workspace http://127.0.0.1:9443 (workspace 'local'); "
                        + "there are none yet"))
    }

    @Test func otherFailuresAreNotCalledUnknownNames() throws {
        admin.processors = [FakeAtlasAdmin.processor("p1", state: "STARTED")]
        admin.failure = FakeAtlasAdmin.APIError(status: 500, errorCode: "UNEXPECTED_ERROR", detail: "oops")
        #expect(thrownAPIError { try makeStreamsShell(admin).evaluate("sp.p1.stop()") }?.status == 500)
    }

    @Test(arguments: [
        (
            "sp.createStreamProcessor()", ShellErrorCode.invalidProcessorName,
            "Invalid processor name: none given (sp.createStreamProcessor takes it first)"
        ),
        (
            "sp.createStreamProcessor('', [])", .invalidProcessorName,
            "Invalid processor name: '' (it must not be empty or blank)"
        ),
        (
            "sp.createStreamProcessor('  ', [])", .invalidProcessorName,
            "Invalid processor name: '  ' (it must not be empty or blank)"
        ),
        (
            "sp.createStreamProcessor(5, [])", .invalidProcessorName,
            "Invalid processor name: expected a string, got number (sp.createStreamProcessor)"
        ),
        (
            "sp.createStreamProcessor('p')", .invalidArgument,
            "Invalid pipeline: expected an array of stages, none given (sp.createStreamProcessor)"
        ),
        (
            "sp.createStreamProcessor('p', {$source: {}})", .invalidArgument,
            "Invalid pipeline: expected an array of stages, got object (sp.createStreamProcessor)"
        ),
        ("sp.createStreamProcessor('p', [1])", .invalidArgument, "Pipeline stage 0 must be an object, found number"),
        (
            "sp.createStreamProcessor('p', [], 'x')", .invalidArgument,
            "Argument at position 2 must be of type object, got string instead (sp.createStreamProcessor)"
        ),
        (
            "sp.createStreamProcessor('p', [], {dlq: {db: 'd'}})", .invalidArgument,
            "The dlq option of sp.createStreamProcessor must be {connectionName, db, coll}, each a non-empty string"
        ),
        (
            "sp.createStreamProcessor('p', [], {ifNotExists: 1})", .invalidArgument,
            "The ifNotExists option of sp.createStreamProcessor must be true or false"
        ),
        (
            "sp.getProcessor()", .invalidProcessorName,
            "Invalid processor name: none given (sp.getProcessor)"
        ),
        (
            "sp.getProcessor({})", .invalidProcessorName,
            "Invalid processor name: none given (sp.getProcessor)"
        ),
        ("sp.p.modify(5)", .invalidArgument, "The first argument to modify must be an array or object."),
        (
            "sp.p.modify({tier: 'SP10'}, {})", .invalidArgument,
            "If the first argument to modify is an object, the second argument should not be specified."
        ),
        (
            "sp.p.start(5)", .invalidArgument,
            "Argument at position 0 must be of type object, got number instead (StreamProcessor.start)"
        ),
    ])
    func badArgumentsSayWhatWasWrong(source: String, code: ShellErrorCode, message: String) throws {
        let error = thrownShellError { try makeStreamsShell(admin).evaluate(source) }
        #expect(error == ShellError(code, message))
        #expect(admin.requests.isEmpty)
    }

    @Test(arguments: ["sp.listStreamProcessors()", "sp.p1.start()", "sp.createStreamProcessor('p', [])", "sp.p1"])
    func withoutATargetSpSaysHowToConfigureOne(source: String) throws {
        let error = try #require(thrownShellError { try makeStreamsShell(nil).evaluate(source) })
        #expect(error.code == .noStreamsTarget)
        #expect(error.message.hasPrefix("No Atlas Stream Processing workspace is configured: "))
        #expect(error.message.contains("--atlas-base-url"))
    }

    @Test func aTargetCanBeGivenLater() throws {
        let shell = makeStreamsShell(nil)
        admin.processors = [FakeAtlasAdmin.processor("p1")]
        shell.atlasAdmin = admin
        #expect(try printed(shell, "sp.listStreamProcessors().length") == "1")
    }
}
