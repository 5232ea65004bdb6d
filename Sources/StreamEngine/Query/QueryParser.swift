import BSONCore

/// Parses a filter document into a `Matcher` tree, with the server's parse errors (BadValue is code 2).
///
/// The operator families parse in their own files (logical, array, evaluation, `$jsonSchema`); this file holds
/// the dispatch: top-level (pathless) operators, field conditions and each field operator.
struct QueryParser {
    /// Where the filter is being parsed.
    enum Level {
        /// The filter's own top level, or `$and`/`$or`/`$nor` inside it: `$expr` and `$text` are allowed.
        case top
        /// Inside `$elemMatch`: conditions apply to array elements.
        case nested
    }

    /// The stage the filter belongs to (decides the `$text`/`$where` messages).
    let stage: QueryFilter.Stage

    /// Pathless operators, valid as a filter key (`{$and: …}`); `$elemMatch` uses this list to choose its form.
    static let pathlessOperators: Set<String> = [
        "$and", "$or", "$nor", "$expr", "$jsonSchema", "$comment", "$text", "$where", "$alwaysTrue",
        "$alwaysFalse",
    ]

    /// Operators that apply to a field (`{a: {$gt: 1}}`), as the server lists them (geo and bit operators
    /// included, so `$all` rejects them as it should).
    static let fieldOperators: Set<String> = [
        "$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$not", "$exists", "$type", "$mod", "$regex",
        "$options", "$size", "$elemMatch", "$all", "$near", "$nearSphere", "$geoWithin", "$geoIntersects", "$within",
        "$bitsAllSet", "$bitsAllClear", "$bitsAnySet", "$bitsAnyClear",
    ]

    /// Parses a filter document: every field must hold.
    mutating func parse(_ filter: BSONDocument, level: Level) throws(ExpressionError) -> Matcher {
        var children: [Matcher] = []
        for (key, value) in filter.elements {
            if key.hasPrefix("$") {
                if let child = try parsePathless(key, value, level: level) { children.append(child) }
                continue
            }
            if case .document(let operators) = value, Self.isOperatorDocument(operators) {
                children.append(try parseOperators(operators, path: key, level: level).matcher(on: key))
            } else if case .regex(let regex) = value {
                let regex = try QueryRegex(pattern: regex.pattern, options: regex.options)
                children.append(.path(PathMatcher(key, .regex(regex))))
            } else {
                children.append(.path(PathMatcher(key, try Self.comparison(.equal, value, path: key))))
            }
        }
        return children.count == 1 ? children[0] : .and(children)
    }

    /// Whether `document` is a list of operators (`{$gt: 5}`) rather than a value to compare with: its first key
    /// starts with `$`, and it is not a DBRef (`{$ref, $id}`).
    static func isOperatorDocument(_ document: BSONDocument, allowIncompleteDBRef: Bool = false) -> Bool {
        guard let first = document.elements.first, first.key.hasPrefix("$") else { return false }
        let keys = document.keys
        let hasRef = keys.contains("$ref")
        let hasID = keys.contains("$id")
        let isDBRef = allowIncompleteDBRef ? (hasRef || hasID || keys.contains("$db")) : (hasRef && hasID)
        return !isDBRef
    }

    /// A top-level operator (`$and`, `$expr`, …); `nil` for one that adds no condition (`$comment`).
    private mutating func parsePathless(_ key: String, _ value: BSONValue, level: Level) throws(ExpressionError)
        -> Matcher?
    {
        switch key {
        case "$and", "$or", "$nor":
            return try parseLogicalList(key, value, level: level)
        case "$comment":
            return nil
        case "$expr":
            guard level == .top else {
                throw ExpressionError(code: 2, "$expr can only be applied to the top-level document")
            }
            var compiler = ExpressionCompiler()
            return .expr(try compiler.compile(value))
        case "$jsonSchema":
            guard case .document(let schema) = value else {
                throw ExpressionError(code: 14, "$jsonSchema must be an object")
            }
            return .schema(try JSONSchemaParser.parseRoot(schema))
        case "$text":
            guard level == .top else {
                throw ExpressionError(code: 2, "$text can only be applied to the top-level document")
            }
            switch stage {
            case .match: throw ExpressionError(code: 2, QueryFilter.textInMatchMessage)
            case .validate: throw ExpressionError(code: 2, "$text is not allowed in this context")
            }
        case "$where":
            // §1: ASP does not support $where; the server's message for a context without JavaScript.
            throw ExpressionError(code: 2, "$where is not allowed in this context")
        case "$alwaysTrue", "$alwaysFalse":
            guard value.isNumber, NumericValue.approximateDouble(value) == 1 else {
                throw ExpressionError(code: 9, "\(key) must be an integer value of 1")
            }
            return key == "$alwaysTrue" ? .alwaysTrue : .alwaysFalse
        default:
            throw ExpressionError(code: 2, "unknown top level operator: \(key)")
        }
    }

    /// Parses the operators of one field (`{$gt: 1, $lt: 5}`); `path` is the field's dotted path, for messages
    /// (empty in `$elemMatch`'s value form).
    mutating func parseOperators(_ operators: BSONDocument, path: String, level: Level) throws(ExpressionError)
        -> ValueTest
    {
        if let first = operators.elements.first, first.key == "$near" || first.key == "$nearSphere" {
            throw Self.geoNearError()
        }
        var tests: [ValueTest] = []
        for (op, operand) in operators.elements {
            if let test = try parseOperator(op, operand, path: path, operators: operators, level: level) {
                tests.append(test)
            }
        }
        return tests.count == 1 ? tests[0] : .and(tests)
    }

    private mutating func parseOperator(
        _ op: String, _ operand: BSONValue, path: String, operators: BSONDocument, level: Level
    ) throws(ExpressionError) -> ValueTest? {
        switch op {
        case "$eq":
            return .predicate(try Self.comparison(.equal, operand, path: path))
        case "$gt", "$gte", "$lt", "$lte":
            let kind: ComparisonOperator =
                switch op {
                case "$gt": .greater
                case "$gte": .greaterOrEqual
                case "$lt": .less
                default: .lessOrEqual
                }
            if case .regex = operand {
                throw ExpressionError(code: 2, "Can't have RegEx as arg to predicate over field '\(path)'.")
            }
            return .predicate(try Self.comparison(kind, operand, path: path))
        case "$ne":
            if case .regex = operand { throw ExpressionError(code: 2, "Can't have regex as arg to $ne.") }
            return .not(.predicate(try Self.comparison(.equal, operand, path: path)))
        case "$in", "$nin":
            guard case .array(let elements) = operand else { throw ExpressionError(code: 2, "\(op) needs an array") }
            let test = ValueTest.predicate(.inList(try InList(elements)))
            return op == "$in" ? test : .not(test)
        case "$not":
            return try parseNot(operand, path: path, level: level)
        case "$exists":
            return operand.isTruthy ? .predicate(.exists) : .not(.predicate(.exists))
        case "$type":
            return .predicate(.type(try TypeSet.parseQueryOperand(operand, path: path)))
        case "$mod":
            return .predicate(.mod(try ModuloTest(operand)))
        case "$regex":
            return .predicate(.regex(try Self.regexDocument(operators)))
        case "$options":
            guard operators.keys.contains("$regex") else { throw ExpressionError(code: 2, "$options needs a $regex") }
            return nil
        case "$size":
            return .predicate(.size(try ArrayMatchers.parseSize(operand)))
        case "$elemMatch":
            return .predicate(try parseElemMatch(operand))
        case "$all":
            return try parseAll(operand)
        case "$where":
            throw ExpressionError(code: 2, "$where cannot be applied to a field")
        case "$near", "$nearSphere":
            throw ExpressionError(code: 2, "near must be first in: \(BSONValue.document(operators))")
        case "$geoWithin", "$geoIntersects", "$within", "$bitsAllSet", "$bitsAllClear", "$bitsAnySet", "$bitsAnyClear":
            // Server operators this engine does not implement: say so rather than calling them unknown.
            throw ExpressionError(code: 2, "\(op) is not supported by the local stream engine")
        default:
            throw ExpressionError(code: 2, "unknown operator: \(op)")
        }
    }

    /// A comparison with `operand`, rejecting `undefined` as the server does.
    static func comparison(_ op: ComparisonOperator, _ operand: BSONValue, path: String) throws(ExpressionError)
        -> ElementPredicate
    {
        if case .undefined = operand { throw ExpressionError(code: 2, "cannot compare to undefined") }
        return .compare(op, operand)
    }

    /// `{$regex: …, $options: …}`: the pattern from a string or a regular expression, the flags from either.
    static func regexDocument(_ operators: BSONDocument) throws(ExpressionError) -> QueryRegex {
        var pattern = ""
        var options = ""
        for (key, value) in operators.elements {
            switch key {
            case "$regex":
                switch value {
                case .string(let text):
                    pattern = text
                case .regex(let regex):
                    pattern = regex.pattern
                    if !regex.options.isEmpty {
                        if !options.isEmpty {
                            throw ExpressionError(code: 51074, "options set in both $regex and $options")
                        }
                        options = regex.options
                    }
                default:
                    throw ExpressionError(code: 2, "$regex has to be a string")
                }
            case "$options":
                guard case .string(let text) = value else {
                    throw ExpressionError(code: 2, "$options has to be a string")
                }
                if !options.isEmpty { throw ExpressionError(code: 51075, "options set in both $regex and $options") }
                options = text
            default:
                continue
            }
        }
        return try QueryRegex(pattern: pattern, options: options)
    }

    /// The server's message for `$near`/`$nearSphere` in an aggregation filter (UNCONFIRMED for ASP; §4.1 says
    /// they are not allowed).
    static func geoNearError() -> ExpressionError {
        ExpressionError(
            code: 2,
            "$geoNear, $near, and $nearSphere are not allowed in this context, as these operators require sorting "
                + "geospatial data. If you do not need sort, consider using $geoWithin instead.")
    }
}
