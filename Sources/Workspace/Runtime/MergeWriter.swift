import BSONCore
import MongoBridge
import StreamEngine

/// The `$merge` sink (§5.1): writes output documents into MongoDB with `update` commands of upsert statements,
/// as ASP's MergeOperator does.
///
/// Documents are grouped by target namespace (in first-appearance order, keeping their order within each), and
/// sent in unordered commands of at most `maxStatements` statements (and about 8 MB). A document whose statement
/// fails (a duplicate key, a change to `_id`) comes back as a DLQ draft with the server's code and message while
/// the rest of the batch is written; one that cannot be turned into a statement (a missing `on` field, over
/// 16 MB) too. Transient failures are retried (`WriteRetry`); anything else that is not about one document
/// (authentication, a server that stays down) throws, so the processor goes FAILED. Writes are synchronous, so
/// `flush()` has nothing left to do. Missing databases and collections are created by the upserts.
///
/// Not thread-safe: one run writes through it from one task.
package final class MergeWriter: OutputSink {
    private let client: MongoClient
    private let statements: MergeStatements
    private let retry: WriteRetry
    private let maxStatements: Int
    /// Namespaces whose unique index for the `on` fields was found (only checked when `on` is not `_id`).
    private var verifiedNamespaces: Set<Namespace> = []

    /// The largest document the server stores (`BSONObjMaxUserSize`); a command may exceed it by 16 KB.
    private static let maxDocumentBytes = 16 * 1024 * 1024
    /// Where a command is cut, well below the server's 48 MB message limit.
    private static let maxCommandBytes = 8 * 1024 * 1024

    /// A writer for `spec` through `client`; a `let` variable that does not compile is a 420 error.
    package init(
        spec: MergeSpec, client: MongoClient, retry: WriteRetry = WriteRetry(), maxStatements: Int = 1000
    ) throws(StreamEngineError) {
        self.client = client
        self.statements = try MergeStatements(spec)
        self.retry = retry
        self.maxStatements = max(1, maxStatements)
    }

    /// Writes `documents`; see the type's description.
    package func write(_ documents: [OutputDocument]) throws -> [DeadLetterDraft] {
        var drafts: [DeadLetterDraft] = []
        var order: [Namespace] = []
        var groups: [Namespace: [Int]] = [:]
        for (index, output) in documents.enumerated() {
            guard let namespace = output.namespace else {
                drafts.append(
                    Self.draft(
                        output,
                        "Failed to evaluate target namespace in MergeOperator with error: the document has no target "
                            + "namespace"))
                continue
            }
            let key = Namespace(db: namespace.db, coll: namespace.coll)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(index)
        }
        for namespace in order {
            drafts += try write(groups[namespace] ?? [], of: documents, into: namespace)
        }
        return drafts
    }

    /// Nothing to do: every `write` has reached the server when it returns.
    package func flush() throws {}

    // MARK: One namespace

    private func write(_ indices: [Int], of documents: [OutputDocument], into namespace: Namespace) throws
        -> [DeadLetterDraft]
    {
        if statements.needsUniqueIndex, !verifiedNamespaces.contains(namespace) {
            if let reason = try missingUniqueIndexReason(namespace) {
                return indices.map { Self.draft(documents[$0], reason) }
            }
            verifiedNamespaces.insert(namespace)
        }
        var drafts: [DeadLetterDraft] = []
        var batch: [BSONValue] = []
        var owners: [Int] = []  // batch statement → index into `documents`
        var batchBytes = 0
        for index in indices {
            let output = documents[index]
            let made: [BSONDocument]
            do { made = try statements.statements(for: output) } catch {
                drafts.append(Self.draft(output, error.reason))
                continue
            }
            // A `whenMatched` pipeline carries the document twice (its `$$new` and the insert), and one command
            // must stay under the server's 16 MB: past that the document goes to the DLQ, not the processor.
            let size = output.document.estimatedSize
            let bytes = size * made.count
            if bytes > Self.maxDocumentBytes {
                drafts.append(
                    Self.draft(
                        output,
                        "Failed to process input document in MergeOperator with error: code = InternalError, "
                            + "reason = Output document is too large (\(size / 1024)KB)"))
                continue
            }
            if !batch.isEmpty, batch.count + made.count > maxStatements || batchBytes + bytes > Self.maxCommandBytes {
                drafts += try send(batch, owners: owners, documents: documents, namespace: namespace)
                batch = []
                owners = []
                batchBytes = 0
            }
            batch += made.map(BSONValue.document)
            owners += Array(repeating: index, count: made.count)
            batchBytes += bytes
        }
        if !batch.isEmpty {
            drafts += try send(batch, owners: owners, documents: documents, namespace: namespace)
        }
        return drafts
    }

    /// Sends one `update` command; each write error becomes a draft for the document that owns the statement.
    private func send(
        _ batch: [BSONValue], owners: [Int], documents: [OutputDocument], namespace: Namespace
    ) throws -> [DeadLetterDraft] {
        let command = BSONDocument([
            ("update", .string(namespace.coll)), ("updates", .array(batch)), ("ordered", .bool(false)),
        ])
        let reply: BSONDocument
        do {
            reply = try retry.run { () throws(MongoError) in
                try client.runBulkWriteCommand(command, database: namespace.db)
            }
        } catch {
            throw StreamEngineError(
                code: error.code,
                message: "Error encountered in MergeOperator while writing to target db: \(namespace.db) and "
                    + "collection: \(namespace.coll): \(error.message)")
        }
        guard case .array(let writeErrors)? = reply["writeErrors"] else { return [] }
        var drafts: [DeadLetterDraft] = []
        var failed: Set<Int> = []
        for case .document(let writeError) in writeErrors {
            guard let statement = writeError["index"]?.int64Value, statement >= 0, Int(statement) < owners.count
            else { continue }
            let owner = owners[Int(statement)]
            guard failed.insert(owner).inserted else { continue }
            let code = Int(writeError["code"]?.int64Value ?? 0)
            let codeName = writeError["codeName"]?.stringValue ?? MongoError.codeName(for: code) ?? "Location\(code)"
            let message = writeError["errmsg"]?.stringValue ?? ""
            drafts.append(
                Self.draft(
                    documents[owner],
                    "Failed to process an input document in the current batch in MergeOperator with error: "
                        + "code = \(codeName), reason = \(message)"))
        }
        return drafts
    }

    /// The DLQ reason when `on` (other than `_id` alone) has no unique index in `namespace`, or `nil` when it has
    /// one: the server's `$merge` needs one to know a match is unique (§5.1).
    private func missingUniqueIndexReason(_ namespace: Namespace) throws -> String? {
        let indexes: [BSONDocument]
        do {
            indexes = try retry.run { () throws(MongoError) in
                try client.listIndexes(database: namespace.db, collection: namespace.coll)
            }
        } catch {
            throw StreamEngineError(
                code: error.code,
                message: "Error encountered in MergeOperator while reading the indexes of target db: "
                    + "\(namespace.db) and collection: \(namespace.coll): \(error.message)")
        }
        let wanted = Set(statements.onFields)
        for index in indexes {
            guard case .document(let key)? = index["key"] else { continue }
            let isUnique = index["unique"]?.boolValue ?? false || key.keys == ["_id"]
            if isUnique, index["partialFilterExpression"] == nil, Set(key.keys) == wanted, key.count == wanted.count {
                return nil
            }
        }
        return "Failed to process input document in MergeOperator with error: code = Location51183, "
            + "reason = Cannot find index to verify that join fields will be unique"
    }

    /// A DLQ draft for `output` written by this operator.
    private static func draft(_ output: OutputDocument, _ reason: String) -> DeadLetterDraft {
        var eventTime: Int64 = 0
        if case .datetime(let time)? = output.document["_ts"] { eventTime = time }
        return DeadLetterDraft(
            record: StreamRecord(document: output.document, eventTime: eventTime, metadata: output.metadata),
            operatorName: "MergeOperator", reason: reason)
    }
}

/// A target `(db, coll)`, hashable for grouping.
struct Namespace: Hashable {
    /// The database.
    var db: String
    /// The collection.
    var coll: String
}
