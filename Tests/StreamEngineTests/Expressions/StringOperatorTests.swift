import TestSupport
import Testing

/// The string operators: code points versus bytes, null and missing, and the server's messages.
@Suite("String operators", .tags(.small))
struct StringOperatorTests {
    static let document =
        #"{"s": "héllo wörld", "e": "café", "n": null, "i": 5, "dt": {"$date": "2024-03-15T10:37:12.345Z"}}"#

    static let basics: [(String, String, String)] = [
        (#"{"$concat": ["a", "b", "c"]}"#, document, #""abc""#),
        (#"{"$concat": []}"#, document, #""""#),
        (#"{"$concat": ["a", "$missing"]}"#, document, "null"),
        (#"{"$concat": ["a", "$n"]}"#, document, "null"),
        (#"{"$concat": ["a", 1]}"#, document, "error: $concat only supports strings, not int"),
        (#"{"$concat": [1, null]}"#, document, "error: $concat only supports strings, not int"),
        (#"{"$substrCP": ["$s", 1, 4]}"#, document, #""éllo""#),
        (#"{"$substrCP": ["$s", 0, 100]}"#, document, #""héllo wörld""#),
        (#"{"$substrCP": ["$s", 50, 2]}"#, document, #""""#),
        (#"{"$substrCP": ["$missing", 0, 2]}"#, document, #""""#),
        (#"{"$substrCP": [12345, 1, 2]}"#, document, #""23""#),
        (
            #"{"$substrCP": ["$s", -1, 2]}"#, document,
            "error: $substrCP: the starting index must be nonnegative integer."
        ),
        (#"{"$substrCP": ["$s", 1, -2]}"#, document, "error: $substrCP: length must be a nonnegative integer."),
        (
            #"{"$substrCP": ["$s", "1", 2]}"#, document,
            "error: $substrCP: starting index must be a numeric type (is BSON type string)"
        ),
        (
            #"{"$substrCP": ["$s", 1.5, 2]}"#, document,
            "error: $substrCP: starting index cannot be represented as a 32-bit integral value: 1.5"
        ),
        (
            #"{"$substrCP": ["$s", 1, null]}"#, document,
            "error: $substrCP: length must be a numeric type (is BSON type null)"
        ),
        (#"{"$substrCP": [{"a": 1}, 0, 1]}"#, document, "error: can't convert from BSON type object to String"),
        (
            #"{"$substrCP": ["$s", 1]}"#, document,
            "error: Expression $substrCP takes exactly 3 arguments. 2 were passed in."
        ),
        (#"{"$substrBytes": ["$e", 0, 3]}"#, document, #""caf""#),
        (#"{"$substrBytes": ["$e", 0, 5]}"#, document, #""café""#),
        (
            #"{"$substrBytes": ["$e", 0, 4]}"#, document,
            "error: $substrBytes:  Invalid range, ending index is in the middle of a UTF-8 character."
        ),
        (
            #"{"$substrBytes": ["$e", 4, 1]}"#, document,
            "error: $substrBytes:  Invalid range, starting index is a UTF-8 continuation byte."
        ),
        (#"{"$substrBytes": ["$e", 1, -1]}"#, document, #""afé""#),
        (#"{"$substrBytes": ["$e", 10, 1]}"#, document, #""""#),
        (#"{"$substr": ["abcdef", 2, 3]}"#, document, #""cde""#),
        (#"{"$substr": ["$dt", 0, 10]}"#, document, #""2024-03-15""#),
        (#"{"$toUpper": "$s"}"#, document, #""HéLLO WöRLD""#),
        (#"{"$toUpper": "$missing"}"#, document, #""""#),
        (#"{"$toUpper": 1.5}"#, document, #""1.5""#),
        (#"{"$toLower": "ABC def"}"#, document, #""abc def""#),
        (#"{"$toLower": ["$n"]}"#, document, #""""#),
        (#"{"$toLower": [true]}"#, document, "error: can't convert from BSON type bool to String"),
        (#"{"$toString": "$dt"}"#, document, #""2024-03-15T10:37:12.345Z""#),
        (#"{"$strLenCP": "$s"}"#, document, "11"),
        (#"{"$strLenCP": ""}"#, document, "0"),
        (#"{"$strLenCP": "$missing"}"#, document, "error: $strLenCP requires a string argument, found: missing"),
        (#"{"$strLenCP": "$n"}"#, document, "error: $strLenCP requires a string argument, found: null"),
        (#"{"$strLenBytes": "$s"}"#, document, "13"),
        (#"{"$strLenBytes": 5}"#, document, "error: $strLenBytes requires a string argument, found: int"),
        (#"{"$strcasecmp": ["abc", "ABC"]}"#, document, "0"),
        (#"{"$strcasecmp": ["abc", "abd"]}"#, document, "-1"),
        (#"{"$strcasecmp": ["b", "A"]}"#, document, "1"),
        (#"{"$strcasecmp": ["a", "$missing"]}"#, document, "1"),
        (#"{"$split": ["a,b,,c", ","]}"#, document, #"["a", "b", "", "c"]"#),
        (#"{"$split": ["abc", "x"]}"#, document, #"["abc"]"#),
        (#"{"$split": [",a,", ","]}"#, document, #"["", "a", ""]"#),
        (#"{"$split": ["a--b", "--"]}"#, document, #"["a", "b"]"#),
        (#"{"$split": ["$missing", ","]}"#, document, "null"),
        (#"{"$split": ["abc", null]}"#, document, "null"),
        (#"{"$split": ["abc", ""]}"#, document, "error: $split requires a non-empty separator"),
        (
            #"{"$split": [1, ","]}"#, document,
            "error: $split requires an expression that evaluates to a string as a first argument, found: int"
        ),
        (
            #"{"$split": ["a", 1]}"#, document,
            "error: $split requires an expression that evaluates to a string as a second argument, found: int"
        ),
        (#"{"$indexOfCP": ["$s", "l"]}"#, document, "2"),
        (#"{"$indexOfCP": ["$s", "wö"]}"#, document, "6"),
        (#"{"$indexOfCP": ["$s", "l", 4]}"#, document, "9"),
        (#"{"$indexOfCP": ["$s", "l", 4, 8]}"#, document, "-1"),
        (#"{"$indexOfCP": ["$s", "zz"]}"#, document, "-1"),
        (#"{"$indexOfCP": ["$missing", "a"]}"#, document, "null"),
        (
            #"{"$indexOfCP": ["abc", 1]}"#, document,
            "error: $indexOfCP requires a string as the second argument, found: int"
        ),
        (
            #"{"$indexOfCP": [1, "a"]}"#, document,
            "error: $indexOfCP requires a string as the first argument, found: int"
        ),
        (
            #"{"$indexOfCP": ["abc", "a", -1]}"#, document,
            "error: $indexOfCP requires a nonnegative starting index, found: -1"
        ),
    ]

    static let patterns: [(String, String, String)] = [
        (
            #"{"$replaceAll": {"input": "a", "replacement": "b"}}"#, document,
            "error: $replaceAll requires 'find' to be specified"
        ),
        (#"{"$replaceOne": {}}"#, document, "error: $replaceOne requires 'input' to be specified"),
        (#"{"$regexFind": {"input": "a"}}"#, document, "error: $regexFind requires 'regex' parameter"),
        (#"{"$trim": {}}"#, document, "error: $trim requires an 'input' field"),
        (#"{"$trim": {"k": 1}}"#, document, "error: $trim found an unknown argument: k"),
        (#"{"$trim": {"input": "  a b \n"}}"#, document, #""a b""#),
        (#"{"$trim": {"input": "\u00a0x\u3000"}}"#, document, #""x""#),
        (#"{"$ltrim": {"input": "  ab  "}}"#, document, #""ab  ""#),
        (#"{"$rtrim": {"input": "  ab  "}}"#, document, #""  ab""#),
        (#"{"$trim": {"input": "xxaxx", "chars": "x"}}"#, document, #""a""#),
        (#"{"$trim": {"input": "ébcé", "chars": "é"}}"#, document, #""bc""#),
        (#"{"$trim": {"input": "$missing"}}"#, document, "null"),
        (#"{"$trim": {"input": "a", "chars": null}}"#, document, "null"),
        (
            #"{"$trim": {"input": 5}}"#, document,
            "error: $trim requires its input to be a string, got 5 (of type int) instead."
        ),
        (
            #"{"$trim": {"input": "a", "chars": 1}}"#, document,
            "error: $trim requires 'chars' to be a string, got 1 (of type int) instead."
        ),
        (#"{"$trim": {"chars": "a"}}"#, document, "error: $trim requires an 'input' field"),
        (#"{"$trim": {"input": "a", "x": 1}}"#, document, "error: $trim found an unknown argument: x"),
        (#"{"$regexMatch": {"input": "$s", "regex": "^h.llo"}}"#, document, "true"),
        (#"{"$regexMatch": {"input": "$s", "regex": "^H"}}"#, document, "false"),
        (#"{"$regexMatch": {"input": "$s", "regex": "^H", "options": "i"}}"#, document, "true"),
        (
            #"{"$regexMatch": {"input": "$s", "regex": {"$regularExpression": {"pattern": "^H", "options": "i"}}}}"#,
            document, "true"
        ),
        (#"{"$regexMatch": {"input": "$missing", "regex": "a"}}"#, document, "false"),
        (#"{"$regexMatch": {"input": "a", "regex": null}}"#, document, "false"),
        (
            #"{"$regexMatch": {"input": 1, "regex": "a"}}"#, document,
            "error: $regexMatch needs 'input' to be of type string"
        ),
        (
            #"{"$regexMatch": {"input": "a", "regex": 1}}"#, document,
            "error: $regexMatch needs 'regex' to be of type string or regex"
        ),
        (
            #"{"$regexMatch": {"input": "a", "regex": "a", "options": "z"}}"#, document,
            "error: $regexMatch invalid flag in regex options: z"
        ),
        (
            #"{"$regexMatch": {"input": "a", "regex": {"$regularExpression": {"pattern": "a", "options": "i"}}, "options": "m"}}"#,
            document, "error: $regexMatch found regex option(s) specified in both 'regex' and 'options' fields"
        ),
        (#"{"$regexMatch": {"regex": "a"}}"#, document, "error: $regexMatch requires 'input' parameter"),
        (#"{"$regexMatch": {"input": "a"}}"#, document, "error: $regexMatch requires 'regex' parameter"),
        (
            #"{"$regexMatch": {"input": "a", "regex": "a", "y": 1}}"#, document,
            "error: $regexMatch found an unknown argument: y"
        ),
        (#"{"$regexMatch": {"input": "line1\nline2", "regex": "^line2", "options": "m"}}"#, document, "true"),
        (
            #"{"$regexFind": {"input": "$s", "regex": "w(ö)(x)?"}}"#, document,
            #"{"match": "wö", "idx": 6, "captures": ["ö", null]}"#
        ),
        (#"{"$regexFind": {"input": "$s", "regex": "zzz"}}"#, document, "null"),
        (#"{"$regexFind": {"input": "$n", "regex": "a"}}"#, document, "null"),
        (#"{"$regexFind": {"input": "abc", "regex": "b"}}"#, document, #"{"match": "b", "idx": 1, "captures": []}"#),
        (#"{"$replaceOne": {"input": "a.b.c", "find": ".", "replacement": "-"}}"#, document, #""a-b.c""#),
        (#"{"$replaceAll": {"input": "a.b.c", "find": ".", "replacement": "-"}}"#, document, #""a-b-c""#),
        (#"{"$replaceAll": {"input": "aaa", "find": "aa", "replacement": "b"}}"#, document, #""ba""#),
        (#"{"$replaceAll": {"input": "abc", "find": "x", "replacement": "y"}}"#, document, #""abc""#),
        (#"{"$replaceOne": {"input": "$missing", "find": "a", "replacement": "b"}}"#, document, "null"),
        (#"{"$replaceOne": {"input": "a", "find": null, "replacement": "b"}}"#, document, "null"),
        (
            #"{"$replaceOne": {"input": 1, "find": "a", "replacement": "b"}}"#, document,
            "error: $replaceOne requires that 'input' be a string, found: 1"
        ),
        (
            #"{"$replaceAll": {"input": "a", "find": "a"}}"#, document,
            "error: $replaceAll requires 'replacement' to be specified"
        ),
    ]

    @Test("Concatenation, substrings, case, lengths, split, indexOfCP", arguments: basics)
    func basicOperators(expression: String, document: String, expected: String) throws {
        try ExpressionCase.check(expression, document, expected)
    }

    @Test("$trim, regexes and replacement", arguments: patterns)
    func patternOperators(expression: String, document: String, expected: String) throws {
        try ExpressionCase.check(expression, document, expected)
    }
}
