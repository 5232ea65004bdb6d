import Foundation

/// The on-disk store of `spsh serve`: `<dir>/workspaces/<percent-encoded name>.json`, one file per workspace,
/// each written atomically (temp file, fsync, rename, fsync of the folder), so a `kill -9` leaves either the old or
/// the new file, never a torn one.
///
/// Not thread-safe: the store calls it with its lock held.
struct StateDirectory: Sendable {
    let url: URL

    var workspacesURL: URL { url.appendingPathComponent("workspaces", isDirectory: true) }

    /// Creates the folders when missing, and removes temp files a killed server left half-written.
    func prepare() throws {
        try FileManager.default.createDirectory(at: workspacesURL, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: workspacesURL.path) where name.contains(".tmp-")
        {
            try? FileManager.default.removeItem(at: workspacesURL.appendingPathComponent(name))
        }
    }

    /// Reads every workspace file; a file that does not parse is an error naming it (never silently dropped).
    func loadAll() throws -> [WorkspaceRecord] {
        let names = try FileManager.default.contentsOfDirectory(atPath: workspacesURL.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        var records: [WorkspaceRecord] = []
        for name in names {
            let file = workspacesURL.appendingPathComponent(name)
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            guard let record = WorkspaceRecord(stored: try JSONValue.parse(text)) else {
                throw StateError(message: "Workspace file '\(file.path)' does not hold a workspace")
            }
            records.append(record)
        }
        return records
    }

    /// Writes one workspace atomically.
    func save(_ record: WorkspaceRecord) throws {
        let file = fileURL(for: record.name)
        try writeAtomically(Data((record.stored.text + "\n").utf8), to: file)
    }

    /// Removes one workspace's file.
    func remove(_ name: String) throws {
        try FileManager.default.removeItem(at: fileURL(for: name))
        try syncDirectory()
    }

    func fileURL(for workspace: String) -> URL {
        workspacesURL.appendingPathComponent(PathSegment.encode(workspace) + ".json")
    }

    private func writeAtomically(_ data: Data, to file: URL) throws {
        try Self.writeAtomically(data, to: file)
    }

    /// Writes `data` to `file` so that a `kill -9` leaves the old or the new content, never a torn file: a temp
    /// file beside it (`<file>.tmp-<pid>`), fsync, rename, fsync of the folder. Also used for checkpoints (§8).
    static func writeAtomically(_ data: Data, to file: URL) throws {
        let temp = file.path + ".tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw StateError(message: "Cannot create '\(temp)': \(String(cString: strerror(errno)))") }
        var ok = true
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count, let base = raw.baseAddress {
                let written = write(fd, base + offset, raw.count - offset)
                if written <= 0 {
                    ok = false
                    return
                }
                offset += written
            }
        }
        if ok { ok = fsync(fd) == 0 }
        close(fd)
        guard ok, rename(temp, file.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw StateError(message: "Cannot write '\(file.path)': \(reason)")
        }
        syncFolder(file.deletingLastPathComponent())
    }

    private func syncDirectory() throws {
        Self.syncFolder(workspacesURL)
    }

    /// Makes a rename or removal in `folder` durable.
    static func syncFolder(_ folder: URL) {
        let fd = open(folder.path, O_RDONLY)
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = fsync(fd)
    }
}

/// A state folder that cannot be read or written.
struct StateError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
