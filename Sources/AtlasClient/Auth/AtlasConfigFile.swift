import Foundation

/// The spsh config file, `~/.spsh/config.json`: a JSON object with any of `publicApiKey`, `privateApiKey`,
/// `clientId`, `clientSecret`, `projectId`, `baseUrl`, `workspace` (all strings).
package enum AtlasConfigFile {
    /// The keys a config file may hold.
    package static let keys = [
        "publicApiKey", "privateApiKey", "clientId", "clientSecret", "projectId", "baseUrl", "workspace",
    ]

    /// Reads the file at `path`: nil when it does not exist, its settings plus warnings (readable by others while
    /// holding a secret, unknown keys) otherwise. Errors never quote the file's contents.
    package static func load(path: String) throws(AtlasAPIError) -> (
        settings: AtlasSettingsInput, warnings: [String]
    )? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .configuration("Cannot read the config file \(path)")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw .configuration("The config file \(path) is not a JSON object")
        }
        var warnings: [String] = []
        var values: [String: String] = [:]
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            guard keys.contains(key) else {
                warnings.append(
                    "Unknown key '\(key)' in the config file \(path) (known: \(keys.joined(separator: ", ")))")
                continue
            }
            guard let text = value as? String else {
                throw .configuration("The config file \(path) has a non-string value for '\(key)'")
            }
            values[key] = text
        }
        let settings = AtlasSettingsInput(
            publicKey: values["publicApiKey"], privateKey: values["privateApiKey"].map(Secret.init),
            clientID: values["clientId"], clientSecret: values["clientSecret"].map(Secret.init),
            projectID: values["projectId"], baseURL: values["baseUrl"], workspace: values["workspace"])
        if settings.privateKey != nil || settings.clientSecret != nil, let mode = permissions(of: path),
            mode & 0o077 != 0
        {
            warnings.append(
                "The config file \(path) holds secrets and is readable by other users (mode \(String(mode, radix: 8))); run: chmod 600 \(path)"
            )
        }
        return (settings, warnings)
    }

    /// The file's permission bits, or nil when they cannot be read.
    static func permissions(of path: String) -> Int? {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.posixPermissions] as? NSNumber)?.intValue
    }
}
