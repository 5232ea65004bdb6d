import Foundation
import TestSupport
import Testing

@testable import AtlasClient

/// Every endpoint the shell uses, built for project `G`, workspace `W` and name `N`.
private let endpoints = StreamsEndpoints(groupID: "G")
private let body = Data("{}".utf8)
/// Builders of every endpoint the shell uses, in the order of `requestLinesAndAcceptHeaders`.
private let builders: [@Sendable (StreamsEndpoints) throws -> Endpoint] = [
    { try $0.listWorkspaces(page: 2, itemsPerPage: 50) },
    { try $0.getWorkspace("W") },
    { try $0.listConnections(workspace: "W", page: 1, itemsPerPage: 100) },
    { try $0.getConnection(workspace: "W", name: "N") },
    { try $0.createConnection(workspace: "W", name: "N", body: body) },
    { try $0.updateConnection(workspace: "W", name: "N", body: body) },
    { try $0.deleteConnection(workspace: "W", name: "N") },
    { try $0.listProcessors(workspace: "W", page: 3, itemsPerPage: 500) },
    { try $0.getProcessor(workspace: "W", name: "N") },
    { try $0.createProcessor(workspace: "W", name: "N", body: body) },
    { try $0.modifyProcessor(workspace: "W", name: "N", body: body) },
    { try $0.startProcessor(workspace: "W", name: "N") },
    { try $0.startProcessorWith(workspace: "W", name: "N", body: body) },
    { try $0.stopProcessor(workspace: "W", name: "N") },
    { try $0.deleteProcessor(workspace: "W", name: "N") },
]

private func allEndpoints() throws -> [Endpoint] { try builders.map { try $0(endpoints) } }

@Suite(.tags(.small)) struct StreamsEndpointsTests {
    @Test func requestLinesAndAcceptHeaders() throws {
        let lines = try allEndpoints().map { "\($0.operationID) \($0) \($0.headers.map { "\($0.name): \($0.value)" })" }
        let root = "/api/atlas/v2/groups/G/streams"
        let v1 = "application/vnd.atlas.2023-02-01+json"
        let v2 = "application/vnd.atlas.2024-05-30+json"
        let v3 = "application/vnd.atlas.2025-03-12+json"
        #expect(
            lines == [
                "listGroupStreamWorkspaces GET \(root)?pageNum=2&itemsPerPage=50 [\"Accept: \(v1)\"]",
                "getGroupStreamWorkspace GET \(root)/W?includeConnections=true [\"Accept: \(v1)\"]",
                "listGroupStreamConnections GET \(root)/W/connections?pageNum=1&itemsPerPage=100 [\"Accept: \(v1)\"]",
                "getGroupStreamConnection GET \(root)/W/connections/N [\"Accept: \(v1)\"]",
                "createGroupStreamConnection POST \(root)/W/connections [\"Accept: \(v1)\", \"Content-Type: \(v1)\"]",
                "updateGroupStreamConnection PATCH \(root)/W/connections/N [\"Accept: \(v1)\", \"Content-Type: \(v1)\"]",
                "deleteGroupStreamConnection DELETE \(root)/W/connections/N [\"Accept: \(v1)\"]",
                "getGroupStreamProcessors GET \(root)/W/processors?pageNum=3&itemsPerPage=500&includeCount=true [\"Accept: \(v2)\"]",
                "getGroupStreamProcessor GET \(root)/W/processor/N [\"Accept: \(v2)\"]",
                "createGroupStreamProcessor POST \(root)/W/processor [\"Accept: \(v2)\", \"Content-Type: \(v2)\"]",
                "updateGroupStreamProcessor PATCH \(root)/W/processor/N [\"Accept: \(v2)\", \"Content-Type: \(v2)\"]",
                "startGroupStreamProcessor POST \(root)/W/processor/N:start [\"Accept: \(v2)\"]",
                "startGroupStreamProcessorWith POST \(root)/W/processor/N:startWith [\"Accept: \(v3)\", \"Content-Type: \(v3)\"]",
                "stopGroupStreamProcessor POST \(root)/W/processor/N:stop [\"Accept: \(v2)\"]",
                "deleteGroupStreamProcessor DELETE \(root)/W/processor/N [\"Accept: \(v2)\"]",
            ])
    }

    /// Each endpoint's method, path template and version as the OpenAPI subset declares its operationId.
    @Test(arguments: 0..<builders.count)
    func matchesTheSpec(index: Int) throws {
        let endpoint = try builders[index](endpoints)
        let operation = try #require(SpecOperations.all[endpoint.operationID], "\(endpoint.operationID) not in spec")
        #expect(operation.method == endpoint.method.rawValue)
        let path = operation.path.replacingOccurrences(of: "{groupId}", with: "G")
            .replacingOccurrences(of: "{tenantName}", with: "W").replacingOccurrences(of: "{connectionName}", with: "N")
            .replacingOccurrences(of: "{processorName}", with: "N")
        #expect(path == endpoint.path)
        #expect(operation.mediaTypes == [endpoint.version.mediaType])
        #expect(Set(endpoint.query.map(\.name)).isSubset(of: operation.queryParameters))
    }

    @Test func encodesEveryNameInThePath() throws {
        let endpoints = StreamsEndpoints(groupID: "6f00aa")
        let endpoint = try endpoints.startProcessor(workspace: "my ws", name: "Kafka stock/trade:1")
        #expect(
            endpoint.path == "/api/atlas/v2/groups/6f00aa/streams/my%20ws/processor/Kafka%20stock%2Ftrade%3A1:start")
        #expect(endpoint.url(baseURL: "http://127.0.0.1:9443/") == "http://127.0.0.1:9443" + endpoint.path)
        #expect(
            throws: AtlasAPIError.invalidArgument(
                "Invalid workspace name: '..' cannot be used in a URL path; rename the workspace")
        ) {
            try endpoints.getProcessor(workspace: "..", name: "p")
        }
    }

    @Test func onlyPostsAreNotIdempotent() throws {
        let allEndpoints = try allEndpoints()
        let retried = allEndpoints.filter(\.isIdempotent).map(\.method.rawValue)
        #expect(Set(retried) == ["GET", "PATCH", "DELETE"])
        #expect(allEndpoints.filter { !$0.isIdempotent }.count == 5)
    }
}

/// The operations of `Tests/Contract/atlas-streams-openapi.yaml` (a copy of shared/atlas/atlas-streams-openapi.yaml),
/// read by a line scan of its `paths` section: method, path, request/response media types, query parameters.
enum SpecOperations {
    struct Operation {
        var method: String
        var path: String
        var mediaTypes: Set<String> = []
        var queryParameters: Set<String> = []
    }

    static let all: [String: Operation] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Contract/atlas-streams-openapi.yaml")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        var operations: [String: Operation] = [:]
        var path = ""
        var method = ""
        var current: String?
        var inPaths = false
        let queryParameterNames = ["pageNum", "itemsPerPage", "includeCount", "includeConnections"]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line == "paths:" {
                inPaths = true
                continue
            }
            if inPaths, !line.hasPrefix(" "), !line.isEmpty { break }
            if line.hasPrefix("  /") {
                path = String(line.dropFirst(2).dropLast())
                current = nil
                continue
            }
            if line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                method = line.trimmingCharacters(in: .whitespaces).dropLast().uppercased()
                current = nil
                continue
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("operationId: ") {
                let id = String(trimmed.dropFirst("operationId: ".count))
                operations[id] = Operation(method: method, path: path)
                current = id
            } else if let id = current, trimmed.hasPrefix("application/vnd.atlas."), trimmed.hasSuffix(":") {
                operations[id]?.mediaTypes.insert(String(trimmed.dropLast()))
            } else if let id = current, trimmed.hasPrefix("- $ref: '#/components/parameters/") {
                let name = trimmed.dropFirst("- $ref: '#/components/parameters/".count).dropLast()
                if queryParameterNames.contains(String(name)) { operations[id]?.queryParameters.insert(String(name)) }
            } else if let id = current, trimmed.hasPrefix("name: "),
                queryParameterNames.contains(String(trimmed.dropFirst(6)))
            {
                operations[id]?.queryParameters.insert(String(trimmed.dropFirst(6)))
            }
        }
        return operations
    }()
}
