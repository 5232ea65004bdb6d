import BSONCore

/// `$eq $gt $gte $lt $lte` in query semantics (§11.1): type bracketing, `null` matching missing and undefined,
/// MinKey/MaxKey bounds, NaN equal only to NaN.
enum ComparisonOperator: Sendable {
    case equal, greater, greaterOrEqual, less, lessOrEqual

    /// The operator's name in a filter (`$gt`).
    var name: String {
        switch self {
        case .equal: "$eq"
        case .greater: "$gt"
        case .greaterOrEqual: "$gte"
        case .less: "$lt"
        case .lessOrEqual: "$lte"
        }
    }
}

/// The comparison matchers' shared rules.
enum QueryComparison {
    /// Whether `element` (`nil` = missing) satisfies `element <op> operand` in query semantics.
    static func matches(_ element: BSONValue?, _ op: ComparisonOperator, _ operand: BSONValue) -> Bool {
        // Fast paths for the common same-type cases, without BSONOrder's general walk.
        switch (element, operand) {
        case (.string(let x)?, .string(let y)):
            return holds(op, compareUTF8(x, y))
        case (.int32(let x)?, .int32(let y)):
            return holds(op, x == y ? 0 : (x < y ? -1 : 1))
        case (.int64(let x)?, .int64(let y)):
            return holds(op, x == y ? 0 : (x < y ? -1 : 1))
        case (.double(let x)?, .double(let y)) where !x.isNaN && !y.isNaN:
            return holds(op, x == y ? 0 : (x < y ? -1 : 1))
        case (.bool(let x)?, .bool(let y)):
            return holds(op, x == y ? 0 : (x ? 1 : -1))
        case (.datetime(let x)?, .datetime(let y)):
            return holds(op, x == y ? 0 : (x < y ? -1 : 1))
        default:
            break
        }
        let left = canonicalRank(element)
        let right = canonicalRank(operand)
        if left != right {
            // null matches missing and undefined for $eq, $lte and $gte (the server's "canonical types 0 and 5").
            if left + right == 5 && (left == 0 || right == 0) {
                return op == .equal || op == .lessOrEqual || op == .greaterOrEqual
            }
            switch operand {
            case .maxKey: return op == .less || op == .lessOrEqual
            case .minKey: return op == .greater || op == .greaterOrEqual
            default: return false
            }
        }
        guard let element else { return op == .equal || op == .lessOrEqual || op == .greaterOrEqual }
        if right == 10 {
            let leftNaN = isNaN(element)
            let rightNaN = isNaN(operand)
            if leftNaN || rightNaN {
                let both = leftNaN && rightNaN
                return op == .less || op == .greater ? false : both
            }
        }
        return holds(op, BSONOrder.compare(element, operand))
    }

    /// BSON order (-1, 0, 1), with the same-type fast paths of `matches`.
    static func order(_ x: BSONValue, _ y: BSONValue) -> Int {
        switch (x, y) {
        case (.string(let a), .string(let b)): return compareUTF8(a, b)
        case (.int32(let a), .int32(let b)): return a == b ? 0 : (a < b ? -1 : 1)
        case (.int64(let a), .int64(let b)): return a == b ? 0 : (a < b ? -1 : 1)
        case (.double(let a), .double(let b)) where !a.isNaN && !b.isNaN: return a == b ? 0 : (a < b ? -1 : 1)
        default: return BSONOrder.compare(x, y)
        }
    }

    /// Whether an order (-1, 0, 1) satisfies `op`.
    @inline(__always)
    private static func holds(_ op: ComparisonOperator, _ order: Int) -> Bool {
        switch op {
        case .equal: order == 0
        case .greater: order > 0
        case .greaterOrEqual: order >= 0
        case .less: order < 0
        case .lessOrEqual: order <= 0
        }
    }

    /// Byte-wise (UTF-8) order of two strings, as the server compares them (no Unicode normalization).
    static func compareUTF8(_ x: String, _ y: String) -> Int {
        var left = x.utf8.makeIterator()
        var right = y.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let a?, let b?): if a != b { return a < b ? -1 : 1 }
            }
        }
    }

    /// The server's canonical type number: values of one canonical type compare with each other, others never
    /// (type bracketing). Missing and undefined are 0, null 5, numbers 10, strings and symbols 15, …
    static func canonicalRank(_ value: BSONValue?) -> Int {
        guard let value else { return 0 }
        switch value {
        case .minKey: return -1
        case .undefined: return 0
        case .null: return 5
        case .double, .int32, .int64, .decimal128: return 10
        case .string, .symbol: return 15
        case .document: return 20
        case .array: return 25
        case .binary: return 30
        case .objectID: return 35
        case .bool: return 40
        case .datetime: return 45
        case .timestamp: return 47
        case .regex: return 50
        case .dbPointer: return 55
        case .code: return 60
        case .codeWithScope: return 65
        case .maxKey: return 127
        }
    }

    private static func isNaN(_ value: BSONValue) -> Bool {
        switch value {
        case .double(let number): return number.isNaN
        case .decimal128(let number): return number.isNaN
        default: return false
        }
    }
}

/// The operand list of `$in`/`$nin`: values compared with `$eq` rules, and regular expressions.
struct InList: Sendable {
    /// The plain values; sorted in BSON order when there are many, for binary search.
    let values: [BSONValue]
    /// Whether `values` is sorted (long lists).
    let isSorted: Bool
    /// The regular expressions, matched as `{a: /re/}` would.
    let regexes: [QueryRegex]
    /// Whether `null` is listed, so missing and undefined match.
    let hasNull: Bool

    /// Parses the array operand of `$in`/`$nin`.
    init(_ elements: [BSONValue]) throws(ExpressionError) {
        var values: [BSONValue] = []
        var regexes: [QueryRegex] = []
        var hasNull = false
        for element in elements {
            switch element {
            case .document(let document) where QueryParser.isOperatorDocument(document):
                throw ExpressionError(code: 2, "cannot nest $ under $in")
            case .regex(let regex):
                regexes.append(try QueryRegex(pattern: regex.pattern, options: regex.options))
            case .null:
                hasNull = true
                values.append(element)
            default:
                values.append(element)
            }
        }
        isSorted = values.count > Self.linearLimit
        self.values = isSorted ? values.sorted { QueryComparison.order($0, $1) < 0 } : values
        self.regexes = regexes
        self.hasNull = hasNull
    }

    /// Whether `element` equals one of the values or matches one of the regular expressions.
    func contains(_ element: BSONValue?) -> Bool {
        guard let element else { return hasNull }
        if case .undefined = element { return hasNull }
        if isSorted {
            if binarySearch(element) { return true }
        } else {
            for value in values where QueryComparison.matches(element, .equal, value) { return true }
        }
        for regex in regexes where regex.matches(element) { return true }
        return false
    }

    /// Lists up to this long are scanned; longer ones are sorted once and searched.
    private static let linearLimit = 8

    /// Binary search in the sorted values. BSON order puts each canonical type in its own range and orders
    /// values within it as `$eq` compares them (numbers by value, NaN equal to NaN), so equality agrees.
    private func binarySearch(_ element: BSONValue) -> Bool {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            let order = QueryComparison.order(values[middle], element)
            if order == 0 { return true }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return false
    }
}
