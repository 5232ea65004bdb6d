import AtlasClient
import BSONCore
import Foundation
import Interpreter
import ShellAPI

/// AtlasClient's `AtlasStreamsClient` as ShellAPI's `AtlasAdmin`: converts the API's JSON to and from
/// `BSONDocument`s with Extended JSON (relaxed), so field order survives both ways.
///
/// Not thread-safe: use from one task.
final class AtlasAdminAdapter: AtlasAdmin {
    let client: AtlasStreamsClient
    let targetDescription: String

    /// An adapter over `client`, described from its configuration.
    init(client: AtlasStreamsClient) {
        self.client = client
        self.targetDescription = Self.describe(client.configuration)
    }

    /// `local workspace http://127.0.0.1:9443 (workspace 'local')` for a loopback base URL, else
    /// `Atlas project <id> workspace '<name>'` (plus `at <url>` when it is not Atlas's own).
    static func describe(_ configuration: AtlasStreamsClient.Configuration) -> String {
        let host = URLComponents(string: configuration.baseURL)?.host?.lowercased() ?? ""
        if ["127.0.0.1", "localhost", "::1"].contains(host) {
            return "local workspace \(configuration.baseURL) (workspace '\(configuration.workspace)')"
        }
        let place = configuration.baseURL == AtlasSettings.defaultBaseURL ? "" : " at \(configuration.baseURL)"
        return "Atlas project \(configuration.groupID) workspace '\(configuration.workspace)'\(place)"
    }

    func listProcessors() throws -> [BSONDocument] { try Self.results(client.listProcessors()) }

    func getProcessor(name: String, includeStats: Bool) throws -> BSONDocument {
        let processor = try Self.document(client.getProcessor(name))
        return includeStats ? processor : BSONDocument(processor.elements.filter { $0.key != "stats" })
    }

    func createProcessor(name: String, pipeline: [BSONValue], options: BSONDocument?) throws -> BSONDocument {
        var body = BSONDocument([("name", .string(name)), ("pipeline", .array(pipeline))])
        if let options { body.append("options", .document(options)) }
        return try Self.document(client.createProcessor(name: name, json: Self.json(body)))
    }

    func modifyProcessor(name: String, pipeline: [BSONValue]?, options: BSONDocument?) throws -> BSONDocument {
        var body = BSONDocument()
        if let pipeline { body.append("pipeline", .array(pipeline)) }
        if let options { body.append("options", .document(options)) }
        return try Self.document(client.modifyProcessor(name: name, json: Self.json(body)))
    }

    func startProcessor(name: String, options: BSONDocument?) throws {
        try client.startProcessor(name, options: options.map(Self.json))
    }

    func stopProcessor(name: String) throws { try client.stopProcessor(name) }

    func deleteProcessor(name: String) throws { try client.deleteProcessor(name) }

    func sampleProcessor(name: String) throws -> (state: String, documents: [BSONDocument]) {
        let reply = try Self.document(client.sampleProcessor(name))
        let documents = (reply["results"]?.arrayValue ?? []).compactMap(\.documentValue)
        return (reply["state"]?.stringValue ?? "", documents)
    }

    func listConnections() throws -> [BSONDocument] { try Self.results(client.listConnections()) }

    func getConnection(name: String) throws -> BSONDocument { try Self.document(client.getConnection(name)) }

    func createConnection(_ connection: BSONDocument) throws -> BSONDocument {
        guard case .string(let name)? = connection["name"] else {
            throw AtlasAPIError.invalidArgument("Invalid connection: 'name' must be a string")
        }
        return try Self.document(client.createConnection(name: name, json: Self.json(connection)))
    }

    func updateConnection(name: String, _ connection: BSONDocument) throws -> BSONDocument {
        try Self.document(client.updateConnection(name: name, json: Self.json(connection)))
    }

    func deleteConnection(name: String) throws { try client.deleteConnection(name) }

    /// A body as relaxed Extended JSON.
    static func json(_ document: BSONDocument) -> Data {
        Data(ExtendedJSON.serialize(document, mode: .relaxed).utf8)
    }

    /// A response body as a document; an empty body is an empty document.
    static func document(_ data: Data) throws -> BSONDocument {
        if data.isEmpty { return BSONDocument() }
        do {
            return try ExtendedJSON.parseDocument(String(decoding: data, as: UTF8.self))
        } catch {
            throw AtlasAPIError(kind: .invalidResponse, detail: "The response is not a JSON object: \(error)")
        }
    }

    /// The `results` of every list page, in order.
    static func results(_ pages: [Data]) throws -> [BSONDocument] {
        var documents: [BSONDocument] = []
        for page in pages {
            guard case .array(let results)? = try document(page)["results"] else { continue }
            for case .document(let item) in results { documents.append(item) }
        }
        return documents
    }
}

extension AtlasAPIError: ServerErrorDescribing {
    /// `AtlasAPIError` for Atlas's answers, `AtlasNetworkError` when none came, `AtlasInvalidArgumentError` and
    /// `AtlasConfigurationError` for the caller's mistakes.
    package var errorName: String {
        switch kind {
        case .api, .invalidResponse: "AtlasAPIError"
        case .transport: "AtlasNetworkError"
        case .invalidArgument: "AtlasInvalidArgumentError"
        case .configuration: "AtlasConfigurationError"
        }
    }
    /// Atlas's `errorCode`, e.g. `STREAM_TENANT_NOT_FOUND_FOR_NAME`.
    package var codeName: String? { errorCode }
    package var errorMessage: String { message }
}

extension AtlasAPIError: JSErrorConvertible {
    package var jsErrorName: String { errorName }
    package var jsErrorMessage: String { message }
    /// What a script can test in `catch (e)`: `e.status === 404`, `e.errorCode === '…'`, `e.suggestion`.
    package var jsErrorProperties: [(String, JSValue)] {
        var properties: [(String, JSValue)] = []
        if let status { properties.append(("status", .number(Double(status)))) }
        if let errorCode { properties.append(("errorCode", .string(errorCode))) }
        if let suggestion { properties.append(("suggestion", .string(suggestion))) }
        return properties
    }
}
