import Foundation

/// HTTP Digest authentication (RFC 7616, `algorithm=MD5`, `qop=auth`) with Atlas-style API keys: the username is
/// the public key, the password the private key. Nonces carry their issue time and a keyed hash, so they need no
/// server memory and expire after `nonceLifetime` (an expired nonce with a right answer gets `stale=true`).
///
/// Not checked (documented gaps): nonce-count replay within a nonce's lifetime, `auth-int`, SHA-256.
package struct DigestAuthenticator: Sendable {
    /// The realm Atlas's API answers with.
    package static let atlasRealm = "MMS Public API"

    package var realm: String
    /// Private key by public key.
    package var keys: [String: String]
    package var nonceLifetime: TimeInterval
    private let secret: String
    private let now: @Sendable () -> Date

    package init(
        keys: [String: String], realm: String = atlasRealm, nonceLifetime: TimeInterval = 300,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.keys = keys
        self.realm = realm
        self.nonceLifetime = nonceLifetime
        self.now = now
        secret = (0..<4).map { _ in String(UInt64.random(in: 0...UInt64.max), radix: 16) }.joined()
    }

    /// What the server does with a request.
    package enum Outcome: Equatable, Sendable {
        /// Credentials check out, for this public key.
        case accepted(String)
        /// Answer 401 with `challenge(stale:)`.
        case rejected(stale: Bool)
    }

    /// Checks the `Authorization` header of a request with `method` and request target `uri`.
    package func check(method: String, uri: String, authorization: String?) -> Outcome {
        guard let authorization, authorization.lowercased().hasPrefix("digest ") else { return .rejected(stale: false) }
        let fields = Self.parameters(authorization.dropFirst("digest ".count))
        guard let user = fields["username"], let nonce = fields["nonce"], let claimedURI = fields["uri"],
            let response = fields["response"], fields["realm"] == realm, let password = keys[user],
            claimedURI == uri, (fields["algorithm"] ?? "MD5").uppercased() == "MD5"
        else { return .rejected(stale: false) }
        guard let issued = issueTime(of: nonce) else { return .rejected(stale: false) }
        let ha1 = MD5.hex("\(user):\(realm):\(password)")
        let ha2 = MD5.hex("\(method):\(claimedURI)")
        let expected: String
        if let qop = fields["qop"] {
            guard qop == "auth", let nc = fields["nc"], let cnonce = fields["cnonce"] else {
                return .rejected(stale: false)
            }
            expected = MD5.hex("\(ha1):\(nonce):\(nc):\(cnonce):\(qop):\(ha2)")
        } else {
            expected = MD5.hex("\(ha1):\(nonce):\(ha2)")  // RFC 2069 clients
        }
        guard expected == response.lowercased() else { return .rejected(stale: false) }
        guard now().timeIntervalSince1970 - issued <= nonceLifetime else { return .rejected(stale: true) }
        return .accepted(user)
    }

    /// The `WWW-Authenticate` value of a 401.
    package func challenge(stale: Bool) -> String {
        "Digest realm=\"\(realm)\", domain=\"\", nonce=\"\(makeNonce())\", algorithm=MD5, qop=\"auth\", "
            + "stale=\(stale ? "true" : "false")"
    }

    /// `<seconds in hex>.<md5(seconds:secret)>`.
    func makeNonce() -> String {
        let stamp = String(Int(now().timeIntervalSince1970), radix: 16)
        return stamp + "." + MD5.hex("\(stamp):\(secret)")
    }

    private func issueTime(of nonce: String) -> TimeInterval? {
        let parts = nonce.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, MD5.hex("\(parts[0]):\(secret)") == parts[1], let seconds = Int(parts[0], radix: 16)
        else { return nil }
        return TimeInterval(seconds)
    }

    /// `key=value, key="quoted, value"` pairs of a Digest header (keys lower-cased, quotes and `\` escapes removed).
    static func parameters(_ text: Substring) -> [String: String] {
        var result: [String: String] = [:]
        var index = text.startIndex
        func skip(_ set: Set<Character>) {
            while index < text.endIndex, set.contains(text[index]) { index = text.index(after: index) }
        }
        while index < text.endIndex {
            skip([" ", ",", "\t"])
            let keyStart = index
            while index < text.endIndex, text[index] != "=", text[index] != "," { index = text.index(after: index) }
            let key = text[keyStart..<index].trimmingCharacters(in: .whitespaces).lowercased()
            guard index < text.endIndex, text[index] == "=" else { continue }
            index = text.index(after: index)
            skip([" "])
            var value = ""
            if index < text.endIndex, text[index] == "\"" {
                index = text.index(after: index)
                while index < text.endIndex, text[index] != "\"" {
                    if text[index] == "\\", text.index(after: index) < text.endIndex {
                        index = text.index(after: index)
                    }
                    value.append(text[index])
                    index = text.index(after: index)
                }
                if index < text.endIndex { index = text.index(after: index) }
            } else {
                let start = index
                while index < text.endIndex, text[index] != "," { index = text.index(after: index) }
                value = text[start..<index].trimmingCharacters(in: .whitespaces)
            }
            if !key.isEmpty { result[key] = value }
        }
        return result
    }
}
