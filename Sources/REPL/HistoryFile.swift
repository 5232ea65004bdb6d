import Foundation

/// The history file, `~/.spsh/history`: oldest entry first, one entry a line, at most `limit` entries.
/// The folder is created with mode 0700 and the file with 0600. A backslash or newline inside an entry is
/// escaped (`\\`, `\n`), so a multi-line entry stays one entry. Lines that may hold secrets are never kept.
package struct HistoryFile {
    package let url: URL
    package let limit: Int

    package init(url: URL, limit: Int = 1000) {
        self.url = url
        self.limit = limit
    }

    /// `~/.spsh/history`, or `$SPSH_HOME/history` when set (tests).
    package static func defaultURL() -> URL {
        let environment = ProcessInfo.processInfo.environment
        let folder =
            environment["SPSH_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".spsh")
        return folder.appendingPathComponent("history")
    }

    /// The saved entries, oldest first; empty when there is no file yet.
    package func load() -> [String] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: true).map { Self.unescape(String($0)) }
    }

    /// Writes `entries` (the newest `limit` of them) atomically with mode 0600.
    package func save(_ entries: [String]) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let kept = entries.suffix(limit).map(Self.escape)
        let text = kept.isEmpty ? "" : kept.joined(separator: "\n") + "\n"
        let temporary = folder.appendingPathComponent(".history.\(getpid()).tmp")
        guard
            FileManager.default.createFile(
                atPath: temporary.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path]) }
        if rename(temporary.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }

    /// Whether an entry may carry a secret and must not be stored: mongosh's redaction rule
    /// (`createUser`, `auth`, `updateUser`, `changeUserPassword`, `connect`, `Mongo` as whole words), plus
    /// stream connections, whose settings carry Kafka passwords and API secrets (`createConnection`,
    /// `updateConnection`, `password`, `clientSecret`), and URIs with credentials.
    package static func mayHoldSecret(_ entry: String) -> Bool {
        let words = [
            "createUser", "auth", "updateUser", "changeUserPassword", "connect", "Mongo", "createConnection",
            "updateConnection", "password", "clientSecret",
        ]
        let tokens = entry.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
        if tokens.contains(where: { words.contains(String($0)) }) { return true }
        return entry.range(of: #"mongodb(\+srv)?://[^/@\s]+:[^/@\s]+@"#, options: .regularExpression) != nil
    }

    static func escape(_ entry: String) -> String {
        entry.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func unescape(_ line: String) -> String {
        var out = ""
        var escaping = false
        for c in line {
            if escaping {
                out.append(c == "n" ? "\n" : c)
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}
