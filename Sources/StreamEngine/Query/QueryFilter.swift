import BSONCore

/// A compiled query filter (`$match`, `$validate`), with query semantics (§11.1): type bracketing, `{a: null}`
/// matching missing, arrays looked inside on dotted paths.
///
/// The filter is parsed once into a `Matcher` tree (paths split, regular expressions and `$expr` compiled);
/// `matches` walks the tree per document, stopping at the first answer it can give.
package struct QueryFilter: Sendable {
    /// Where the filter is used; it decides the rejection messages for `$text` and friends.
    package enum Stage: Sendable {
        /// A `$match` stage (§1 rule 8: no `$text`).
        case match
        /// A `$validate` stage's `validator` (§4.1: no `$near`, `$nearSphere`, `$text`, `$where`).
        case validate
    }

    /// The ASP message for `$text` in `$match` (§1 rule 8).
    package static let textInMatchMessage = "Cannot use $text in $match stage in Atlas Stream Processing."

    let root: Matcher

    /// Compiles `filter` for a `$match` stage; throws the server's message for an unknown operator or a bad
    /// argument, and `QueryFilter.textInMatchMessage` for `$text`.
    package init(_ filter: BSONDocument) throws(ExpressionError) {
        try self.init(filter, for: .match)
    }

    /// Compiles `filter` for `stage`.
    package init(_ filter: BSONDocument, for stage: Stage) throws(ExpressionError) {
        var parser = QueryParser(stage: stage)
        root = try parser.parse(filter, level: .top)
    }

    /// Whether `document` matches. Throws only when a `$expr` fails to evaluate.
    package func matches(_ document: BSONDocument, _ context: inout EvaluationContext) throws(ExpressionError) -> Bool {
        try root.matches(document, &context)
    }
}

/// One node of a compiled filter.
enum Matcher: Sendable {
    /// `{}`, `$comment`, `$alwaysTrue`.
    case alwaysTrue
    /// `$alwaysFalse`, `$all: []`.
    case alwaysFalse
    /// Every child matches (`$and`, and the fields of one filter document).
    case and([Matcher])
    /// Some child matches.
    case or([Matcher])
    /// No child matches.
    case nor([Matcher])
    /// The child does not match (`$not`, `$ne`, `$nin`, `$exists: false`).
    indirect case not(Matcher)
    /// Some value reached by the path satisfies the predicate.
    case path(PathMatcher)
    /// `$expr`: the expression's value is truthy (§11.2).
    case expr(Expression)
    /// `$jsonSchema`, applied to the whole document.
    case schema(JSONSchemaNode)

    /// Whether `document` matches this node.
    func matches(_ document: BSONDocument, _ context: inout EvaluationContext) throws(ExpressionError) -> Bool {
        switch self {
        case .alwaysTrue:
            return true
        case .alwaysFalse:
            return false
        case .and(let children):
            for child in children where !(try child.matches(document, &context)) { return false }
            return true
        case .or(let children):
            for child in children where try child.matches(document, &context) { return true }
            return false
        case .nor(let children):
            for child in children where try child.matches(document, &context) { return false }
            return true
        case .not(let child):
            return !(try child.matches(document, &context))
        case .path(let condition):
            return try condition.matches(document, &context)
        case .expr(let expression):
            return try Self.evaluateExpr(expression, document, &context)
        case .schema(let schema):
            return schema.matchesDocument(document)
        }
    }

    /// `$expr` sees the document being matched as `$$ROOT` and `$$CURRENT`.
    private static func evaluateExpr(
        _ expression: Expression, _ document: BSONDocument, _ context: inout EvaluationContext
    ) throws(ExpressionError) -> Bool {
        let savedRoot = context.root
        let savedCurrent = context.current
        context.root = document
        context.current = document
        defer {
            context.root = savedRoot
            context.current = savedCurrent
        }
        return try expression.evaluate(&context).isTruthy
    }
}

/// A test on one value reached by a path (`nil` = missing).
enum ElementPredicate: Sendable {
    /// `$eq $gt $gte $lt $lte` and plain equality.
    case compare(ComparisonOperator, BSONValue)
    /// `$in` (and, under `$not`, `$nin`).
    case inList(InList)
    /// `$regex` or a regular expression value.
    case regex(QueryRegex)
    /// `$exists: true`.
    case exists
    /// `$type`.
    case type(TypeSet)
    /// `$mod`.
    case mod(ModuloTest)
    /// `$size`: an array of exactly this many elements.
    case size(Int)
    /// `$elemMatch: {field conditions}`: some element, a document (or array), matches the filter.
    indirect case elemMatchObject(Matcher)
    /// `$elemMatch: {$op: …}`: some element satisfies every operator.
    indirect case elemMatchValue(ValueTest)

    /// Whether an array at the end of the path is also looked inside (false for whole-array operators).
    var expandsLeafArrays: Bool {
        switch self {
        case .size, .elemMatchObject, .elemMatchValue: false
        default: true
        }
    }

    /// Whether `value` satisfies the predicate.
    func matches(_ value: BSONValue?, _ context: inout EvaluationContext) throws(ExpressionError) -> Bool {
        switch self {
        case .compare(let op, let operand):
            return QueryComparison.matches(value, op, operand)
        case .inList(let list):
            return list.contains(value)
        case .regex(let regex):
            return regex.matches(value)
        case .exists:
            return value != nil
        case .type(let types):
            return types.contains(value)
        case .mod(let test):
            return test.matches(value)
        case .size(let count):
            guard case .array(let elements) = value else { return false }
            return elements.count == count
        case .elemMatchObject(let filter):
            return try ArrayMatchers.elemMatch(value, filter, &context)
        case .elemMatchValue(let test):
            guard case .array(let elements) = value else { return false }
            for element in elements where try test.matches(element, &context) { return true }
            return false
        }
    }
}

/// The operators of one field (`{$gt: 1, $lt: 5}`) as a tree of tests on a single value: how `$elemMatch`'s
/// value form applies them to each element, and what `Matcher.path` nodes are built from for a field.
enum ValueTest: Sendable {
    /// One operator.
    case predicate(ElementPredicate)
    /// Every test holds.
    case and([ValueTest])
    /// The test does not hold.
    indirect case not(ValueTest)
    /// Never holds (`$all: []`).
    case alwaysFalse

    /// Applies the tests to one value, without looking inside arrays.
    func matches(_ value: BSONValue?, _ context: inout EvaluationContext) throws(ExpressionError) -> Bool {
        switch self {
        case .predicate(let predicate):
            return try predicate.matches(value, &context)
        case .and(let tests):
            for test in tests where !(try test.matches(value, &context)) { return false }
            return true
        case .not(let test):
            return !(try test.matches(value, &context))
        case .alwaysFalse:
            return false
        }
    }

    /// The matcher for these tests on `path`: each operator walks the path on its own (so different array
    /// elements may satisfy `$gt` and `$lt`), and `$not` negates the whole walk.
    func matcher(on path: String) -> Matcher {
        switch self {
        case .predicate(let predicate): return .path(PathMatcher(path, predicate))
        case .and(let tests):
            return tests.count == 1 ? tests[0].matcher(on: path) : .and(tests.map { $0.matcher(on: path) })
        case .not(let test): return .not(test.matcher(on: path))
        case .alwaysFalse: return .alwaysFalse
        }
    }
}
