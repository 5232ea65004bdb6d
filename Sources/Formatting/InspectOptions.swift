/// How `Inspector` lays values out: the subset of Node's `util.inspect` options that mongosh sets.
///
/// Pure value type; safe to share across tasks.
package struct InspectOptions: Sendable {
    /// Nesting past this depth prints as `[Object]` / `[Array]`; nil means unlimited.
    package var depth: Int?
    /// Node's numeric `compact` mode (entries of the innermost `compact` levels may share a line);
    /// nil is `compact: false`, one property or element per line.
    package var compact: Int?
    /// The width that single-line objects and grouped arrays must fit in.
    package var breakLength: Int
    /// Elements shown before `... N more items`; nil means all.
    package var maxArrayLength: Int?
    /// Characters (UTF-16 units) shown before `... N more characters`; nil means all.
    package var maxStringLength: Int?
    /// Whether to wrap values in ANSI colors as Node's `stylizeWithColor` does.
    package var colors: Bool

    /// Makes options; the defaults are mongosh's shell settings.
    package init(
        depth: Int? = 6, compact: Int? = 3, breakLength: Int = 80, maxArrayLength: Int? = 100,
        maxStringLength: Int? = 10000, colors: Bool = false
    ) {
        self.depth = depth
        self.compact = compact
        self.breakLength = breakLength
        self.maxArrayLength = maxArrayLength
        self.maxStringLength = maxStringLength
        self.colors = colors
    }

    /// mongosh's defaults for values a script built: depth 6, compact 3, 100 items, 10000 characters.
    package static let shell = InspectOptions()

    /// mongosh's options for documents from the server and cursor batches: no depth, item or length limit.
    package static let serverDocument = InspectOptions(depth: nil, maxArrayLength: nil, maxStringLength: nil)

    /// `printjson`'s layout: `compact: false` with no limits.
    package static let printjson = InspectOptions(
        depth: nil, compact: nil, maxArrayLength: nil, maxStringLength: nil)

    /// A copy with colors switched on or off.
    package func withColors(_ colors: Bool) -> InspectOptions {
        var copy = self
        copy.colors = colors
        return copy
    }
}
