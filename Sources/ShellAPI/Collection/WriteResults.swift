import BSONCore

/// The results of the write methods, with mongosh's field names and order (mongosh's `result.ts`):
/// `{ acknowledged: true, insertedId: ObjectId('…') }` and so on. Unacknowledged writes (`w: 0`) have
/// no counts, as the Node driver reports them `undefined`.
enum WriteResults {
    /// `InsertOneResult`.
    static func insertOne(acknowledged: Bool, id: BSONValue) -> BSONDocument {
        BSONDocument([("acknowledged", .bool(acknowledged)), ("insertedId", id)])
    }

    /// `InsertManyResult`: `insertedIds` by position, `{ '0': …, '1': … }`.
    static func insertMany(acknowledged: Bool, ids: [BSONValue]) -> BSONDocument {
        BSONDocument([
            ("acknowledged", .bool(acknowledged)),
            ("insertedIds", .document(BSONDocument(ids.enumerated().map { (String($0.offset), $0.element) }))),
        ])
    }

    /// `UpdateResult`: `insertedId` is the upserted `_id`, else null.
    static func update(acknowledged: Bool, _ tally: WriteTally) -> BSONDocument {
        BSONDocument([
            ("acknowledged", .bool(acknowledged)),
            ("insertedId", tally.upserted.first?.id ?? .null),
            ("matchedCount", acknowledged ? .int32(Int32(clamping: tally.matched)) : .undefined),
            ("modifiedCount", acknowledged ? .int32(Int32(clamping: tally.modified)) : .undefined),
            ("upsertedCount", .int32(Int32(clamping: tally.upserted.count))),
        ])
    }

    /// `DeleteResult`.
    static func delete(acknowledged: Bool, _ tally: WriteTally) -> BSONDocument {
        BSONDocument([
            ("acknowledged", .bool(acknowledged)),
            ("deletedCount", acknowledged ? .int32(Int32(clamping: tally.deleted)) : .undefined),
        ])
    }

    /// `BulkWriteResult`: `insertedIds` and `upsertedIds` keyed by the index of their model.
    static func bulkWrite(acknowledged: Bool, _ tally: WriteTally, insertedIds: [(index: Int, id: BSONValue)])
        -> BSONDocument
    {
        func count(_ number: Int) -> BSONValue { .int32(Int32(clamping: number)) }
        func byIndex(_ entries: [(index: Int, id: BSONValue)]) -> BSONValue {
            .document(BSONDocument(entries.map { (String($0.index), $0.id) }))
        }
        return BSONDocument([
            ("acknowledged", .bool(acknowledged)),
            ("insertedCount", count(acknowledged ? tally.inserted : 0)),
            ("insertedIds", byIndex(insertedIds)),
            ("matchedCount", count(tally.matched)),
            ("modifiedCount", count(tally.modified)),
            ("deletedCount", count(tally.deleted)),
            ("upsertedCount", count(tally.upserted.count)),
            ("upsertedIds", byIndex(tally.upserted)),
        ])
    }
}
