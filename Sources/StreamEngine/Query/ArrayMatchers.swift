import BSONCore

/// `$size`, `$elemMatch` (both forms) and `$all`.
enum ArrayMatchers {
    /// `$size`'s operand: a non-negative whole number that fits 32 bits.
    static func parseSize(_ operand: BSONValue) throws(ExpressionError) -> Int {
        let size: Int
        switch operand {
        case .int32(let number):
            size = Int(number)
        case .int64(let number):
            guard let small = Int32(exactly: number) else {
                throw ExpressionError(code: 2, "$size must be representable as a 32-bit integer")
            }
            size = Int(small)
        case .double(let number):
            guard let small = Int32(exactly: number) else {
                throw ExpressionError(code: 2, "$size must be a whole number")
            }
            size = Int(small)
        default:
            throw ExpressionError(code: 2, "$size needs a number")
        }
        guard size >= 0 else { throw ExpressionError(code: 2, "$size may not be negative") }
        return size
    }

    /// `$elemMatch` object form: `value` is an array with an element (a document, or an array read as a document
    /// with keys "0", "1", …) that matches `filter`.
    static func elemMatch(_ value: BSONValue?, _ filter: Matcher, _ context: inout EvaluationContext)
        throws(ExpressionError) -> Bool
    {
        guard case .array(let elements) = value else { return false }
        for element in elements {
            switch element {
            case .document(let document):
                if try filter.matches(document, &context) { return true }
            case .array(let nested):
                var document = BSONDocument()
                for (index, item) in nested.enumerated() { document.append(String(index), item) }
                if try filter.matches(document, &context) { return true }
            default:
                continue
            }
        }
        return false
    }
}

extension QueryParser {
    /// `$elemMatch: {…}`: the value form when the first key is a field operator (`{$gt: 1}`), else a filter on
    /// each element.
    mutating func parseElemMatch(_ operand: BSONValue) throws(ExpressionError) -> ElementPredicate {
        guard case .document(let body) = operand else { throw ExpressionError(code: 2, "$elemMatch needs an Object") }
        if Self.isOperatorDocument(body, allowIncompleteDBRef: true), let first = body.elements.first,
            !Self.pathlessOperators.contains(first.key)
        {
            return .elemMatchValue(try parseOperators(body, path: "", level: .nested))
        }
        return .elemMatchObject(try parse(body, level: .nested))
    }

    /// `$all: [v, …]`: every value is matched (equality or regex, each on its own walk of the path), or
    /// `$all: [{$elemMatch: …}, …]`: every `$elemMatch` holds. An empty list matches nothing.
    mutating func parseAll(_ operand: BSONValue) throws(ExpressionError) -> ValueTest {
        guard case .array(let elements) = operand else { throw ExpressionError(code: 2, "$all needs an array") }
        guard !elements.isEmpty else { return .alwaysFalse }
        var tests: [ValueTest] = []
        if case .document(let first) = elements[0], first.elements.first?.key == "$elemMatch" {
            for element in elements {
                guard case .document(let document) = element, let inner = document.elements.first,
                    inner.key == "$elemMatch"
                else { throw ExpressionError(code: 2, "$all/$elemMatch has to be consistent") }
                tests.append(.predicate(try parseElemMatch(inner.value)))
            }
            return .and(tests)
        }
        for element in elements {
            switch element {
            case .regex(let regex):
                tests.append(.predicate(.regex(try QueryRegex(pattern: regex.pattern, options: regex.options))))
            case .document(let document)
            where document.elements.first.map({ Self.fieldOperators.contains($0.key) }) == true:
                throw ExpressionError(code: 2, "no $ expressions in $all")
            default:
                tests.append(.predicate(try Self.comparison(.equal, element, path: "")))
            }
        }
        return tests.count == 1 ? tests[0] : .and(tests)
    }
}
