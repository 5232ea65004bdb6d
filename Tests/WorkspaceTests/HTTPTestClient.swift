import Foundation
import Workspace

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One HTTP answer as a test sees it.
struct HTTPAnswer {
    var status: Int
    var contentType: String?
    var headers: [String: String]
    var text: String
    /// The body parsed as JSON, or nil when empty.
    var json: JSONValue? { text.isEmpty ? nil : try? JSONValue.parse(text) }
    /// `errorCode` of an Atlas error body.
    var errorCode: String? { json?["errorCode"]?.stringValue }
}

/// Real HTTP over loopback with URLSession (tests only).
enum HTTPTestClient {
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        return URLSession(configuration: configuration)
    }()

    /// Sends `method url` with the versioned Accept (and Content-Type when there is a body).
    static func send(
        _ method: String, _ url: String, version: String? = nil, body: String? = nil, accept: String? = nil
    ) async throws -> HTTPAnswer {
        guard let target = URL(string: url) else { throw ServeTestError(message: "Bad URL '\(url)'") }
        var request = URLRequest(url: target)
        request.httpMethod = method
        let media = version.map { "application/vnd.atlas.\($0)+json" }
        if let value = accept ?? media { request.setValue(value, forHTTPHeaderField: "Accept") }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue(media ?? "application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw ServeTestError(message: "Not an HTTP answer") }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
        }
        return HTTPAnswer(
            status: http.statusCode, contentType: headers["content-type"], headers: headers,
            text: String(decoding: data, as: UTF8.self))
    }
}

/// A test precondition that failed.
struct ServeTestError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
