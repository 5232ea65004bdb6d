import BSONCore
import Testing

@testable import StreamEngine

/// One row of a filter table: a filter and a document (Extended JSON), and whether the document matches.
struct FilterCase: Sendable, CustomTestStringConvertible {
    let filter: String
    let document: String
    let expected: Bool

    var testDescription: String { "\(filter) on \(document) → \(expected)" }

    /// The rows for one filter: each document with its expected answer.
    static func table(_ filter: String, _ rows: [(String, Bool)]) -> [FilterCase] {
        rows.map { FilterCase(filter: filter, document: $0.0, expected: $0.1) }
    }

    /// Compiles the filter and matches the document.
    func run(for stage: QueryFilter.Stage = .match) throws -> Bool {
        let compiled = try QueryFilter(try ExtendedJSON.parseDocument(filter), for: stage)
        let document = try ExtendedJSON.parseDocument(document)
        var context = EvaluationContext(root: document)
        return try compiled.matches(document, &context)
    }
}

/// One row of an error table: a filter that must not compile, with the server's message.
struct FilterErrorCase: Sendable, CustomTestStringConvertible {
    let filter: String
    let message: String

    init(_ filter: String, _ message: String) {
        self.filter = filter
        self.message = message
    }

    var testDescription: String { "\(filter) → \(message)" }

    /// The compile error's message, or `nil` when the filter compiles.
    func compileError(for stage: QueryFilter.Stage = .match) throws -> String? {
        let document = try ExtendedJSON.parseDocument(filter)
        do {
            _ = try QueryFilter(document, for: stage)
            return nil
        } catch {
            return error.message
        }
    }
}
