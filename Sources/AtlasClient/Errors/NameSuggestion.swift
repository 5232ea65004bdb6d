/// Finds the known name nearest to an unknown one, for "did you mean" hints (STYLE.md §3). Pure; usable by any
/// caller that has a list of names (the client on a 404, the shell from its cached list).
package enum NameSuggestion {
    /// The name in `candidates` closest to `name` by edit distance (case-insensitive), if it is close enough to be
    /// a likely typo: at most a third of the longer name's length, and at least 1 and at most 4 edits. Ties go to
    /// the earlier candidate; an exact match is not a suggestion.
    package static func nearest(to name: String, in candidates: [String]) -> String? {
        let target = Array(name.lowercased())
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let distance = editDistance(target, Array(candidate.lowercased()))
            let limit = min(4, max(1, max(target.count, candidate.count) / 3))
            guard distance <= limit else { continue }
            if best == nil || distance < best?.distance ?? Int.max { best = (candidate, distance) }
        }
        return best?.name
    }

    /// Levenshtein distance (insertions, deletions, substitutions) between two character arrays.
    package static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
