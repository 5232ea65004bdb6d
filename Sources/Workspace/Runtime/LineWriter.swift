import BSONCore
import Foundation

/// Writes documents as lines of relaxed Extended JSON to a file descriptor, buffered: one `write` per 64 KiB,
/// not one per line (`spsh process` output).
///
/// Not thread-safe: one writer per task.
package final class LineWriter {
    private let descriptor: Int32
    private let closesDescriptor: Bool
    private var buffer: [UInt8] = []
    private let threshold = 1 << 16

    /// A writer to an open descriptor (standard output, say), which it leaves open.
    package init(descriptor: Int32) {
        self.descriptor = descriptor
        closesDescriptor = false
        buffer.reserveCapacity(threshold + 4096)
    }

    /// A writer that creates or truncates the file at `path` and closes it when done.
    package init(path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw LineWriterError(message: "Cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
        closesDescriptor = true
        buffer.reserveCapacity(threshold + 4096)
    }

    deinit {
        try? flush()
        if closesDescriptor { close(descriptor) }
    }

    /// Appends `document` as one line of compact relaxed Extended JSON.
    package func write(_ document: BSONDocument) throws {
        ExtendedJSON.serialize(document, mode: .relaxed, into: &buffer)
        buffer.append(0x0A)
        if buffer.count >= threshold { try flush() }
    }

    /// Writes out everything buffered.
    package func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                guard let base = raw.baseAddress else { return 0 }
                return systemWrite(descriptor, base + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                buffer.removeAll(keepingCapacity: true)
                throw LineWriterError(message: "Cannot write the output: \(reason)")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// A failure to write output lines.
package struct LineWriterError: Error, CustomStringConvertible {
    /// What went wrong.
    package var message: String
    /// The same as `message`.
    package var description: String { message }
}

/// `write(2)`, out of reach of `LineWriter.write` for name lookup.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
