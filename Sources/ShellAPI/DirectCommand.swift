import BSONCore
import Foundation
import Interpreter

/// Commands typed without parentheses, as in mongosh: `use x`, `show dbs`, `it`, `exit`, `quit`.
enum DirectCommand: Equatable {
    case use(String)
    case show(String)
    case it
    case exit

    /// Recognises a direct command; nil for ordinary script input.
    init?(_ source: String) {
        var text = Substring(source.trimmingCharacters(in: .whitespacesAndNewlines))
        if text.hasSuffix(";") { text = text.dropLast() }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        switch (words.first, words.count) {
        case ("use", 2): self = .use(words[1])
        case ("use", 1): self = .use("")
        case ("show", 2): self = .show(words[1])
        case ("show", 1): self = .show("")
        case ("it", 1): self = .it
        case ("exit", 1), ("quit", 1): self = .exit
        default: return nil
        }
    }
}

/// Thrown by `exit`, `quit`, `exit(n)` and `quit(n)`: the REPL or script runner leaves with `code`. Scripts'
/// `try`/`catch` cannot catch it.
package struct ExitRequest: UncatchableScriptError, Equatable {
    package var code: Int32

    package init(code: Int32) { self.code = code }

    /// The exit request an error carries, directly or from inside a script (where the interpreter wraps it).
    package static func carried(by error: any Error) -> ExitRequest? {
        if let request = error as? ExitRequest { return request }
        return (error as? ScriptError)?.underlying as? ExitRequest
    }
}

extension Shell {
    func run(_ command: DirectCommand) throws -> ShellOutput {
        switch command {
        case .use(""):
            throw ShellError(.invalidDatabaseName, "'use' needs a database name: use <db>")
        case .show(""):
            throw ShellError(.invalidShowArgument, "'show' needs an argument: show dbs, show collections")
        case .use(let name):
            _ = try requireConnection()
            return .text(try use(name))
        case .show(let what):
            let text = try show(what)
            return text.isEmpty ? .nothing : .text(text)  // no collections: print nothing, as mongosh does
        case .it:
            guard let cursor = currentCursor else { return .text("no cursor") }
            let output: ShellOutput
            do {
                output = try page(of: cursor)
            } catch {
                currentCursor = nil  // a cursor that failed (a dropped connection) cannot go on
                throw error
            }
            if case .nothing = output {
                currentCursor = nil
                return .text("no cursor")
            }
            return output
        case .exit:
            throw ExitRequest(code: 0)
        }
    }

    /// `show dbs`, `show collections`, as mongosh prints them.
    func show(_ what: String) throws -> String {
        let connection = try requireConnection()
        switch what {
        case "dbs", "databases":
            let reply = try connection.runCommand(BSONDocument([("listDatabases", .int32(1))]), database: "admin")
            guard case .array(let entries)? = reply["databases"] else { return "" }
            let rows: [(String, String)] = entries.compactMap { entry in
                guard case .document(let d) = entry, case .string(let name)? = d["name"] else { return nil }
                return (name, Self.formatBytes(d["sizeOnDisk"]?.asDouble ?? 0))
            }.sorted { $0.0 < $1.0 }
            let nameWidth = rows.map(\.0.count).max() ?? 0
            let sizeWidth = rows.map(\.1.count).max() ?? 0
            return rows.map {
                $0.0.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                    + String(repeating: " ", count: sizeWidth - $0.1.count) + $0.1
            }.joined(separator: "\n")
        case "collections", "tables":
            let entries = try collectionInfos(database: databaseName)
            completionCache.collections[databaseName] = entries.map(\.name)
            let (user, system) = entries.sorted { $0.name < $1.name }.reduce(
                into: ([CollectionInfo](), [CollectionInfo]())
            ) {
                if $1.name.hasPrefix("system.") || $1.name.hasPrefix("enxcol_.") {
                    $0.1.append($1)
                } else {
                    $0.0.append($1)
                }
            }
            let all = user + system
            let width = all.map(\.name.count).max() ?? 0
            return all.map { info in
                guard let badge = info.badge else { return info.name }
                return info.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + badge
            }.joined(separator: "\n")
        default:
            throw ShellError(.invalidShowArgument, "'\(what)' is not a valid argument for \"show\".")
        }
    }

    struct CollectionInfo {
        var name: String
        var badge: String?
    }

    /// Names and kinds of the collections in a database (listCollections, nameOnly).
    func collectionInfos(database: String) throws -> [CollectionInfo] {
        let connection = try requireConnection()
        let cursor = try connection.runCursorCommand(
            BSONDocument([("listCollections", .int32(1)), ("authorizedCollections", .bool(true))]), database: database)
        defer { cursor.close() }
        var infos: [CollectionInfo] = []
        while let entry = try cursor.next() {
            guard case .string(let name)? = entry["name"] else { continue }
            var badge: String?
            if case .string(let type)? = entry["type"] {
                switch type {
                case "view": badge = "[view]"
                case "timeseries": badge = "[time-series]"
                default: badge = nil
                }
            }
            infos.append(CollectionInfo(name: name, badge: badge))
        }
        return infos
    }

    /// Sizes as mongosh's `show dbs` prints them: `0 B`, `40.00 KiB`, `1.23 GiB`.
    static func formatBytes(_ bytes: Double) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var value = bytes
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(Int(value)) B" }
        return String(format: "%.2f", value) + " " + units[unit]
    }
}

extension BSONValue {
    /// The value as a Double when it is numeric.
    var asDouble: Double? {
        switch self {
        case .double(let d): return d
        case .int32(let i): return Double(i)
        case .int64(let i): return Double(i)
        default: return nil
        }
    }
}
