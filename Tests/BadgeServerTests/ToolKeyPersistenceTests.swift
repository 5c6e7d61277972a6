import BadgeIssuing
import BadgeServer
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import Primitives
import Testing

@Suite("LTI tool keys across restarts")
struct ToolKeyPersistenceTests {
    static let sealed: [AbsoluteConfigKey: ConfigValue] = [
        "signing.key_encryption_key": .init(.string(Data(repeating: 9, count: 32).base64EncodedString()), isSecret: true)
    ]

    private func kids(_ client: any TestClientProtocol) async throws -> [String] {
        let response = try await client.send(.get, "/lti/jwks")
        return (response.json["keys"] as? [[String: Any]])?.compactMap { $0["kid"] as? String } ?? []
    }

    @Test func aSealedToolKeySurvivesARestart() async throws {
        try await withTestApp(configuration: Self.sealed) { client, fixture in
            let first = try await kids(client)
            #expect(first.count == 1)
            let again = try await runTestApp(databaseURL: fixture.databaseURL, configuration: Self.sealed) { second in
                try await kids(second)
            }
            #expect(again == first)
        }
    }

    @Test func aMalformedKeyEncryptionKeyIsAClearConfigurationError() async throws {
        try await withTestApp { _, fixture in
            let error = await #expect(throws: BadgeServerError.self) {
                try await runTestApp(
                    databaseURL: fixture.databaseURL,
                    configuration: ["signing.key_encryption_key": .init(.string("not base64 of 32 bytes"), isSecret: true)]
                ) { _ in }
            }
            #expect(error?.field == "signing.key_encryption_key")
        }
    }
}
