import TestSupport
import Testing

@testable import StreamEngine

@Suite("Query filters: $and $or $nor $not, top level", .tags(.small))
struct LogicalFilterTests {
    static let cases: [FilterCase] = [
        FilterCase.table(#"{}"#, [(#"{"a": 1}"#, true), (#"{}"#, true)]),
        FilterCase.table(
            #"{"$and": [{"a": 1}, {"b": 2}]}"#,
            [(#"{"a": 1, "b": 2}"#, true), (#"{"a": 1}"#, false), (#"{"b": 2}"#, false)]),
        FilterCase.table(
            #"{"$or": [{"a": 1}, {"b": 2}]}"#,
            [(#"{"b": 2}"#, true), (#"{"a": 1}"#, true), (#"{"c": 1}"#, false), (#"{"a": 2, "b": 1}"#, false)]),
        FilterCase.table(
            #"{"$nor": [{"a": 1}, {"b": 2}]}"#,
            [(#"{"c": 1}"#, true), (#"{"a": 1}"#, false), (#"{"b": 2}"#, false), (#"{}"#, true)]),
        FilterCase.table(
            #"{"$and": [{"$or": [{"a": 1}, {"a": 2}]}, {"b": {"$ne": 3}}]}"#,
            [(#"{"a": 2, "b": 4}"#, true), (#"{"a": 2, "b": 3}"#, false), (#"{"a": 3}"#, false), (#"{"a": 1}"#, true)]),
        FilterCase.table(
            #"{"$or": [{"a": {"$exists": false}}, {"a": null}]}"#,
            [(#"{}"#, true), (#"{"a": null}"#, true), (#"{"a": 0}"#, false)]),
        FilterCase.table(
            #"{"a": 1, "$or": [{"b": 1}, {"c": 1}]}"#,
            [(#"{"a": 1, "c": 1}"#, true), (#"{"a": 2, "c": 1}"#, false), (#"{"a": 1}"#, false)]),
        FilterCase.table(
            #"{"$and": [{"a": {"$gt": 1}}, {"a": {"$lt": 3}}]}"#, [(#"{"a": [0, 4]}"#, true), (#"{"a": 5}"#, false)]),
        FilterCase.table(
            #"{"a": {"$not": {"$gt": 5}}}"#,
            [
                (#"{"a": 3}"#, true), (#"{"a": 6}"#, false), (#"{}"#, true), (#"{"a": "x"}"#, true),
                (#"{"a": [1, 6]}"#, false),
            ]),
        FilterCase.table(
            #"{"a": {"$not": {"$gt": 1, "$lt": 5}}}"#,
            [(#"{"a": 3}"#, false), (#"{"a": 7}"#, true), (#"{"a": 0}"#, true)]),
        FilterCase.table(
            #"{"a": {"$not": {"$regularExpression": {"pattern": "^a", "options": ""}}}}"#,
            [(#"{"a": "b"}"#, true), (#"{"a": "abc"}"#, false), (#"{}"#, true), (#"{"a": ["b", "a"]}"#, false)]),
        FilterCase.table(
            #"{"a": {"$not": {"$regex": "^A", "$options": "i"}}}"#, [(#"{"a": "abc"}"#, false), (#"{"a": "b"}"#, true)]),
        FilterCase.table(#"{"a": {"$not": {"$eq": null}}}"#, [(#"{}"#, false), (#"{"a": 1}"#, true)]),
        FilterCase.table(#"{"a": {"$not": {"$in": [1, 2]}}}"#, [(#"{"a": 3}"#, true), (#"{"a": 2}"#, false)]),
        FilterCase.table(
            #"{"a": {"$not": {"$size": 1}}}"#, [(#"{"a": [1]}"#, false), (#"{"a": [1, 2]}"#, true), (#"{}"#, true)]),
        FilterCase.table(#"{"$comment": "why", "a": 1}"#, [(#"{"a": 1}"#, true), (#"{"a": 2}"#, false)]),
        FilterCase.table(#"{"$alwaysTrue": 1}"#, [(#"{}"#, true)]),
        FilterCase.table(#"{"$alwaysFalse": 1}"#, [(#"{"a": 1}"#, false)]),
        FilterCase.table(#"{"$or": [{"$alwaysFalse": 1}, {"a": 1}]}"#, [(#"{"a": 1}"#, true)]),
    ].flatMap { $0 }

    @Test("Logical operators and $not", arguments: cases)
    func matches(row: FilterCase) throws {
        #expect(try row.run() == row.expected)
    }

    @Test(
        "Logical and top-level errors carry the server's (or ASP's) messages",
        arguments: [
            FilterErrorCase(#"{"$and": {}}"#, "$and must be an array"),
            FilterErrorCase(#"{"$or": 1}"#, "$or must be an array"),
            FilterErrorCase(#"{"$or": []}"#, "$and/$or/$nor must be a nonempty array"),
            FilterErrorCase(#"{"$nor": [1]}"#, "$or/$and/$nor entries need to be full objects"),
            FilterErrorCase(#"{"$and": [{"$foo": 1}]}"#, "unknown top level operator: $foo"),
            FilterErrorCase(#"{"a": {"$not": 5}}"#, "$not needs a regex or a document"),
            FilterErrorCase(#"{"a": {"$not": {}}}"#, "$not cannot be empty"),
            FilterErrorCase(#"{"a": {"$not": {"b": 1}}}"#, "unknown operator: b"),
            FilterErrorCase(#"{"$foo": 1}"#, "unknown top level operator: $foo"),
            FilterErrorCase(#"{"a": {"$and": [{"b": 1}]}}"#, "unknown operator: $and"),
            FilterErrorCase(
                #"{"$text": {"$search": "x"}}"#, "Cannot use $text in $match stage in Atlas Stream Processing."),
            FilterErrorCase(
                #"{"$or": [{"$text": {"$search": "x"}}]}"#,
                "Cannot use $text in $match stage in Atlas Stream Processing."),
            FilterErrorCase(#"{"$where": "this.a == 1"}"#, "$where is not allowed in this context"),
            FilterErrorCase(#"{"a": {"$where": 1}}"#, "$where cannot be applied to a field"),
            FilterErrorCase(
                #"{"a": {"$near": [0, 0]}}"#,
                "$geoNear, $near, and $nearSphere are not allowed in this context, as these operators require sorting "
                    + "geospatial data. If you do not need sort, consider using $geoWithin instead."),
            FilterErrorCase(#"{"$alwaysTrue": 2}"#, "$alwaysTrue must be an integer value of 1"),
            FilterErrorCase(#"{"a": {"$gt": 1, "$near": [0, 0]}}"#, #"near must be first in: {"$gt":1,"$near":[0,0]}"#),
            FilterErrorCase(
                #"{"a": {"$geoWithin": {"$box": [[0, 0], [1, 1]]}}}"#,
                "$geoWithin is not supported by the local stream engine"),
            FilterErrorCase(#"{"a": {"$bitsAllSet": 3}}"#, "$bitsAllSet is not supported by the local stream engine"),
        ])
    func errors(row: FilterErrorCase) throws {
        #expect(try row.compileError() == row.message)
    }

    @Test(
        "$validate rejects $text, $where, $near and $nearSphere with the server's messages",
        arguments: [
            FilterErrorCase(#"{"$text": {"$search": "x"}}"#, "$text is not allowed in this context"),
            FilterErrorCase(#"{"$where": "true"}"#, "$where is not allowed in this context"),
            FilterErrorCase(
                #"{"a": {"$nearSphere": [0, 0]}}"#,
                "$geoNear, $near, and $nearSphere are not allowed in this context, as these operators require sorting "
                    + "geospatial data. If you do not need sort, consider using $geoWithin instead."),
            FilterErrorCase(
                #"{"a": {"$elemMatch": {"$text": {"$search": "x"}}}}"#,
                "$text can only be applied to the top-level document"),
        ])
    func validateErrors(row: FilterErrorCase) throws {
        #expect(try row.compileError(for: .validate) == row.message)
    }

    @Test("The stage builder gets ASP's $text message from the public constant")
    func textMessageConstant() throws {
        let row = FilterErrorCase(#"{"$text": {"$search": "x"}}"#, QueryFilter.textInMatchMessage)
        #expect(try row.compileError() == "Cannot use $text in $match stage in Atlas Stream Processing.")
    }
}
