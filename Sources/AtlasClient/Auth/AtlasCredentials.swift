/// How the client authenticates to the Admin API. Printing it shows the kind and the public part only.
package enum AtlasCredentials: Sendable, Equatable, CustomStringConvertible {
    /// No credentials: only for a local workspace that does not require auth.
    case none
    /// A programmatic API key pair, sent with HTTP Digest (public key = user, private key = password).
    case apiKeys(publicKey: String, privateKey: Secret)
    /// A service account: client id and secret exchanged for a bearer token at `/api/oauth/token`.
    case serviceAccount(clientID: String, clientSecret: Secret)

    package var description: String {
        switch self {
        case .none: "no credentials"
        case .apiKeys(let publicKey, _): "API key '\(publicKey)' (digest)"
        case .serviceAccount(let clientID, _): "service account '\(clientID)'"
        }
    }
}

/// Settings given explicitly, e.g. by command-line flags; every field is optional. Secrets are `Secret`s.
package struct AtlasSettingsInput: Sendable, Equatable {
    package var publicKey: String?
    package var privateKey: Secret?
    package var clientID: String?
    package var clientSecret: Secret?
    package var projectID: String?
    package var baseURL: String?
    package var workspace: String?

    /// Settings from the given values.
    package init(
        publicKey: String? = nil, privateKey: Secret? = nil, clientID: String? = nil, clientSecret: Secret? = nil,
        projectID: String? = nil, baseURL: String? = nil, workspace: String? = nil
    ) {
        self.publicKey = publicKey
        self.privateKey = privateKey
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.projectID = projectID
        self.baseURL = baseURL
        self.workspace = workspace
    }

    /// Whether any credential field is set.
    var hasCredentials: Bool { publicKey != nil || privateKey != nil || clientID != nil || clientSecret != nil }
}

/// The settings the client runs with, after flags, environment and config file were merged.
package struct AtlasSettings: Sendable, Equatable {
    /// Atlas's public API.
    package static let defaultBaseURL = "https://cloud.mongodb.com"

    package var credentials: AtlasCredentials
    /// Where the credentials came from: `flags`, `environment`, the config file's path, or nil for none.
    package var credentialsSource: String?
    package var projectID: String?
    package var baseURL: String
    /// Whether `baseURL` was configured (flag, environment or file) rather than defaulted.
    package var hasExplicitBaseURL: Bool
    package var workspace: String?
    /// Things the user should know (a config file readable by others, an `http://` URL to a remote host).
    package var warnings: [String]
}
