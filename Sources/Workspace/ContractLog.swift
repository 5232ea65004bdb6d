import Foundation
import Synchronization

/// Appends one JSON line per exchange to the file named by `SPSH_CONTRACT_LOG`, for a script that validates
/// every request and response against the OpenAPI subset:
/// `{"request":{"method","path","query","headers":{"accept","content-type"},"body"},
///   "response":{"status","contentType","body"}}`. `path` is the raw (percent-encoded) path; bodies are the
/// parsed JSON, or null when absent or not JSON.
///
/// Thread-safe: one `write(2)` per line on an `O_APPEND` descriptor, under a lock.
package final class ContractLog: Sendable {
    private let descriptor: Mutex<Int32>

    /// Opens `path` for appending (created when missing).
    package init(path: String) throws {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard fd >= 0 else {
            throw StateError(message: "Cannot open contract log '\(path)': \(String(cString: strerror(errno)))")
        }
        descriptor = Mutex(fd)
    }

    deinit { descriptor.withLock { _ = close($0) } }

    /// One exchange.
    package struct Entry: Sendable {
        package var method: String
        package var path: String
        package var query: [String: String]
        package var accept: String?
        package var contentType: String?
        package var requestBody: JSONValue?
        package var status: Int
        package var responseContentType: String?
        package var responseBody: JSONValue?
    }

    /// Appends `entry` as one line.
    package func append(_ entry: Entry) {
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        let line: JSONValue = .object([
            (
                "request",
                .object([
                    ("method", .string(entry.method)), ("path", .string(entry.path)),
                    ("query", .object(entry.query.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
                    (
                        "headers",
                        .object([("accept", optional(entry.accept)), ("content-type", optional(entry.contentType))])
                    ),
                    ("body", entry.requestBody ?? .null),
                ])
            ),
            (
                "response",
                .object([
                    ("status", .int(entry.status)), ("contentType", optional(entry.responseContentType)),
                    ("body", entry.responseBody ?? .null),
                ])
            ),
        ])
        let data = Array((line.text + "\n").utf8)
        descriptor.withLock { fd in
            _ = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        }
    }
}
