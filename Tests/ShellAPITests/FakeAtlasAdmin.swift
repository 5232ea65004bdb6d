import BSONCore
import Interpreter
import ShellAPI

/// An in-memory workspace that records every request `sp` makes, as `POST …/processor/p1:start` would read.
/// For ShellAPI unit tests only: the same behaviour is covered against `spsh serve` through the real client.
final class FakeAtlasAdmin: AtlasAdmin {
    /// An Admin API error as the adapter throws it: `404 RESOURCE_NOT_FOUND …`.
    struct APIError: Error, ServerErrorDescribing, JSErrorConvertible {
        var status: Int
        var errorCode: String
        var detail: String
        var errorName: String { "AtlasAPIError" }
        var codeName: String? { errorCode }
        var errorMessage: String { "\(status) \(detail)" }
        var jsErrorName: String { errorName }
        var jsErrorMessage: String { errorMessage }
    }

    var targetDescription: String { "local workspace http://127.0.0.1:9443 (workspace 'local')" }
    /// Every request, in order: `GET processors`, `POST processor/p1:start`, …
    private(set) var requests: [String] = []
    var processors: [BSONDocument] = []
    var connections: [BSONDocument] = []
    /// When set, every request fails with it.
    var failure: APIError?
    /// What successive `:sample` calls return, in order (then nothing, with the processor's state).
    var samples: [[BSONDocument]] = []

    /// Called with each request as it is recorded (tests change the workspace mid-loop with it).
    var onRequest: (String) -> Void = { _ in }

    private func record(_ request: String) throws {
        requests.append(request)
        onRequest(request)
        if let failure { throw failure }
    }

    private func notFound(_ kind: String, _ name: String) -> APIError {
        APIError(status: 404, errorCode: "RESOURCE_NOT_FOUND", detail: "\(kind) \(name) not found")
    }

    private func index(of name: String, in documents: [BSONDocument]) -> Int? {
        documents.firstIndex { $0["name"] == .string(name) }
    }

    func listProcessors() throws -> [BSONDocument] {
        try record("GET processors")
        return processors
    }

    func getProcessor(name: String, includeStats: Bool) throws -> BSONDocument {
        try record("GET processor/\(name)" + (includeStats ? "?stats" : ""))
        guard let index = index(of: name, in: processors) else { throw notFound("processor", name) }
        var document = processors[index]
        if !includeStats { document["stats"] = nil }
        return document
    }

    func createProcessor(name: String, pipeline: [BSONValue], options: BSONDocument?) throws -> BSONDocument {
        try record("POST processor \(name)" + (options.map { " options=\(Self.keys($0))" } ?? ""))
        guard index(of: name, in: processors) == nil else {
            throw APIError(status: 409, errorCode: "DUPLICATE_STREAM_PROCESSOR", detail: "\(name) exists")
        }
        var document = BSONDocument([
            ("_id", .string("65f9fea5c5154385174af71e")), ("name", .string(name)), ("pipeline", .array(pipeline)),
            ("state", .string("CREATED")),
        ])
        if let options { document["options"] = .document(options) }
        processors.append(document)
        return document
    }

    func modifyProcessor(name: String, pipeline: [BSONValue]?, options: BSONDocument?) throws -> BSONDocument {
        try record(
            "PATCH processor/\(name)" + (pipeline.map { " pipeline=\($0.count)" } ?? "")
                + (options.map { " options=\(Self.keys($0))" } ?? ""))
        guard let index = index(of: name, in: processors) else { throw notFound("processor", name) }
        if let pipeline { processors[index]["pipeline"] = .array(pipeline) }
        if let options { processors[index]["options"] = .document(options) }
        return processors[index]
    }

    func startProcessor(name: String, options: BSONDocument?) throws {
        try record("POST processor/\(name):start" + (options.map { "With options=\(Self.keys($0))" } ?? ""))
        guard let index = index(of: name, in: processors) else { throw notFound("processor", name) }
        processors[index]["state"] = .string("STARTED")
    }

    func stopProcessor(name: String) throws {
        try record("POST processor/\(name):stop")
        guard let index = index(of: name, in: processors) else { throw notFound("processor", name) }
        processors[index]["state"] = .string("STOPPED")
    }

    func sampleProcessor(name: String) throws -> (state: String, documents: [BSONDocument]) {
        try record("GET processor/\(name):sample")
        guard let index = index(of: name, in: processors) else { throw notFound("processor", name) }
        let state = processors[index]["state"]?.stringValue ?? "CREATED"
        return (state, samples.isEmpty ? [] : samples.removeFirst())
    }

    func deleteProcessor(name: String) throws {
        try record("DELETE processor/\(name)")
        guard let index = index(of: name, in: processors) else { throw notFound("processor", name) }
        processors.remove(at: index)
    }

    func listConnections() throws -> [BSONDocument] {
        try record("GET connections")
        return connections
    }

    func getConnection(name: String) throws -> BSONDocument {
        try record("GET connection/\(name)")
        guard let index = index(of: name, in: connections) else { throw notFound("connection", name) }
        return connections[index]
    }

    func createConnection(_ connection: BSONDocument) throws -> BSONDocument {
        guard case .string(let name)? = connection["name"] else { throw notFound("connection", "") }
        try record("POST connection \(name)")
        guard index(of: name, in: connections) == nil else {
            throw APIError(status: 409, errorCode: "DUPLICATE_CONNECTION", detail: "\(name) exists")
        }
        var stored = connection
        stored["state"] = .string("READY")
        connections.append(stored)
        return stored
    }

    func updateConnection(name: String, _ connection: BSONDocument) throws -> BSONDocument {
        try record("PATCH connection/\(name)")
        guard let index = index(of: name, in: connections) else { throw notFound("connection", name) }
        connections[index] = connection
        return connection
    }

    func deleteConnection(name: String) throws {
        try record("DELETE connection/\(name)")
        guard let index = index(of: name, in: connections) else { throw notFound("connection", name) }
        connections.remove(at: index)
    }

    /// A document's keys, `dlq,tier`, for the recorded request.
    private static func keys(_ document: BSONDocument) -> String { document.keys.joined(separator: ",") }

    /// A processor as the workspace lists it.
    static func processor(_ name: String, state: String = "CREATED", stats: BSONDocument? = nil) -> BSONDocument {
        var document = BSONDocument([
            ("_id", .string("65f9fea5c5154385174af71e")), ("name", .string(name)),
            (
                "pipeline",
                .array([
                    .document(
                        BSONDocument([
                            ("$source", .document(BSONDocument([("connectionName", .string("sample_stream_solar"))])))
                        ]))
                ])
            ),
            ("state", .string(state)),
        ])
        if let stats { document["stats"] = .document(stats) }
        return document
    }
}
