import BSONCore
import Interpreter

/// Checks of the arguments of `sp` methods, with messages that name what was wrong: mongosh's
/// `Invalid processor name: …` and `Invalid pipeline`, each told what was expected and what was found.
enum StreamsArguments {
    /// The connection types of the Atlas Admin API (its `StreamsConnection` discriminator).
    static let connectionTypes = [
        "Kafka", "Cluster", "Sample", "Https", "AWSLambda", "S3", "AWSKinesisDataStreams", "SchemaRegistry",
        "AzureBlobStorage", "GCPPubSub",
    ]

    /// A processor name: a string that is not blank.
    static func processorName(_ value: JSValue, method: String) throws -> String {
        switch value {
        case .undefined:
            throw ShellError(.invalidProcessorName, "Invalid processor name: none given (\(method) takes it first)")
        case .string(let name) where name.allSatisfy(\.isWhitespace):
            throw ShellError(.invalidProcessorName, "Invalid processor name: '\(name)' (it must not be empty or blank)")
        case .string(let name):
            return name
        default:
            throw ShellError(
                .invalidProcessorName,
                "Invalid processor name: expected a string, got \(BSONBridge.describeType(value)) (\(method))")
        }
    }

    /// A pipeline: an array of stage documents (empty is allowed, as in mongosh 2.11).
    static func pipeline(_ value: JSValue, method: String) throws -> [BSONValue] {
        guard case .object(let array) = value, let stages = array.arrayElements else {
            let found = value.isUndefined ? "none given" : "got \(BSONBridge.describeType(value))"
            throw ShellError(.invalidArgument, "Invalid pipeline: expected an array of stages, \(found) (\(method))")
        }
        return try stages.enumerated().map {
            .document(try BSONBridge.document(from: $0.element, what: "Pipeline stage \($0.offset)"))
        }
    }

    /// Removes the boolean option `key` (a shell-only option, never sent) and says whether it was true.
    static func takeFlag(_ key: String, from options: inout BSONDocument, method: String) throws -> Bool {
        guard let value = options[key] else { return false }
        options[key] = nil
        guard case .bool(let flag) = value else {
            throw ShellError(.invalidArgument, "The \(key) option of \(method) must be true or false")
        }
        return flag
    }

    /// `options.dlq`, when given, names the Cluster connection, database and collection of the dead letter queue.
    static func checkDeadLetterQueue(_ options: BSONDocument, method: String) throws {
        guard let dlq = options["dlq"] else { return }
        guard case .document(let fields) = dlq,
            ["connectionName", "db", "coll"].allSatisfy({ key in
                if case .string(let text)? = fields[key] { return !text.isEmpty }
                return false
            })
        else {
            throw ShellError(
                .invalidArgument,
                "The dlq option of \(method) must be {connectionName, db, coll}, each a non-empty string")
        }
    }

    /// A connection or processor name given alone: `'name'` or `{name: 'name'}` (mongosh's `getProcessor`).
    static func name(_ value: JSValue, what: String, method: String) throws -> String {
        var name = value
        if case .object(let object) = value, object.arrayElements == nil, object.host == nil {
            name = object.get("name") ?? .undefined
        }
        let code: ShellErrorCode = what == "processor" ? .invalidProcessorName : .invalidArgument
        switch name {
        case .string(let text) where !text.allSatisfy(\.isWhitespace):
            return text
        case .string(let text):
            throw ShellError(code, "Invalid \(what) name: '\(text)' (it must not be empty or blank)")
        case .undefined:
            throw ShellError(code, "Invalid \(what) name: none given (\(method))")
        default:
            throw ShellError(
                code, "Invalid \(what) name: expected a string, got \(BSONBridge.describeType(name)) (\(method))")
        }
    }

    /// The settings of a new connection: `{name, type, …}` with the fields its type needs.
    static func connection(_ value: JSValue, method: String) throws -> BSONDocument {
        guard case .object(let object) = value, object.arrayElements == nil, object.host == nil, !object.isCallable
        else {
            throw ShellError(
                .invalidArgument,
                "\(method) takes the connection as an object {name, type, …}, got \(BSONBridge.describeType(value))")
        }
        let connection = try BSONBridge.document(from: value, what: "The connection")
        guard case .string(let name)? = connection["name"], !name.allSatisfy(\.isWhitespace) else {
            throw ShellError(.invalidArgument, "The connection needs a name: a non-empty string (\(method))")
        }
        guard case .string(let type)? = connection["type"] else {
            throw ShellError(
                .invalidArgument,
                "The connection '\(name)' needs a type: one of " + connectionTypes.joined(separator: ", "))
        }
        guard connectionTypes.contains(type) else {
            let hint = NameSuggestion.nearest(to: type, in: connectionTypes).map { "; did you mean '\($0)'?" } ?? ""
            throw ShellError(.invalidArgument, "Unknown connection type '\(type)'\(hint)")
        }
        let required: [String: (field: String, example: String)] = [
            "Kafka": ("bootstrapServers", "'broker1:9092,broker2:9092'"),
            "Cluster": ("clusterName", "'Cluster0'"),
            "Https": ("url", "'https://example.com/hook'"),
        ]
        if let (field, example) = required[type] {
            guard case .string(let text)? = connection[field], !text.isEmpty else {
                throw ShellError(
                    .invalidArgument, "A \(type) connection needs \(field), a string such as \(example) ('\(name)')")
            }
        }
        return connection
    }
}
