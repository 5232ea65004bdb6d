import Foundation

/// The `spsh serve --config FILE` file: JSON with the API keys that digest authentication accepts.
///
///     {"apiKeys": [{"publicKey": "abcdefgh", "privateKey": "0a1b…"}], "nonceLifetimeSeconds": 300}
///
/// Without a config file (or with no `apiKeys`), the server asks for no credentials.
package enum ServeConfigFile {
    /// Reads the file at `path`; nil when it names no keys.
    package static func authenticator(at path: String) throws -> DigestAuthenticator? {
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
        guard let entries = root["apiKeys"] else { return nil }
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
