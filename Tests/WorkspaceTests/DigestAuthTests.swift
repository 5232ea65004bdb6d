import Foundation
import Synchronization
import TestSupport
import Testing

@testable import Workspace

@Suite(.tags(.small)) struct DigestAuthTests {
    /// RFC 1321 appendix A.5 test suite.
    @Test(arguments: [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        (
            "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
            "57edf4a22be3c955ac49da2e2107b67a"
        ),
    ])
    func md5(input: String, digest: String) {
        #expect(MD5.hex(input) == digest)
    }

    /// A client's answer computed as RFC 7616 §3.4.1 says.
    static func authorization(
        user: String, password: String, realm: String = DigestAuthenticator.atlasRealm, nonce: String,
        method: String, uri: String
    ) -> String {
        let ha1 = MD5.hex("\(user):\(realm):\(password)")
        let ha2 = MD5.hex("\(method):\(uri)")
        let response = MD5.hex("\(ha1):\(nonce):00000001:0a4f113b:auth:\(ha2)")
        return "Digest username=\"\(user)\", realm=\"\(realm)\", nonce=\"\(nonce)\", uri=\"\(uri)\", "
            + "algorithm=MD5, qop=auth, nc=00000001, cnonce=\"0a4f113b\", response=\"\(response)\""
    }

    @Test func acceptsRightAnswerAndRejectsWrongOnes() {
        let auth = DigestAuthenticator(keys: ["pub": "priv"])
        let nonce = auth.makeNonce()
        let uri = "/api/atlas/v2/groups/g/streams?pageNum=1"
        let good = Self.authorization(user: "pub", password: "priv", nonce: nonce, method: "GET", uri: uri)
        #expect(auth.check(method: "GET", uri: uri, authorization: good) == .accepted("pub"))
        let cases: [(String, String?)] = [
            ("no header", nil),
            ("basic", "Basic cHViOnByaXY="),
            ("wrong password", Self.authorization(user: "pub", password: "x", nonce: nonce, method: "GET", uri: uri)),
            ("unknown key", Self.authorization(user: "who", password: "priv", nonce: nonce, method: "GET", uri: uri)),
            ("other method", Self.authorization(user: "pub", password: "priv", nonce: nonce, method: "POST", uri: uri)),
            (
                "forged nonce",
                Self.authorization(user: "pub", password: "priv", nonce: "1.abc", method: "GET", uri: uri)
            ),
            (
                "other realm",
                Self.authorization(user: "pub", password: "priv", realm: "r", nonce: nonce, method: "GET", uri: uri)
            ),
        ]
        for (label, header) in cases {
            #expect(auth.check(method: "GET", uri: uri, authorization: header) == .rejected(stale: false), "\(label)")
        }
        #expect(auth.check(method: "GET", uri: "/other", authorization: good) == .rejected(stale: false))
    }

    @Test func expiredNonceIsStale() {
        let clock = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        let auth = DigestAuthenticator(keys: ["pub": "priv"], nonceLifetime: 60, now: { clock.withLock { $0 } })
        let nonce = auth.makeNonce()
        let header = Self.authorization(user: "pub", password: "priv", nonce: nonce, method: "GET", uri: "/x")
        clock.withLock { $0 += 59 }
        #expect(auth.check(method: "GET", uri: "/x", authorization: header) == .accepted("pub"))
        clock.withLock { $0 += 2 }
        #expect(auth.check(method: "GET", uri: "/x", authorization: header) == .rejected(stale: true))
        #expect(auth.challenge(stale: true).hasSuffix("qop=\"auth\", stale=true"))
    }

    @Test func parsesQuotedParameters() {
        let fields = DigestAuthenticator.parameters(#"username="a, b", realm="r\"x", nc=00000001, qop=auth"#)
        #expect(fields == ["username": "a, b", "realm": "r\"x", "nc": "00000001", "qop": "auth"])
    }
}
