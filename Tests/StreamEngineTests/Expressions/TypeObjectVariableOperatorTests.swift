import BSONCore
import TestSupport
import Testing

@testable import StreamEngine

/// `$type`, conversions, object operators, `$let`, `$meta`, `$currentDate`, `$createUUID`, `$rand`.
@Suite("Type, object and variable operators", .tags(.small))
struct TypeObjectVariableOperatorTests {
    static let document =
        #"{"i": 5, "d": 2.5, "s": "12", "n": null, "o": {"a": 1, "b": 2}, "dt": {"$date": "2024-01-01T00:00:00Z"}, "id": {"$oid": "65a1b2c3d4e5f60718293a4b"}}"#

    static let types: [(String, String, String)] = [
        (#"{"$type": "$i"}"#, document, #""int""#),
        (#"{"$type": "$missing"}"#, document, #""missing""#),
        (#"{"$type": "$n"}"#, document, #""null""#),
        (#"{"$type": [{"$numberLong": "1"}]}"#, document, #""long""#),
        (#"{"$type": {"$literal": [1]}}"#, document, #""array""#),
        (#"{"$type": "$dt"}"#, document, #""date""#),
        (#"{"$type": {"$numberDecimal": "1"}}"#, document, #""decimal""#),
        (#"{"$isNumber": "$i"}"#, document, "true"),
        (#"{"$isNumber": "$s"}"#, document, "false"),
        (#"{"$isNumber": "$missing"}"#, document, "false"),
        (#"{"$toInt": "$s"}"#, document, "12"),
        (#"{"$toInt": 2.9}"#, document, "2"),
        (#"{"$toInt": -2.9}"#, document, "-2"),
        (#"{"$toInt": true}"#, document, "1"),
        (#"{"$toInt": {"$numberLong": "5"}}"#, document, "5"),
        (#"{"$toInt": {"$numberDecimal": "7.9"}}"#, document, "7"),
        (#"{"$toInt": null}"#, document, "null"),
        (#"{"$toInt": "$missing"}"#, document, "null"),
        (
            #"{"$toInt": "1.5"}"#, document,
            "error: Failed to parse number '1.5' in $convert with no onError value: Did not consume whole string."
        ),
        (#"{"$toInt": ""}"#, document, "error: Failed to parse number '' in $convert with no onError value: No digits"),
        (
            #"{"$toInt": {"$numberLong": "3000000000"}}"#, document,
            "error: Conversion would overflow target type in $convert with no onError value: "
        ),
        (
            #"{"$toInt": {"$numberDouble": "NaN"}}"#, document,
            "error: Attempt to convert NaN value to integer type in $convert with no onError value"
        ),
        (
            #"{"$toInt": "$dt"}"#, document,
            "error: Unsupported conversion from date to int in $convert with no onError value"
        ),
        (#"{"$toLong": "$dt"}"#, document, #"{"$numberLong": "1704067200000"}"#),
        (#"{"$toLong": "-42"}"#, document, #"{"$numberLong": "-42"}"#),
        (
            #"{"$toLong": 1e19}"#, document,
            "error: Conversion would overflow target type in $convert with no onError value: 1e+19"
        ),
        (#"{"$toDouble": "2.5"}"#, document, "2.5"),
        (#"{"$toDouble": "1e3"}"#, document, "1000.0"),
        (
            #"{"$toDouble": "abc"}"#, document,
            "error: Failed to parse number 'abc' in $convert with no onError value: Did not consume whole number."
        ),
        (#"{"$toDouble": 5}"#, document, "5.0"),
        (#"{"$toDouble": false}"#, document, "0.0"),
        (#"{"$toDouble": "$dt"}"#, document, "1704067200000.0"),
        (#"{"$toDouble": {"$numberDecimal": "0.1"}}"#, document, "0.1"),
        (
            #"{"$toDouble": {"a": 1}}"#, document,
            "error: Unsupported conversion from object to double in $convert with no onError value"
        ),
        (#"{"$toDecimal": 2.5}"#, document, #"{"$numberDecimal": "2.50000000000000"}"#),
        (#"{"$toDecimal": 5}"#, document, #"{"$numberDecimal": "5"}"#),
        (#"{"$toDecimal": "1.23"}"#, document, #"{"$numberDecimal": "1.23"}"#),
        (#"{"$toDecimal": true}"#, document, #"{"$numberDecimal": "1"}"#),
        (
            #"{"$toDecimal": "x"}"#, document,
            "error: Failed to parse number 'x' in $convert with no onError value: Failed to parse string to decimal"
        ),
        (#"{"$toString": 5}"#, document, #""5""#),
        (#"{"$toString": 2.5}"#, document, #""2.5""#),
        (#"{"$toString": 2.0}"#, document, #""2""#),
        (#"{"$toString": true}"#, document, #""true""#),
        (#"{"$toString": "$id"}"#, document, #""65a1b2c3d4e5f60718293a4b""#),
        (#"{"$toString": {"$numberDecimal": "1.50"}}"#, document, #""1.50""#),
        (
            #"{"$toString": [[1]]}"#, document,
            "error: Unsupported conversion from array to string in $convert with no onError value"
        ),
        (#"{"$toBool": 0}"#, document, "false"),
        (#"{"$toBool": "false"}"#, document, "true"),
        (#"{"$toBool": ""}"#, document, "true"),
        (#"{"$toBool": {"$numberDecimal": "0"}}"#, document, "false"),
        (#"{"$toBool": "$dt"}"#, document, "true"),
        (#"{"$toBool": {"a": 1}}"#, document, "true"),
        (
            #"{"$toBool": {"$maxKey": 1}}"#, document,
            "error: Unsupported conversion from maxKey to bool in $convert with no onError value"
        ),
        (#"{"$toInt": "0x1A"}"#, document, "error: Illegal hexadecimal input in $convert with no onError value: 0x1A"),
        (
            #"{"$toInt": {"$numberDouble": "-Infinity"}}"#, document,
            "error: Attempt to convert infinity value to integer type in $convert with no onError value"
        ),
        (#"{"$toString": -0.0}"#, document, #""-0""#),
        (#"{"$toString": {"$numberDouble": "NaN"}}"#, document, #""NaN""#),
        (#"{"$toObjectId": "65a1b2c3d4e5f60718293a4b"}"#, document, #"{"$oid": "65a1b2c3d4e5f60718293a4b"}"#),
        (
            #"{"$toObjectId": "abc"}"#, document,
            "error: Failed to parse objectId 'abc' in $convert with no onError value: Invalid string length for parsing to OID, expected 24 but found 3"
        ),
        (#"{"$convert": {"input": "$s", "to": "int"}}"#, document, "12"),
        (#"{"$convert": {"input": "$s", "to": 16}}"#, document, "12"),
        (#"{"$convert": {"input": "$s", "to": "long"}}"#, document, #"{"$numberLong": "12"}"#),
        (#"{"$convert": {"input": "x", "to": "int", "onError": -1}}"#, document, "-1"),
        (#"{"$convert": {"input": "$missing", "to": "int", "onNull": 0}}"#, document, "0"),
        (#"{"$convert": {"input": null, "to": "int"}}"#, document, "null"),
        (#"{"$convert": {"input": 1, "to": null}}"#, document, "null"),
        (#"{"$convert": {"input": 1, "to": "nope"}}"#, document, "error: Unknown type name: nope"),
        (#"{"$convert": {"input": {"a": 1}, "to": "int", "onError": "bad"}}"#, document, #""bad""#),
        (#"{"$convert": {"to": "int"}}"#, document, "error: Missing 'input' parameter to $convert"),
        (#"{"$convert": {"input": 1}}"#, document, "error: Missing 'to' parameter to $convert"),
        (#"{"$convert": {"input": 1, "to": "int", "x": 1}}"#, document, "error: $convert found an unknown argument: x"),
    ]

    static let objects: [(String, String, String)] = [
        (#"{"$setField": {}}"#, document, "error: $setField requires 'field' to be specified"),
        (#"{"$setField": {"field": "f", "value": 1}}"#, document, "error: $setField requires 'input' to be specified"),
        (#"{"$mergeObjects": ["$o", {"b": 3, "c": 4}]}"#, document, #"{"a": 1, "b": 3, "c": 4}"#),
        (#"{"$mergeObjects": ["$o", null, "$missing"]}"#, document, #"{"a": 1, "b": 2}"#),
        (#"{"$mergeObjects": []}"#, document, "{}"),
        (
            #"{"$mergeObjects": ["$o", 1]}"#, document,
            "error: $mergeObjects requires object inputs, but input 1 is of type int"
        ),
        (#"{"$getField": "i"}"#, document, "5"),
        (#"{"$getField": {"field": "a", "input": "$o"}}"#, document, "1"),
        (#"{"$getField": {"field": "zz", "input": "$o"}}"#, document, "missing"),
        (#"{"$getField": {"field": "a.b", "input": {"a.b": 7}}}"#, document, "7"),
        (#"{"$getField": {"field": {"$literal": "$x"}, "input": {"$literal": {"$x": 8}}}}"#, document, "8"),
        (#"{"$getField": {"field": "a", "input": "$n"}}"#, document, "null"),
        (
            #"{"$getField": {"field": "a", "input": "$i"}}"#, document,
            "error: $getField requires 'input' to evaluate to type Object, but got int"
        ),
        (
            #"{"$getField": {"field": 1}}"#, document,
            "error: $getField requires 'field' to evaluate to type String, but got int"
        ),
        (#"{"$setField": {"field": "c", "input": "$o", "value": 3}}"#, document, #"{"a": 1, "b": 2, "c": 3}"#),
        (#"{"$setField": {"field": "a", "input": "$o", "value": 9}}"#, document, #"{"a": 9, "b": 2}"#),
        (#"{"$setField": {"field": "a", "input": "$o", "value": "$$REMOVE"}}"#, document, #"{"b": 2}"#),
        (#"{"$setField": {"field": "a", "input": "$n", "value": 1}}"#, document, "null"),
        (
            #"{"$setField": {"field": "a", "input": "$o"}}"#, document,
            "error: $setField requires 'value' to be specified"
        ),
        (#"{"$unsetField": {"field": "b", "input": "$o"}}"#, document, #"{"a": 1}"#),
        (#"{"$objectToArray": "$o"}"#, document, #"[{"k": "a", "v": 1}, {"k": "b", "v": 2}]"#),
        (#"{"$objectToArray": "$missing"}"#, document, "null"),
        (#"{"$objectToArray": "$i"}"#, document, "error: $objectToArray requires a document input, found: int"),
        (#"{"$arrayToObject": [[["a", 1], ["b", 2]]]}"#, document, #"{"a": 1, "b": 2}"#),
        (#"{"$arrayToObject": [[{"k": "a", "v": 1}, {"k": "a", "v": 2}]]}"#, document, #"{"a": 2}"#),
        (#"{"$arrayToObject": [[]]}"#, document, "{}"),
        (#"{"$arrayToObject": "$n"}"#, document, "null"),
        (
            #"{"$arrayToObject": [[["a", 1, 2]]]}"#, document,
            "error: $arrayToObject requires an array of size 2 arrays,found array of size: 3"
        ),
        (
            #"{"$arrayToObject": [[[1, 1]]]}"#, document,
            "error: $arrayToObject requires an array of key-value pairs, where the key must be of type string. Found key type: int"
        ),
        (#"{"$arrayToObject": "$i"}"#, document, "error: $arrayToObject requires an array input, found: int"),
    ]

    static let variables: [(String, String, String)] = [
        (#"{"$let": {"vars": {"x": 2, "y": "$i"}, "in": {"$multiply": ["$$x", "$$y"]}}}"#, document, "10"),
        (#"{"$let": {"vars": {"x": 1}, "in": {"$let": {"vars": {"x": 2}, "in": "$$x"}}}}"#, document, "2"),
        (#"{"$let": {"vars": {"x": "$o"}, "in": "$$x.b"}}"#, document, "2"),
        (#"{"$let": {"vars": {"x": "$missing"}, "in": "$$x"}}"#, document, "missing"),
        (
            #"{"$let": {"vars": {"X": 1}, "in": 1}}"#, document,
            "error: 'X' starts with an invalid character for a user variable name"
        ),
        (#"{"$let": {"vars": {}}}"#, document, "error: Missing 'in' parameter to $let"),
        (#"{"$let": {"in": 1}}"#, document, "error: Missing 'vars' parameter to $let"),
        (#"{"$let": {"vars": {"x": "$$x"}, "in": 1}}"#, document, "error: Use of undefined variable: x"),
        (#"{"$literal": {"$add": [1, 2]}}"#, document, #"{"$add": [1, 2]}"#),
        (#"{"$meta": "stream.window.start"}"#, document, #"{"$date": {"$numberLong": "1000"}}"#),
        (#"{"$meta": "stream.window.end"}"#, document, #"{"$date": {"$numberLong": "2000"}}"#),
        (#"{"$meta": "stream.source.type"}"#, document, #""generated""#),
        (#"{"$meta": "stream.source.topic"}"#, document, "missing"),
        (#"{"$meta": "textScore"}"#, document, #"error: Unsupported argument to $meta: "textScore""#),
        (#"{"$currentDate": {}}"#, document, #"{"$date": {"$numberLong": "42"}}"#),
        (
            #"{"$currentDate": 1}"#, document,
            "error: $currentDate does not accept arguments; it must be written {$currentDate: {}}"
        ),
    ]

    @Test("$type, $isNumber and conversions", arguments: types)
    func typeOperators(expression: String, document: String, expected: String) throws {
        try ExpressionCase.check(expression, document, expected)
    }

    @Test("Object operators", arguments: objects)
    func objectOperators(expression: String, document: String, expected: String) throws {
        try ExpressionCase.check(expression, document, expected)
    }

    @Test("$let, $literal, $meta and $currentDate", arguments: variables)
    func variableOperators(expression: String, document: String, expected: String) throws {
        try ExpressionCase.check(expression, document, expected)
    }

    @Test("$createUUID gives a fresh version-4 UUID, $rand a double in [0, 1)")
    func randomOperators() throws {
        var compiler = ExpressionCompiler()
        let uuid = try compiler.compile(try ExtendedJSON.parse(#"{"$createUUID": {}}"#))
        var context = EvaluationContext(root: BSONDocument())
        let first = try uuid.evaluate(&context)
        let second = try uuid.evaluate(&context)
        guard case .binary(let binary)? = first else {
            Issue.record("$createUUID gave \(String(describing: first))")
            return
        }
        #expect(binary.subtype == 4 && binary.data.count == 16 && binary.data[6] >> 4 == 4)
        #expect(first != second)
        let rand = try compiler.compile(try ExtendedJSON.parse(#"{"$rand": {}}"#))
        for _ in 0..<100 {
            guard case .double(let value)? = try rand.evaluate(&context) else {
                Issue.record("$rand did not give a double")
                return
            }
            #expect(value >= 0 && value < 1)
        }
    }
}
