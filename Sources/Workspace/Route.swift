/// One Atlas Admin API streams operation, recognised from a method and a raw (percent-encoded) path.
/// Each path segment is decoded on its own, so `%2F` inside a name never splits it; an action suffix
/// (`:start`, `:startWith`, `:stop`) is a literal `:` in the raw segment (a `:` in a name arrives as `%3A`).
package enum Route: Equatable, Sendable {
    case listWorkspaces, createWorkspace
    case getWorkspace(String)
    case deleteWorkspace(String)
    case listConnections(String)
    case createConnection(String)
    case getConnection(String, String)
    case updateConnection(String, String)
    case deleteConnection(String, String)
    case listProcessors(String)
    case createProcessor(String)
    case getProcessor(String, String)
    case modifyProcessor(String, String)
    case deleteProcessor(String, String)
    case startProcessor(String, String)
    case startProcessorWith(String, String)
    case stopProcessor(String, String)
    /// Local-only (`GET …/processor/{name}:sample`): Atlas has no REST sample endpoint (atlas-api.md §5), so this is
    /// `spsh serve`'s own, for the shell's `.sample()`; it is kept out of the contract log.
    case sampleProcessor(String, String)

    /// Whether Atlas has this operation (the contract check covers only those).
    package var isLocalOnly: Bool {
        if case .sampleProcessor = self { return true }
        return false
    }

    /// The `YYYY-MM-DD` of the operation's versioned media type (atlas-api.md §1).
    package var version: String {
        switch self {
        case .listProcessors, .createProcessor, .getProcessor, .modifyProcessor, .deleteProcessor, .startProcessor,
            .stopProcessor, .sampleProcessor:
            return "2024-05-30"
        case .startProcessorWith: return "2025-03-12"
        default: return "2023-02-01"
        }
    }

    /// The route and the `groupId`, or nil when no operation has this method and path. A malformed `%` escape
    /// makes the path unknown too.
    package static func match(method: String, path: String) -> (route: Route, groupId: String)? {
        let prefix = "/api/atlas/v2/groups/"
        guard path.hasPrefix(prefix) else { return nil }
        let raw = path.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
        guard raw.count >= 2, raw[1] == "streams", let group = PathSegment.decode(raw[0]), !group.isEmpty else {
            return nil
        }
        var names: [String] = []
        for segment in raw.dropFirst(2) {
            guard !segment.isEmpty, let name = PathSegment.decode(segment) else { return nil }
            names.append(name)
        }
        guard let route = route(method: method, names: names, raw: Array(raw.dropFirst(2))) else { return nil }
        return (route, group)
    }

    private static func route(method: String, names: [String], raw: [Substring]) -> Route? {
        switch (method, names.count) {
        case ("GET", 0): return .listWorkspaces
        case ("POST", 0): return .createWorkspace
        case ("GET", 1): return .getWorkspace(names[0])
        case ("DELETE", 1): return .deleteWorkspace(names[0])
        default: break
        }
        guard names.count >= 2 else { return nil }
        let ws = names[0]
        switch (method, names[1], names.count) {
        case ("GET", "connections", 2): return .listConnections(ws)
        case ("POST", "connections", 2): return .createConnection(ws)
        case ("GET", "connections", 3): return .getConnection(ws, names[2])
        case ("PATCH", "connections", 3): return .updateConnection(ws, names[2])
        case ("DELETE", "connections", 3): return .deleteConnection(ws, names[2])
        case ("GET", "processors", 2): return .listProcessors(ws)
        case ("POST", "processor", 2): return .createProcessor(ws)
        case (_, "processor", 3): break
        default: return nil
        }
        // `processor/<name>` or `processor/<name>:<action>`: the action is after the last literal colon.
        let segment = raw[2]
        if let colon = segment.lastIndex(of: ":"), method == "POST" {
            guard let name = PathSegment.decode(segment[..<colon]) else { return nil }
            switch segment[segment.index(after: colon)...] {
            case "start": return .startProcessor(ws, name)
            case "startWith": return .startProcessorWith(ws, name)
            case "stop": return .stopProcessor(ws, name)
            default: return nil
            }
        }
        if let colon = segment.lastIndex(of: ":"), method == "GET", segment[segment.index(after: colon)...] == "sample",
            let name = PathSegment.decode(segment[..<colon])
        {
            return .sampleProcessor(ws, name)
        }
        switch method {
        case "GET": return .getProcessor(ws, names[2])
        case "PATCH": return .modifyProcessor(ws, names[2])
        case "DELETE": return .deleteProcessor(ws, names[2])
        default: return nil
        }
    }
}
