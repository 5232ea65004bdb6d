import ArgumentParser
import AtlasClient
import Foundation
import ShellAPI

/// Where `sp` sends its requests: Atlas (API keys or a service account, a project and a workspace, from these
/// flags, then the Atlas CLI's environment variables, then `~/.spsh/config.json`), any server speaking the
/// Atlas Admin API (`--atlas-base-url`, e.g. a second `spsh serve`), or, with none of that configured, the
/// local workspace, started in the background on first use.
struct AtlasOptions: ParsableArguments {
    @Option(
        name: .customLong("atlas-base-url"),
        help: ArgumentHelp("The Atlas Admin API to use (default: Atlas, or the local workspace).", valueName: "url"))
    var baseURL: String?

    @Option(name: .customLong("atlas-project-id"), help: ArgumentHelp("The Atlas project (group) id.", valueName: "id"))
    var projectID: String?

    @Option(
        name: .customLong("atlas-workspace"),
        help: ArgumentHelp("The stream processing workspace to manage.", valueName: "name"))
    var workspace: String?

    @Option(name: .customLong("atlas-public-key"), help: ArgumentHelp("Atlas API public key.", valueName: "key"))
    var publicKey: String?

    @Option(
        name: .customLong("atlas-private-key"),
        help: ArgumentHelp("Atlas API private key (visible to `ps`: prefer the environment).", valueName: "key"))
    var privateKey: String?

    @Option(name: .customLong("atlas-client-id"), help: ArgumentHelp("Service account client id.", valueName: "id"))
    var clientID: String?

    @Option(
        name: .customLong("atlas-client-secret"),
        help: ArgumentHelp("Service account secret (visible to `ps`: prefer the environment).", valueName: "secret"))
    var clientSecret: String?

    /// The `AtlasAdmin` for these options, made lazily (nothing is contacted or started until `sp` is used).
    /// Configuration warnings (a config file readable by others) go to `warn`; `announce` tells the user once
    /// that the local workspace was started.
    func makeAtlasAdmin(
        environment: [String: String], warn: @escaping (String) -> Void, announce: @escaping (String) -> Void
    ) throws -> any AtlasAdmin {
        let input = AtlasSettingsInput(
            publicKey: publicKey, privateKey: privateKey.map(Secret.init), clientID: clientID,
            clientSecret: clientSecret.map(Secret.init), projectID: projectID, baseURL: baseURL, workspace: workspace)
        let settings = try AtlasSettingsResolver.resolve(
            flags: input, environment: environment,
            configPath: AtlasSettingsResolver.defaultConfigPath(environment: environment))
        settings.warnings.forEach(warn)
        var target = settings
        // Nothing configured: the local workspace, started on first use.
        let localPort =
            settings.credentials == .none && !settings.hasExplicitBaseURL
            ? LocalWorkspace.port(environment: environment) : nil
        if let localPort {
            target.baseURL = LocalWorkspace.baseURL(port: localPort)
            target.hasExplicitBaseURL = true
        }
        // Any other API server that is not Atlas's own gets the local workspace's project and workspace names.
        let configuration = try AtlasStreamsClient.Configuration(
            settings: target, defaultGroupID: target.hasExplicitBaseURL ? LocalWorkspace.groupID : nil,
            defaultWorkspace: target.hasExplicitBaseURL ? LocalWorkspace.workspaceName : nil)
        return LazyAtlasAdmin(targetDescription: AtlasAdminAdapter.describe(configuration)) {
            if let localPort, let started = try LocalWorkspace.ensureRunning(port: localPort, environment: environment)
            {
                announce(started)
            }
            return AtlasAdminAdapter(
                client: AtlasStreamsClient(configuration: configuration, transport: CurlTransport()))
        }
    }
}
