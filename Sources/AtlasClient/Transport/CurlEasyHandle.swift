import CCurl
import CShims
import Foundation

/// Runs `curl_global_init` once per process (STYLE.md §2.7); the process cleans up at exit.
enum CurlGlobal {
    static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
}

/// Owns one libcurl easy handle (`CURL *`) and frees it in `deinit`. Reused across requests so connections and
/// TLS sessions are kept; options are reset before each request.
///
/// Not thread-safe: use from one task.
final class CurlEasyHandle {
    let pointer: UnsafeMutableRawPointer

    /// A new easy handle, or a transport error when libcurl cannot make one.
    init() throws(TransportError) {
        guard CurlGlobal.initialized, let handle = curl_easy_init() else {
            throw TransportError(kind: .other, message: "libcurl could not create an easy handle")
        }
        pointer = handle
    }

    deinit { curl_easy_cleanup(pointer) }

    /// Sets a long option; `context` names it in the error.
    func set(_ option: CURLoption, _ value: Int, _ context: String) throws(TransportError) {
        try check(spsh_curl_setopt_long(pointer, option, value), context)
    }

    /// Sets a string option (libcurl copies the string).
    func set(_ option: CURLoption, _ value: String, _ context: String) throws(TransportError) {
        try check(spsh_curl_setopt_string(pointer, option, value), context)
    }

    /// Adds context to a libcurl status: the one place curl codes become `TransportError`s.
    func check(_ code: CURLcode, _ context: String) throws(TransportError) {
        guard code != CURLE_OK else { return }
        throw Self.error(code, context)
    }

    /// Translates a curl code into a `TransportError` whose kind decides retries.
    static func error(_ code: CURLcode, _ context: String) -> TransportError {
        let text = String(cString: curl_easy_strerror(code))
        let kind: TransportError.Kind
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT: kind = .couldNotConnect
        case CURLE_OPERATION_TIMEDOUT: kind = .timedOut
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            kind = .tls
        default: kind = .other
        }
        return TransportError(kind: kind, message: "\(text) (\(context))")
    }
}
