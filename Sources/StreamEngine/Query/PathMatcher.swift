import BSONCore

/// One field condition (`{"a.b": {$gt: 5}}`): a dotted path, split once, and the predicate its values are
/// tested with, walked with the server's query traversal rules (§11.1, query semantics), which differ from
/// expression field paths:
///
/// - Through an array that is not at the end of the path, each element that is a document continues the path;
///   elements that are not documents are skipped.
/// - A numeric part (`0`, `12`) also selects that array element by position; an indexed array continues with
///   its own elements.
/// - At the end of the path an array yields each element, then the whole array (unless the operator works on
///   whole arrays, as `$size` and `$elemMatch` do).
/// - A missing field yields one *missing* value (`nil`), so `{a: null}` can match it; an array that gives nothing
///   for the rest of the path yields nothing.
///
/// A class, so the matcher tree holds one reference per condition and evaluation copies nothing.
final class PathMatcher: Sendable {
    /// One part of the path.
    struct Part: Sendable {
        /// The field name.
        let name: String
        /// The part as an array position, when it is written as one (digits without a leading zero).
        let index: Int?
    }

    /// The path's parts (at least one).
    let parts: [Part]
    /// The test for each value reached.
    let predicate: ElementPredicate
    /// Whether an array at the end of the path is also looked inside (false for whole-array operators).
    let expandLeafArrays: Bool

    /// A condition on `dotted` (a non-empty path).
    init(_ dotted: String, _ predicate: ElementPredicate) {
        parts = dotted.split(separator: ".", omittingEmptySubsequences: false).map {
            Part(name: String($0), index: Self.arrayIndex($0))
        }
        self.predicate = predicate
        expandLeafArrays = predicate.expandsLeafArrays
    }

    /// Whether some value reached by the path in `document` satisfies the predicate; stops at the first.
    func matches(_ document: BSONDocument, _ context: inout EvaluationContext) throws(ExpressionError) -> Bool {
        let value = document.queryField(parts[0].name)
        if parts.count == 1 {
            if case .array(let elements)? = value { return try leafArray(elements, &context) }
            return try predicate.matches(value, &context)
        }
        return try step(value, at: 0, &context)
    }

    /// Continues from `value`, the value of part `position` (not the last part).
    private func step(_ value: BSONValue?, at position: Int, _ context: inout EvaluationContext)
        throws(ExpressionError) -> Bool
    {
        switch value {
        case .document(let next)?:
            return try walk(next, from: position + 1, &context)
        case .array(let elements)?:
            return try walkArray(elements, rest: position + 1, &context)
        default:
            // Missing, or a scalar in the middle of the path: nothing there, which is *missing*.
            return try predicate.matches(nil, &context)
        }
    }

    /// Walks `document` from part `position`.
    private func walk(_ document: BSONDocument, from position: Int, _ context: inout EvaluationContext)
        throws(ExpressionError) -> Bool
    {
        let value = document.queryField(parts[position].name)
        if position == parts.count - 1 {
            if case .array(let elements)? = value { return try leafArray(elements, &context) }
            return try predicate.matches(value, &context)
        }
        return try step(value, at: position, &context)
    }

    /// An array at the end of the path: its elements, then itself.
    private func leafArray(_ elements: [BSONValue], _ context: inout EvaluationContext) throws(ExpressionError) -> Bool
    {
        if expandLeafArrays {
            for element in elements where try predicate.matches(element, &context) { return true }
        }
        return try predicate.matches(.array(elements), &context)
    }

    /// Walks an array reached at part `rest - 1`, with parts from `rest` still to go (none: a leaf array).
    private func walkArray(_ elements: [BSONValue], rest: Int, _ context: inout EvaluationContext)
        throws(ExpressionError) -> Bool
    {
        if rest == parts.count { return try leafArray(elements, &context) }
        let index = parts[rest].index
        for (offset, element) in elements.enumerated() {
            if case .document(let subdocument) = element {
                if try walk(subdocument, from: rest, &context) { return true }
            }
            guard let index, index == offset else { continue }
            // The part is this element's position: the element itself, not expanded when the path ends here.
            if rest + 1 == parts.count {
                if try predicate.matches(element, &context) { return true }
                continue
            }
            switch element {
            case .document(let subdocument):
                if try walk(subdocument, from: rest + 1, &context) { return true }
            case .array(let nested):
                if try walkArray(nested, rest: rest + 1, &context) { return true }
            default:
                continue
            }
        }
        return false
    }

    /// `"0"`, `"12"` → 0, 12; anything else (including `"01"`) is not a position.
    private static func arrayIndex(_ part: Substring) -> Int? {
        guard !part.isEmpty, part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if part.utf8.count > 1 && part.utf8.first == 0x30 { return nil }
        return Int(part)
    }
}

extension BSONDocument {
    /// The first field named `name`: the subscript's answer, specialized here so the hot path copies no element
    /// it does not return.
    @inline(__always)
    func queryField(_ name: String) -> BSONValue? {
        let elements = self.elements
        for index in elements.indices where elements[index].key == name { return elements[index].value }
        return nil
    }
}
