import Foundation
import TestSupport
import Testing

@testable import AtlasClient

@Suite(.tags(.small)) struct AtlasSettingsResolverTests {
    private let env = [
        "MONGODB_ATLAS_PUBLIC_API_KEY": "envpub", "MONGODB_ATLAS_PRIVATE_API_KEY": "envpriv",
        "MONGODB_ATLAS_PROJECT_ID": "envproject",
    ]

    /// Writes `json` to a fresh config file with `mode`, returning its path.
    private func configFile(_ json: String, mode: Int = 0o600) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("spsh-atlas-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("config.json").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(json.utf8)))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test func flagsWinOverEnvironmentAndFile() throws {
        let path = try configFile(
            #"{"publicApiKey":"filepub","privateApiKey":"filepriv","projectId":"fileproject","workspace":"filews"}"#)
        let flags = AtlasSettingsInput(clientID: "flagid", clientSecret: Secret("flagsecret"), projectID: "flagproject")
        let settings = try AtlasSettingsResolver.resolve(flags: flags, environment: env, configPath: path)
        #expect(settings.credentials == .serviceAccount(clientID: "flagid", clientSecret: Secret("flagsecret")))
        #expect(settings.credentialsSource == "flags")
        #expect(settings.projectID == "flagproject")
        #expect(settings.workspace == "filews")
        #expect(settings.baseURL == "https://cloud.mongodb.com")
        #expect(!settings.hasExplicitBaseURL)
        #expect(settings.warnings.isEmpty)
    }

    @Test func environmentWinsOverFile() throws {
        let path = try configFile(
            #"{"publicApiKey":"filepub","privateApiKey":"filepriv","baseUrl":"http://127.0.0.1:9443"}"#)
        let settings = try AtlasSettingsResolver.resolve(
            flags: AtlasSettingsInput(), environment: env, configPath: path)
        #expect(settings.credentials == .apiKeys(publicKey: "envpub", privateKey: Secret("envpriv")))
        #expect(settings.credentialsSource == "environment")
        #expect(settings.projectID == "envproject")
        #expect(settings.baseURL == "http://127.0.0.1:9443")
        #expect(settings.hasExplicitBaseURL)
    }

    @Test func fileIsTheLastSource() throws {
        let path = try configFile(#"{"clientId":"fileid","clientSecret":"filesecret","projectId":"p"}"#)
        let settings = try AtlasSettingsResolver.resolve(
            flags: AtlasSettingsInput(), environment: [:], configPath: path)
        #expect(settings.credentials == .serviceAccount(clientID: "fileid", clientSecret: Secret("filesecret")))
        #expect(settings.credentialsSource == path)
    }

    @Test func noSourceMeansNoCredentials() throws {
        let settings = try AtlasSettingsResolver.resolve(
            flags: AtlasSettingsInput(), environment: [:], configPath: "/nonexistent/spsh/config.json")
        #expect(settings.credentials == .none)
        #expect(settings.credentialsSource == nil)
    }

    @Test(arguments: [0o644, 0o640, 0o604])
    func secretsReadableByOthersWarn(mode: Int) throws {
        let path = try configFile(#"{"publicApiKey":"p","privateApiKey":"SECRETVALUE"}"#, mode: mode)
        let settings = try AtlasSettingsResolver.resolve(
            flags: AtlasSettingsInput(), environment: [:], configPath: path)
        #expect(
            settings.warnings == [
                "The config file \(path) holds secrets and is readable by other users (mode \(String(mode, radix: 8))); run: chmod 600 \(path)"
            ])
        #expect(!settings.warnings.joined().contains("SECRETVALUE"))
    }

    @Test func noWarningWithoutSecretsOrWhenPrivate() throws {
        let open = try configFile(#"{"projectId":"p","workspace":"w"}"#, mode: 0o644)
        let closed = try configFile(#"{"publicApiKey":"p","privateApiKey":"s"}"#, mode: 0o600)
        for path in [open, closed] {
            let settings = try AtlasSettingsResolver.resolve(
                flags: AtlasSettingsInput(), environment: [:], configPath: path)
            #expect(settings.warnings.isEmpty)
        }
    }

    @Test func unknownKeysWarn() throws {
        let path = try configFile(#"{"projectid":"p"}"#)
        let settings = try AtlasSettingsResolver.resolve(
            flags: AtlasSettingsInput(), environment: [:], configPath: path)
        #expect(
            settings.warnings == [
                "Unknown key 'projectid' in the config file \(path) (known: publicApiKey, privateApiKey, clientId, clientSecret, projectId, baseUrl, workspace)"
            ])
    }

    @Test func badFilesAreErrorsThatDoNotQuoteThem() throws {
        let broken = try configFile(#"{"privateApiKey":"SECRETVALUE""#)
        #expect(throws: AtlasAPIError.configuration("The config file \(broken) is not a JSON object")) {
            try AtlasSettingsResolver.resolve(flags: AtlasSettingsInput(), environment: [:], configPath: broken)
        }
        let typed = try configFile(#"{"privateApiKey":42}"#)
        #expect(
            throws: AtlasAPIError.configuration("The config file \(typed) has a non-string value for 'privateApiKey'")
        ) {
            try AtlasSettingsResolver.resolve(flags: AtlasSettingsInput(), environment: [:], configPath: typed)
        }
    }

    @Test(arguments: [
        (["MONGODB_ATLAS_PUBLIC_API_KEY": "p"], "Incomplete API key in environment: the private API key is missing"),
        (["MONGODB_ATLAS_PRIVATE_API_KEY": "s"], "Incomplete API key in environment: the public API key is missing"),
        (["MONGODB_ATLAS_CLIENT_SECRET": "s"], "Incomplete service account in environment: the client id is missing"),
    ])
    func halfAPairIsAnError(environment: [String: String], message: String) {
        #expect(throws: AtlasAPIError.configuration(message)) {
            try AtlasSettingsResolver.resolve(flags: AtlasSettingsInput(), environment: environment, configPath: nil)
        }
    }

    @Test func baseURLIsChecked() throws {
        #expect(throws: AtlasAPIError.configuration("Invalid Atlas base URL 'ftp://x': expected http(s)://host[:port]"))
        {
            try AtlasSettingsResolver.resolve(
                flags: AtlasSettingsInput(baseURL: "ftp://x"), environment: [:], configPath: nil)
        }
        let remote = try AtlasSettingsResolver.resolve(
            flags: AtlasSettingsInput(baseURL: "http://atlas.example.com"), environment: env, configPath: nil)
        #expect(
            remote.warnings == [
                "The Atlas base URL 'http://atlas.example.com' is not HTTPS: credentials and data travel unencrypted"
            ])
        let local = try AtlasSettingsResolver.resolve(
            flags: AtlasSettingsInput(baseURL: "http://127.0.0.1:9443"), environment: env, configPath: nil)
        #expect(local.warnings.isEmpty)
    }

    @Test func defaultConfigPathIsInHome() {
        #expect(
            AtlasSettingsResolver.defaultConfigPath(environment: ["HOME": "/home/u"]) == "/home/u/.spsh/config.json")
    }
}
