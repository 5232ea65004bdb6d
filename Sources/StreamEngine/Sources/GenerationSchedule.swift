/// When a generated sample stream's documents are due: `rate` documents per second from the first pull,
/// evenly spaced, so a generator driven by a `ManualClock` yields an exact, reproducible number of documents.
struct GenerationSchedule: Sendable {
    /// Documents per second (at least 1).
    let rate: Int
    private var start: Int64?
    private var emitted: Int64 = 0

    /// A schedule of `rate` documents per second.
    init(rate: Int) { self.rate = max(1, rate) }

    /// The ingest times of the documents due by `now` that were not yet produced, at most `limit` of them.
    /// The first document is due at the first call; document `i` at `start + i × 1000 / rate` ms.
    mutating func due(now: Int64, limit: Int) -> [Int64] {
        let origin = start ?? now
        start = origin
        guard now >= origin else { return [] }
        let total = (now - origin) * Int64(rate) / 1000 + 1
        let count = min(Int64(max(0, limit)), total - emitted)
        guard count > 0 else { return [] }
        let times = (emitted..<emitted + count).map { origin + $0 * 1000 / Int64(rate) }
        emitted += count
        return times
    }
}
