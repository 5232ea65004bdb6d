import BSONCore

/// Sends write operations to one collection as `insert`, `update` and `delete` commands, batched as the drivers
/// batch them, and adds up the replies: the one path for every write method but the `findOneAnd…` family.
///
/// Ordered writes go in runs of consecutive operations of one kind and stop at the first failing command;
/// unordered writes are grouped by kind and all run, the first error thrown at the end. A command holds at most
/// 100,000 operations and about 16 MB, the server's limits.
struct WriteBatch {
    let collection: CollectionHandle
    var ordered = true
    /// Command fields added to every command: `writeConcern`, `let`, `bypassDocumentValidation`, `comment`.
    var commandOptions = BSONDocument()
    /// Write errors throw `MongoBulkWriteError` (insertMany, bulkWrite) rather than `MongoServerError`.
    var isBulkWrite = false

    static let maxOperations = 100_000
    static let maxBytes = 16 * 1024 * 1024 - 16 * 1024

    /// The command fields of the shell options that apply to whole commands.
    static let commandOptionNames = ["writeConcern", "let", "bypassDocumentValidation", "comment"]

    init(collection: CollectionHandle, options: BSONDocument, isBulkWrite: Bool) {
        self.collection = collection
        self.isBulkWrite = isBulkWrite
        if case .bool(let ordered)? = options["ordered"] { self.ordered = ordered }
        for name in Self.commandOptionNames { if let value = options[name] { commandOptions[name] = value } }
    }

    /// Whether the server acknowledges the writes: false for `writeConcern: {w: 0}`.
    var acknowledged: Bool {
        guard case .document(let concern)? = commandOptions["writeConcern"], let w = concern["w"] else { return true }
        return !(w.isNumber && w.doubleValue == 0)
    }

    /// Runs `operations` and returns what they did.
    func run(_ operations: [WriteOperation]) throws -> WriteTally {
        let runner = try collection.shell.requireConnection()
        var tally = WriteTally()
        var firstError: (any Error)?
        for batch in batches(operations) {
            var command = BSONDocument([
                (batch.kind.command, .string(collection.name)),
                (batch.kind.arrayField, .array(batch.indices.map { .document(operations[$0].element) })),
                ("ordered", .bool(ordered)),
            ])
            for (key, value) in commandOptions.elements { command[key] = value }
            do {
                let reply = try runner.runWriteCommand(
                    command, database: collection.database.name, isBulkWrite: isBulkWrite)
                tally.add(reply, kind: batch.kind, indices: batch.indices)
            } catch {
                if ordered { throw error }
                firstError = firstError ?? error
            }
        }
        if let firstError { throw firstError }
        return tally
    }

    /// The commands to send: a kind and the indices of its operations.
    private func batches(_ operations: [WriteOperation]) -> [(kind: WriteOperation.Kind, indices: [Int])] {
        let runs: [(kind: WriteOperation.Kind, indices: [Int])]
        if ordered {
            var ordered: [(kind: WriteOperation.Kind, indices: [Int])] = []
            for (index, operation) in operations.enumerated() {
                if ordered.last?.kind == operation.kind {
                    ordered[ordered.count - 1].indices.append(index)
                } else {
                    ordered.append((operation.kind, [index]))
                }
            }
            runs = ordered
        } else {
            runs = WriteOperation.Kind.allCases.map { kind in
                (kind, operations.indices.filter { operations[$0].kind == kind })
            }.filter { !$0.indices.isEmpty }
        }
        return runs.flatMap { run in split(run.indices, operations).map { (run.kind, $0) } }
    }

    /// Splits a run so that no command passes the server's operation count and size limits.
    private func split(_ indices: [Int], _ operations: [WriteOperation]) -> [[Int]] {
        var pieces: [[Int]] = [[]]
        var bytes = 0
        for index in indices {
            let size = operations[index].element.encoded().count
            if !pieces[pieces.count - 1].isEmpty,
                pieces[pieces.count - 1].count == Self.maxOperations || bytes + size > Self.maxBytes
            {
                pieces.append([])
                bytes = 0
            }
            pieces[pieces.count - 1].append(index)
            bytes += size
        }
        return pieces
    }
}

/// What a series of write commands did, added up from their replies (`n`, `nModified`, `upserted`).
struct WriteTally {
    var inserted = 0
    var matched = 0
    var modified = 0
    var deleted = 0
    /// The upserted `_id`s by the index of their operation.
    var upserted: [(index: Int, id: BSONValue)] = []

    mutating func add(_ reply: BSONDocument, kind: WriteOperation.Kind, indices: [Int]) {
        let n = Int(reply["n"]?.int64Value ?? 0)
        switch kind {
        case .insert:
            inserted += n
        case .update:
            var upsertedHere = 0
            for case .document(let entry) in reply["upserted"]?.arrayValue ?? [] {
                guard let position = entry["index"]?.int64Value, Int(position) < indices.count, let id = entry["_id"]
                else { continue }
                upserted.append((indices[Int(position)], id))
                upsertedHere += 1
            }
            matched += n - upsertedHere
            modified += Int(reply["nModified"]?.int64Value ?? 0)
        case .delete:
            deleted += n
        }
    }
}
