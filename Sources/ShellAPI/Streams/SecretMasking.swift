import BSONCore

/// Hides the secrets of connection settings before they reach the screen: passwords, client secrets, private
/// keys, and the values of credential-bearing HTTP headers (`Authorization`, `X-API-Key`, …) are replaced by
/// `'********'`. Atlas never returns a Kafka password, but a local workspace or a future API version might, and
/// a value echoed from the user's own input must not be printed either.
enum SecretMasking {
    /// What a secret prints as.
    static let mask = BSONValue.string("********")

    /// Keys whose values are secrets wherever they appear (compared lowercased).
    static let secretKeys: Set<String> = [
        "password", "clientsecret", "sslkey", "sslkeypassword", "secret", "secretaccesskey", "apikey", "token",
        "accesstoken", "privatekey",
    ]

    /// `connection` with every secret masked, at any depth.
    static func masked(_ connection: BSONDocument) -> BSONDocument {
        BSONDocument(
            connection.elements.map { element in
                (element.key, masked(element.value, key: element.key))
            })
    }

    private static func masked(_ value: BSONValue, key: String) -> BSONValue {
        let lowered = key.lowercased()
        if secretKeys.contains(lowered) || lowered.hasSuffix("password") || lowered.hasSuffix("secret") {
            return value == .null ? value : mask
        }
        switch value {
        case .document(let document) where lowered == "headers":
            return .document(
                BSONDocument(
                    document.elements.map { header in
                        (header.key, isSecretHeader(header.key) ? mask : header.value)
                    }))
        case .document(let document):
            return .document(masked(document))
        case .array(let values):
            return .array(values.map { masked($0, key: "") })
        default:
            return value
        }
    }

    /// Whether an HTTP header carries a credential.
    static func isSecretHeader(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return ["authorization", "cookie", "token", "secret", "password", "api-key", "apikey", "api_key"].contains {
            lowered.contains($0)
        }
    }
}
