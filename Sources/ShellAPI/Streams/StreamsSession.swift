import BSONCore

/// What `sp` keeps between calls: the Atlas Admin target (nil when none is configured) and the processor and
/// connection names last seen, which feed Tab completion and the "did you mean" hint of unknown-name errors.
///
/// The names are refreshed whenever a list is fetched, updated on create and drop, and fetched again for
/// completion once they are older than `completionTTLMilliseconds`. Not thread-safe: use from one task.
final class StreamsSession {
    /// How long completion trusts the cached names before asking the target again.
    static let completionTTLMilliseconds = 5000.0

    /// The streams target; setting it forgets the names of the previous one.
    var admin: (any AtlasAdmin)? {
        didSet {
            processorNames = NameCache()
            connectionNames = NameCache()
        }
    }
    var processorNames = NameCache()
    var connectionNames = NameCache()
    /// The time source for the cache's age, in milliseconds (the shell's clock).
    var now: () -> Double = { 0 }

    /// The target, or the error that says how to configure one.
    func requireAdmin() throws -> any AtlasAdmin {
        guard let admin else {
            throw ShellError(
                .noStreamsTarget,
                "No Atlas Stream Processing workspace is configured: give spsh a local one with --atlas-base-url "
                    + "(the address of 'spsh serve'), or an Atlas one with MONGODB_ATLAS_PUBLIC_API_KEY, "
                    + "MONGODB_ATLAS_PRIVATE_API_KEY and MONGODB_ATLAS_PROJECT_ID")
        }
        return admin
    }

    /// Every processor, remembering their names.
    func listProcessors() throws -> [BSONDocument] {
        let processors = try requireAdmin().listProcessors()
        processorNames.set(processors.compactMap(Self.name(of:)), at: now())
        return processors
    }

    /// Every connection, remembering their names.
    func listConnections() throws -> [BSONDocument] {
        let connections = try requireAdmin().listConnections()
        connectionNames.set(connections.compactMap(Self.name(of:)), at: now())
        return connections
    }

    /// Processor names for completion: the cached ones while fresh, else fetched again (the stale ones, or
    /// none, when the target cannot answer).
    func processorNamesForCompletion() -> [String] {
        if let names = processorNames.names(freshAt: now(), ttl: Self.completionTTLMilliseconds) { return names }
        return (try? listProcessors().compactMap(Self.name(of:))) ?? processorNames.names
    }

    /// Connection names for completion, as `processorNamesForCompletion` does for processors.
    func connectionNamesForCompletion() -> [String] {
        if let names = connectionNames.names(freshAt: now(), ttl: Self.completionTTLMilliseconds) { return names }
        return (try? listConnections().compactMap(Self.name(of:))) ?? connectionNames.names
    }

    /// Runs an operation on the processor `name`. When it fails and a fresh list shows no such processor, the
    /// error becomes "does not exist" with the nearest known name; any other failure is rethrown as it came.
    func onProcessor<T>(_ name: String, _ body: (any AtlasAdmin) throws -> T) throws -> T {
        try onNamed(
            name, kind: "Stream processor", code: .unknownStreamProcessor, list: listProcessors, body)
    }

    /// Runs an operation on the connection `name`, with the same "does not exist" translation.
    func onConnection<T>(_ name: String, _ body: (any AtlasAdmin) throws -> T) throws -> T {
        try onNamed(name, kind: "Connection", code: .unknownStreamConnection, list: listConnections, body)
    }

    /// `body` on the admin; a failure for a `name` that a fresh `list` does not show becomes a `code` error
    /// naming the nearest known `kind`.
    private func onNamed<T>(
        _ name: String, kind: String, code: ShellErrorCode, list: () throws -> [BSONDocument],
        _ body: (any AtlasAdmin) throws -> T
    ) throws -> T {
        let admin = try requireAdmin()
        do {
            return try body(admin)
        } catch let error as ShellError {
            throw error
        } catch {
            guard let known = try? list().compactMap(Self.name(of:)), !known.contains(name) else { throw error }
            throw ShellError(
                code,
                NameSuggestion.unknownNameMessage(kind: kind, name: name, known: known, target: admin.targetDescription)
            )
        }
    }

    /// A processor or connection document's `name`.
    static func name(of document: BSONDocument) -> String? {
        guard case .string(let name)? = document["name"] else { return nil }
        return name
    }
}

/// Names last fetched from the target, with the time they were fetched.
struct NameCache {
    private(set) var names: [String] = []
    private var fetchedAt: Double?

    /// The names, if fetched less than `ttl` milliseconds before `now`.
    func names(freshAt now: Double, ttl: Double) -> [String]? {
        guard let fetchedAt, now - fetchedAt < ttl else { return nil }
        return names
    }

    /// Replaces the names with a fresh list.
    mutating func set(_ fresh: [String], at time: Double) {
        names = fresh
        fetchedAt = time
    }

    /// Adds a name just created (keeping the fetch time).
    mutating func insert(_ name: String) {
        if !names.contains(name) { names.append(name) }
    }

    /// Removes a name just dropped.
    mutating func remove(_ name: String) {
        names.removeAll { $0 == name }
    }
}
