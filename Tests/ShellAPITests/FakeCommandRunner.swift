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
    /// Write commands other than inserts, and the reply they get.
    var writes: [(BSONDocument, String)] = []
    var writeReply = BSONDocument([("n", .int32(1)), ("nModified", .int32(1)), ("ok", .double(1))])
    var watches: [(database: String?, collection: String?, pipeline: [BSONValue], options: BSONDocument)] = []

    var redactedURI: String { "mongodb://fake.example:27017/" }

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

    func runWriteCommand(_ command: BSONDocument, database: String, isBulkWrite: Bool) throws -> BSONDocument {
        writes.append((command, database))
        guard case .array(let documents)? = command["documents"] else { return writeReply }
        inserted += documents.compactMap(\.documentValue)
        return BSONDocument([("n", .int32(Int32(documents.count)))])
    }

    func watch(database: String?, collection: String?, pipeline: [BSONValue], options: BSONDocument) throws
        -> any ChangeStream
    {
        watches.append((database, collection, pipeline, options))
        return ArrayChangeStream(documents)
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

/// A change stream that hands out canned events, then reports none.
final class ArrayChangeStream: ChangeStream {
    private var remaining: ArraySlice<BSONDocument>
    private(set) var isClosed = false
    private(set) var resumeToken: BSONDocument?

    init(_ events: [BSONDocument]) { remaining = events[...] }

    func tryNext() throws -> BSONDocument? {
        guard let event = remaining.popFirst() else { return nil }
        resumeToken = event["_id"]?.documentValue
        return event
    }
    func close() { isClosed = true }
}
