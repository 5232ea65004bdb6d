import BSONCore
import Interpreter
import ShellAPI
import TestSupport
import Testing

/// `sp.createConnection`, `getConnection`, `dropConnection` and `listConnections` over a fake Admin API:
/// the seed's connections, secrets masked, idempotent creation and the errors.
@Suite(.tags(.small))
struct StreamsConnectionTests {
    let admin = FakeAtlasAdmin()

    static let kafka = """
        {name: 'kafkaprod', type: 'Kafka', bootstrapServers: 'b1:9092,b2:9092',
         security: {protocol: 'SASL_SSL'},
         authentication: {mechanism: 'PLAIN', username: 'trader', password: 's3cr3t!'},
         config: {'auto.offset.reset': 'earliest'}}
        """

    @Test func kafkaConnectionIsSentWithItsPasswordAndPrintedWithoutIt() throws {
        let shell = makeStreamsShell(admin)
        #expect(
            try printed(shell, "sp.createConnection(\(Self.kafka))") == """
                {
                  name: 'kafkaprod',
                  type: 'Kafka',
                  bootstrapServers: 'b1:9092,b2:9092',
                  security: { protocol: 'SASL_SSL' },
                  authentication: { mechanism: 'PLAIN', username: 'trader', password: '********' },
                  config: { 'auto.offset.reset': 'earliest' },
                  state: 'READY'
                }
                """)
        let sent = try #require(admin.connections.first)
        guard case .document(let authentication)? = sent["authentication"] else {
            Issue.record("no authentication was sent")
            return
        }
        #expect(authentication["password"] == .string("s3cr3t!"))
        #expect(admin.requests == ["POST connection kafkaprod"])
        #expect(!(try printed(shell, "sp.getConnection('kafkaprod')")).contains("s3cr3t"))
        #expect(!(try printed(shell, "sp.listConnections()")).contains("s3cr3t"))
        #expect(!(try printed(shell, "JSON.stringify(sp.listConnections())")).contains("s3cr3t"))
    }

    @Test func clusterSampleAndHttpsConnections() throws {
        let shell = makeStreamsShell(admin)
        _ = try shell.evaluate(
            """
            sp.createConnection({name: 'atlas', type: 'Cluster', clusterName: 'Cluster0',
              dbRoleToExecute: {role: 'readWriteAnyDatabase', type: 'BUILT_IN'}})
            """)
        _ = try shell.evaluate("sp.createConnection({name: 'sample_stream_solar', type: 'Sample'})")
        #expect(
            try printed(
                shell,
                "sp.createConnection({name: 'hook', type: 'Https', url: 'https://example.com/h', "
                    + "headers: {Authorization: 'Bearer abc', 'X-Trace': 't1'}})") == """
                    {
                      name: 'hook',
                      type: 'Https',
                      url: 'https://example.com/h',
                      headers: { Authorization: '********', 'X-Trace': 't1' },
                      state: 'READY'
                    }
                    """)
        #expect(
            try printed(shell, "sp.listConnections({type: 'Cluster'})") == """
                [
                  {
                    name: 'atlas',
                    type: 'Cluster',
                    clusterName: 'Cluster0',
                    dbRoleToExecute: { role: 'readWriteAnyDatabase', type: 'BUILT_IN' },
                    state: 'READY'
                  }
                ]
                """)
        #expect(
            admin.requests == [
                "POST connection atlas", "POST connection sample_stream_solar", "POST connection hook",
                "GET connections",
            ])
    }

    @Test func ifNotExistsMakesCreateConnectionRepeatable() throws {
        let shell = makeStreamsShell(admin)
        let source = "sp.createConnection(\(Self.kafka), {ifNotExists: true}).name"
        #expect(try printed(shell, source) == "kafkaprod")
        #expect(try printed(shell, source) == "kafkaprod")
        #expect(admin.connections.count == 1)
        #expect(
            admin.requests == ["POST connection kafkaprod", "POST connection kafkaprod", "GET connection/kafkaprod"])
        #expect(thrownAPIError { try shell.evaluate("sp.createConnection(\(Self.kafka))") }?.status == 409)
    }

    @Test func dropConnection() throws {
        let shell = makeStreamsShell(admin)
        _ = try shell.evaluate("sp.createConnection({name: 'sample_stream_solar', type: 'Sample'})")
        #expect(try printed(shell, "sp.dropConnection('sample_stream_solar')") == "{ ok: 1 }")
        #expect(admin.connections.isEmpty)
        #expect(admin.requests.last == "DELETE connection/sample_stream_solar")
    }

    @Test func unknownConnectionSuggestsTheNearestName() throws {
        let shell = makeStreamsShell(admin)
        _ = try shell.evaluate("sp.createConnection({name: 'sample_stream_solar', type: 'Sample'})")
        let error = thrownShellError { try shell.evaluate("sp.getConnection('sample_stream_sola')") }
        #expect(
            error
                == ShellError(
                    .unknownStreamConnection,
                    "Connection 'sample_stream_sola' does not exist in local workspace http://127.0.0.1:9443 "
                        + "(workspace 'local'); did you mean 'sample_stream_solar'?"))
    }

    @Test(arguments: [
        (
            "sp.createConnection()",
            "sp.createConnection takes the connection as an object {name, type, …}, got undefined"
        ),
        (
            "sp.createConnection({type: 'Sample'})",
            "The connection needs a name: a non-empty string (sp.createConnection)"
        ),
        (
            "sp.createConnection({name: 'k'})",
            "The connection 'k' needs a type: one of Kafka, Cluster, Sample, Https, AWSLambda, S3, AWSKinesisDataStreams, "
                + "SchemaRegistry, AzureBlobStorage, GCPPubSub"
        ),
        ("sp.createConnection({name: 'k', type: 'kafka'})", "Unknown connection type 'kafka'; did you mean 'Kafka'?"),
        (
            "sp.createConnection({name: 'k', type: 'Kafka'})",
            "A Kafka connection needs bootstrapServers, a string such as 'broker1:9092,broker2:9092' ('k')"
        ),
        (
            "sp.createConnection({name: 'c', type: 'Cluster'})",
            "A Cluster connection needs clusterName, a string such as 'Cluster0' ('c')"
        ),
        (
            "sp.createConnection({name: 'h', type: 'Https'})",
            "A Https connection needs url, a string such as 'https://example.com/hook' ('h')"
        ),
        (
            "sp.createConnection({name: 's', type: 'Sample'}, {upsert: true})",
            "Unknown option 'upsert' of sp.createConnection: it takes {ifNotExists}"
        ),
        (
            "sp.getConnection('')",
            "Invalid connection name: '' (it must not be empty or blank)"
        ),
        ("sp.dropConnection(1)", "Invalid connection name: expected a string, got number (sp.dropConnection)"),
    ])
    func badConnectionArguments(source: String, message: String) throws {
        let error = thrownShellError { try makeStreamsShell(admin).evaluate(source) }
        #expect(error == ShellError(.invalidArgument, message))
        #expect(admin.requests.isEmpty)
    }
}
