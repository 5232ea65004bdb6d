import BSONCore
import MongoBridge
import TestSupport
import Testing

@Suite("MongoError from connection failures", .tags(.medium))
struct MongoErrorTests {
    @Test func badURINamesTheRedactedURI() {
        let error = #expect(throws: MongoError.self) {
            try MongoClient(uri: "mongodb://alice:s3cret@localhost:notaport/")
        }
        #expect(error?.kind == .invalidURI)
        #expect(error?.name == "MongoParseError")
        #expect(
            error?.message
                == "Invalid connection string 'mongodb://alice:****@localhost:notaport/': Invalid host string in URI")
    }

    @Test func malformedPasswordNeverAppearsInTheMessage() {
        // libmongoc quotes the malformed password in its own message; the bridge hides it.
        let error = #expect(throws: MongoError.self) { try MongoClient(uri: "mongodb://alice:se:cr%et@localhost/") }
        #expect(error?.kind == .invalidURI)
        #expect(error?.message.contains("se:cr") == false, "message '\(error?.message ?? "")'")
        #expect(error?.message.hasPrefix("Invalid connection string 'mongodb://alice:****@localhost/': ") == true)
    }

    @Test func wrongSchemeIsAParseError() {
        let error = #expect(throws: MongoError.self) { try MongoClient(uri: "http://localhost") }
        #expect(error?.kind == .invalidURI)
        #expect(
            error?.message
                == "Invalid connection string 'http://localhost': "
                + "Invalid URI Schema, expecting 'mongodb://' or 'mongodb+srv://'")
    }

    @Test func unresolvableSRVHostIsANetworkError() {
        let error = #expect(throws: MongoError.self) {
            try MongoClient(uri: "mongodb+srv://bob:s3cret@cluster0.no-such-host.invalid/")
        }
        #expect(error?.kind == .connection)
        #expect(error?.name == "MongoNetworkError")
        #expect(
            error?.message.hasPrefix(
                "Cannot create a client for 'mongodb+srv://bob:****@cluster0.no-such-host.invalid/': ")
                == true,
            "message '\(error?.message ?? "")'")
    }

    @Test func serverSelectionTimesOutAndNamesTheHost() throws {
        let client = try MongoClient(uri: "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300")
        defer { client.close() }
        let start = ContinuousClock.now
        let error = #expect(throws: MongoError.self) { try client.ping() }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(2), "took \(elapsed)")
        #expect(error?.kind == .serverSelection)
        #expect(error?.name == "MongoServerSelectionError")
        #expect(
            error?.message
                == "No suitable servers found (`serverSelectionTryOnce` set): "
                + "[connection refused calling hello on '127.0.0.1:1']")
    }

    @Test func serverSelectionTimeoutParameterApplies() throws {
        let client = try MongoClient(uri: "mongodb://127.0.0.1:1/", serverSelectionTimeoutMS: 200)
        defer { client.close() }
        let start = ContinuousClock.now
        let error = #expect(throws: MongoError.self) { try client.serverVersion() }
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(error?.kind == .serverSelection)
    }

    @Test func silentServerTimesOutWithinTheSelectionTimeout() throws {
        let peer = try SilentPeer()
        defer { peer.close() }
        let client = try MongoClient(uri: "mongodb://127.0.0.1:\(peer.port)/", serverSelectionTimeoutMS: 400)
        defer { client.close() }
        let start = ContinuousClock.now
        let error = #expect(throws: MongoError.self) { try client.ping() }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .milliseconds(300) && elapsed < .seconds(2), "took \(elapsed)")
        #expect(error?.kind == .serverSelection)
        #expect(
            error?.message
                == "No suitable servers found (`serverSelectionTryOnce` set): "
                + "[socket timeout calling hello on '127.0.0.1:\(peer.port)']")
    }

    @Test func redactedURIHidesOnlyThePassword() throws {
        let cases: [(String, String)] = [
            (
                "mongodb://alice:s3cret@h1:27017,h2/db?authSource=admin",
                "mongodb://alice:****@h1:27017,h2/db?authSource=admin"
            ),
            ("mongodb://alice@h1/", "mongodb://alice@h1/"),
            ("mongodb://h1:27017", "mongodb://h1:27017"),
            (
                "mongodb+srv://bob:p%40ss@cluster.example.net/?retryWrites=true",
                "mongodb+srv://bob:****@cluster.example.net/?retryWrites=true"
            ),
        ]
        for (uri, redacted) in cases {
            #expect(MongoClient.redactingPassword(in: uri) == redacted)
        }
        let client = try MongoClient(uri: "mongodb://alice:s3cret@127.0.0.1:1/db")
        #expect(client.redactedURI == "mongodb://alice:****@127.0.0.1:1/db")
    }

    @Test(arguments: [
        (11000, "DuplicateKey"), (2, "BadValue"), (26, "NamespaceNotFound"), (50, "MaxTimeMSExpired"),
        (13, "Unauthorized"), (18, "AuthenticationFailed"), (59, "CommandNotFound"),
    ])
    func codeNameTable(code: Int, name: String) {
        #expect(MongoError.codeName(for: code) == name)
    }
}
