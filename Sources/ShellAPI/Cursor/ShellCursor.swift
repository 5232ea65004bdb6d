import BSONCore
import Interpreter

/// The cursor `find()` and `aggregate()` return. Options chain (`sort`, `limit`, `skip`, `projection`,
/// `batchSize`) and are sent to the server when the cursor first opens, never applied here.
final class ShellCursor: HostObject {
    enum Kind {
        case find(filter: BSONDocument)
        case aggregate(pipeline: [BSONValue])
    }

    let collection: CollectionHandle
    let kind: Kind
    var options: BSONDocument
    private var serverCursor: (any DocumentCursor)?
    /// A document read ahead to learn whether more follow.
    private var peeked: BSONDocument?
    private(set) var isExhausted = false

    init(collection: CollectionHandle, filter: BSONDocument) {
        self.collection = collection
        self.kind = .find(filter: filter)
        self.options = BSONDocument()
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

    static let findModifiers: [String: String] = [
        "sort": "sort", "limit": "limit", "skip": "skip", "projection": "projection", "project": "projection",
        "batchSize": "batchSize", "hint": "hint", "maxTimeMS": "maxTimeMS", "comment": "comment",
        "collation": "collation",
    ]
    static let methods = ["toArray", "pretty", "count", "hasNext", "next", "forEach", "itcount"]

    var propertyNames: [String] {
        if case .find = kind { return Self.findModifiers.keys.sorted() + Self.methods }
        return Self.methods
    }

    func getProperty(_ key: String, interpreter: Interpreter) throws -> JSValue? {
        if case .find = kind, let option = Self.findModifiers[key] {
            return .makeFunction(name: key) { [self] call in
                try setOption(option, call.argument(0), method: key)
                return .object(JSObject(host: self))
            }
        }
        switch key {
        case "pretty":
            return .makeFunction(name: key) { [self] _ in .object(JSObject(host: self)) }
        case "toArray":
            return .makeFunction(name: key) { [self] _ in
                var values: [JSValue] = []
                while let document = try nextDocument() { values.append(.object(BSONBridge.jsObject(from: document))) }
                let array = JSObject.makeArray(values)
                collection.shell.lastServerObject = array
                return .object(array)
            }
        case "hasNext":
            return .makeFunction(name: key) { [self] _ in .bool(try hasNext()) }
        case "next":
            return .makeFunction(name: key) { [self] _ in
                guard let document = try nextDocument() else { return .null }
                return collection.shell.serverObject(document)
            }
        case "itcount":
            return .makeFunction(name: key) { [self] _ in
                var n = 0
                while try nextDocument() != nil { n += 1 }
                return .number(Double(n))
            }
        case "forEach":
            return .makeFunction(name: key) { [self] call in
                let function = call.argument(0)
                while let document = try nextDocument() {
                    _ = try call.interpreter.call(
                        function, this: .undefined,
                        arguments: [.object(BSONBridge.jsObject(from: document))])
                }
                return .undefined
            }
        case "count":
            return .makeFunction(name: key) { [self] _ in
                guard case .find(let filter) = kind else {
                    throw ShellError(.invalidArgument, "count() is not available on an aggregation cursor")
                }
                let n = try collection.shell.requireConnection().countDocuments(
                    database: collection.database.name, collection: collection.name, filter: filter,
                    options: BSONDocument())
                return .number(Double(n))
            }
        default:
            return nil
        }
    }

    func makeIterator(interpreter: Interpreter) throws -> (() throws -> JSValue?)? {
        return { [self] in try nextDocument().map { .object(BSONBridge.jsObject(from: $0)) } }
    }

    private func setOption(_ option: String, _ value: JSValue, method: String) throws {
        guard serverCursor == nil else {
            throw ShellError(.cursorAlreadyOpen, "Cannot call \(method)() on a cursor that has already been read")
        }
        switch option {
        case "limit", "skip", "batchSize", "maxTimeMS":
            guard case .number(let n) = value, n.rounded() == n, n >= (option == "limit" ? -Double(Int64.max) : 0)
            else {
                throw ShellError(
                    .invalidArgument, "\(method)() takes an integer, found \(BSONBridge.describeType(value))")
            }
            if option == "limit" && n < 0 {  // a negative limit means a single batch of |n|
                options["limit"] = .int64(Int64(-n))
                options["singleBatch"] = .bool(true)
            } else {
                options[option] = .int64(Int64(n))
            }
        case "comment":
            options[option] = try BSONBridge.bson(from: value)
        case "hint":
            if case .string(let s) = value {
                options[option] = .string(s)
            } else {
                options[option] = .document(try BSONBridge.document(from: value, what: "The hint"))
            }
        default:
            options[option] = .document(try BSONBridge.document(from: value, what: "The \(option)"))
        }
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

    /// The next document from the server, or nil once exhausted.
    func nextDocument() throws -> BSONDocument? {
        if let document = peeked {
            peeked = nil
            return document
        }
        if isExhausted { return nil }
        guard let document = try open().next() else {
            isExhausted = true
            serverCursor?.close()
            return nil
        }
        return document
    }

    func hasNext() throws -> Bool {
        if peeked != nil { return true }
        peeked = try nextDocument()
        return peeked != nil
    }

    /// Up to `size` documents, and whether more follow (read ahead by one).
    func nextPage(size: Int) throws -> ([BSONDocument], hasMore: Bool) {
        var documents: [BSONDocument] = []
        documents.reserveCapacity(size)
        while documents.count < size, let document = try nextDocument() { documents.append(document) }
        return (documents, try hasNext())
    }
}
