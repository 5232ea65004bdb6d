import Foundation
import Workspace

/// Runs `body` against a fresh in-process server and stops it afterwards, even when `body` throws.
func withServer<T>(
    stateDirectory: URL? = nil, authenticator: DigestAuthenticator? = nil, contractLog: String? = nil,
    _ body: (InProcessServer) async throws -> T
) async throws -> T {
    let server = try await InProcessServer.start(
        stateDirectory: stateDirectory, authenticator: authenticator, contractLog: contractLog)
    do {
        let value = try await body(server)
        await server.stop()
        return value
    } catch {
        await server.stop()
        throw error
    }
}

/// Versions of the media types (atlas-api.md §1).
enum V {
    static let connections = "2023-02-01"
    static let processors = "2024-05-30"
    static let startWith = "2025-03-12"
}

/// Bodies the tests reuse: the seed's connections and processor.
enum Seed {
    static let kafka = #"""
        {"name":"kafkaprod","type":"Kafka","bootstrapServers":"b1:9092,b2:9092","security":{"protocol":"SASL_SSL"},\#
        "authentication":{"mechanism":"PLAIN","username":"u","password":"secret"},"config":{"auto.offset.reset":"earliest"}}
        """#
    static let cluster = #"""
        {"name":"c0","type":"Cluster","clusterName":"Cluster0","dbRoleToExecute":{"role":"readWriteAnyDatabase","type":"BUILT_IN"}}
        """#

    /// A processor reading `kafkaprod` and merging into `c0`, with a dlq on `c0`.
    static func processor(_ name: String) -> String {
        let quoted = JSONValue.string(name).text
        return #"{"name":\#(quoted),"pipeline":[{"$source":{"connectionName":"kafkaprod","topic":"trades"}},"#
            + #"{"$merge":{"into":{"connectionName":"c0","db":"d","coll":"t"}}}],"#
            + #""options":{"dlq":{"connectionName":"c0","db":"d","coll":"dlq"}}}"#
    }
}

extension Seed {
    /// A processor the local engine runs end to end: `count` documents `{n: i}` into the built-in `__testLog`.
    static func runnable(_ name: String, count: Int = 3) -> String {
        let quoted = JSONValue.string(name).text
        let documents = (0..<count).map { #"{"n":\#($0)}"# }.joined(separator: ",")
        return #"{"name":\#(quoted),"pipeline":[{"$source":{"documents":[\#(documents)]}},"#
            + #"{"$emit":{"connectionName":"__testLog"}}]}"#
    }
}

extension InProcessServer {
    /// Creates the seed's two connections in `local`.
    func seedConnections() async throws {
        for body in [Seed.kafka, Seed.cluster] {
            let answer = try await HTTPTestClient.send(
                "POST", streams + "/local/connections", version: V.connections, body: body)
            guard answer.status == 200 else { throw ServeTestError(message: "Seeding failed: \(answer.text)") }
        }
    }

    func processorURL(_ name: String, _ action: String = "") -> String {
        streams + "/local/processor/" + PathSegment.encode(name) + action
    }
}
