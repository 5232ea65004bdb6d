import Foundation

/// A service account's bearer token: fetched from `POST /api/oauth/token` (client credentials, HTTP Basic with
/// the client id and secret), cached, and fetched again shortly before it expires or after a 401.
///
/// Not thread-safe: use from one task.
package final class ServiceAccountTokens {
    private let clientID: String
    private let clientSecret: Secret
    private let tokenURL: String
    private let sender: RetryingSender
    /// Refresh this many seconds before the expiry the server gave.
    private let refreshMargin: Double
    private var cached: (token: Secret, expires: Date)?

    /// Tokens for one service account, minted at `baseURL` + `/api/oauth/token`.
    package init(
        clientID: String, clientSecret: Secret, baseURL: String, sender: RetryingSender, refreshMargin: Double = 60
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.tokenURL = (baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL) + "/api/oauth/token"
        self.sender = sender
        self.refreshMargin = refreshMargin
    }

    /// A valid token: the cached one while it has more than `refreshMargin` seconds left, else a new one.
    package func token() throws(AtlasAPIError) -> Secret {
        if let cached, sender.clock.now().addingTimeInterval(refreshMargin) < cached.expires { return cached.token }
        let request = HTTPRequest(
            method: .post, url: tokenURL,
            headers: [("Accept", "application/json"), ("Content-Type", "application/x-www-form-urlencoded")],
            body: Data("grant_type=client_credentials".utf8), auth: .basic(user: clientID, password: clientSecret))
        // Minting a token changes nothing on the server, so it is retried like a GET.
        let response = try sender.send(idempotent: true) { request }
        let endpoint = Endpoint(
            operationID: "oauthToken", method: .post, path: "/api/oauth/token", version: .workspacesAndConnections)
        guard response.status == 200 else { throw .fromResponse(response, endpoint: endpoint) }
        let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        guard let token = object?["access_token"] as? String, !token.isEmpty else {
            throw .invalidResponse("the token response has no access_token", operation: "POST /api/oauth/token")
        }
        let lifetime = (object?["expires_in"] as? NSNumber)?.doubleValue ?? 3600
        let fresh = (token: Secret(token), expires: sender.clock.now().addingTimeInterval(lifetime))
        cached = fresh
        return fresh.token
    }

    /// Forgets the cached token (after the API answered 401 to it).
    package func invalidate() { cached = nil }
}
