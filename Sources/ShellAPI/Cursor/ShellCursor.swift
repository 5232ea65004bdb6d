import BSONCore
import Interpreter

/// The cursor `find()` and `aggregate()` return (mongosh's `Cursor` and `AggregationCursor`).
///
/// Options chain (`sort`, `limit`, `min`, …; see `ShellCursor+Methods`) and are sent to the server when the
/// cursor first opens, never applied here. `map(fn)` functions are kept and applied to each document as it is
/// handed out: when printed, iterated, or read with `next`/`toArray`/`forEach`.
final class ShellCursor: HostObject {
    enum Kind {
        case find(filter: BSONDocument)
        case aggregate(pipeline: [BSONValue])
    }

    let collection: CollectionHandle
    /// What the cursor runs; an aggregation's pipeline grows with `sort`/`skip`/`projection` before it opens.
    var kind: Kind
    /// Options in libmongoc's names, which are also the `find`/`aggregate` command's field names.
    var options: BSONDocument
    /// `map` functions, applied in order.
    var transforms: [JSValue] = []
    /// Set for `db.c.explain().find()`: evaluating the cursor prints the explain output instead of documents.
    var explainVerbosity: String?
    private var serverCursor: (any DocumentCursor)?
    /// A document read ahead to learn whether more follow.
    private var peeked: BSONDocument?
    /// Whether the server has no more documents (the last one may still be in `peeked`).
    private var reachedEnd = false
    /// Whether `close()` was called.
    private var closedByUser = false

    init(collection: CollectionHandle, filter: BSONDocument, options: BSONDocument = BSONDocument()) {
        self.collection = collection
        self.kind = .find(filter: filter)
        self.options = options
    }

    init(collection: CollectionHandle, pipeline: [BSONValue], options: BSONDocument) {
        self.collection = collection
        self.kind = .aggregate(pipeline: pipeline)
        self.options = options
    }

    deinit { serverCursor?.close() }

    var className: String {
        if case .aggregate = kind { return "AggregationCursor" }
        return "Cursor"
    }

    var isAggregation: Bool {
        if case .aggregate = kind { return true }
        return false
    }

    /// Whether the server cursor has been opened (options can no longer change).
    var isOpen: Bool { serverCursor != nil }

    /// mongosh's `isClosed()`: closed by `close()`, or every document has been handed out.
    var isClosed: Bool { closedByUser || (reachedEnd && peeked == nil) }

    func makeIterator(interpreter: Interpreter) throws -> (() throws -> JSValue?)? {
        return { [self] in try nextValue() }
    }

    private func open() throws -> any DocumentCursor {
        if let serverCursor { return serverCursor }
        let connection = try collection.shell.requireConnection()
        let cursor: any DocumentCursor
        switch kind {
        case .find(let filter):
            cursor = try connection.find(
                database: collection.database.name, collection: collection.name, filter: filter, options: options)
        case .aggregate(let pipeline):
            cursor = try connection.aggregate(
                database: collection.database.name, collection: collection.name, pipeline: pipeline, options: options)
        }
        serverCursor = cursor
        return cursor
    }

    /// The next document from the server as it came, or nil once exhausted or closed.
    func nextDocument() throws -> BSONDocument? {
        if let document = peeked {
            peeked = nil
            return document
        }
        if reachedEnd || closedByUser { return nil }
        guard let document = try open().next() else {
            reachedEnd = true
            serverCursor?.close()
            return nil
        }
        return document
    }

    /// The next document as the script sees it, after the `map` functions; nil once exhausted.
    func nextValue() throws -> JSValue? {
        guard let document = try nextDocument() else { return nil }
        return try transformed(document)
    }

    /// A document after the `map` functions. Without any, it is wrapped to print at full depth (it came from
    /// the server).
    func transformed(_ document: BSONDocument) throws -> JSValue {
        guard !transforms.isEmpty else { return collection.shell.serverObject(document) }
        var value = JSValue.object(BSONBridge.jsObject(from: document))
        for function in transforms {
            value = try collection.shell.interpreter.call(function, this: .undefined, arguments: [value])
        }
        return value
    }

    func hasNext() throws -> Bool {
        if peeked != nil { return true }
        peeked = try nextDocument()
        return peeked != nil
    }

    /// Closes the server cursor; later reads find nothing.
    func close() {
        serverCursor?.close()
        peeked = nil
        closedByUser = true
    }

    /// Up to `size` documents, and whether more follow (read ahead by one).
    func nextPage(size: Int) throws -> ([BSONDocument], hasMore: Bool) {
        var documents: [BSONDocument] = []
        documents.reserveCapacity(size)
        while documents.count < size, let document = try nextDocument() { documents.append(document) }
        return (documents, try hasNext())
    }

    /// What evaluating the cursor at the prompt shows: its next page (mapped values when `map` was used), or the
    /// explain output for `db.c.explain().find()`.
    func page(size: Int) throws -> ShellOutput {
        if let verbosity = explainVerbosity {
            return .value(try explain(verbosity: verbosity), fromServer: true)
        }
        let (documents, hasMore) = try nextPage(size: size)
        if documents.isEmpty && !hasMore { return .nothing }
        if transforms.isEmpty { return .cursorPage(documents, hasMore: hasMore) }
        return .valuePage(try documents.map(transformed), hasMore: hasMore)
    }
}
