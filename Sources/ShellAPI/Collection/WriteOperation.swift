import BSONCore
import Interpreter

/// One write as the server's `insert`, `update` or `delete` command takes it: a document to insert, or an
/// update or delete statement (`{q, u, multi, upsert …}`, `{q, limit …}`). Built from the collection methods'
/// arguments and from `bulkWrite` models, with the drivers' argument checks.
enum WriteOperation {
    case insert(BSONDocument)
    case update(BSONDocument)
    case delete(BSONDocument)

    /// The command that carries it and the command's array field.
    enum Kind: Int, CaseIterable {
        case insert, update, delete

        var command: String { ["insert", "update", "delete"][rawValue] }
        var arrayField: String { ["documents", "updates", "deletes"][rawValue] }
    }

    var kind: Kind {
        switch self {
        case .insert: .insert
        case .update: .update
        case .delete: .delete
        }
    }

    /// The array element sent to the server.
    var element: BSONDocument {
        switch self {
        case .insert(let document), .update(let document), .delete(let document): document
        }
    }

    /// Per-statement options the server takes, as named in the shell and in the statement.
    private static let updateOptions = ["upsert", "arrayFilters", "collation", "hint"]
    private static let deleteOptions = ["collation", "hint"]

    /// An update statement: `update` must be an operator document or a pipeline (`updateOne`, `updateMany`).
    static func update(
        filter: BSONDocument, update: BSONValue, multi: Bool, options: BSONDocument
    ) throws -> WriteOperation {
        try checkUpdate(update)
        return .update(statement(filter: filter, change: update, multi: multi, options: options))
    }

    /// A replacement statement: `replacement` must be a document without `$` operators (`replaceOne`).
    static func replace(filter: BSONDocument, replacement: BSONValue, options: BSONDocument) throws -> WriteOperation {
        try checkReplacement(replacement)
        return .update(statement(filter: filter, change: replacement, multi: false, options: options))
    }

    /// A delete statement: one document (`limit: 1`) or all that match (`limit: 0`).
    static func delete(filter: BSONDocument, multi: Bool, options: BSONDocument) -> WriteOperation {
        var statement = BSONDocument([("q", .document(filter)), ("limit", .int32(multi ? 0 : 1))])
        for name in deleteOptions { if let value = options[name] { statement[name] = value } }
        return .delete(statement)
    }

    private static func statement(
        filter: BSONDocument, change: BSONValue, multi: Bool, options: BSONDocument
    ) -> BSONDocument {
        var statement = BSONDocument([("q", .document(filter)), ("u", change), ("multi", .bool(multi))])
        for name in updateOptions { if let value = options[name] { statement[name] = value } }
        return statement
    }

    /// The drivers' rule: an update is a document whose first key is a `$` operator, or a pipeline with such a
    /// stage.
    static func checkUpdate(_ update: BSONValue) throws {
        guard hasAtomicOperators(update) else { throw WriteArgumentError.updateNeedsOperators }
    }

    /// The drivers' rule: a replacement is a document whose first key is not a `$` operator.
    static func checkReplacement(_ replacement: BSONValue) throws {
        guard case .document = replacement else {
            throw ShellError(.invalidArgument, "The replacement must be a document")
        }
        if hasAtomicOperators(replacement) { throw WriteArgumentError.replacementHasOperators }
    }

    private static func hasAtomicOperators(_ value: BSONValue) -> Bool {
        switch value {
        case .document(let document): document.keys.first?.hasPrefix("$") ?? false
        case .array(let stages): stages.contains(where: hasAtomicOperators)
        default: false
        }
    }
}
