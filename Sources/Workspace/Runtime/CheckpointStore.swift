import BSONCore
import Foundation
import StreamEngine

/// One processor's checkpoint (§8): where its source was, the executor's state (windows, watermark, stats) and
/// the stats on their own, so a stopped processor still shows its counts.
package struct Checkpoint: Sendable, Equatable {
    /// `StreamSource.position` after the last batch that reached the sink; `nil` if the source does not checkpoint.
    package var sourcePosition: BSONValue?
    /// `PipelineExecutor.checkpoint()`.
    package var engine: BSONDocument
    /// The executor's counters at that moment (§7.3: cumulative across stop and start).
    package var stats: EngineStats

    /// The stored form.
    package var document: BSONDocument {
        var result: BSONDocument = ["engine": .document(engine), "stats": .document(stats.document)]
        if let sourcePosition { result.append("sourcePosition", sourcePosition) }
        return result
    }

    /// Reads the stored form back.
    package init(document: BSONDocument) throws {
        guard case .document(let engine) = document["engine"], case .document(let stats) = document["stats"] else {
            throw StateError(message: "A checkpoint needs 'engine' and 'stats' documents")
        }
        self.engine = engine
        sourcePosition = document["sourcePosition"]
        self.stats = EngineStats(document: stats)
    }

    /// A checkpoint from its parts.
    package init(sourcePosition: BSONValue?, engine: BSONDocument, stats: EngineStats) {
        self.sourcePosition = sourcePosition
        self.engine = engine
        self.stats = stats
    }
}

/// The checkpoints of `spsh serve`: `<state dir>/checkpoints/<percent-encoded workspace>/<processor id>.bson`,
/// one BSON document each, written atomically (temp file, fsync, rename) so a `kill -9` leaves the previous or
/// the new checkpoint. Keyed by the processor's id, which survives a rename.
///
/// Thread-safe: each processor's file is written by its one runner at a time; the folder creation is idempotent.
package struct CheckpointStore: Sendable {
    /// `<state dir>/checkpoints`.
    package let url: URL

    /// The checkpoints under `url` (`<state dir>/checkpoints`).
    package init(url: URL) { self.url = url }

    /// The file of one processor.
    package func fileURL(workspace: String, processorId: String) -> URL {
        url.appendingPathComponent(PathSegment.encode(workspace), isDirectory: true)
            .appendingPathComponent(PathSegment.encode(processorId) + ".bson")
    }

    /// The saved checkpoint, or nil when there is none (first run, dropped, reset).
    package func load(workspace: String, processorId: String) throws -> Checkpoint? {
        let file = fileURL(workspace: workspace, processorId: processorId)
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        do {
            return try Checkpoint(document: try BSONDocument(bytes: [UInt8](data)))
        } catch {
            throw StateError(message: "Checkpoint '\(file.path)' cannot be read: \(error)")
        }
    }

    /// Replaces the saved checkpoint atomically.
    package func save(_ checkpoint: Checkpoint, workspace: String, processorId: String) throws {
        let file = fileURL(workspace: workspace, processorId: processorId)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try StateDirectory.writeAtomically(Data(checkpoint.document.encoded()), to: file)
    }

    /// Forgets the checkpoint (drop, or `resumeFromCheckpoint: false`).
    package func remove(workspace: String, processorId: String) {
        let file = fileURL(workspace: workspace, processorId: processorId)
        guard (try? FileManager.default.removeItem(at: file)) != nil else { return }
        StateDirectory.syncFolder(file.deletingLastPathComponent())
    }

    /// Removes temp files a killed server left half-written.
    package func prepare() {
        let manager = FileManager.default
        guard let folders = try? manager.contentsOfDirectory(atPath: url.path) else { return }
        for folder in folders {
            let path = url.appendingPathComponent(folder)
            for name in (try? manager.contentsOfDirectory(atPath: path.path)) ?? [] where name.contains(".tmp-") {
                try? manager.removeItem(at: path.appendingPathComponent(name))
            }
        }
    }
}
