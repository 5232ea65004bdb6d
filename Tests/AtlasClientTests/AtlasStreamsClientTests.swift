import Foundation
import TestSupport
import Testing

@testable import AtlasClient

@Suite(.tags(.small)) struct AtlasStreamsClientTests {
    @Test func listFollowsPagesUntilTotalCount() throws {
        let transport = ScriptedTransport([
            Reply.json(200, #"{"results":[{"name":"a"},{"name":"b"}],"totalCount":5}"#),
            Reply.json(200, #"{"results":[{"name":"c"},{"name":"d"}],"totalCount":5}"#),
            Reply.json(200, #"{"results":[{"name":"e"}],"totalCount":5}"#),
        ])
        let pages = try makeClient(transport, itemsPerPage: 2).listProcessors()
        #expect(AtlasStreamsClient.names(inPages: pages) == ["a", "b", "c", "d", "e"])
        let base = "GET https://atlas.test/api/atlas/v2/groups/g1/streams/ws/processors"
        #expect(
            transport.lines == [1, 2, 3].map { "\(base)?pageNum=\($0)&itemsPerPage=2&includeCount=true" })
    }

    @Test func listStopsAtAShortPageWithoutTotalCount() throws {
        let transport = ScriptedTransport([
            Reply.json(200, #"{"results":[{"name":"a"},{"name":"b"}]}"#),
            Reply.json(200, #"{"results":[{"name":"c"}]}"#),
        ])
        let pages = try makeClient(transport, itemsPerPage: 2).listConnections()
        #expect(AtlasStreamsClient.names(inPages: pages) == ["a", "b", "c"])
        #expect(transport.requests.count == 2)
    }

    @Test func aPageWithoutResultsIsAnError() {
        let transport = ScriptedTransport([Reply.json(200, #"{"items":[]}"#)])
        #expect(throws: AtlasAPIError.self) { try makeClient(transport).listConnections() }
    }

    @Test func unknownProcessorSuggestsTheNearestName() {
        let transport = ScriptedTransport([
            Reply.error(404, "RESOURCE_NOT_FOUND", "Not found"),
            Reply.json(200, #"{"results":[{"name":"kafka_stock_trade_processor"},{"name":"other"}],"totalCount":2}"#),
        ])
        #expect {
            try makeClient(transport).getProcessor("kafka_stock_trade_procesor")
        } throws: { error in
            (error as? AtlasAPIError)?.message
                == "Atlas API error 404 (RESOURCE_NOT_FOUND): Not found. Unknown processor 'kafka_stock_trade_procesor'; did you mean 'kafka_stock_trade_processor'?"
        }
        #expect(transport.requests.last?.url.contains("/streams/ws/processors?pageNum=1") == true)
    }

    @Test func unknownWorkspaceSuggestsFromTheWorkspaces() {
        let transport = ScriptedTransport([
            Reply.error(
                404, "STREAM_TENANT_NOT_FOUND_FOR_NAME", "Stream instance for project g1 and name ws not found"),
            Reply.json(200, #"{"results":[{"name":"wss"}],"totalCount":1}"#),
        ])
        #expect {
            try makeClient(transport).listConnections()
        } throws: { error in
            (error as? AtlasAPIError)?.suggestion == "wss"
        }
        #expect(
            transport.requests.last?.url
                == "https://atlas.test/api/atlas/v2/groups/g1/streams?pageNum=1&itemsPerPage=100")
    }

    @Test func noSuggestionWhenDisabled() {
        let transport = ScriptedTransport([Reply.error(404, "RESOURCE_NOT_FOUND", "Not found")])
        #expect(throws: AtlasAPIError.self) { try makeClient(transport, suggestsNames: false).getConnection("x") }
        #expect(transport.requests.count == 1)
    }

    @Test func bodiesAndHeadersGoOutAsGiven() throws {
        let transport = ScriptedTransport([Reply.json(200, "{}"), Reply.json(200, "")])
        let client = makeClient(transport, credentials: .apiKeys(publicKey: "pub", privateKey: Secret("priv")))
        let json = Data(#"{"name":"p 1","pipeline":[{"$source":{"connectionName":"c"}},{"$merge":{"into":{}}}]}"#.utf8)
        _ = try client.createProcessor(name: "p 1", json: json)
        try client.startProcessor("p 1", options: Data(#"{"resumeFromCheckpoint":false}"#.utf8))
        let create = try #require(transport.requests.first)
        #expect(create.body == json)
        #expect(create.auth == .digest(user: "pub", password: Secret("priv")))
        #expect(create.header("Content-Type") == "application/vnd.atlas.2024-05-30+json")
        #expect(transport.requests.last?.url.hasSuffix("/processor/p%201:startWith") == true)
        #expect(transport.requests.last?.header("Accept") == "application/vnd.atlas.2025-03-12+json")
    }
}

@Suite(.tags(.small)) struct AtlasStreamsClientConfigurationTests {
    private func settings(projectID: String?, workspace: String?) throws -> AtlasSettings {
        var flags = AtlasSettingsInput(projectID: projectID, baseURL: "http://127.0.0.1:9443", workspace: workspace)
        flags.publicKey = "pub"
        flags.privateKey = Secret("priv")
        return try AtlasSettingsResolver.resolve(flags: flags, environment: [:], configPath: nil)
    }

    @Test func settingsWinOverDefaults() throws {
        let configuration = try AtlasStreamsClient.Configuration(
            settings: settings(projectID: "p1", workspace: "w1"), defaultGroupID: "local", defaultWorkspace: "local")
        #expect(configuration.groupID == "p1")
        #expect(configuration.workspace == "w1")
        #expect(configuration.baseURL == "http://127.0.0.1:9443")
        #expect(configuration.credentials == .apiKeys(publicKey: "pub", privateKey: Secret("priv")))
        let defaulted = try AtlasStreamsClient.Configuration(
            settings: settings(projectID: nil, workspace: nil), defaultGroupID: "local", defaultWorkspace: "local")
        #expect(defaulted.groupID == "local")
        #expect(defaulted.workspace == "local")
    }

    @Test func missingNamesAreConfigurationErrors() throws {
        #expect(
            throws: AtlasAPIError.configuration(
                "No Atlas project id: set MONGODB_ATLAS_PROJECT_ID or 'projectId' in the config file")
        ) {
            try AtlasStreamsClient.Configuration(settings: settings(projectID: nil, workspace: "w"))
        }
        #expect(
            throws: AtlasAPIError.configuration("No stream processing workspace: set 'workspace' in the config file")
        ) {
            try AtlasStreamsClient.Configuration(settings: settings(projectID: "p", workspace: nil))
        }
    }
}
