import Foundation
import Synchronization

/// The local workspace's data: workspaces with their connections and processors, kept in memory and written
/// through to a `StateDirectory` on every change. Each operation answers what the Atlas Admin API answers, or
/// throws the `APIError` Atlas would send.
///
/// Started processors run in `runtime` (one thread each); they resume when the store opens again.
///
/// Thread-safe: every operation runs under one lock, including its file write, so the files always match memory.
package final class WorkspaceStore: Sendable {
    private let directory: StateDirectory
    let records: Mutex<[WorkspaceRecord]>
    /// The runners of started processors, their checkpoints and logs.
    let runtime: ProcessorRuntime

    /// The workspace created on first start, so `sp` works at once (with the `sample_stream_solar` source).
    package static let defaultWorkspace = "local"

    /// Opens (creating when missing) the state folder `url`, loads every workspace in it and resumes every
    /// STARTED processor from its last checkpoint (§8), running processors as `settings` says.
    package init(directory url: URL, runtime settings: ProcessorRuntime.Settings = .init()) throws {
        directory = StateDirectory(url: url)
        runtime = ProcessorRuntime(stateDirectory: url, settings: settings)
        try directory.prepare()
        var loaded = try directory.loadAll()
        if loaded.isEmpty {
            let sample: JSONValue = .object([
                ("name", .string("sample_stream_solar")), ("type", .string("Sample")),
                ("id", .string(ObjectID.make())), ("state", .string("READY")),
            ])
            let record = WorkspaceRecord(id: ObjectID.make(), name: Self.defaultWorkspace, connections: [sample])
            try directory.save(record)
            loaded = [record]
        }
        records = Mutex(loaded)
        resumeStartedProcessors()
    }

    // MARK: - Plumbing

    /// Runs `body` on workspace `name` under the lock; saves it when `body` changed it.
    @discardableResult
    func withWorkspace<T>(
        _ group: String, _ name: String, _ body: (inout WorkspaceRecord) throws(APIError) -> T
    ) throws(APIError) -> T {
        let outcome: Result<T, APIError> = records.withLock { all in
            guard let index = all.firstIndex(where: { $0.name == name }) else {
                return .failure(.workspaceNotFound(group: group, name: name))
            }
            var record = all[index]
            let value: T
            do throws(APIError) {
                value = try body(&record)
            } catch {
                return .failure(error)
            }
            if record != all[index] {
                do {
                    try directory.save(record)
                } catch {
                    return .failure(.unexpected("Could not save workspace \(name): \(error)"))
                }
                all[index] = record
            }
            return .success(value)
        }
        return try outcome.get()
    }

    // MARK: - Workspaces

    /// `GET /streams`: one page of workspaces.
    package func listWorkspaces(group: String, page: Page) -> JSONValue {
        let all = records.withLock { $0 }
        return page.envelope(all.map { $0.view(groupId: group, includeConnections: false) })
    }

    /// `GET /streams/{tenantName}`.
    package func workspace(group: String, name: String, includeConnections: Bool) throws(APIError) -> JSONValue {
        try withWorkspace(group, name) { $0.view(groupId: group, includeConnections: includeConnections) }
    }

    /// `POST /streams`: a new, empty workspace. Atlas declares no 409 here, so a duplicate name is a 400.
    package func createWorkspace(group: String, body: JSONValue) throws(APIError) -> JSONValue {
        guard case .string(let name)? = body["name"], !name.isEmpty else {
            throw APIError.validation("The required attribute name was not specified.", ["name"])
        }
        var record = WorkspaceRecord(id: ObjectID.make(), name: name)
        if let region = body["dataProcessRegion"] {
            guard region["cloudProvider"]?.stringValue != nil, region["region"]?.stringValue != nil else {
                throw APIError.validation(
                    "Attribute dataProcessRegion needs cloudProvider and region strings.", ["dataProcessRegion"])
            }
            record.dataProcessRegion = region
        }
        if let config = body["streamConfig"] {
            _ = try Processor.validatedTier(config["tier"])
            record.streamConfig = config
        }
        let outcome: Result<JSONValue, APIError> = records.withLock { all in
            if all.contains(where: { $0.name == name }) {
                var error = APIError.duplicateWorkspace(name)
                error.status = 400
                return .failure(error)
            }
            do {
                try directory.save(record)
            } catch {
                return .failure(.unexpected("Could not save workspace \(name): \(error)"))
            }
            all.append(record)
            return .success(record.view(groupId: group, includeConnections: false))
        }
        return try outcome.get()
    }

    /// `DELETE /streams/{tenantName}`: refused while the workspace has processors (reference rule).
    package func deleteWorkspace(group: String, name: String) throws(APIError) {
        let outcome: Result<Void, APIError> = records.withLock { all in
            guard let index = all.firstIndex(where: { $0.name == name }) else {
                return .failure(.workspaceNotFound(group: group, name: name))
            }
            guard all[index].processors.isEmpty else { return .failure(.workspaceHasProcessors(name)) }
            do {
                try directory.remove(name)
            } catch {
                return .failure(.unexpected("Could not delete workspace \(name): \(error)"))
            }
            all.remove(at: index)
            return .success(())
        }
        try outcome.get()
    }

    // MARK: - Connections

    /// `GET …/connections`.
    package func listConnections(group: String, workspace: String, page: Page) throws(APIError) -> JSONValue {
        try withWorkspace(group, workspace) { page.envelope($0.connections.map(Connection.publicView)) }
    }

    /// `GET …/connections/{connectionName}`.
    package func connection(group: String, workspace: String, name: String) throws(APIError) -> JSONValue {
        try withWorkspace(group, workspace) { record throws(APIError) in
            guard let index = record.connectionIndex(name) else {
                throw APIError.connectionNotFound(workspace: workspace, name: name)
            }
            return Connection.publicView(record.connections[index])
        }
    }

    /// `POST …/connections`: 409 when the name exists.
    package func createConnection(group: String, workspace: String, body: JSONValue) throws(APIError) -> JSONValue {
        try withWorkspace(group, workspace) { record throws(APIError) in
            let stored = try Connection.validated(body, name: nil, id: ObjectID.make())
            let name = stored["name"]?.stringValue ?? ""
            if record.connectionIndex(name) != nil {
                throw APIError.duplicateConnection(workspace: workspace, name: name)
            }
            record.connections.append(stored)
            return Connection.publicView(stored)
        }
    }

    /// `PATCH …/connections/{connectionName}`: the body replaces the connection (its `id` stays). Renaming or
    /// retyping a connection that processors use is refused with the reference's 403, and so is any change while
    /// one of them runs.
    package func updateConnection(
        group: String, workspace: String, name: String, body: JSONValue
    ) throws(APIError) -> JSONValue {
        try withWorkspace(group, workspace) { record throws(APIError) in
            guard let index = record.connectionIndex(name) else {
                throw APIError.connectionNotFound(workspace: workspace, name: name)
            }
            let old = record.connections[index]
            let id = old["id"]?.stringValue ?? ObjectID.make()
            let updated = try Connection.validated(body, name: name, id: id)
            let newName = updated["name"]?.stringValue ?? name
            let users = record.processors(using: name)
            let running = record.processors.filter { users.contains($0.name) && $0.state == .started }.map(\.name)
            if !users.isEmpty && (newName != name || updated["type"] != old["type"] || !running.isEmpty) {
                throw APIError.connectionInUse(name, by: running.isEmpty ? users : running)
            }
            if newName != name, record.connectionIndex(newName) != nil {
                throw APIError.duplicateConnection(workspace: workspace, name: newName)
            }
            record.connections[index] = updated
            return Connection.publicView(updated)
        }
    }

    /// `DELETE …/connections/{connectionName}`: refused with 403 `STREAM_CONNECTION_HAS_STREAM_PROCESSORS` while
    /// any processor names it.
    package func deleteConnection(group: String, workspace: String, name: String) throws(APIError) {
        try withWorkspace(group, workspace) { record throws(APIError) in
            guard let index = record.connectionIndex(name) else {
                throw APIError.connectionNotFound(workspace: workspace, name: name)
            }
            let users = record.processors(using: name)
            guard users.isEmpty else { throw APIError.connectionInUse(name, by: users) }
            record.connections.remove(at: index)
        }
    }
}

/// 24-hex identifiers in MongoDB ObjectId form (4-byte time, then random bytes).
enum ObjectID {
    static func make() -> String {
        let seconds = UInt32(truncatingIfNeeded: Int(Date().timeIntervalSince1970))
        var generator = SystemRandomNumberGenerator()
        var hex = String(seconds, radix: 16)
        hex = String(repeating: "0", count: 8 - hex.count) + hex
        for _ in 0..<8 {
            let byte = UInt8.random(in: 0...255, using: &generator)
            hex += (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }
        return hex
    }
}
