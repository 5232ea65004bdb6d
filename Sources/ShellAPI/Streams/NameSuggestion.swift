/// The nearest known name to a mistyped one, for "did you mean" hints (STYLE.md §3: for an unknown name,
/// suggest the nearest known one).
enum NameSuggestion {
    /// The known name closest to `name` by edit distance (case-insensitive), if it is close enough to be a
    /// plausible typo: at most a third of the longer name's length, and at least 2 edits are always allowed.
    static func nearest(to name: String, in known: [String]) -> String? {
        let target = Array(name.lowercased())
        var best: (name: String, distance: Int)?
        for candidate in known {
            let distance = editDistance(target, Array(candidate.lowercased()))
            if distance < best?.distance ?? Int.max { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let allowed = max(2, max(target.count, best.name.count) / 3)
        return best.distance <= allowed ? best.name : nil
    }

    /// `Stream processor 'kafak' does not exist in <target>; did you mean 'kafka'?`, or the names that do
    /// exist when none is close, or that there are none.
    static func unknownNameMessage(kind: String, name: String, known: [String], target: String) -> String {
        let head = "\(kind) '\(name)' does not exist in \(target)"
        if let nearest = nearest(to: name, in: known) { return head + "; did you mean '\(nearest)'?" }
        if known.isEmpty { return head + "; there are none yet" }
        let listed = known.sorted().prefix(5).map { "'\($0)'" }.joined(separator: ", ")
        return head + "; known: " + listed + (known.count > 5 ? ", …" : "")
    }

    /// Levenshtein distance: insertions, deletions and substitutions of one character each cost 1.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
