/// A position in script text: 1-based line and column (in Unicode scalars) and a 0-based UTF-8 byte offset.
package struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line number.
    package var line: Int
    /// The 1-based column, counted in Unicode scalars.
    package var column: Int
    /// The 0-based UTF-8 byte offset from the start of the source.
    package var offset: Int

    /// Creates a location from its line, column and byte offset.
    package init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// `line:column`, as diagnostics print it.
    package var description: String { "\(line):\(column)" }
}

/// A half-open span of script text, from `start` up to (not including) `end`.
package struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    /// The first position in the span.
    package var start: SourceLocation
    /// The position just after the span.
    package var end: SourceLocation

    /// Creates a range from its two ends.
    package init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// A range that starts where `self` starts and ends where `other` ends.
    package func extended(to other: SourceRange) -> SourceRange {
        SourceRange(start: start, end: other.end)
    }

    /// An empty range at the start of the source, for values that come from no script text.
    package static let zero = SourceRange(
        start: SourceLocation(line: 1, column: 1, offset: 0), end: SourceLocation(line: 1, column: 1, offset: 0))

    /// `line:column`, the start of the range.
    package var description: String { start.description }
}
