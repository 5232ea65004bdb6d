import Foundation

/// A window onto a file read in large chunks: `pointer[start..<end]` holds bytes not yet consumed, starting at
/// file offset `fileOffset`. Refilling moves the unconsumed tail to the front and reads more, growing the buffer
/// only for a single document larger than it, so memory stays flat in the file's size.
///
/// Not thread-safe; owns its file descriptor and memory (freed by `close`/deinit through its owner).
final class ChunkBuffer {
    private let descriptor: Int32
    private(set) var pointer: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// The first unconsumed byte.
    var start = 0
    /// One past the last byte read.
    private(set) var end = 0
    /// The file offset of `pointer[0]`.
    private var baseOffset: Int64 = 0
    /// True once a read returned nothing.
    private(set) var atEOF = false

    /// A buffer of `capacity` bytes over an open descriptor (closed on deinit).
    init(descriptor: Int32, capacity: Int) {
        self.descriptor = descriptor
        self.capacity = capacity
        pointer = .allocate(capacity: capacity)
    }

    deinit {
        pointer.deallocate()
        close(descriptor)
    }

    /// The file offset of the first unconsumed byte.
    var fileOffset: Int64 { baseOffset + Int64(start) }

    /// Keeps the unconsumed bytes and reads more, so at least `minimum` bytes (or all that is left) are held.
    func refill(minimum: Int = 0) throws {
        if start > 0 {
            let kept = end - start
            if kept > 0 { (pointer).update(from: pointer + start, count: kept) }
            baseOffset += Int64(start)
            end = kept
            start = 0
        }
        let wanted = max(minimum, end + 1)
        if wanted > capacity {
            var grown = capacity * 2
            while grown < wanted { grown *= 2 }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            bigger.update(from: pointer, count: end)
            pointer.deallocate()
            pointer = bigger
            capacity = grown
        }
        while end < capacity && !atEOF {
            let count = read(descriptor, pointer + end, capacity - end)
            if count < 0 {
                if errno == EINTR { continue }
                throw FileSourceError(message: String(cString: strerror(errno)))
            }
            if count == 0 {
                atEOF = true
            } else {
                end += count
                if end >= wanted { break }
            }
        }
    }

    /// Forgets the buffered bytes and continues reading at `offset`.
    func seek(to offset: Int64) throws {
        guard lseek(descriptor, off_t(offset), SEEK_SET) >= 0 else {
            throw FileSourceError(message: String(cString: strerror(errno)))
        }
        baseOffset = offset
        start = 0
        end = 0
        atEOF = false
    }

    /// The number of newlines in the file before `offset` (read with `pread`, leaving the buffer alone).
    func countNewlines(before offset: Int64) throws -> Int {
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
        defer { scratch.deallocate() }
        var count = 0
        var position: Int64 = 0
        while position < offset {
            let wanted = Int(min(Int64(1 << 16), offset - position))
            let got = pread(descriptor, scratch, wanted, off_t(position))
            if got < 0 {
                if errno == EINTR { continue }
                throw FileSourceError(message: String(cString: strerror(errno)))
            }
            if got == 0 { break }
            for index in 0..<got where scratch[index] == 0x0A { count += 1 }
            position += Int64(got)
        }
        return count
    }
}

/// A read error in a file source.
struct FileSourceError: Error, CustomStringConvertible {
    /// The system's text.
    var message: String
    var description: String { message }
}
