import BSONCore
import Foundation
import StreamEngine
import Synchronization

/// The built-in `__testLog` sink (§5.2a): each output document goes to the processor's log, one relaxed
/// Extended JSON line per document, and the last `capacity` documents stay in memory for `.sample()`.
///
/// UNCONFIRMED (§5.2a): Atlas does not document the log's format; one relaxed-EJSON line per document is the
/// local choice. Where the log lives is the runner's business: it passes a line writer (or a file URL) in.
/// `recentDocuments()` may be called from another task than the one writing.
package final class TestLogSink: OutputSink, Sendable {
    private let appendLine: (@Sendable (String) throws -> Void)?
    private let capacity: Int
    private let recent: Mutex<[BSONDocument]>

    /// A sink that hands each line (without its newline) to `appendLine`, or only keeps the recent documents
    /// when `appendLine` is `nil`.
    package init(capacity: Int = 100, appendLine: (@Sendable (String) throws -> Void)? = nil) {
        self.appendLine = appendLine
        self.capacity = max(0, capacity)
        self.recent = Mutex([])
    }

    /// A sink that appends lines to the file at `url`, creating it if needed.
    package convenience init(capacity: Int = 100, appendingTo url: URL) throws {
        if !FileManager.default.fileExists(atPath: url.path) {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw StreamEngineError(code: 1, message: "Cannot create the __testLog file \(url.path)")
            }
        }
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        let file = Mutex(handle)
        self.init(capacity: capacity) { line in
            try file.withLock { try $0.write(contentsOf: Data((line + "\n").utf8)) }
        }
    }

    /// Logs each document and remembers the last `capacity`.
    package func write(_ documents: [OutputDocument]) throws -> [DeadLetterDraft] {
        if let appendLine {
            for output in documents {
                try appendLine(ExtendedJSON.serialize(output.document, mode: .relaxed))
            }
        }
        guard capacity > 0 else { return [] }
        recent.withLock { buffer in
            buffer.append(contentsOf: documents.suffix(capacity).map(\.document))
            if buffer.count > capacity { buffer.removeFirst(buffer.count - capacity) }
        }
        return []
    }

    /// Nothing is buffered: each line is handed over as it is written.
    package func flush() throws {}

    /// The last documents written, oldest first (for `.sample()`).
    package func recentDocuments() -> [BSONDocument] {
        recent.withLock { $0 }
    }
}
