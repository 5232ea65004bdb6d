import TestSupport
import Testing

/// `$add $subtract $multiply $divide $mod` and the math operators (§11.4, §11.6).
@Suite("Arithmetic operators", .tags(.small))
struct ArithmeticOperatorTests {
    static let document =
        #"{"i": 5, "l": {"$numberLong": "7"}, "d": 2.5, "n": null, "s": "x", "dt": {"$date": "2024-01-01T00:00:00Z"}}"#

    static let addAndSubtract: [(String, String, String)] = [
        (#"{"$add": [1, 2]}"#, document, "3"),
        (#"{"$add": []}"#, document, "0"),
        (#"{"$add": [1, {"$numberLong": "2"}]}"#, document, #"{"$numberLong": "3"}"#),
        (#"{"$add": [1, 2.5]}"#, document, "3.5"),
        (#"{"$add": [1, {"$numberDecimal": "2.5"}]}"#, document, #"{"$numberDecimal": "3.5"}"#),
        (#"{"$add": [2147483647, 1]}"#, document, #"{"$numberLong": "2147483648"}"#),
        (#"{"$add": [2147483647, 1, -1]}"#, document, "2147483647"),
        (#"{"$add": [{"$numberLong": "9223372036854775807"}, 1]}"#, document, "9.223372036854775808E18"),
        (#"{"$add": ["$i", "$missing"]}"#, document, "null"),
        (#"{"$add": ["$n", 1]}"#, document, "null"),
        (#"{"$add": [null, "x"]}"#, document, "null"),
        (#"{"$add": ["$s", null]}"#, document, "error: $add only supports numeric or date types, not string"),
        (#"{"$add": ["$dt", 1000]}"#, document, #"{"$date": "2024-01-01T00:00:01Z"}"#),
        (#"{"$add": [1000, "$dt"]}"#, document, #"{"$date": "2024-01-01T00:00:01Z"}"#),
        (#"{"$add": ["$dt", 1.5]}"#, document, #"{"$date": "2024-01-01T00:00:00.002Z"}"#),
        (#"{"$add": ["$dt", -1.5]}"#, document, #"{"$date": "2023-12-31T23:59:59.998Z"}"#),
        (#"{"$add": ["$dt", "$dt"]}"#, document, "error: only one date allowed in an $add expression"),
        (#"{"$add": ["$dt", 1e300]}"#, document, "error: date overflow"),
        (#"{"$add": [0.1, 0.2]}"#, document, "0.30000000000000004"),
        (#"{"$add": [{"$numberDecimal": "0.1"}, 0.2]}"#, document, #"{"$numberDecimal": "0.300000000000000"}"#),
        (#"{"$add": [0.5, 0.25, {"$numberDecimal": "1"}]}"#, document, #"{"$numberDecimal": "1.750000000000000"}"#),
        (#"{"$add": [1.5, "$dt", 1.5]}"#, document, #"{"$date": "2024-01-01T00:00:00.004Z"}"#),
        (#"{"$add": [{"$numberLong": "9223372036854775807"}, "$dt"]}"#, document, "error: date overflow"),
        (#"{"$subtract": [5, 3]}"#, document, "2"),
        (#"{"$subtract": [-2147483648, 1]}"#, document, #"{"$numberLong": "-2147483649"}"#),
        (#"{"$subtract": ["$l", 2]}"#, document, #"{"$numberLong": "5"}"#),
        (#"{"$subtract": [{"$numberLong": "-9223372036854775808"}, 1]}"#, document, "-9.223372036854775808E18"),
        (#"{"$subtract": [5, 0.5]}"#, document, "4.5"),
        (#"{"$subtract": [{"$numberDecimal": "5.5"}, 1]}"#, document, #"{"$numberDecimal": "4.5"}"#),
        (#"{"$subtract": ["$dt", {"$date": "2023-12-31T00:00:00Z"}]}"#, document, #"{"$numberLong": "86400000"}"#),
        (#"{"$subtract": ["$dt", 1000]}"#, document, #"{"$date": "2023-12-31T23:59:59Z"}"#),
        (#"{"$subtract": ["$dt", 0.5]}"#, document, #"{"$date": "2023-12-31T23:59:59.999Z"}"#),
        (#"{"$subtract": [1000, "$dt"]}"#, document, "error: can't $subtract date from int"),
        (#"{"$subtract": ["x", 1]}"#, document, "error: can't $subtract int from string"),
        (#"{"$subtract": ["$dt", "x"]}"#, document, "error: can't $subtract string from Date"),
        (#"{"$subtract": ["$dt", {"$numberLong": "-9223372036854775807"}]}"#, document, "error: date overflow"),
        (#"{"$subtract": ["$dt", {"$numberDecimal": "1000"}]}"#, document, #"{"$date": "2023-12-31T23:59:59Z"}"#),
        (#"{"$subtract": ["$missing", 1]}"#, document, "null"),
        (#"{"$subtract": ["x", null]}"#, document, "null"),
        (#"{"$subtract": [1]}"#, document, "error: Expression $subtract takes exactly 2 arguments. 1 were passed in."),
    ]

    static let multiplyDivideMod: [(String, String, String)] = [
        (#"{"$multiply": [2, 3]}"#, document, "6"),
        (#"{"$multiply": []}"#, document, "1"),
        (#"{"$multiply": [65536, 65536]}"#, document, #"{"$numberLong": "4294967296"}"#),
        (#"{"$multiply": [{"$numberLong": "4611686018427387904"}, 4]}"#, document, "1.8446744073709552E19"),
        (#"{"$multiply": [2, 1.5]}"#, document, "3.0"),
        (#"{"$multiply": ["$l", 2]}"#, document, #"{"$numberLong": "14"}"#),
        (#"{"$multiply": [2, {"$numberDecimal": "1.5"}]}"#, document, #"{"$numberDecimal": "3.0"}"#),
        (#"{"$multiply": [0.5, {"$numberDecimal": "2"}]}"#, document, #"{"$numberDecimal": "1.000000000000000"}"#),
        (#"{"$multiply": [2, {"$numberDouble": "Infinity"}]}"#, document, #"{"$numberDouble": "Infinity"}"#),
        (#"{"$multiply": [2, null, "x"]}"#, document, "null"),
        (#"{"$multiply": [2, "x", null]}"#, document, "error: $multiply only supports numeric types, not string"),
        (#"{"$multiply": ["$missing", 2]}"#, document, "null"),
        (#"{"$divide": [6, 3]}"#, document, "2.0"),
        (#"{"$divide": [1, 4]}"#, document, "0.25"),
        (#"{"$divide": ["$l", 2]}"#, document, "3.5"),
        (
            #"{"$divide": [{"$numberDecimal": "1"}, 3]}"#, document,
            #"{"$numberDecimal": "0.3333333333333333333333333333333333"}"#
        ),
        (#"{"$divide": [6, {"$numberDecimal": "3"}]}"#, document, #"{"$numberDecimal": "2"}"#),
        (#"{"$divide": [1, 0]}"#, document, "error: can't $divide by zero"),
        (#"{"$divide": [0, 0]}"#, document, "error: can't $divide by zero"),
        (#"{"$divide": [1, -0.0]}"#, document, "error: can't $divide by zero"),
        (#"{"$divide": [1, {"$numberDecimal": "0"}]}"#, document, "error: can't $divide by zero"),
        (#"{"$divide": [1, {"$numberLong": "0"}]}"#, document, "error: can't $divide by zero"),
        (#"{"$divide": ["x", null]}"#, document, "null"),
        (#"{"$divide": ["$missing", 0]}"#, document, "null"),
        (#"{"$divide": ["x", 2]}"#, document, "error: $divide only supports numeric types, not string and int"),
        (#"{"$divide": [1, "$missing2"]}"#, document, "null"),
        (#"{"$mod": [7, 3]}"#, document, "1"),
        (#"{"$mod": [-7, 3]}"#, document, "-1"),
        (#"{"$mod": [7, -3]}"#, document, "1"),
        (#"{"$mod": [7, 2.0]}"#, document, "1.0"),
        (#"{"$mod": [7, 2.5]}"#, document, "2.0"),
        (#"{"$mod": [7.5, 2]}"#, document, "1.5"),
        (#"{"$mod": ["$l", 4]}"#, document, #"{"$numberLong": "3"}"#),
        (#"{"$mod": [{"$numberDecimal": "7.5"}, 2]}"#, document, #"{"$numberDecimal": "1.5"}"#),
        (#"{"$mod": [7, 0]}"#, document, "error: can't $mod by zero"),
        (#"{"$mod": [7, {"$numberDecimal": "0"}]}"#, document, "error: can't $mod by zero"),
        (#"{"$mod": [{"$numberLong": "-9223372036854775808"}, -1]}"#, document, #"{"$numberLong": "0"}"#),
        (#"{"$mod": [null, 0]}"#, document, "null"),
        (#"{"$mod": ["a", 2]}"#, document, "error: $mod only supports numeric types, not string and int"),
    ]

    static let math: [(String, String, String)] = [
        (#"{"$abs": -5}"#, document, "5"),
        (#"{"$abs": -2147483648}"#, document, #"{"$numberLong": "2147483648"}"#),
        (#"{"$abs": {"$numberLong": "-9223372036854775808"}}"#, document, "error: can't take $abs of long long min"),
        (#"{"$abs": -2.5}"#, document, "2.5"),
        (#"{"$abs": {"$numberDecimal": "-1.50"}}"#, document, #"{"$numberDecimal": "1.50"}"#),
        (#"{"$abs": null}"#, document, "null"),
        (#"{"$abs": "$missing"}"#, document, "null"),
        (#"{"$abs": "x"}"#, document, "error: $abs only supports numeric types, not string"),
        (#"{"$abs": [1, 2]}"#, document, "error: Expression $abs takes exactly 1 arguments. 2 were passed in."),
        (#"{"$ceil": 2.1}"#, document, "3.0"),
        (#"{"$ceil": -2.1}"#, document, "-2.0"),
        (#"{"$ceil": 5}"#, document, "5"),
        (#"{"$ceil": {"$numberDecimal": "2.1"}}"#, document, #"{"$numberDecimal": "3"}"#),
        (#"{"$floor": -2.1}"#, document, "-3.0"),
        (#"{"$floor": {"$numberDecimal": "-2.1"}}"#, document, #"{"$numberDecimal": "-3"}"#),
        (#"{"$floor": {"$numberLong": "4"}}"#, document, #"{"$numberLong": "4"}"#),
        (#"{"$floor": true}"#, document, "error: $floor only supports numeric types, not bool"),
        (#"{"$sqrt": 16}"#, document, "4.0"),
        (#"{"$sqrt": -1}"#, document, "error: $sqrt's argument must be greater than or equal to 0"),
        (#"{"$sqrt": null}"#, document, "null"),
        (#"{"$exp": 0}"#, document, "1.0"),
        (#"{"$ln": 1}"#, document, "0.0"),
        (#"{"$ln": 0}"#, document, "error: $ln's argument must be a positive number, but is 0"),
        (#"{"$ln": -1.5}"#, document, "error: $ln's argument must be a positive number, but is -1.5"),
        (#"{"$log10": 1000}"#, document, "3.0"),
        (#"{"$log10": 0}"#, document, "error: $log10's argument must be a positive number, but is 0"),
        (#"{"$log": [8, 2]}"#, document, "3.0"),
        (#"{"$log": [8, 1]}"#, document, "error: $log's base must be a positive number not equal to 1, but is 1"),
        (#"{"$log": [-8, 2]}"#, document, "error: $log's argument must be a positive number, but is -8"),
        (#"{"$log": ["x", 2]}"#, document, "error: $log's argument must be numeric, not string"),
        (#"{"$log": [null, 2]}"#, document, "null"),
        (#"{"$pow": [2, 10]}"#, document, "1024"),
        (#"{"$pow": [2, 31]}"#, document, #"{"$numberLong": "2147483648"}"#),
        (#"{"$pow": [2, 63]}"#, document, "9.223372036854775808E18"),
        (#"{"$pow": [2, -1]}"#, document, "0.5"),
        (#"{"$pow": [-1, -3]}"#, document, "-1"),
        (#"{"$pow": [{"$numberLong": "3"}, 2]}"#, document, #"{"$numberLong": "9"}"#),
        (#"{"$pow": [2.0, 2]}"#, document, "4.0"),
        (#"{"$pow": [0, -1]}"#, document, "error: $pow cannot take a base of 0 and a negative exponent"),
        (#"{"$pow": ["x", 1]}"#, document, "error: $pow's base must be numeric, not string"),
        (#"{"$pow": [2, "$missing"]}"#, document, "null"),
    ]

    /// §11.6, every vector, plus the place errors and `$trunc`.
    static let rounding: [(String, String, String)] = [
        (#"{"$round": [2.5]}"#, document, "2.0"),
        (#"{"$round": 2.5}"#, document, "2.0"),
        (#"{"$round": [3.5]}"#, document, "4.0"),
        (#"{"$round": [-2.5]}"#, document, "-2.0"),
        (#"{"$round": [0.125, 2]}"#, document, "0.12"),
        (#"{"$round": [0.375, 2]}"#, document, "0.38"),
        (#"{"$round": [2.675, 2]}"#, document, "2.67"),
        (#"{"$round": [1.005, 2]}"#, document, "1.0"),
        (#"{"$round": [1234.5678, 2]}"#, document, "1234.57"),
        (#"{"$round": [1234.5678, -2]}"#, document, "1200.0"),
        (#"{"$round": [{"$numberInt": "25"}, -1]}"#, document, "20"),
        (#"{"$round": [{"$numberInt": "35"}, -1]}"#, document, "40"),
        (#"{"$round": [{"$numberInt": "7"}, 2]}"#, document, "7"),
        (#"{"$round": [null, 1]}"#, document, "null"),
        (#"{"$round": [1.5, null]}"#, document, "null"),
        (#"{"$round": ["$missing", 1]}"#, document, "null"),
        (#"{"$round": [2147483647, -1]}"#, document, #"{"$numberLong": "2147483650"}"#),
        (#"{"$round": [{"$numberLong": "125"}, -1]}"#, document, #"{"$numberLong": "120"}"#),
        (#"{"$round": [{"$numberDecimal": "2.5"}, 0]}"#, document, #"{"$numberDecimal": "2"}"#),
        (#"{"$round": [{"$numberDecimal": "1.2345"}, 2]}"#, document, #"{"$numberDecimal": "1.23"}"#),
        (#"{"$round": [{"$numberDecimal": "1.5"}, 2]}"#, document, #"{"$numberDecimal": "1.50"}"#),
        (#"{"$round": [{"$numberDecimal": "Infinity"}, 2]}"#, document, #"{"$numberDecimal": "Infinity"}"#),
        (#"{"$round": [{"$numberDouble": "Infinity"}, 2]}"#, document, #"{"$numberDouble": "Infinity"}"#),
        (#"{"$round": [{"$numberDouble": "NaN"}, 2]}"#, document, #"{"$numberDouble": "NaN"}"#),
        (#"{"$round": [2.5, 1.5]}"#, document, "error: precision argument to  $round must be a integral value"),
        (
            #"{"$round": [2.5, 101]}"#, document,
            "error: cannot apply $round with precision value 101 value must be in [-20, 100]"
        ),
        (
            #"{"$round": [2.5, -21]}"#, document,
            "error: cannot apply $round with precision value -21 value must be in [-20, 100]"
        ),
        (#"{"$round": [2.5, 2.0]}"#, document, "2.5"),
        (#"{"$round": ["x", 1]}"#, document, "error: $round only supports numeric types, not string"),
        (
            #"{"$round": [1, 2, 3]}"#, document,
            "error: Expression $round takes at least 1 arguments, and at most 2, but 3 were passed in."
        ),
        (#"{"$trunc": [2.7]}"#, document, "2.0"),
        (#"{"$trunc": [-2.7]}"#, document, "-2.0"),
        (#"{"$trunc": [2.675, 2]}"#, document, "2.67"),
        (#"{"$trunc": [1234.5678, -2]}"#, document, "1200.0"),
        (#"{"$trunc": [{"$numberInt": "39"}, -1]}"#, document, "30"),
        (#"{"$trunc": [{"$numberDecimal": "-1.99"}, 1]}"#, document, #"{"$numberDecimal": "-1.9"}"#),
        (#"{"$trunc": [5]}"#, document, "5"),
        (
            #"{"$trunc": [2.5, 101]}"#, document,
            "error: cannot apply $trunc with precision value 101 value must be in [-20, 100]"
        ),
    ]

    @Test(
        "Errors carry the server's codes",
        arguments: [
            (#"{"$divide": [1, 0]}"#, 2), (#"{"$divide": ["a", 1]}"#, 14), (#"{"$mod": [1, 0]}"#, 16610),
            (#"{"$mod": [1, {"$numberDecimal": "0"}]}"#, 5_733_415), (#"{"$add": ["a"]}"#, 14),
            (#"{"$add": [{"$date": "2024-01-01T00:00:00Z"}, {"$date": "2024-01-01T00:00:00Z"}]}"#, 16612),
            (#"{"$add": [{"$date": "2024-01-01T00:00:00Z"}, 1e300]}"#, 15), (#"{"$multiply": ["a"]}"#, 14),
            (#"{"$round": [1, 1.5]}"#, 51082), (#"{"$round": [1, 200]}"#, 51083), (#"{"$round": ["a"]}"#, 51081),
            (#"{"$abs": "a"}"#, 28765), (#"{"$sqrt": -1}"#, 28714), (#"{"$ln": 0}"#, 28766),
            (#"{"$pow": [0, -1]}"#, 28764), (#"{"$subtract": [1]}"#, 16020),
        ])
    func errorCodes(expression: String, code: Int) throws {
        #expect(try ExpressionCase.errorCode(expression) == code)
    }

    @Test("$add and $subtract", arguments: addAndSubtract)
    func addSubtract(expression: String, document: String, expected: String) throws {
        try ExpressionCase.check(expression, document, expected)
    }

    @Test("$multiply, $divide and $mod", arguments: multiplyDivideMod)
    func multiplyDivide(expression: String, document: String, expected: String) throws {
        try ExpressionCase.check(expression, document, expected)
    }

    @Test("$abs $ceil $floor $sqrt $exp $ln $log10 $log $pow", arguments: math)
    func mathOperators(expression: String, document: String, expected: String) throws {
        try ExpressionCase.check(expression, document, expected)
    }

    @Test("$round and $trunc (§11.6)", arguments: rounding)
    func roundTrunc(expression: String, document: String, expected: String) throws {
        try ExpressionCase.check(expression, document, expected)
    }
}
