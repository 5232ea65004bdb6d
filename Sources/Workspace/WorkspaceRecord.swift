/// One stream workspace (a.k.a. instance, tenant) and everything in it; the unit the store writes to one file.
struct WorkspaceRecord: Sendable, Equatable {
    var id: String
    var name: String
    var dataProcessRegion: JSONValue
    var streamConfig: JSONValue
    var connections: [JSONValue]
    var processors: [Processor]

    /// The region and tier a workspace gets when its create body names none.
    static let defaultRegion: JSONValue = .object([
        ("cloudProvider", .string("AWS")), ("region", .string("VIRGINIA_USA")),
    ])
    static let defaultStreamConfig: JSONValue = .object([("tier", .string("SP10"))])

    /// The `StreamsTenant` answer; `groupId` is whichever project the request named (any groupId sees the
    /// same local workspaces).
    func view(groupId: String, includeConnections: Bool) -> JSONValue {
        var fields: [(key: String, value: JSONValue)] = [
            ("_id", .string(id)), ("name", .string(name)), ("groupId", .string(groupId)),
            ("dataProcessRegion", dataProcessRegion), ("streamConfig", streamConfig),
        ]
        if includeConnections { fields.append(("connections", .array(connections.map(Connection.publicView)))) }
        return .object(fields)
    }

    /// The file form.
    var stored: JSONValue {
        .object([
            ("_id", .string(id)), ("name", .string(name)), ("dataProcessRegion", dataProcessRegion),
            ("streamConfig", streamConfig), ("connections", .array(connections)),
            ("processors", .array(processors.map(\.stored))),
        ])
    }

    /// Reads the file form; nil when a field is missing or of the wrong kind.
    init?(stored: JSONValue) {
        guard case .string(let id)? = stored["_id"], case .string(let name)? = stored["name"],
            case .array(let connections)? = stored["connections"], case .array(let processors)? = stored["processors"]
        else { return nil }
        let decoded = processors.compactMap(Processor.init(stored:))
        guard decoded.count == processors.count else { return nil }
        self.init(
            id: id, name: name, dataProcessRegion: stored["dataProcessRegion"] ?? Self.defaultRegion,
            streamConfig: stored["streamConfig"] ?? Self.defaultStreamConfig, connections: connections,
            processors: decoded)
    }

    init(
        id: String, name: String, dataProcessRegion: JSONValue = Self.defaultRegion,
        streamConfig: JSONValue = Self.defaultStreamConfig, connections: [JSONValue] = [], processors: [Processor] = []
    ) {
        self.id = id
        self.name = name
        self.dataProcessRegion = dataProcessRegion
        self.streamConfig = streamConfig
        self.connections = connections
        self.processors = processors
    }

    func connectionIndex(_ name: String) -> Int? { connections.firstIndex { $0["name"]?.stringValue == name } }
    func processorIndex(_ name: String) -> Int? { processors.firstIndex { $0.name == name } }

    /// Names of processors whose pipeline or dlq names `connection`.
    func processors(using connection: String) -> [String] {
        processors.filter { Connection.names(usedBy: $0.pipeline, options: $0.options).contains(connection) }
            .map(\.name)
    }
}
