import BSONCore
import ShellAPI

/// Records what the shell sends and answers from canned documents. For ShellAPI unit tests only: every
/// behaviour here is covered again against the real server in IntegrationTests.
final class FakeCommandRunner: CommandRunner {
    struct FindCall {
        var database: String
        var collection: String
        var filter: BSONDocument
        var options: BSONDocument
    }

    var documents: [BSONDocument] = []
    var finds: [FindCall] = []
    var aggregates: [(database: String, collection: String?, pipeline: [BSONValue], options: BSONDocument)] = []
    var inserted: [BSONDocument] = []
    var commands: [(BSONDocument, String)] = []
    var commandReply = BSONDocument([("ok", .double(1))])

    func runCommand(_ command: BSONDocument, database: String) throws -> BSONDocument {
        commands.append((command, database))
        return commandReply
    }

    func runCursorCommand(_ command: BSONDocument, database: String) throws -> any DocumentCursor {
        commands.append((command, database))
        return ArrayCursor(documents)
    }

    func find(database: String, collection: String, filter: BSONDocument, options: BSONDocument) throws
        -> any DocumentCursor
    {
        finds.append(FindCall(database: database, collection: collection, filter: filter, options: options))
        return ArrayCursor(documents)
    }

    func aggregate(database: String, collection: String?, pipeline: [BSONValue], options: BSONDocument) throws
        -> any DocumentCursor
    {
        aggregates.append((database, collection, pipeline, options))
        return ArrayCursor(documents)
    }

    func insertOne(database: String, collection: String, document: BSONDocument) throws -> BSONDocument {
        inserted.append(document)
        return BSONDocument([("n", .int32(1))])
    }

    func insertMany(database: String, collection: String, documents: [BSONDocument], ordered: Bool) throws
        -> BSONDocument
    {
        inserted += documents
        return BSONDocument([("n", .int32(Int32(documents.count)))])
    }

    func countDocuments(database: String, collection: String, filter: BSONDocument, options: BSONDocument) throws
        -> Int64
    {
        Int64(documents.count)
    }
}

final class ArrayCursor: DocumentCursor {
    private var remaining: ArraySlice<BSONDocument>
    private(set) var closed = false

    init(_ documents: [BSONDocument]) { remaining = documents[...] }

    func next() throws -> BSONDocument? { remaining.popFirst() }
    func close() { closed = true }
}
