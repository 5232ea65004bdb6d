import BSONCore
import Interpreter

/// The cursor's methods, as mongosh's `cursor.ts`, `aggregate-or-find-cursor.ts` and `abstract-cursor.ts` define
/// them: modifiers that return the cursor, and readers.
extension ShellCursor {
    /// A cursor method: given the cursor and the call, the value the script sees.
    typealias Method = @Sendable (ShellCursor, NativeCall) throws -> JSValue

    /// Modifiers of a find cursor, each setting one `find` option.
    static let findModifiers: [String: Method] = [
        "sort": { try $0.setDocumentOption("sort", $1, method: "sort") },
        "projection": { try $0.setDocumentOption("projection", $1, method: "projection") },
        "project": { try $0.setDocumentOption("projection", $1, method: "project") },
        "collation": { try $0.setDocumentOption("collation", $1, method: "collation") },
        "min": { try $0.setDocumentOption("min", $1, method: "min") },
        "max": { try $0.setDocumentOption("max", $1, method: "max") },
        "limit": { try $0.setLimit($1) },
        "skip": { try $0.setCountOption("skip", $1, method: "skip") },
        "batchSize": { try $0.setCountOption("batchSize", $1, method: "batchSize") },
        "maxTimeMS": { try $0.setCountOption("maxTimeMS", $1, method: "maxTimeMS") },
        "hint": { cursor, call in
            let value = try ArgumentChecks.required(call, 0, method: "Cursor.hint")
            if case .string(let name) = value { return try cursor.set("hint", .string(name), method: "hint") }
            return try cursor.set(
                "hint", .document(try BSONBridge.document(from: value, what: "The hint")), method: "hint")
        },
        "comment": { try $0.set("comment", try BSONBridge.bson(from: $1.argument(0)), method: "comment") },
        "returnKey": { try $0.setFlag("returnKey", $1, method: "returnKey") },
        "showRecordId": { try $0.setFlag("showRecordId", $1, method: "showRecordId") },
        "allowDiskUse": { try $0.setFlag("allowDiskUse", $1, method: "allowDiskUse") },
        "noCursorTimeout": { cursor, _ in try cursor.set("noCursorTimeout", .bool(true), method: "noCursorTimeout") },
        "allowPartialResults": { cursor, _ in
            try cursor.set("allowPartialResults", .bool(true), method: "allowPartialResults")
        },
        "readConcern": { cursor, call in
            let level = try ArgumentChecks.string(call, 0, method: "Cursor.readConcern")
            return try cursor.set(
                "readConcern", .document(BSONDocument([("level", .string(level))])), method: "readConcern")
        },
        "readPref": { cursor, call in
            let mode = try ArgumentChecks.string(call, 0, method: "Cursor.readPref")
            guard mode == "primary" else {
                throw ShellError(
                    .unsupportedOption,
                    "readPref('\(mode)') is not supported: spsh reads from the server it is connected to, as 'primary'"
                )
            }
            return .object(JSObject(host: cursor))
        },
        "count": { cursor, _ in .number(Double(try cursor.countMatching())) },
        "size": { cursor, _ in .number(Double(try cursor.countMatching())) },
    ]

    /// Modifiers of an aggregation cursor: `sort`, `skip` and `projection` add a stage, as the Node driver does.
    static let aggregationModifiers: [String: Method] = [
        "sort": {
            try $0.appendStage("$sort", .document(try BSONBridge.document(from: $1.argument(0), what: "The sort")))
        },
        "skip": { cursor, call in
            guard let n = ArgumentChecks.integer(call.argument(0)), n >= 0 else {
                throw ShellError(
                    .invalidArgument,
                    "skip() takes a non-negative integer, found \(BSONBridge.describeType(call.argument(0)))")
            }
            return try cursor.appendStage("$skip", .int64(n))
        },
        "projection": {
            try $0.appendStage(
                "$project", .document(try BSONBridge.document(from: $1.argument(0), what: "The projection")))
        },
        "batchSize": { try $0.setCountOption("batchSize", $1, method: "batchSize") },
        "maxTimeMS": { try $0.setCountOption("maxTimeMS", $1, method: "maxTimeMS") },
    ]

    /// Readers shared by both kinds of cursor.
    static let readers: [String: Method] = [
        "pretty": { cursor, _ in .object(JSObject(host: cursor)) },
        "toArray": { cursor, _ in
            var values: [JSValue] = []
            while let value = try cursor.nextValue() { values.append(value) }
            let array = JSObject.makeArray(values)
            cursor.collection.shell.lastServerObject = array
            return .object(array)
        },
        "hasNext": { cursor, _ in .bool(try cursor.hasNext()) },
        "next": { cursor, _ in try cursor.nextValue() ?? .null },
        "tryNext": { cursor, _ in try cursor.nextValue() ?? .null },
        "itcount": { cursor, _ in
            var n = 0
            while try cursor.nextDocument() != nil { n += 1 }
            return .number(Double(n))
        },
        "forEach": { cursor, call in
            let function = call.argument(0)
            guard case .object(let object) = function, object.isCallable else {
                throw ArgumentChecks.wrongType(0, expected: "function", found: function, method: "Cursor.forEach")
            }
            // As mongosh: the loop stops when the function returns exactly `false`.
            while let value = try cursor.nextValue() {
                if case .bool(false) = try call.interpreter.call(function, this: .undefined, arguments: [value]) {
                    break
                }
            }
            return .undefined
        },
        "map": { cursor, call in
            let function = call.argument(0)
            guard case .object(let object) = function, object.isCallable else {
                throw ArgumentChecks.wrongType(0, expected: "function", found: function, method: "Cursor.map")
            }
            cursor.transforms.append(function)
            return .object(JSObject(host: cursor))
        },
        "close": { cursor, _ in
            cursor.close()
            return .undefined
        },
        "isClosed": { cursor, _ in .bool(cursor.isClosed) },
        "isExhausted": { cursor, _ in .bool(cursor.isClosed) },
        "explain": { cursor, call in try cursor.explain(verbosity: try ArgumentChecks.verbosity(call.argument(0))) },
    ]

    /// This cursor's methods by name.
    var methodTable: [String: Method] {
        let modifiers = isAggregation ? Self.aggregationModifiers : Self.findModifiers
        return modifiers.merging(Self.readers) { first, _ in first }
    }

    var propertyNames: [String] { methodTable.keys.sorted() }

    func getProperty(_ key: String, interpreter: Interpreter) throws -> JSValue? {
        guard let method = methodTable[key] else { return nil }
        return .makeFunction(name: key) { [self] call in try method(self, call) }
    }

    // MARK: Setting options

    /// Sets one option and returns the cursor, or fails once the cursor has been read.
    private func set(_ option: String, _ value: BSONValue, method: String) throws -> JSValue {
        guard !isOpen else {
            throw ShellError(.cursorAlreadyOpen, "Cannot call \(method)() on a cursor that has already been read")
        }
        options[option] = value
        return .object(JSObject(host: self))
    }

    private func setDocumentOption(_ option: String, _ call: NativeCall, method: String) throws -> JSValue {
        try set(
            option, .document(try BSONBridge.document(from: call.argument(0), what: "The \(option)")), method: method)
    }

    /// `skip`, `batchSize`, `maxTimeMS`: a whole number, zero or more.
    private func setCountOption(_ option: String, _ call: NativeCall, method: String) throws -> JSValue {
        guard let n = ArgumentChecks.integer(call.argument(0)), n >= 0 else {
            throw ShellError(
                .invalidArgument, "\(method)() takes an integer, found \(BSONBridge.describeType(call.argument(0)))")
        }
        return try set(option, .int64(n), method: method)
    }

    /// `limit(n)`; a negative limit means a single batch of |n|.
    private func setLimit(_ call: NativeCall) throws -> JSValue {
        guard let n = ArgumentChecks.integer(call.argument(0)) else {
            throw ShellError(
                .invalidArgument, "limit() takes an integer, found \(BSONBridge.describeType(call.argument(0)))")
        }
        if n < 0 { _ = try set("singleBatch", .bool(true), method: "limit") }
        return try set("limit", .int64(abs(n)), method: "limit")
    }

    /// `returnKey()`, `showRecordId()`, `allowDiskUse()`: true unless given `false`.
    private func setFlag(_ option: String, _ call: NativeCall, method: String) throws -> JSValue {
        switch call.argument(0) {
        case .undefined: return try set(option, .bool(true), method: method)
        case .bool(let b): return try set(option, .bool(b), method: method)
        default:
            throw ArgumentChecks.wrongType(0, expected: "boolean", found: call.argument(0), method: "Cursor.\(method)")
        }
    }

    /// Adds a stage to an aggregation that has not been opened yet.
    private func appendStage(_ name: String, _ value: BSONValue) throws -> JSValue {
        guard !isOpen, case .aggregate(let pipeline) = kind else {
            throw ShellError(.cursorAlreadyOpen, "Cannot add a \(name) stage to a cursor that has already been read")
        }
        kind = .aggregate(pipeline: pipeline + [.document(BSONDocument([(name, value)]))])
        return .object(JSObject(host: self))
    }
}
