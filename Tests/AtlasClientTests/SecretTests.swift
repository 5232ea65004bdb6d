import Foundation
import TestSupport
import Testing

@testable import AtlasClient

@Suite(.tags(.small)) struct SecretTests {
    @Test func secretsNeverPrint() throws {
        let secret = Secret("hunter2-private")
        let keys = AtlasCredentials.apiKeys(publicKey: "pubkey", privateKey: secret)
        let account = AtlasCredentials.serviceAccount(clientID: "sa-id", clientSecret: Secret("hunter2-client"))
        let input = AtlasSettingsInput(publicKey: "pubkey", privateKey: secret, clientSecret: Secret("hunter2-client"))
        let request = HTTPRequest(method: .get, url: "https://x/y", auth: .bearer(Secret("hunter2-token")))
        let settings = try AtlasSettingsResolver.resolve(
            flags: input.withoutClientSecret, environment: [:], configPath: nil)
        let printed = [
            "\(secret)", String(reflecting: secret), "\(keys)", String(reflecting: keys), "\(account)",
            String(reflecting: account), "\(input)", String(reflecting: input), "\(request)",
            String(reflecting: request),
            "\(settings)", String(reflecting: settings), "\(HTTPAuth.digest(user: "u", password: secret))",
        ]
        for text in printed { #expect(!text.contains("hunter2"), "\(text)") }
        #expect("\(keys)" == "API key 'pubkey' (digest)")
        #expect("\(account)" == "service account 'sa-id'")
        #expect("\(request)" == "GET https://x/y (bearer token)")
        #expect(secret.reveal() == "hunter2-private")
    }
}

extension AtlasSettingsInput {
    fileprivate var withoutClientSecret: AtlasSettingsInput {
        var copy = self
        copy.clientSecret = nil
        return copy
    }
}
