import Foundation

extension BSONObjectID {
    /// Reads 24 hexadecimal digits (either case).
    package init(hex: String) throws(BSONError) {
        guard let bytes = Hex.decode(hex), bytes.count == 12 else {
            throw BSONError(.invalidObjectID, "Invalid ObjectId '\(hex)': expected 24 hexadecimal digits")
        }
        self.init(bytes: bytes)
    }

    /// The 24 lower-case hexadecimal digits, as in `ObjectId('…')`.
    package var hex: String { Hex.encode(bytes) }

    /// The creation time in seconds since the Unix epoch: the first 4 bytes, big-endian.
    package var timestamp: UInt32 {
        bytes.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// A new ObjectId: 4-byte big-endian seconds now, 5 random bytes fixed for the process, and a 3-byte
    /// big-endian counter that starts at a random value.
    ///
    /// Thread-safe: the counter is a lock-guarded value shared by all tasks.
    package static func generate() -> BSONObjectID {
        generate(seconds: UInt32(truncatingIfNeeded: Int64(Date().timeIntervalSince1970)))
    }

    /// Like `generate()` with the given seconds, for tests and replays.
    package static func generate(seconds: UInt32) -> BSONObjectID {
        let count = ObjectIDState.shared.next()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(12)
        bytes.append(UInt8(truncatingIfNeeded: seconds >> 24))
        bytes.append(UInt8(truncatingIfNeeded: seconds >> 16))
        bytes.append(UInt8(truncatingIfNeeded: seconds >> 8))
        bytes.append(UInt8(truncatingIfNeeded: seconds))
        bytes.append(contentsOf: ObjectIDState.shared.processUnique)
        bytes.append(UInt8(truncatingIfNeeded: count >> 16))
        bytes.append(UInt8(truncatingIfNeeded: count >> 8))
        bytes.append(UInt8(truncatingIfNeeded: count))
        return BSONObjectID(bytes: bytes)
    }
}

/// The process-wide part of ObjectId generation: 5 random bytes and a 24-bit counter.
///
/// `@unchecked Sendable` is safe: `processUnique` is immutable and `counter` is only touched under `lock`.
/// (`NSLock` rather than `Synchronization.Mutex`, which needs macOS 15 while the package allows macOS 14.)
final class ObjectIDState: @unchecked Sendable {
    static let shared = ObjectIDState()

    let processUnique: [UInt8]
    private let lock = NSLock()
    private var counter: UInt32

    private init() {
        var generator = SystemRandomNumberGenerator()
        processUnique = (0..<5).map { _ in UInt8.random(in: 0...255, using: &generator) }
        counter = UInt32.random(in: 0...0xFF_FFFF, using: &generator)
    }

    /// The next counter value, wrapping within 24 bits.
    func next() -> UInt32 {
        lock.withLock {
            let current = counter
            counter = (counter + 1) & 0xFF_FFFF
            return current
        }
    }
}
