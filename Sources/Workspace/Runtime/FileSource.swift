import BSONCore
import Foundation
import StreamEngine

/// `$source: {path: …}` (§2.1 file source, an spsh extension for backtests): the documents of a file, in file
/// order, read in chunks so memory stays flat however large the file. Bounded: `next` returns nil at the end.
///
/// Formats, told apart by the first bytes (or the `.bson` extension): JSON Lines of Extended JSON (relaxed or
/// canonical, so plain `mongoexport` output), a JSON array (`mongoexport --jsonArray`), whitespace-separated
/// JSON documents (`mongoexport --pretty`), and a BSON dump (`mongodump`'s `.bson`: documents back to back).
/// Numbers follow libbson (Int32, Int64, Double, §2.1).
///
/// A document that cannot be decoded does not stop the run: like a Kafka payload that is not JSON (§2.1), it goes
/// to the DLQ (`operatorName` `FileSourceOperator`, a name of our own: UNCONFIRMED, there is no ASP
/// equivalent), with a reason naming `file:line:column` and `doc: {path, line, text}` (`{path, offset}` for
/// BSON). Only damage that leaves no way to find the next document (a BSON length below 5, a value cut off by
/// the end of the file) throws.
///
/// `position` is the byte offset of the next document, so a checkpoint resumes exactly there.
///
/// Not thread-safe: one runner pulls from it.
package final class FileSource: DeadLetteringSource {
    /// How the file's documents are laid out.
    enum Format: Equatable {
        /// One document per line (blank lines skipped).
        case jsonLines
        /// Documents separated by any whitespace, each possibly spanning lines.
        case jsonSequence
        /// One JSON array of documents; `openOffset` is where its `[` is.
        case jsonArray(openOffset: Int64)
        /// BSON documents back to back.
        case bson
    }

    /// The path as the pipeline gave it, for messages.
    let path: String
    let format: Format
    private var buffer: ChunkBuffer
    /// The 1-based line number of the byte at `buffer.start` (JSON formats).
    private var line = 1
    /// Documents read so far (for BSON error messages).
    private var documentIndex = 0
    private var ended = false
    private var reader = ExtendedJSONReader()
    private var deadLetters: [DeadLetterDraft] = []

    /// Opens `path`, relative to the current directory unless absolute, and finds its format.
    package init(path: String, chunkSize: Int = 1 << 20) throws(StreamEngineError) {
        self.path = path
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .invalid("Cannot read the $source file '\(path)': \(String(cString: strerror(errno)))")
        }
        buffer = ChunkBuffer(descriptor: descriptor, capacity: max(16, chunkSize))
        do {
            format = try Self.detectFormat(url: url, buffer: &buffer)
        } catch {
            throw .invalid("Cannot read the $source file '\(path)': \(error)")
        }
        if case .jsonArray = format { try? skipSeparators() }
    }

    /// Up to `limit` documents; nil once the file is used up.
    package func next(limit: Int) throws -> [SourceMessage]? {
        guard !ended else { return nil }
        var messages: [SourceMessage] = []
        messages.reserveCapacity(min(limit, 4096))
        switch format {
        case .jsonLines: try readLines(into: &messages, limit: limit)
        case .jsonSequence, .jsonArray: try readValues(into: &messages, limit: limit)
        case .bson: try readBSON(into: &messages, limit: limit)
        }
        if ended && messages.isEmpty { return nil }
        return messages
    }

    /// Never true: a file is bounded, and its end is reported by `next` returning nil instead.
    package var isExhausted: Bool { false }

    /// The byte offset of the next document.
    package var position: BSONValue? { .int64(buffer.fileOffset) }

    /// Moves to a byte offset taken from `position`; line numbers are recounted from the file's start.
    package func seek(to position: BSONValue) throws {
        guard let offset = position.int64Value, offset >= 0 else {
            throw StreamEngineError(code: 420, message: "A file source position must be a byte offset")
        }
        line = 1 + (format == .bson ? 0 : try buffer.countNewlines(before: offset))
        try buffer.seek(to: offset)
        ended = false
        if case .jsonArray = format { try skipSeparators() }
    }

    /// The documents that could not be decoded since the last call.
    package func takeDeadLetters() -> [DeadLetterDraft] {
        defer { deadLetters.removeAll() }
        return deadLetters
    }

    // MARK: - JSON Lines (the fast path)

    private func readLines(into messages: inout [SourceMessage], limit: Int) throws {
        while messages.count < limit {
            let available = buffer.end - buffer.start
            let base = buffer.pointer + buffer.start
            let lineEnd: Int
            if let newline = memchr(base, 0x0A, available) {
                lineEnd = buffer.start + (UnsafeRawPointer(newline) - UnsafeRawPointer(base))
            } else if buffer.atEOF {
                guard available > 0 else {
                    ended = true
                    return
                }
                lineEnd = buffer.end
            } else {
                try buffer.refill()
                continue
            }
            let lineStart = buffer.start
            var contentEnd = lineEnd
            if contentEnd > lineStart && buffer.pointer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            buffer.start = min(lineEnd + 1, buffer.end)
            defer { line += 1 }
            let bytes = UnsafeBufferPointer(start: buffer.pointer + lineStart, count: contentEnd - lineStart)
            guard bytes.contains(where: { !Self.isWhitespace($0) }) else { continue }
            do {
                let document = try reader.parseDocument(bytes)
                messages.append(
                    SourceMessage(
                        document: document, sourceMetadata: GeneratedSource.metadata, size: lineEnd - lineStart + 1))
            } catch {
                deadLetter(error, text: bytes, firstLine: line)
            }
        }
    }

    // MARK: - JSON arrays and whitespace-separated documents

    private func readValues(into messages: inout [SourceMessage], limit: Int) throws {
        while messages.count < limit {
            try skipSeparators()
            if ended { return }
            guard buffer.start < buffer.end else {
                if buffer.atEOF {
                    ended = true
                    return
                }
                try buffer.refill()
                continue
            }
            guard let valueEnd = valueEnd() else {
                if buffer.atEOF {
                    throw StreamEngineError(
                        code: 420, message: "\(path):\(line): a document is cut off by the end of the file")
                }
                try buffer.refill()
                continue
            }
            let bytes = UnsafeBufferPointer(start: buffer.pointer + buffer.start, count: valueEnd - buffer.start)
            let firstLine = line
            line += bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            buffer.start = valueEnd
            do {
                let document = try reader.parseDocument(bytes)
                messages.append(
                    SourceMessage(document: document, sourceMetadata: GeneratedSource.metadata, size: bytes.count))
            } catch {
                deadLetter(error, text: bytes, firstLine: firstLine)
            }
        }
    }

    /// Skips whitespace, and in an array its `[`, commas and closing `]` (which ends the source).
    private func skipSeparators() throws {
        while true {
            if buffer.start == buffer.end {
                if buffer.atEOF { return }
                try buffer.refill()
                continue
            }
            let byte = buffer.pointer[buffer.start]
            if Self.isWhitespace(byte) {
                if byte == 0x0A { line += 1 }
            } else if case .jsonArray(let openOffset) = format {
                if byte == UInt8(ascii: ",") || (byte == UInt8(ascii: "[") && buffer.fileOffset == openOffset) {
                } else if byte == UInt8(ascii: "]") {
                    ended = true
                    return
                } else {
                    return
                }
            } else {
                return
            }
            buffer.start += 1
        }
    }

    /// Where the value at `buffer.start` ends (brackets balanced outside strings), or nil if the buffer holds
    /// only part of it.
    private func valueEnd() -> Int? {
        let pointer = buffer.pointer
        var index = buffer.start
        var depth = 0
        var inString = false
        while index < buffer.end {
            let byte = pointer[index]
            if inString {
                if byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth <= 0 { return index + 1 }
                case UInt8(ascii: ","), 0x20, 0x09, 0x0A, 0x0D: if depth == 0 { return index }
                default: break
                }
            }
            index += 1
        }
        return buffer.atEOF && depth == 0 && !inString && index > buffer.start ? index : nil
    }

    // MARK: - BSON dumps

    private func readBSON(into messages: inout [SourceMessage], limit: Int) throws {
        while messages.count < limit {
            let available = buffer.end - buffer.start
            guard available >= 4 else {
                if buffer.atEOF {
                    guard available == 0 else {
                        throw StreamEngineError(
                            code: 420, message: "\(path): \(available) stray bytes after the last BSON document")
                    }
                    ended = true
                    return
                }
                try buffer.refill()
                continue
            }
            let base = UnsafeRawPointer(buffer.pointer + buffer.start)
            let length = Int(Int32(littleEndian: base.loadUnaligned(as: Int32.self)))
            guard length >= 5 else {
                throw StreamEngineError(
                    code: 420,
                    message: "\(path): invalid BSON document length \(length) at byte offset \(buffer.fileOffset)")
            }
            guard available >= length else {
                if buffer.atEOF {
                    throw StreamEngineError(
                        code: 420, message: "\(path): the BSON document at byte offset \(buffer.fileOffset) is cut off")
                }
                try buffer.refill(minimum: length)
                continue
            }
            let offset = buffer.fileOffset
            buffer.start += length
            documentIndex += 1
            do {
                let document = try BSONDocument(bytes: UnsafeRawBufferPointer(start: base, count: length))
                messages.append(
                    SourceMessage(document: document, sourceMetadata: GeneratedSource.metadata, size: length))
            } catch {
                deadLetters.append(
                    Self.draft(
                        reason: "\(path): document \(documentIndex) (byte offset \(offset)): \(error.message)",
                        doc: ["path": .string(path), "offset": .int64(offset)]))
            }
        }
    }

    // MARK: - Helpers

    private func deadLetter(_ error: any Error, text: UnsafeBufferPointer<UInt8>, firstLine: Int) {
        var location = "\(path):\(firstLine)"
        var reason = "\(error)"
        if let error = error as? BSONError {
            reason = error.reason
            if let errorLine = error.line, let column = error.column {
                location = "\(path):\(firstLine + errorLine - 1):\(column)"
            }
        }
        let shown = String(decoding: UnsafeBufferPointer(rebasing: text.prefix(4096)), as: UTF8.self)
        deadLetters.append(
            Self.draft(
                reason: "Failed to parse input document at \(location): \(reason)",
                doc: ["path": .string(path), "line": .int64(Int64(firstLine)), "text": .string(shown)]))
    }

    private static func draft(reason: String, doc: BSONDocument) -> DeadLetterDraft {
        DeadLetterDraft(
            record: StreamRecord(
                document: doc, eventTime: 0, metadata: StreamMetadata(source: GeneratedSource.metadata)),
            operatorName: "FileSourceOperator", reason: reason)
    }

    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    /// `.bson` files are BSON; otherwise the first non-blank byte decides: `[` an array, `{` JSON Lines when the
    /// first line holds a whole document (it ends in `}`), else whitespace-separated documents.
    private static func detectFormat(url: URL, buffer: inout ChunkBuffer) throws -> Format {
        if url.pathExtension.lowercased() == "bson" { return .bson }
        try buffer.refill()
        var index = buffer.start
        if buffer.end - index >= 3 && buffer.pointer[index] == 0xEF && buffer.pointer[index + 1] == 0xBB
            && buffer.pointer[index + 2] == 0xBF
        {
            index += 3
            buffer.start = index
        }
        while index < buffer.end && isWhitespace(buffer.pointer[index]) { index += 1 }
        guard index < buffer.end else { return .jsonLines }
        if buffer.pointer[index] == UInt8(ascii: "[") { return .jsonArray(openOffset: Int64(index)) }
        var lineEnd = index
        while lineEnd < buffer.end && buffer.pointer[lineEnd] != 0x0A { lineEnd += 1 }
        var last = lineEnd - 1
        while last > index && isWhitespace(buffer.pointer[last]) { last -= 1 }
        return buffer.pointer[last] == UInt8(ascii: "}") && last > index ? .jsonLines : .jsonSequence
    }
}
