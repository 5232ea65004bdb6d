import TestSupport
import Testing
import Workspace

@Suite(.tags(.small)) struct RouteTests {
    static let base = "/api/atlas/v2/groups/0123456789abcdef01234567/streams"

    @Test(arguments: [
        ("GET", "", Route.listWorkspaces),
        ("POST", "", .createWorkspace),
        ("GET", "/local", .getWorkspace("local")),
        ("DELETE", "/my%20ws", .deleteWorkspace("my ws")),
        ("GET", "/local/connections", .listConnections("local")),
        ("POST", "/local/connections", .createConnection("local")),
        ("GET", "/local/connections/a%2Fb", .getConnection("local", "a/b")),
        ("PATCH", "/local/connections/c0", .updateConnection("local", "c0")),
        ("DELETE", "/local/connections/c0", .deleteConnection("local", "c0")),
        ("GET", "/local/processors", .listProcessors("local")),
        ("POST", "/local/processor", .createProcessor("local")),
        (
            "GET", "/local/processor/Kafka%20stock%20trade%20processor",
            .getProcessor("local", "Kafka stock trade processor")
        ),
        ("PATCH", "/local/processor/p1", .modifyProcessor("local", "p1")),
        ("DELETE", "/local/processor/%25%22%C3%A9", .deleteProcessor("local", "%\"é")),
        ("POST", "/local/processor/p1:start", .startProcessor("local", "p1")),
        ("POST", "/local/processor/a%3Astop:startWith", .startProcessorWith("local", "a:stop")),
        ("POST", "/local/processor/x%2F..:stop", .stopProcessor("local", "x/..")),
        ("GET", "/local/processor/p%3A1:sample", .sampleProcessor("local", "p:1")),
        ("GET", "/local/processor/p1:other", .getProcessor("local", "p1:other")),
    ])
    func matches(method: String, suffix: String, route: Route) {
        let match = Route.match(method: method, path: Self.base + suffix)
        #expect(match?.route == route)
        #expect(match?.groupId == "0123456789abcdef01234567")
    }

    @Test(arguments: [
        ("GET", "/api/atlas/v2/groups/g/clusters"),
        ("PUT", Self.base + "/local/connections/c0"),
        ("POST", Self.base + "/local/processor/p1:restart"),
        ("GET", Self.base + "/local/processor/bad%zz"),
        ("GET", Self.base + "/local/processor/"),
        ("GET", "/api/atlas/v1.0/groups/g/streams"),
    ])
    func rejects(method: String, path: String) {
        #expect(Route.match(method: method, path: path) == nil)
    }

    @Test(arguments: ["Kafka stock trade processor", "a/b", "100%", "ü 処理", "q\"'", "c:d", "x+y"])
    func encodesOneSegment(name: String) {
        let encoded = PathSegment.encode(name)
        #expect(!encoded.contains("/") && !encoded.contains(" ") && !encoded.contains(":"))
        #expect(PathSegment.decode(encoded[...]) == name)
    }

    @Test func versions() {
        #expect(Route.listWorkspaces.version == "2023-02-01")
        #expect(Route.getConnection("w", "c").version == "2023-02-01")
        #expect(Route.getProcessor("w", "p").version == "2024-05-30")
        #expect(Route.startProcessorWith("w", "p").version == "2025-03-12")
        #expect(Route.sampleProcessor("w", "p").isLocalOnly && !Route.getProcessor("w", "p").isLocalOnly)
    }
}
