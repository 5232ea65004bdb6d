import Foundation

/// The rc file, `~/.spshrc.js`: script run when the shell starts for a person (the prompt or piped stdin),
/// not for `--eval` or `--file` and not with `--norc`, as mongosh runs `~/.mongoshrc.js`.
package enum RCFile {
    /// `$HOME/.spshrc.js` (the home folder from `$HOME`, so tests can point it at a temporary folder).
    package static func defaultURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let home =
            environment["HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".spshrc.js")
    }
}
