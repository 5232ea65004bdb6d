import BSONCore

/// §2.3's "depends on `_stream_meta`" analysis, done once at compile time: a stage depends on it when it reads
/// a path starting with `_stream_meta`, reads the whole document (`$$ROOT`), names `_stream_meta` as a field
/// (exclusion, `$unset`, `$set`, `$addFields`, a query), is a window whose inner pipeline has no `$group`, or is
/// `$https`.
enum StreamMetaDependency {
    /// Whether the stage `entry` depends on `_stream_meta`.
    static func dependsOnStreamMeta(_ entry: PipelineValidator.StageEntry) -> Bool {
        if entry.name == "$https" { return true }
        if entry.name == "$unset", mentionsStreamMeta(entry.spec) { return true }
        if PipelineValidator.windowStages.contains(entry.name), case .document(let spec) = entry.spec {
            if case .array(let stages) = spec["pipeline"] {
                let hasGroup = stages.contains { $0.documentValue?.elements.first?.key == "$group" }
                if !hasGroup { return true }
            } else {
                return true  // no inner pipeline: documents pass through the window unchanged
            }
        }
        return reads(entry.spec)
    }

    private static func reads(_ value: BSONValue) -> Bool {
        switch value {
        case .string(let text):
            return isStreamMetaPath(text, prefix: "$_stream_meta") || isStreamMetaPath(text, prefix: "$$ROOT")
        case .document(let document):
            return document.elements.contains { isStreamMetaPath($0.key, prefix: "_stream_meta") || reads($0.value) }
        case .array(let values):
            return values.contains(where: reads)
        default:
            return false
        }
    }

    /// `$unset: "_stream_meta"` or a list naming it (or a path below it).
    private static func mentionsStreamMeta(_ value: BSONValue) -> Bool {
        switch value {
        case .string(let text): return isStreamMetaPath(text, prefix: "_stream_meta")
        case .array(let values): return values.contains(where: mentionsStreamMeta)
        default: return false
        }
    }

    /// Whether `text` is `prefix` or `prefix.something`.
    private static func isStreamMetaPath(_ text: String, prefix: String) -> Bool {
        guard text.hasPrefix(prefix) else { return false }
        return text.utf8.count == prefix.utf8.count || text.dropFirst(prefix.count).first == "."
    }
}
