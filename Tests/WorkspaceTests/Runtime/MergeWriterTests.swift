import BSONCore
import MongoBridge
import StreamEngine
import TestSupport
import Testing
import Workspace

/// The `$merge` writer (§5.1) against the real server: every mode, `on`, namespaces, replays, write errors.
@Suite(.tags(.medium), .enabled(if: TestServers.mongoTestsEnabled, "SPSH_TEST_MONGODB_URI is not set"))
struct MergeWriterTests {
    /// One `whenMatched`/`whenNotMatched` combination and the collection it must leave.
    struct ModeCase: CustomTestStringConvertible, Sendable {
        let name: String
        let whenMatched: MergeSpec.WhenMatched
        let insert: Bool
        let letVariables: BSONDocument?
        let expected: [String]
        var testDescription: String { name }
    }

    static let addPipeline: MergeSpec.WhenMatched = .pipeline([
        [
            "$set": .document([
                "a": .document(["$add": .array([.string("$a"), .string("$$new.a")])]), "n": .string("$$new.c"),
            ])
        ]
    ])

    static let modeCases: [ModeCase] = [
        ModeCase(
            name: "merge, insert", whenMatched: .merge, insert: true, letVariables: nil,
            expected: [#"{"_id":1,"a":2,"b":1,"c":3}"#, #"{"_id":2,"a":5}"#]),
        ModeCase(
            name: "merge, discard", whenMatched: .merge, insert: false, letVariables: nil,
            expected: [#"{"_id":1,"a":2,"b":1,"c":3}"#]),
        ModeCase(
            name: "replace, insert", whenMatched: .replace, insert: true, letVariables: nil,
            expected: [#"{"_id":1,"a":2,"c":3}"#, #"{"_id":2,"a":5}"#]),
        ModeCase(
            name: "replace, discard", whenMatched: .replace, insert: false, letVariables: nil,
            expected: [#"{"_id":1,"a":2,"c":3}"#]),
        ModeCase(
            name: "keepExisting, insert", whenMatched: .keepExisting, insert: true, letVariables: nil,
            expected: [#"{"_id":1,"a":1,"b":1}"#, #"{"_id":2,"a":5}"#]),
        ModeCase(
            name: "keepExisting, discard", whenMatched: .keepExisting, insert: false, letVariables: nil,
            expected: [#"{"_id":1,"a":1,"b":1}"#]),
        ModeCase(
            name: "pipeline with $$new, insert", whenMatched: addPipeline, insert: true, letVariables: nil,
            expected: [#"{"_id":1,"a":3,"b":1,"n":3}"#, #"{"_id":2,"a":5}"#]),
        ModeCase(
            name: "pipeline with $$new, discard", whenMatched: addPipeline, insert: false, letVariables: nil,
            expected: [#"{"_id":1,"a":3,"b":1,"n":3}"#]),
        ModeCase(
            name: "pipeline merging $$new into $$ROOT, insert",
            whenMatched: .pipeline([
                ["$replaceWith": .document(["$mergeObjects": .array([.string("$$ROOT"), .string("$$new")])])]
            ]),
            insert: true, letVariables: nil, expected: [#"{"_id":1,"a":2,"b":1,"c":3}"#, #"{"_id":2,"a":5}"#]),
        ModeCase(
            name: "pipeline reading a missing field of $$new, discard",
            whenMatched: .pipeline([["$set": .document(["m": .string("$$new.nope"), "a": .int32(9)])]]),
            insert: false, letVariables: nil, expected: [#"{"_id":1,"a":9,"b":1}"#]),
        ModeCase(
            name: "pipeline with let, insert",
            whenMatched: .pipeline([
                [
                    "$set": .document([
                        "fromLet": .string("$$incoming"), "lit": .document(["$literal": .string("$$incoming")]),
                    ])
                ]
            ]),
            insert: true, letVariables: ["incoming": .string("$c")],
            expected: [#"{"_id":1,"a":1,"b":1,"fromLet":3,"lit":"$$incoming"}"#, #"{"_id":2,"a":5}"#]),
    ]

    @Test(arguments: modeCases) func modes(_ mode: ModeCase) throws {
        try SinkTestDatabase.with { database in
            try database.insert("out", [#"{"_id":1,"a":1,"b":1}"#])
            let writer = try MergeWriter(
                spec: database.merge(
                    "out", whenMatched: mode.whenMatched, insert: mode.insert, letVariables: mode.letVariables),
                client: database.client)
            let drafts = try writer.write(database.outputs("out", [#"{"_id":1,"a":2,"c":3}"#, #"{"_id":2,"a":5}"#]))
            #expect(drafts.isEmpty)
            #expect(try database.contents("out") == mode.expected)
        }
    }

    @Test func laterDocumentsOfOneBatchOverwriteEarlierOnes() throws {
        try SinkTestDatabase.with { database in
            let writer = try MergeWriter(spec: database.merge("out"), client: database.client)
            let drafts = try writer.write(database.outputs("out", [#"{"_id":0,"a":1}"#, #"{"_id":0,"a":3}"#]))
            #expect(drafts.isEmpty)
            #expect(try database.contents("out") == [#"{"_id":0,"a":3}"#])
        }
    }

    @Test func compoundOnWithUniqueIndex() throws {
        try SinkTestDatabase.with { database in
            try database.createUniqueIndex("out", ["k": .int32(1), "j": .int32(1)])
            let writer = try MergeWriter(spec: database.merge("out", on: ["k", "j"]), client: database.client)
            let drafts = try writer.write(
                database.outputs(
                    "out",
                    [
                        #"{"k":1,"j":1,"v":1}"#, #"{"k":1,"j":2,"v":2}"#, #"{"k":1,"j":1,"v":3}"#, #"{"k":2,"v":4}"#,
                        #"{"k":3,"j":[1],"v":5}"#,
                    ]))
            #expect(
                drafts.map(\.reason) == [
                    "Failed to process input document in MergeOperator with error: code = Location51132, reason = "
                        + "$merge write error: 'on' field 'j' cannot be missing, null, undefined or an array",
                    "Failed to process input document in MergeOperator with error: code = Location51185, reason = "
                        + "$merge write error: 'on' field 'j' is an array",
                ])
            #expect(drafts.allSatisfy { $0.operatorName == "MergeOperator" })
            #expect(drafts.map { $0.record.document["v"] } == [.int32(4), .int32(5)])
            // SecantusDB orders an upserted document's query fields by name (mongod keeps the query's order), so
            // the fields are compared by name.
            let stored = try database.documents("out").map { document in
                ["k", "j", "v"].map { document[$0].map { ExtendedJSON.serialize($0, mode: .relaxed) } ?? "-" }
            }
            #expect(stored.sorted { $0.lexicographicallyPrecedes($1) } == [["1", "1", "3"], ["1", "2", "2"]])
            #expect(try database.documents("out").allSatisfy { $0.count == 4 })
        }
    }

    @Test func onWithoutUniqueIndexSendsEveryDocumentToTheDLQ() throws {
        try SinkTestDatabase.with { database in
            let writer = try MergeWriter(spec: database.merge("out", on: ["k"]), client: database.client)
            let drafts = try writer.write(database.outputs("out", [#"{"k":1}"#, #"{"k":2}"#]))
            #expect(drafts.count == 2)
            #expect(
                drafts.first?.reason
                    == "Failed to process input document in MergeOperator with error: code = Location51183, "
                    + "reason = Cannot find index to verify that join fields will be unique")
            #expect(try database.contents("out").isEmpty)
        }
    }

    @Test func dynamicNamespacesInOneBatch() throws {
        try SinkTestDatabase.with { database in
            let writer = try MergeWriter(spec: database.merge("ignored"), client: database.client)
            var outputs = try database.outputs("first", [#"{"_id":1,"x":"a"}"#, #"{"_id":3,"x":"c"}"#])
            outputs.insert(contentsOf: try database.outputs("second", [#"{"_id":2,"x":"b"}"#]), at: 1)
            outputs += try database.outputs("second", [#"{"_id":2,"y":"d"}"#])
            #expect(try writer.write(outputs).isEmpty)
            #expect(try database.contents("first") == [#"{"_id":1,"x":"a"}"#, #"{"_id":3,"x":"c"}"#])
            #expect(try database.contents("second") == [#"{"_id":2,"x":"b","y":"d"}"#])
            #expect(try database.contents("ignored").isEmpty)
        }
    }

    @Test func replayedWindowOutputsRewriteTheSameDocuments() throws {
        try SinkTestDatabase.with { database in
            func windowOutputs() -> [OutputDocument] {
                ["AAPL", "MSFT", "ORCL"].enumerated().map { index, symbol in
                    let key: BSONDocument = [
                        "processor": .string("p"), "start": .datetime(1_700_000_000_000),
                        "end": .datetime(1_700_000_030_000),
                        "key": .string(symbol),
                    ]
                    return OutputDocument(
                        document: ["symbol": .string(symbol), "total": .int32(Int32(index))],
                        namespace: (database.name, "windows"), metadata: StreamMetadata(), replayKey: key)
                }
            }
            let first = try MergeWriter(spec: database.merge("windows"), client: database.client)
            #expect(try first.write(windowOutputs()).isEmpty)
            let before = try database.contents("windows")
            // A restart: a new writer replays the same windows.
            let second = try MergeWriter(spec: database.merge("windows"), client: database.client)
            #expect(try second.write(windowOutputs()).isEmpty)
            #expect(before.count == 3)
            #expect(try database.contents("windows") == before)
            let ids = try database.documents("windows").compactMap { document -> BSONObjectID? in
                if case .objectID(let id)? = document["_id"] { id } else { nil }
            }
            #expect(Set(ids).count == 3)
            #expect(ids.allSatisfy { $0.timestamp == 1_700_000_000 })
        }
    }

    @Test func documentsWithoutIDOrReplayKeyGetNewObjectIDs() throws {
        try SinkTestDatabase.with { database in
            let writer = try MergeWriter(spec: database.merge("out"), client: database.client)
            #expect(try writer.write(database.outputs("out", [#"{"a":1}"#, #"{"a":1}"#])).isEmpty)
            let documents = try database.documents("out")
            #expect(documents.count == 2)
            #expect(documents.allSatisfy { if case .objectID? = $0["_id"] { true } else { false } })
        }
    }

    @Test func duplicateKeyGoesToTheDLQAndTheRestIsWritten() throws {
        try SinkTestDatabase.with { database in
            try database.createUniqueIndex("out", ["u": .int32(1)])
            try database.insert("out", [#"{"_id":100,"u":1}"#])
            let writer = try MergeWriter(spec: database.merge("out"), client: database.client)
            let drafts = try writer.write(
                database.outputs("out", [#"{"_id":1,"u":1}"#, #"{"_id":2,"u":2}"#, #"{"_id":3,"u":3}"#]))
            #expect(drafts.count == 1)
            let draft = try #require(drafts.first)
            #expect(draft.operatorName == "MergeOperator")
            #expect(draft.record.document["_id"] == .int32(1))
            // The reason carries the server's message as it is (mongod and SecantusDB word the prefix differently).
            #expect(
                draft.reason.hasPrefix(
                    "Failed to process an input document in the current batch in MergeOperator with error: "
                        + "code = DuplicateKey, reason = "))
            #expect(draft.reason.contains("E11000 duplicate key error collection: \(database.name).out"))
            #expect(
                try database.contents("out") == [#"{"_id":2,"u":2}"#, #"{"_id":3,"u":3}"#, #"{"_id":100,"u":1}"#])
        }
    }

    @Test(arguments: [MergeSpec.WhenMatched.merge, addPipeline])
    func anOversizedDocumentGoesToTheDLQ(_ whenMatched: MergeSpec.WhenMatched) throws {
        try SinkTestDatabase.with { database in
            let writer = try MergeWriter(
                spec: database.merge("out", whenMatched: whenMatched), client: database.client)
            // 9 MB: too large twice over for a pipeline (its `$$new` and the insert), fine otherwise.
            let big = String(repeating: "x", count: 9 * 1024 * 1024)
            let outputs = [
                OutputDocument(
                    document: ["_id": .int32(1), "big": .string(big)], namespace: (database.name, "out"),
                    metadata: StreamMetadata()),
                OutputDocument(
                    document: ["_id": .int32(2)], namespace: (database.name, "out"), metadata: StreamMetadata()),
            ]
            let drafts = try writer.write(outputs)
            if case .merge = whenMatched {
                #expect(drafts.isEmpty)
                #expect(
                    try database.client.countDocuments(database: database.name, collection: "out", filter: [:]) == 2)
            } else {
                #expect(
                    drafts.map(\.reason) == [
                        "Failed to process input document in MergeOperator with error: code = InternalError, "
                            + "reason = Output document is too large (9216KB)"
                    ])
                #expect(try database.contents("out") == [#"{"_id":2}"#])
            }
        }
    }

    @Test func fiveThousandDocumentsInBatches() throws {
        try SinkTestDatabase.with { database in
            let writer = try MergeWriter(spec: database.merge("many"), client: database.client, maxStatements: 1000)
            let outputs = (0..<5000).map { index in
                OutputDocument(
                    document: ["_id": .int32(Int32(index)), "value": .int32(Int32(index * 2))],
                    namespace: (database.name, "many"), metadata: StreamMetadata())
            }
            #expect(try writer.write(outputs).isEmpty)
            #expect(
                try database.client.countDocuments(database: database.name, collection: "many", filter: BSONDocument())
                    == 5000)
            let last = try database.client.countDocuments(
                database: database.name, collection: "many", filter: ["_id": .int32(4999), "value": .int32(9998)])
            #expect(last == 1)
        }
    }

    @Test func anUnreachableServerThrowsAfterItsRetries() throws {
        let client = try MongoClient(uri: "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200")
        defer { client.close() }
        let spec = MergeSpec(connectionName: "cluster", db: .literal("d"), coll: .literal("c"))
        let writer = try MergeWriter(
            spec: spec, client: client, retry: WriteRetry(attempts: 2, initialDelay: .milliseconds(10)))
        let output = OutputDocument(document: ["_id": .int32(1)], namespace: ("d", "c"), metadata: StreamMetadata())
        #expect {
            _ = try writer.write([output])
        } throws: { error in
            "\(error)".hasPrefix("Error encountered in MergeOperator while writing to target db: d and collection: c")
        }
    }
}
