import Foundation

/// Merges settings from explicit values (flags), then the Atlas CLI's environment variables, then the spsh
/// config file (`~/.spsh/config.json`), field by field; credentials come as a whole pair from the first source
/// that has any.
package enum AtlasSettingsResolver {
    /// The environment variables read, as the Atlas CLI names them.
    package enum Variable {
        package static let publicKey = "MONGODB_ATLAS_PUBLIC_API_KEY"
        package static let privateKey = "MONGODB_ATLAS_PRIVATE_API_KEY"
        package static let clientID = "MONGODB_ATLAS_CLIENT_ID"
        package static let clientSecret = "MONGODB_ATLAS_CLIENT_SECRET"
        package static let projectID = "MONGODB_ATLAS_PROJECT_ID"
        package static let baseURL = "MONGODB_ATLAS_OPS_MANAGER_URL"
    }

    /// The default config file: `$HOME/.spsh/config.json`.
    package static func defaultConfigPath(environment: [String: String]) -> String {
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.spsh/config.json"
    }

    /// The merged settings. `configPath` may name a file that does not exist (then it is skipped).
    package static func resolve(
        flags: AtlasSettingsInput, environment: [String: String], configPath: String?
    ) throws(AtlasAPIError) -> AtlasSettings {
        let env = fromEnvironment(environment)
        var warnings: [String] = []
        let file: AtlasSettingsInput
        if let configPath, let loaded = try AtlasConfigFile.load(path: configPath) {
            file = loaded.settings
            warnings += loaded.warnings
        } else {
            file = AtlasSettingsInput()
        }
        var credentials = AtlasCredentials.none
        var source: String?
        for (input, name) in [(flags, "flags"), (env, "environment"), (file, configPath ?? "config file")]
        where input.hasCredentials {
            credentials = try pair(from: input, source: name)
            source = name
            break
        }
        let baseURL = flags.baseURL ?? env.baseURL ?? file.baseURL
        let resolvedURL = baseURL ?? AtlasSettings.defaultBaseURL
        try validate(baseURL: resolvedURL, warnings: &warnings, sendsCredentials: credentials != .none)
        return AtlasSettings(
            credentials: credentials, credentialsSource: source,
            projectID: flags.projectID ?? env.projectID ?? file.projectID, baseURL: resolvedURL,
            hasExplicitBaseURL: baseURL != nil, workspace: flags.workspace ?? env.workspace ?? file.workspace,
            warnings: warnings)
    }

    private static func fromEnvironment(_ environment: [String: String]) -> AtlasSettingsInput {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        return AtlasSettingsInput(
            publicKey: value(Variable.publicKey), privateKey: value(Variable.privateKey).map(Secret.init),
            clientID: value(Variable.clientID), clientSecret: value(Variable.clientSecret).map(Secret.init),
            projectID: value(Variable.projectID), baseURL: value(Variable.baseURL))
    }

    /// The credentials one source gives: a service account (which wins, as in the Atlas CLI) or an API key pair;
    /// half a pair is an error naming what is missing.
    private static func pair(from input: AtlasSettingsInput, source: String) throws(AtlasAPIError) -> AtlasCredentials {
        if input.clientID != nil || input.clientSecret != nil {
            guard let id = input.clientID, let secret = input.clientSecret else {
                let missing = input.clientID == nil ? "client id" : "client secret"
                throw .configuration("Incomplete service account in \(source): the \(missing) is missing")
            }
            return .serviceAccount(clientID: id, clientSecret: secret)
        }
        guard let publicKey = input.publicKey, let privateKey = input.privateKey else {
            let missing = input.publicKey == nil ? "public API key" : "private API key"
            throw .configuration("Incomplete API key in \(source): the \(missing) is missing")
        }
        return .apiKeys(publicKey: publicKey, privateKey: privateKey)
    }

    /// Accepts `http(s)://host[:port][/path]`; warns when credentials would travel unencrypted to a host that is
    /// not this machine.
    private static func validate(baseURL: String, warnings: inout [String], sendsCredentials: Bool)
        throws(AtlasAPIError)
    {
        guard let components = URLComponents(string: baseURL), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else {
            throw .configuration("Invalid Atlas base URL '\(baseURL)': expected http(s)://host[:port]")
        }
        let loopback = ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
        if scheme == "http" && !loopback && sendsCredentials {
            warnings.append("The Atlas base URL '\(baseURL)' is not HTTPS: credentials and data travel unencrypted")
        }
    }
}
