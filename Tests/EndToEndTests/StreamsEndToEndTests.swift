import Foundation
import TestSupport
import Testing

/// Issue 4's "Done means", as a new user with no Atlas account: `spsh --nodb --file done.js` creates the seed's two
/// connections and its processor under two names, lists them, starts, reads the stats of, stops and drops
/// `Kafka stock trade processor`, in the local workspace the shell starts by itself; then the same script against
/// a second `spsh serve` with digest auth, reached with `--atlas-base-url` and the Atlas CLI's key variables.
/// Stdout is compared exactly (ids masked); the Kafka password and the private key never appear. The seed reads
/// Kafka, which the local workspace cannot reach yet, so once started the processor reports `status: 'error'`
/// (state FAILED) until it is stopped.
@Suite(.tags(.large), .serialized) struct StreamsEndToEndTests {
    /// The processor definition of seed 001 §4, unchanged.
    static let seedDefinition = #"""
        {
          "name": "stock_trade_window_processor",
          "pipeline": [
            {
              "$source": {
                "connectionName": "confluent_cloud",
                "topic": "sample_data_stock_trades"
              }
            },
            {
              "$tumblingWindow": {
                "interval": { "size": 30, "unit": "second" },
                "pipeline": [
                  {
                    "$group": {
                      "_id": {
                        "symbol": "$symbol",
                        "windowStart": { "$meta": "stream.window.start" },
                        "windowEnd":   { "$meta": "stream.window.end" }
                      },
                      "totalQty":   { "$sum": "$quantity" },
                      "avgPrice":   { "$avg": "$price" },
                      "vwap_num":   { "$sum": { "$multiply": [ "$price", "$quantity" ] } },
                      "vwap_den":   { "$sum": "$quantity" },
                      "tradeCount": { "$sum": 1 },
                      "totalBuyQty":  { "$sum": { "$cond": [ { "$eq": [ "$side", "BUY" ] },  "$quantity", 0 ] } },
                      "totalSellQty": { "$sum": { "$cond": [ { "$eq": [ "$side", "SELL" ] }, "$quantity", 0 ] } },
                      "minPrice": { "$min": "$price" },
                      "maxPrice": { "$max": "$price" }
                    }
                  },
                  {
                    "$project": {
                      "_id": 0,
                      "symbol": "$_id.symbol",
                      "windowStart": "$_id.windowStart",
                      "windowEnd": "$_id.windowEnd",
                      "windowSecs": {
                        "$dateDiff": {
                          "startDate": "$_id.windowStart",
                          "endDate": "$_id.windowEnd",
                          "unit": "second"
                        }
                      },
                      "tradeCount": 1,
                      "totalQty": 1,
                      "avgPrice": { "$round": [ "$avgPrice", 4 ] },
                      "vwap": {
                        "$cond": [
                          { "$gt": [ "$vwap_den", 0 ] },
                          { "$round": [ { "$divide": [ "$vwap_num", "$vwap_den" ] }, 4 ] },
                          null
                        ]
                      },
                      "totalBuyQty": 1,
                      "totalSellQty": 1,
                      "imbalance": { "$subtract": [ "$totalBuyQty", "$totalSellQty" ] },
                      "minPrice": 1,
                      "maxPrice": 1
                    }
                  }
                ]
              }
            },
            {
              "$merge": {
                "into": {
                  "connectionName": "stock trade sample data collection",
                  "db": "confluent_cloud",
                  "coll": "stock_prices"
                }
              }
            }
          ]
        }
        """#

    static let kafkaPassword = "S3cr3t-Confluent-Pass"
    static let keys: WorkspaceServe.APIKey = (publicKey: "doneuserkey", privateKey: "7c1d-done-private-e2e4")

    /// The deploy script: every create is `ifNotExists`, so it can be run again.
    static let script =
        "// The seed's processor definition (§4), unchanged.\nconst definition = " + seedDefinition + ";\n" + #"""
            const pipeline = definition.pipeline;
            const options = { ifNotExists: true };  // a deploy script that can be run again
            sp.createConnection({
              name: 'confluent_cloud', type: 'Kafka', bootstrapServers: 'pkc-xxxxx.us-west2.gcp.confluent.cloud:9092',
              security: { protocol: 'SASL_SSL' },
              authentication: { mechanism: 'PLAIN', username: 'confluent-api-key', password: 'S3cr3t-Confluent-Pass' }
            }, options);
            sp.createConnection({
              name: 'stock trade sample data collection', type: 'Cluster', clusterName: 'Cluster0',
              dbRoleToExecute: { role: 'readWriteAnyDatabase', type: 'BUILT_IN' }
            }, options);
            sp.createStreamProcessor('kafka_stock_trade_processor', pipeline, options);
            sp.createStreamProcessor('Kafka stock trade processor', pipeline, options);
            const summary = () => sp.listStreamProcessors().map(p => `${p.name}: ${p.state}`).join('\n');
            printjson(sp.listConnections().map(c => ({ name: c.name, type: c.type })));
            printjson(sp.getConnection('confluent_cloud'));
            print(summary());
            const processor = sp['Kafka stock trade processor'];
            printjson(processor.start());
            const stats = processor.stats();
            printjson(stats.stats);
            print('stats pipeline is the seed pipeline:', JSON.stringify(stats.pipeline) === JSON.stringify(pipeline));
            printjson(processor.stop());
            print(summary());
            printjson(processor.drop());
            print(summary());
            """#

    /// What the script prints (ids masked as `<id>`), the same on every run and against either server.
    static let expectedStdout = #"""
        [
          {
            name: 'sample_stream_solar',
            type: 'Sample'
          },
          {
            name: 'confluent_cloud',
            type: 'Kafka'
          },
          {
            name: 'stock trade sample data collection',
            type: 'Cluster'
          }
        ]
        {
          name: 'confluent_cloud',
          type: 'Kafka',
          bootstrapServers: 'pkc-xxxxx.us-west2.gcp.confluent.cloud:9092',
          security: {
            protocol: 'SASL_SSL'
          },
          authentication: {
            mechanism: 'PLAIN',
            username: 'confluent-api-key'
          },
          id: '<id>',
          state: 'READY'
        }
        kafka_stock_trade_processor: CREATED
        Kafka stock trade processor: CREATED
        {
          ok: 1
        }
        {
          name: 'Kafka stock trade processor',
          processorId: '<id>',
          status: 'error',
          scaleFactor: 1,
          inputMessageCount: 0,
          inputMessageSize: 0,
          outputMessageCount: 0,
          outputMessageSize: 0,
          dlqMessageCount: 0,
          dlqMessageSize: 0,
          stateSize: 0,
          memoryTrackerBytes: 0
        }
        stats pipeline is the seed pipeline: true
        {
          ok: 1
        }
        kafka_stock_trade_processor: CREATED
        Kafka stock trade processor: STOPPED
        {
          ok: 1
        }
        kafka_stock_trade_processor: CREATED

        """#

    /// A new user's world: empty HOME and SPSH_HOME, no Atlas variables, a free port for the local workspace.
    final class NewUser {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("spsh-done-\(UUID().uuidString)")
        let port: Int
        var home: URL { root.appendingPathComponent("home") }
        var spshHome: URL { root.appendingPathComponent("spsh-home") }
        var scriptURL: URL { root.appendingPathComponent("done.js") }

        init() throws {
            port = try LoopbackPort.free()
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            try StreamsEndToEndTests.script.write(to: scriptURL, atomically: true, encoding: .utf8)
        }

        /// HOME, SPSH_HOME, SPSH_WORKSPACE_PORT, and every Atlas CLI variable blanked (empty means unset), plus
        /// `extra`.
        func environment(_ extra: [String: String] = [:]) -> [String: String] {
            var environment = [
                "HOME": home.path, "SPSH_HOME": spshHome.path, "SPSH_WORKSPACE_PORT": String(port),
                "MONGODB_ATLAS_PUBLIC_API_KEY": "", "MONGODB_ATLAS_PRIVATE_API_KEY": "", "MONGODB_ATLAS_CLIENT_ID": "",
                "MONGODB_ATLAS_CLIENT_SECRET": "", "MONGODB_ATLAS_PROJECT_ID": "",
            ]
            environment.merge(extra) { $1 }
            return environment
        }

        func run(_ arguments: [String] = [], _ extra: [String: String] = [:]) throws -> SpshProcess.Result {
            try SpshProcess.run(["--nodb"] + arguments + ["--file", scriptURL.path], environment: environment(extra))
        }

        /// Stops the `spsh serve` the shell started for this user (found by its state folder, which is this
        /// user's alone) and removes every file.
        func cleanUp() {
            let marker = spshHome.appendingPathComponent("workspace").path
            for pid in StreamsEndToEndTests.pids(commandLineContaining: marker) { kill(pid, SIGTERM) }
            let deadline = Date().addingTimeInterval(10)
            while LoopbackPort.answers(port), Date() < deadline { usleep(20_000) }
            try? FileManager.default.removeItem(at: root)
        }
    }

    /// Processes whose command line contains `marker` (from /proc).
    static func pids(commandLineContaining marker: String) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry),
                let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
            else { return nil }
            let commandLine = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            return commandLine.contains(marker) ? pid : nil
        }
    }

    /// Ids differ from run to run: `'6b02…'` becomes `'<id>'`.
    static func masked(_ text: String) -> String {
        text.replacingOccurrences(of: "'[0-9a-f]{24}'", with: "'<id>'", options: .regularExpression)
    }

    static func expectNoSecrets(_ result: SpshProcess.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in [kafkaPassword, keys.privateKey] {
            #expect(!result.stdout.contains(secret), sourceLocation: sourceLocation)
            #expect(!result.stderr.contains(secret), sourceLocation: sourceLocation)
        }
    }

    @Test func aNewUserDeploysTheSeedToTheLocalWorkspace() throws {
        let user = try NewUser()
        defer { user.cleanUp() }
        #expect(!LoopbackPort.answers(user.port))

        let first = try user.run()
        #expect(first.status == 0, "stderr: \(first.stderr)")
        #expect(Self.masked(first.stdout) == Self.expectedStdout)
        let workspace = user.spshHome.appendingPathComponent("workspace").path
        let log = user.spshHome.appendingPathComponent("workspace.log").path
        #expect(
            first.stderr
                == "spsh: Started the local Atlas Stream Processing workspace: spsh serve at "
                + "http://127.0.0.1:\(user.port), state in \(workspace), log in \(log)\n")
        Self.expectNoSecrets(first)
        #expect(LoopbackPort.answers(user.port), "the local workspace outlives the shell")

        // Run again: the workspace is already up (nothing said), the script is idempotent.
        let second = try user.run()
        #expect(second.status == 0)
        #expect(Self.masked(second.stdout) == Self.expectedStdout)
        #expect(second.stderr == "")
        Self.expectNoSecrets(second)
        #expect(Self.pids(commandLineContaining: workspace).count == 1, "one local workspace, started once")
    }

    @Test func theSameScriptAgainstASecondServeWithDigestAuth() throws {
        let serve = try WorkspaceServe(apiKeys: [Self.keys])
        defer { serve.stop() }
        let user = try NewUser()
        defer { user.cleanUp() }
        let flags = ["--atlas-base-url", serve.baseURL]
        let keys = [
            "MONGODB_ATLAS_PUBLIC_API_KEY": Self.keys.publicKey, "MONGODB_ATLAS_PRIVATE_API_KEY": Self.keys.privateKey,
        ]

        let result = try user.run(flags, keys)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(Self.masked(result.stdout) == Self.expectedStdout)
        #expect(result.stderr == "")
        Self.expectNoSecrets(result)
        #expect(!LoopbackPort.answers(user.port), "no local workspace was started")
        #expect(!FileManager.default.fileExists(atPath: user.spshHome.appendingPathComponent("workspace").path))

        var wrong = keys
        wrong["MONGODB_ATLAS_PRIVATE_API_KEY"] = "not-the-private-key"
        let refused = try user.run(flags, wrong)
        #expect(refused.status != 0)
        #expect(refused.stdout == "")
        #expect(
            refused.stderr.contains(
                "Atlas API error 401 (USER_UNAUTHORIZED): You are not authorized for this resource. Check the API keys "
                    + "(or service account) and that this machine's IP address is on the API access list"),
            "stderr: \(refused.stderr)")
        #expect(!refused.stderr.contains("not-the-private-key"))
        Self.expectNoSecrets(refused)
    }
}
