import Foundation

/// The `spsh serve --config FILE` file: JSON with the API keys that digest authentication accepts, and the MongoDB
/// URI of each cluster that `Cluster` connections name by `clusterName`.
///
///     {"apiKeys": [{"publicKey": "abcdefgh", "privateKey": "0a1b…"}], "nonceLifetimeSeconds": 300,
///      "clusters": {"Cluster0": "mongodb://127.0.0.1:27017"}}
///
/// Without a config file (or with no `apiKeys`), the server asks for no credentials; a cluster it does not map
/// resolves to `--mongodb-uri`.
package enum ServeConfigFile {
    /// The `clusters` map of the file at `path` (empty when it has none).
    package static func clusterURIs(at path: String) throws -> [String: String] {
        guard let clusters = try Self.root(at: path)["clusters"] else { return [:] }
        guard let fields = clusters.objectValue else {
            throw StateError(message: "Config file '\(path)': clusters must be an object of clusterName to URI")
        }
        var uris: [String: String] = [:]
        for (name, value) in fields {
            guard let uri = value.stringValue, !uri.isEmpty else {
                throw StateError(message: "Config file '\(path)': clusters.\(name) must be a MongoDB URI string")
            }
            uris[name] = uri
        }
        return uris
    }

    /// Reads the file at `path`; nil when it names no keys.
    package static func authenticator(at path: String) throws -> DigestAuthenticator? {
        let root = try Self.root(at: path)
        guard let entries = root["apiKeys"] else { return nil }
        return try checkedKeys(entries, root: root, path: path)
    }

    /// The file's JSON, or an error naming the file.
    private static func root(at path: String) throws -> JSONValue {
        let text: String
        do {
            text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        } catch {
            throw StateError(message: "Cannot read config file '\(path)': \(error.localizedDescription)")
        }
        let root: JSONValue
        do {
            root = try JSONValue.parse(text)
        } catch {
            throw StateError(message: "Config file '\(path)' is not JSON: \(error)")
        }
        return root
    }

    /// The `apiKeys` entries as an authenticator; nil when there are none.
    private static func checkedKeys(_ entries: JSONValue, root: JSONValue, path: String) throws -> DigestAuthenticator?
    {
        guard case .array(let list) = entries else {
            throw StateError(message: "Config file '\(path)': apiKeys must be an array")
        }
        var keys: [String: String] = [:]
        for (index, entry) in list.enumerated() {
            guard case .string(let pub)? = entry["publicKey"], case .string(let priv)? = entry["privateKey"],
                !pub.isEmpty, !priv.isEmpty
            else {
                throw StateError(
                    message: "Config file '\(path)': apiKeys[\(index)] needs publicKey and privateKey strings")
            }
            keys[pub] = priv
        }
        guard !keys.isEmpty else { return nil }
        var lifetime: TimeInterval = 300
        if case .number(let text)? = root["nonceLifetimeSeconds"], let seconds = Double(text), seconds > 0 {
            lifetime = seconds
        }
        return DigestAuthenticator(keys: keys, nonceLifetime: lifetime)
    }
}
