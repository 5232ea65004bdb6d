import CCurl
import CShims
import Foundation

/// `HTTPTransport` over one libcurl easy handle: HTTP and HTTPS only, TLS peer and host verification always on,
/// no redirects, connect and total timeouts. Digest auth is libcurl's own (`CURLAUTH_DIGEST`), which answers the
/// server's challenge on the same handle.
///
/// Owns its `CurlEasyHandle`, freed with the transport. Not thread-safe: use from one task.
package final class CurlTransport: HTTPTransport {
    private let connectTimeout: Duration
    private let requestTimeout: Duration
    private var handle: CurlEasyHandle?
    /// The kind and user of the previous request's auth: while it stays the same the handle keeps libcurl's
    /// digest state, so later requests answer with the known nonce instead of taking a new 401 challenge.
    private var previousIdentity: String?

    /// A transport that gives up connecting after `connectTimeout` and on a whole request after `requestTimeout`.
    package init(connectTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(120)) {
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
    }

    package func send(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse {
        let easy: CurlEasyHandle
        if let handle {
            easy = handle
        } else {
            easy = try CurlEasyHandle()
            handle = easy
        }
        let identity = Self.identity(of: request.auth)
        if identity != previousIdentity {
            curl_easy_reset(easy.pointer)  // drops options and auth state; keeps connections and TLS sessions
            previousIdentity = identity
        }
        let sink = ResponseSink()
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer {
            // The handle outlives the list: unhook it before freeing it.
            _ = spsh_curl_setopt_slist(easy.pointer, CURLOPT_HTTPHEADER, nil)
            curl_slist_free_all(headerList)
        }
        for line in Self.headerLines(for: request) { headerList = curl_slist_append(headerList, line) }

        try configure(easy, for: request, sink: sink)
        try easy.check(spsh_curl_setopt_slist(easy.pointer, CURLOPT_HTTPHEADER, headerList), "setting the headers")
        if request.method == .post || request.method == .patch || (request.method == .delete && request.body != nil) {
            try setBody(request.body ?? Data(), on: easy)
        }
        let code = curl_easy_perform(easy.pointer)
        try easy.check(code, "\(request.method.rawValue) \(request.url)")
        var status = 0
        try easy.check(spsh_curl_getinfo_long(easy.pointer, CURLINFO_RESPONSE_CODE, &status), "reading the status")
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body)
    }

    /// Sets everything but the headers and the body: URL, method, TLS, timeouts, auth and the callbacks.
    private func configure(_ easy: CurlEasyHandle, for request: HTTPRequest, sink: ResponseSink)
        throws(TransportError)
    {
        try easy.set(CURLOPT_URL, request.url, "setting the URL")
        try easy.set(CURLOPT_PROTOCOLS_STR, "http,https", "allowing only HTTP and HTTPS")
        try easy.set(CURLOPT_NOSIGNAL, 1, "disabling signals")
        try easy.set(CURLOPT_SSL_VERIFYPEER, 1, "turning on TLS peer verification")
        try easy.set(CURLOPT_SSL_VERIFYHOST, 2, "turning on TLS host verification")
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connectTimeout), "setting the connect timeout")
        try easy.set(CURLOPT_TIMEOUT_MS, Self.milliseconds(requestTimeout), "setting the request timeout")
        // Every option a previous request on this handle may have set is set again here.
        try easy.check(spsh_curl_setopt_string(easy.pointer, CURLOPT_CUSTOMREQUEST, nil), "clearing the method")
        switch request.method {
        case .get, .delete: try easy.set(CURLOPT_HTTPGET, 1, "choosing GET")
        case .post, .patch: try easy.set(CURLOPT_POST, 1, "choosing POST")
        }
        if request.method == .patch || request.method == .delete {
            try easy.set(CURLOPT_CUSTOMREQUEST, request.method.rawValue, "choosing \(request.method.rawValue)")
        }
        switch request.auth {
        case .none, .bearer: break
        case .digest(let user, let password):
            try easy.set(CURLOPT_HTTPAUTH, Int(spsh_curl_auth_digest), "choosing digest auth")
            try easy.set(CURLOPT_USERNAME, user, "setting the user name")
            try easy.set(CURLOPT_PASSWORD, password.reveal(), "setting the password")
        case .basic(let user, let password):
            try easy.set(CURLOPT_HTTPAUTH, Int(spsh_curl_auth_basic), "choosing basic auth")
            try easy.set(CURLOPT_USERNAME, user, "setting the user name")
            try easy.set(CURLOPT_PASSWORD, password.reveal(), "setting the password")
        }
        let context = Unmanaged.passUnretained(sink).toOpaque()  // `sink` outlives `perform`
        try easy.check(
            spsh_curl_setopt_data_callback(easy.pointer, CURLOPT_WRITEFUNCTION, curlWriteBody), "setting the writer")
        try easy.check(spsh_curl_setopt_pointer(easy.pointer, CURLOPT_WRITEDATA, context), "setting the writer data")
        try easy.check(
            spsh_curl_setopt_data_callback(easy.pointer, CURLOPT_HEADERFUNCTION, curlWriteHeader),
            "setting the header reader")
        try easy.check(spsh_curl_setopt_pointer(easy.pointer, CURLOPT_HEADERDATA, context), "setting the header data")
    }

    /// What decides whether libcurl's auth state may carry over: the auth kind and user, never a secret.
    private static func identity(of auth: HTTPAuth) -> String {
        switch auth {
        case .none: "none"
        case .digest(let user, _): "digest:" + user
        case .basic(let user, _): "basic:" + user
        case .bearer: "bearer"
        }
    }

    /// Makes the request carry `body` (possibly empty), copied by libcurl so nothing must outlive this call.
    private func setBody(_ body: Data, on easy: CurlEasyHandle) throws(TransportError) {
        try easy.check(
            spsh_curl_setopt_off_t(easy.pointer, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)),
            "setting the body size")
        let code: CURLcode
        if body.isEmpty {
            code = spsh_curl_setopt_string(easy.pointer, CURLOPT_COPYPOSTFIELDS, "")
        } else {
            code = body.withUnsafeBytes { bytes in
                spsh_curl_setopt_pointer(
                    easy.pointer, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
            }
        }
        try easy.check(code, "setting the body")
    }

    /// The request's headers as `Name: value` lines, plus `Authorization` for a bearer token, an empty
    /// `Content-Type:` that stops libcurl adding a form type to a bodiless POST, and no `Expect: 100-continue`.
    static func headerLines(for request: HTTPRequest) -> [String] {
        var lines = request.headers.map { "\($0.name): \($0.value)" }
        if case .bearer(let token) = request.auth { lines.append("Authorization: Bearer \(token.reveal())") }
        if request.method != .get && request.header("Content-Type") == nil { lines.append("Content-Type:") }
        lines.append("Expect:")
        return lines
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}

/// Collects one response's body and the headers of its final status (a digest challenge's headers are dropped
/// when the authenticated response starts). Used by one `perform` at a time.
private final class ResponseSink {
    var body = Data()
    var headers: [(name: String, value: String)] = []

    func receiveHeader(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("HTTP/") {
            headers = []
            body = Data()
        } else if let colon = trimmed.firstIndex(of: ":") {
            let name = String(trimmed[..<colon])
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append((name, value))
        }
    }
}

/// `CURLOPT_WRITEFUNCTION`: appends body bytes to the `ResponseSink` passed as user data. Captures nothing.
private let curlWriteBody: spsh_curl_data_fn = { data, size, count, context in
    guard let data, let context else { return 0 }
    let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
    sink.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: size * count)
    return size * count
}

/// `CURLOPT_HEADERFUNCTION`: hands each header line to the `ResponseSink` passed as user data. Captures nothing.
private let curlWriteHeader: spsh_curl_data_fn = { data, size, count, context in
    guard let data, let context else { return 0 }
    let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
    let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
    sink.receiveHeader(String(decoding: bytes, as: UTF8.self))
    return size * count
}
