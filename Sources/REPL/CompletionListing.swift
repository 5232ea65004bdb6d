import Foundation

/// How Tab lists several candidates: in columns as wide as the longest one plus two spaces, filled row by row
/// and as many as fit the terminal, as Node's readline (and so mongosh) lays them out.
package enum CompletionListing {
    /// The listing's lines for a terminal `width` columns wide (at least one column).
    package static func lines(_ candidates: [String], width: Int) -> [String] {
        guard let longest = candidates.map(\.count).max() else { return [] }
        let columnWidth = longest + 2
        let columns = max(1, width / columnWidth)
        return stride(from: 0, to: candidates.count, by: columns).map { start in
            let row = candidates[start..<min(start + columns, candidates.count)]
            return row.enumerated().map { index, candidate in
                index == row.count - 1
                    ? candidate : candidate.padding(toLength: columnWidth, withPad: " ", startingAt: 0)
            }.joined()
        }
    }

    /// The terminal's width in columns (80 when it cannot be asked).
    static func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
