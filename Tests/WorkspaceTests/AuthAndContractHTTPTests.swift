import Foundation
import TestSupport
import Testing
import Workspace

/// Digest authentication against a real, independent client (curl's `--digest`), and the contract log.
@Suite(.tags(.medium)) struct AuthAndContractHTTPTests {
    /// Runs curl and returns its `-w '%{http_code}'` status plus body. curl runs and is waited for on a Dispatch
    /// queue, never on a Swift concurrency thread: the in-process server it talks to needs those threads to answer.
    static func curl(_ arguments: [String]) async throws -> (status: Int, body: String) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runCurl(arguments) })
            }
        }
    }

    private static func runCurl(_ arguments: [String]) throws -> (status: Int, body: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-s", "-w", "\n%{http_code}"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? -1, lines.dropLast().joined(separator: "\n"))
    }

    @Test func digestAcceptsTheRightKeysOnly() async throws {
        let auth = DigestAuthenticator(keys: ["pubkey": "0a1b2c3d-private"])
        try await withServer(authenticator: auth) { server in
            let url = server.processorURL("Kafka stock trade processor") + "?pretty=false"
            let accept = ["-H", "Accept: application/vnd.atlas.2024-05-30+json"]
            let good = try await Self.curl(["--digest", "-u", "pubkey:0a1b2c3d-private"] + accept + [url])
            #expect(good.status == 404)  // authenticated: the processor is simply not there
            #expect(good.body.contains("STREAM_PROCESSOR_NOT_FOUND"))
            let list = try await Self.curl(["--digest", "-u", "pubkey:0a1b2c3d-private", server.streams])
            #expect(list.status == 200)
            let create = try await Self.curl(
                [
                    "--digest", "-u", "pubkey:0a1b2c3d-private", "-X", "POST", "-H",
                    "Content-Type: application/vnd.atlas.2023-02-01+json",
                    "-d", Seed.cluster, server.streams + "/local/connections",
                ])
            #expect(create.status == 200)
            for credentials in ["pubkey:wrong", "nobody:0a1b2c3d-private"] {
                let bad = try await Self.curl(["--digest", "-u", credentials, server.streams])
                #expect(bad.status == 401, "\(credentials)")
                #expect(bad.body.contains(#""errorCode":"USER_UNAUTHORIZED""#))
            }
            let none = try await HTTPTestClient.send("GET", server.streams, version: V.connections)
            #expect(none.status == 401)
            let challenge = none.headers["www-authenticate"] ?? ""
            #expect(challenge.hasPrefix("Digest realm=\"MMS Public API\""))
            #expect(challenge.contains("qop=\"auth\"") && challenge.contains("algorithm=MD5"))
            let basic = try await Self.curl(["--basic", "-u", "pubkey:0a1b2c3d-private", server.streams])
            #expect(basic.status == 401)
        }
    }

    @Test func contractLogRecordsEveryExchange() async throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("contract-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: log) }
        try await withServer(contractLog: log.path) { server in
            try await server.seedConnections()
            _ = try await HTTPTestClient.send(
                "GET", server.streams + "/local/connections?itemsPerPage=1", version: V.connections)
            _ = try await HTTPTestClient.send("DELETE", server.processorURL("a b"), version: V.processors)
        }
        let lines = String(decoding: try Data(contentsOf: log), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 4)
        let entries = try lines.map { try JSONValue.parse(String($0)) }
        #expect(
            entries.map { $0["request"]?["method"] } == [
                .string("POST"), .string("POST"), .string("GET"), .string("DELETE"),
            ])
        let first = entries[0]
        #expect(first["request"]?["headers"]?["accept"] == .string("application/vnd.atlas.2023-02-01+json"))
        #expect(first["request"]?["headers"]?["content-type"] == .string("application/vnd.atlas.2023-02-01+json"))
        #expect(first["request"]?["body"]?["name"] == .string("kafkaprod"))
        #expect(first["response"]?["status"] == .int(200))
        #expect(first["response"]?["contentType"] == .string("application/vnd.atlas.2023-02-01+json"))
        #expect(first["response"]?["body"]?["authentication"]?["password"] == nil)
        #expect(entries[2]["request"]?["query"] == .object([("itemsPerPage", .string("1"))]))
        #expect(
            entries[3]["request"]?["path"]
                == .string("/api/atlas/v2/groups/\(InProcessServer.group)/streams/local/processor/a%20b"))
        #expect(entries[3]["response"]?["status"] == .int(404))
        #expect(entries[3]["response"]?["contentType"] == .string("application/json"))
        #expect(entries[3]["response"]?["body"]?["errorCode"] == .string("STREAM_PROCESSOR_NOT_FOUND"))
    }
}
