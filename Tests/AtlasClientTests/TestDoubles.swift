import Foundation

@testable import AtlasClient

/// An in-memory transport for unit tests: answers each request with the next scripted result and records what
/// was sent. Not thread-safe: use from one test.
final class ScriptedTransport: HTTPTransport {
    private var script: [Result<HTTPResponse, TransportError>]
    private(set) var requests: [HTTPRequest] = []

    init(_ script: [Result<HTTPResponse, TransportError>]) { self.script = script }

    func send(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse {
        requests.append(request)
        guard !script.isEmpty else { return HTTPResponse(status: 599, body: Data("script exhausted".utf8)) }
        return try script.removeFirst().get()
    }

    /// `GET /api/…?…` for each request sent, in order.
    var lines: [String] { requests.map { "\($0.method.rawValue) \($0.url)" } }
}

/// A virtual clock: `sleep` advances time instantly and records the wait.
final class VirtualClock: AtlasClock {
    private(set) var current = Date(timeIntervalSince1970: 1_700_000_000)
    private(set) var sleeps: [Double] = []

    func now() -> Date { current }
    func sleep(seconds: Double) {
        sleeps.append(seconds)
        current.addTimeInterval(seconds)
    }
    func advance(by seconds: Double) { current.addTimeInterval(seconds) }
}

/// Response shorthands.
enum Reply {
    static func json(_ status: Int, _ text: String, headers: [(name: String, value: String)] = []) -> Result<
        HTTPResponse, TransportError
    > {
        .success(
            HTTPResponse(
                status: status, headers: [("Content-Type", "application/json")] + headers, body: Data(text.utf8)))
    }

    static func error(_ status: Int, _ code: String, _ detail: String, headers: [(name: String, value: String)] = [])
        -> Result<HTTPResponse, TransportError>
    {
        json(
            status, #"{"error":\#(status),"errorCode":"\#(code)","detail":"\#(detail)","reason":"R"}"#, headers: headers
        )
    }
}

/// A client on project `g1`, workspace `ws`, with the given credentials and transport, jitter fixed at 0.5.
func makeClient(
    _ transport: ScriptedTransport, clock: VirtualClock = VirtualClock(), credentials: AtlasCredentials = .none,
    itemsPerPage: Int = 100, suggestsNames: Bool = true
) -> AtlasStreamsClient {
    AtlasStreamsClient(
        configuration: .init(
            baseURL: "https://atlas.test", groupID: "g1", workspace: "ws", credentials: credentials,
            itemsPerPage: itemsPerPage, suggestsNames: suggestsNames),
        transport: transport, clock: clock, random: { 0.5 })
}
