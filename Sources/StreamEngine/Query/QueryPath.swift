import BSONCore

/// A dotted path in a query filter (`a.b.0.c`), split once, walked with the server's query traversal rules
/// (§11.1, query semantics), which differ from expression field paths:
///
/// - Through an array that is not at the end of the path, each element that is a document continues the path;
///   elements that are not documents are skipped.
/// - A numeric part (`0`, `12`) also selects that array element by position; an indexed array continues with
///   its own elements.
/// - At the end of the path an array yields each element, then the whole array (unless the operator works on
///   whole arrays, as `$size` and `$elemMatch` do).
/// - A missing field yields one *missing* value (`nil`), so `{a: null}` can match it; an array that gives nothing
///   for the rest of the path yields nothing.
struct QueryPath: Sendable {
    /// The path's parts.
    let components: [String]
    /// For each part, its value as an array position when it is written as one (digits without a leading zero).
    let indexes: [Int?]

    /// Splits `dotted`; an empty path (the `$elemMatch` value form) has no parts.
    init(_ dotted: String) {
        components =
            dotted.isEmpty ? [] : dotted.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        indexes = components.map(Self.arrayIndex)
    }

    /// The path as written.
    var dotted: String { components.joined(separator: ".") }

    /// Whether some value reached by this path in `document` satisfies `body`; stops at the first that does.
    /// `expandLeafArrays` is false for operators that look at a whole array (`$size`, `$elemMatch`).
    func anyValue(
        in document: BSONDocument, expandLeafArrays: Bool,
        _ body: (BSONValue?) throws(ExpressionError) -> Bool
    ) throws(ExpressionError) -> Bool {
        guard !components.isEmpty else { return try body(.document(document)) }
        return try walk(document, from: 0, expandLeafArrays, body)
    }

    /// Walks `document` from part `start`: plain documents are followed part by part, up to the first array.
    private func walk(
        _ document: BSONDocument, from start: Int, _ expand: Bool,
        _ body: (BSONValue?) throws(ExpressionError) -> Bool
    ) throws(ExpressionError) -> Bool {
        var current = document
        var position = start
        while true {
            guard let value = current[components[position]] else { return try body(nil) }
            let isLast = position == components.count - 1
            switch value {
            case .document(let next) where !isLast:
                current = next
                position += 1
            case .array(let elements):
                return try walkArray(elements, rest: position + 1, expand, body)
            default:
                // A scalar in the middle of the path: nothing there, which is *missing*.
                return try body(isLast ? value : nil)
            }
        }
    }

    /// Walks an array reached at part `rest - 1`, with parts from `rest` still to go (none: a leaf array).
    private func walkArray(
        _ elements: [BSONValue], rest: Int, _ expand: Bool,
        _ body: (BSONValue?) throws(ExpressionError) -> Bool
    ) throws(ExpressionError) -> Bool {
        if rest == components.count {
            guard expand else { return try body(.array(elements)) }
            for element in elements where try body(element) { return true }
            return try body(.array(elements))
        }
        let index = indexes[rest]
        for (offset, element) in elements.enumerated() {
            if case .document(let subdocument) = element {
                if try walk(subdocument, from: rest, expand, body) { return true }
            }
            guard let index, index == offset else { continue }
            // The part is this element's position: the element itself, not expanded when the path ends here.
            if rest + 1 == components.count {
                if try body(element) { return true }
                continue
            }
            switch element {
            case .document(let subdocument):
                if try walk(subdocument, from: rest + 1, expand, body) { return true }
            case .array(let nested):
                if try walkArray(nested, rest: rest + 1, expand, body) { return true }
            default:
                continue
            }
        }
        return false
    }

    /// `"0"`, `"12"` → 0, 12; anything else (including `"01"`) is not a position.
    private static func arrayIndex(_ part: String) -> Int? {
        guard !part.isEmpty, part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if part.utf8.count > 1 && part.utf8.first == 0x30 { return nil }
        return Int(part)
    }
}
