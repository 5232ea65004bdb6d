import TestSupport
import Testing

/// The array and set operators, including `$filter`/`$map`/`$reduce` variables.
@Suite("Array operators", .tags(.small))
struct ArrayOperatorTests {
    static let document =
        #"{"a": [1, 2, 3, 4], "e": [], "n": null, "s": "x", "docs": [{"k": 2, "v": "b"}, {"k": 1, "v": "a"}, {"v": "c"}]}"#

    static let access: [(String, String, String)] = [
        (#"{"$size": "$a"}"#, document, "4"),
        (#"{"$size": [[]]}"#, document, "0"),
        (
            #"{"$size": "$missing"}"#, document,
            "error: The argument to $size must be an array, but was of type: missing"
        ),
        (#"{"$size": "$n"}"#, document, "error: The argument to $size must be an array, but was of type: null"),
        (#"{"$arrayElemAt": ["$a", 0]}"#, document, "1"),
        (#"{"$arrayElemAt": ["$a", -1]}"#, document, "4"),
        (#"{"$arrayElemAt": ["$a", 4]}"#, document, "missing"),
        (#"{"$arrayElemAt": ["$a", -5]}"#, document, "missing"),
        (#"{"$arrayElemAt": ["$a", 1.0]}"#, document, "2"),
        (#"{"$arrayElemAt": ["$a", {"$numberLong": "2"}]}"#, document, "3"),
        (#"{"$arrayElemAt": ["$missing", 0]}"#, document, "null"),
        (#"{"$arrayElemAt": ["$a", null]}"#, document, "null"),
        (
            #"{"$arrayElemAt": ["$s", 0]}"#, document,
            "error: $arrayElemAt's first argument must be an array, but is string"
        ),
        (
            #"{"$arrayElemAt": ["$a", "0"]}"#, document,
            "error: $arrayElemAt's second argument must be a numeric value, but is string"
        ),
        (
            #"{"$arrayElemAt": ["$a", 1.5]}"#, document,
            "error: $arrayElemAt's second argument must be representable as a 32-bit integer: 1.5"
        ),
        (#"{"$first": ["$a"]}"#, document, "1"),
        (#"{"$first": "$e"}"#, document, "missing"),
        (#"{"$last": ["$a"]}"#, document, "4"),
        (#"{"$last": "$missing"}"#, document, "null"),
        (#"{"$first": "$s"}"#, document, "error: $first's argument must be an array, but is string"),
        (#"{"$in": [2, "$a"]}"#, document, "true"),
        (#"{"$in": [2.0, "$a"]}"#, document, "true"),
        (#"{"$in": [9, "$a"]}"#, document, "false"),
        (#"{"$in": [null, [null]]}"#, document, "true"),
        (#"{"$in": ["$missing", [null]]}"#, document, "false"),
        (#"{"$in": [1, "$missing"]}"#, document, "error: $in requires an array as a second argument, found: missing"),
        (#"{"$slice": ["$a", 2]}"#, document, "[1, 2]"),
        (#"{"$slice": ["$a", -2]}"#, document, "[3, 4]"),
        (#"{"$slice": ["$a", 10]}"#, document, "[1, 2, 3, 4]"),
        (#"{"$slice": ["$a", -10]}"#, document, "[1, 2, 3, 4]"),
        (#"{"$slice": ["$a", 1, 2]}"#, document, "[2, 3]"),
        (#"{"$slice": ["$a", -3, 2]}"#, document, "[2, 3]"),
        (#"{"$slice": ["$a", 10, 2]}"#, document, "[]"),
        (#"{"$slice": ["$a", -10, 2]}"#, document, "[1, 2]"),
        (#"{"$slice": ["$missing", 1]}"#, document, "null"),
        (#"{"$slice": ["$a", null]}"#, document, "null"),
        (#"{"$slice": ["$a", 1, 0]}"#, document, "error: Third argument to $slice must be positive: 0"),
        (
            #"{"$slice": ["$s", 1]}"#, document,
            "error: First argument to $slice must be an array, but is of type: string"
        ),
        (
            #"{"$slice": ["$a", "1"]}"#, document,
            "error: Second argument to $slice must be a numeric value, but is of type: string"
        ),
        (
            #"{"$slice": ["$a", 1.5]}"#, document,
            "error: Second argument to $slice can't be represented as a 32-bit integer: 1.5"
        ),
        (#"{"$concatArrays": ["$a", [5], []]}"#, document, "[1, 2, 3, 4, 5]"),
        (#"{"$concatArrays": []}"#, document, "[]"),
        (#"{"$concatArrays": ["$a", "$missing"]}"#, document, "null"),
        (#"{"$concatArrays": ["$a", "$s"]}"#, document, "error: $concatArrays only supports arrays, not string"),
        (#"{"$isArray": ["$a"]}"#, document, "true"),
        (#"{"$isArray": "$s"}"#, document, "false"),
        (#"{"$isArray": "$missing"}"#, document, "false"),
        (#"{"$indexOfArray": ["$a", 3]}"#, document, "2"),
        (#"{"$indexOfArray": ["$a", 3.0]}"#, document, "2"),
        (#"{"$indexOfArray": ["$a", 9]}"#, document, "-1"),
        (#"{"$indexOfArray": ["$a", 1, 1]}"#, document, "-1"),
        (#"{"$indexOfArray": ["$a", 3, 0, 2]}"#, document, "-1"),
        (#"{"$indexOfArray": ["$missing", 1]}"#, document, "null"),
        (
            #"{"$indexOfArray": ["$s", 1]}"#, document,
            "error: $indexOfArray requires an array as a first argument, found: string"
        ),
        (
            #"{"$indexOfArray": ["$a", 1, -1]}"#, document,
            "error: $indexOfArray requires a nonnegative starting index, found: -1"
        ),
        (#"{"$reverseArray": "$a"}"#, document, "[4, 3, 2, 1]"),
        (#"{"$reverseArray": "$missing"}"#, document, "null"),
        (
            #"{"$reverseArray": "$s"}"#, document,
            "error: The argument to $reverseArray must be an array, but was of type: string"
        ),
        (#"{"$range": [0, 5]}"#, document, "[0, 1, 2, 3, 4]"),
        (#"{"$range": [0, 10, 3]}"#, document, "[0, 3, 6, 9]"),
        (#"{"$range": [5, 0, -2]}"#, document, "[5, 3, 1]"),
        (#"{"$range": [5, 0]}"#, document, "[]"),
        (#"{"$range": [0, 5, 0]}"#, document, "error: $range requires a non-zero step value"),
        (
            #"{"$range": ["a", 5]}"#, document,
            "error: $range requires a numeric starting value, found value of type: string"
        ),
        (
            #"{"$range": [0, 1.5]}"#, document,
            "error: $range requires an ending value that can be represented as a 32-bit integer, found value: 1.5"
        ),
        (#"{"$anyElementTrue": [[0, null, 1]]}"#, document, "true"),
        (#"{"$anyElementTrue": [[]]}"#, document, "false"),
        (#"{"$allElementsTrue": [[1, "x", []]]}"#, document, "true"),
        (#"{"$allElementsTrue": [[1, 0]]}"#, document, "false"),
        (#"{"$allElementsTrue": [[]]}"#, document, "true"),
        (
            #"{"$anyElementTrue": "$missing"}"#, document,
            "error: $anyElementTrue's argument must be an array, but is missing"
        ),
    ]

    static let iteration: [(String, String, String)] = [
        (#"{"$filter": {"input": [], "as": "", "cond": 1}}"#, document, "error: empty variable names are not allowed"),
        (#"{"$map": {"input": [], "as": [], "in": 1}}"#, document, "error: empty variable names are not allowed"),
        (
            #"{"$map": {"input": [1], "as": "Bad", "in": 1}}"#, document,
            "error: 'Bad' starts with an invalid character for a user variable name"
        ),
        (
            #"{"$map": {"input": [1], "as": "a-b", "in": 1}}"#, document,
            "error: 'a-b' contains an invalid character for a variable name: '-'"
        ),
        (#"{"$zip": {}}"#, document, "error: $zip requires at least one input array"),
        (#"{"$zip": {"inputs": []}}"#, document, "error: $zip requires at least one input array"),
        (#"{"$sortArray": {"input": [1]}}"#, document, "error: $sortArray requires 'sortBy' to be specified"),
        (#"{"$reduce": {"initialValue": 0, "in": 1}}"#, document, "error: $reduce requires 'input' to be specified"),
        (#"{"$reduce": {"input": [1], "initialValue": 0}}"#, document, "error: $reduce requires 'in' to be specified"),
        (#"{"$map": {}}"#, document, "error: Missing 'input' parameter to $map"),
        (#"{"$filter": {"input": "$a", "cond": {"$gt": ["$$this", 2]}}}"#, document, "[3, 4]"),
        (#"{"$filter": {"input": "$a", "as": "x", "cond": {"$eq": [{"$mod": ["$$x", 2]}, 0]}}}"#, document, "[2, 4]"),
        (#"{"$filter": {"input": "$a", "cond": true, "limit": 2}}"#, document, "[1, 2]"),
        (#"{"$filter": {"input": "$a", "cond": true, "limit": null}}"#, document, "[1, 2, 3, 4]"),
        (
            #"{"$filter": {"input": "$a", "cond": true, "limit": 0}}"#, document,
            "error: $filter: limit must be greater than 0: 0"
        ),
        (#"{"$filter": {"input": "$missing", "cond": true}}"#, document, "null"),
        (
            #"{"$filter": {"input": "$s", "cond": true}}"#, document,
            "error: input to $filter must be an array not string"
        ),
        (#"{"$filter": {"cond": true}}"#, document, "error: Missing 'input' parameter to $filter"),
        (#"{"$filter": {"input": "$a"}}"#, document, "error: Missing 'cond' parameter to $filter"),
        (
            #"{"$filter": {"input": "$a", "cond": true, "z": 1}}"#, document,
            "error: Unrecognized parameter to $filter: z"
        ),
        (#"{"$filter": {"input": "$a", "cond": "$$y"}}"#, document, "error: Use of undefined variable: y"),
        (#"{"$map": {"input": "$a", "in": {"$multiply": ["$$this", 10]}}}"#, document, "[10, 20, 30, 40]"),
        (#"{"$map": {"input": "$a", "as": "v", "in": {"$add": ["$$v", 1]}}}"#, document, "[2, 3, 4, 5]"),
        (#"{"$map": {"input": "$docs", "in": "$$this.k"}}"#, document, "[2, 1, null]"),
        (#"{"$map": {"input": "$missing", "in": 1}}"#, document, "null"),
        (#"{"$map": {"input": "$s", "in": 1}}"#, document, "error: input to $map must be an array not string"),
        (#"{"$map": {"input": "$a"}}"#, document, "error: Missing 'in' parameter to $map"),
        (
            #"{"$map": {"input": "$a", "in": {"$map": {"input": [10, 20], "as": "y", "in": {"$add": ["$$this", "$$y"]}}}}}"#,
            document, "[[11, 21], [12, 22], [13, 23], [14, 24]]"
        ),
        (#"{"$reduce": {"input": "$a", "initialValue": 0, "in": {"$add": ["$$value", "$$this"]}}}"#, document, "10"),
        (
            #"{"$reduce": {"input": [["a"], ["b", "c"]], "initialValue": [], "in": {"$concatArrays": ["$$value", "$$this"]}}}"#,
            document, #"["a", "b", "c"]"#
        ),
        (#"{"$reduce": {"input": "$e", "initialValue": "$missing", "in": 1}}"#, document, "missing"),
        (#"{"$reduce": {"input": "$n", "initialValue": 0, "in": 1}}"#, document, "null"),
        (
            #"{"$reduce": {"input": "$s", "initialValue": 0, "in": 1}}"#, document,
            #"error: $reduce requires that 'input' be an array, found: "x""#
        ),
        (#"{"$reduce": {"input": "$a", "in": 1}}"#, document, "error: $reduce requires 'initialValue' to be specified"),
        (#"{"$zip": {"inputs": [[1, 2], ["a", "b", "c"]]}}"#, document, #"[[1, "a"], [2, "b"]]"#),
        (
            #"{"$zip": {"inputs": [[1, 2], ["a", "b", "c"]], "useLongestLength": true}}"#, document,
            #"[[1, "a"], [2, "b"], [null, "c"]]"#
        ),
        (
            #"{"$zip": {"inputs": [[1], ["a", "b"]], "useLongestLength": true, "defaults": [0, "z"]}}"#, document,
            #"[[1, "a"], [0, "b"]]"#
        ),
        (#"{"$zip": {"inputs": [[1], "$missing"]}}"#, document, "null"),
        (#"{"$zip": {"inputs": [[1], "$s"]}}"#, document, #"error: $zip found a non-array expression in input: "x""#),
        (
            #"{"$zip": {"inputs": [[1]], "defaults": [1]}}"#, document,
            "error: cannot specify defaults unless useLongestLength is true"
        ),
        (#"{"$sortArray": {"input": [3, 1, 2], "sortBy": 1}}"#, document, "[1, 2, 3]"),
        (#"{"$sortArray": {"input": [3, "a", 1, null], "sortBy": -1}}"#, document, #"["a", 3, 1, null]"#),
        (
            #"{"$sortArray": {"input": "$docs", "sortBy": {"k": 1}}}"#, document,
            #"[{"v": "c"}, {"k": 1, "v": "a"}, {"k": 2, "v": "b"}]"#
        ),
        (#"{"$sortArray": {"input": "$missing", "sortBy": 1}}"#, document, "null"),
        (
            #"{"$sortArray": {"input": "$s", "sortBy": 1}}"#, document,
            "error: The input argument to $sortArray must be an array, but was of type: string"
        ),
    ]

    static let sets: [(String, String, String)] = [
        (#"{"$setUnion": [[3, 1], [2, 1.0]]}"#, document, "[1, 2, 3]"),
        (#"{"$setUnion": [[1], "$missing"]}"#, document, "null"),
        (
            #"{"$setUnion": [[1], "x"]}"#, document,
            "error: All operands of $setUnion must be arrays. One argument is of type: string"
        ),
        (#"{"$setIntersection": [[1, 2, 3], [3, 2, 5]]}"#, document, "[2, 3]"),
        (#"{"$setIntersection": [[1, 2], []]}"#, document, "[]"),
        (#"{"$setIntersection": [[1], null]}"#, document, "null"),
        (#"{"$setDifference": [[3, 1, 2, 1], [2]]}"#, document, "[3, 1]"),
        (#"{"$setDifference": [[1], "$missing"]}"#, document, "null"),
        (
            #"{"$setDifference": ["x", [1]]}"#, document,
            "error: both operands of $setDifference must be arrays. First argument is of type: string"
        ),
        (#"{"$setEquals": [[1, 2, 2], [2, 1]]}"#, document, "true"),
        (#"{"$setEquals": [[1, 2], [1, 3]]}"#, document, "false"),
        (#"{"$setEquals": [[1]]}"#, document, "error: $setEquals needs at least two arguments had: 1"),
        (
            #"{"$setEquals": [[1], "$missing"]}"#, document,
            "error: All operands of $setEquals must be arrays. 2-th argument is of type: missing"
        ),
    ]

    @Test(
        "$size $arrayElemAt $first $last $in $slice $concatArrays $isArray $indexOfArray $reverseArray $range",
        arguments: access)
    func accessOperators(expression: String, document: String, expected: String) throws {
        try ExpressionCase.check(expression, document, expected)
    }

    @Test("$filter $map $reduce $zip $sortArray", arguments: iteration)
    func iterationOperators(expression: String, document: String, expected: String) throws {
        try ExpressionCase.check(expression, document, expected)
    }

    @Test("Set operators", arguments: sets)
    func setOperators(expression: String, document: String, expected: String) throws {
        try ExpressionCase.check(expression, document, expected)
    }
}
