import BSONCore
import CMongoC

// Conversions between libbson's `bson_t` and `BSONDocument` (STYLE.md §2.3, §2.4, §2.6).
//
// `bson_t *` imports as `OpaquePointer` because libbson declares `bson_t` with 128-byte alignment, so Swift never
// holds a `bson_t` value: documents go in through `bson_new_from_data` (a heap copy, freed with `bson_destroy`),
// and come out through `bson_get_data` plus the int32 length prefix, decoded (and so copied) into Swift values.

/// The size and alignment of libbson's `bson_t` (`BSON_ALIGNED_BEGIN(128)`, 128 bytes), for out-parameters.
private let bsonStorageSize = 128

extension BSONDocument {
    /// Runs `body` with a read-only libbson copy of the document; the copy is destroyed when `body` returns.
    ///
    /// The pointer must not escape `body`. Throws `.invalidArgument` for a key or regex containing U+0000,
    /// which BSON cannot store.
    func withBSONPointer<T>(_ body: (OpaquePointer) throws(MongoError) -> T) throws(MongoError) -> T {
        guard hasEncodableNames else {
            throw MongoError(
                kind: .invalidArgument, message: "Field names and regular expressions cannot contain U+0000")
        }
        let bytes = encoded()
        let pointer = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { bson_new_from_data($0, buffer.count) }
        }
        guard let pointer else {
            throw MongoError(kind: .internal, message: "libbson rejected \(bytes.count) encoded bytes")
        }
        defer { bson_destroy(pointer) }
        return try body(pointer)
    }

    /// Decodes a copy of the `bson_t` at `pointer`, which the caller (or libmongoc) keeps owning.
    ///
    /// Reads `bson_get_data` and the int32 length prefix; the decoded document shares no memory with `pointer`, so
    /// it stays valid after libmongoc destroys or reuses it.
    init(copying pointer: OpaquePointer) throws(MongoError) {
        guard let data = bson_get_data(pointer) else {
            throw MongoError(kind: .internal, message: "libbson returned no data for a document")
        }
        let raw = UnsafeRawPointer(data)
        let length = Int(Int32(littleEndian: raw.loadUnaligned(as: Int32.self)))
        do {
            try self.init(bytes: UnsafeRawBufferPointer(start: raw, count: length))
        } catch {
            throw MongoError(kind: .internal, message: "Could not decode a document from libmongoc: \(error.message)")
        }
    }
}

/// Runs `body` with an empty `bson_t` for libmongoc to fill as an out-parameter (a reply), then destroys it.
///
/// libmongoc calls `bson_init` on reply out-parameters, which marks them as caller-allocated; a `bson_new()` result
/// would then leak its struct. So the struct lives in raw memory with `bson_t`'s size and alignment, owned here:
/// `bson_destroy` frees any heap buffer the reply grew, then the storage is deallocated. Copy the reply with
/// `BSONDocument(copying:)` before `body` returns.
func withReplyPointer<T>(_ body: (OpaquePointer) throws(MongoError) -> T) throws(MongoError) -> T {
    let storage = UnsafeMutableRawPointer.allocate(byteCount: bsonStorageSize, alignment: bsonStorageSize)
    defer { storage.deallocate() }
    let reply = OpaquePointer(storage)
    bson_init(reply)
    defer { bson_destroy(reply) }
    return try body(reply)
}
