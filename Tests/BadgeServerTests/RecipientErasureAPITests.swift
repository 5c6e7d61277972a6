import BadgeCore
import BadgeIssuing
import BadgeStorage
import BadgeTesting
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `POST /api/v1/recipients/forget` through the daemon on both engines.
@Suite("Recipient erasure API")
struct RecipientErasureAPITests {
    private static let ada = #"{"recipient": {"type": "email", "identity": "ada@example.org"}}"#

    @Test(arguments: TestDatabases.engines)
    func anAdminErasesARecipientOfTheirInstitution(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine) { client, fixture in
            let id = try await IssuingTests.awardMicroCredential(client, fixture, to: "ada@example.org")
            let before = try await client.send(.get, "/public/assertions/\(id)")
            let identity = try #require((before.json["recipient"] as? [String: Any])?["identity"] as? String)
            #expect(try await client.send(.post, "/api/v1/recipients/forget", key: fixture.registrarKey, json: Self.ada).status == .forbidden)
            let invalid = try await client.send(
                .post,
                "/api/v1/recipients/forget",
                key: fixture.adminKey,
                json: #"{"recipient": {"type": "email", "identity": "nobody"}}"#
            )
            #expect(invalid.status == .unprocessableContent)
            let erased = try await client.send(.post, "/api/v1/recipients/forget", key: fixture.adminKey, json: Self.ada)
            #expect(erased.status == .ok)
            #expect(erased.json["assertions"] as? Int == 1)
            let hosted = try await client.send(.get, "/public/assertions/\(id)")
            #expect(hosted.json["revoked"] as? Bool == true)
            #expect(!hosted.text.contains(identity))
            #expect((hosted.json["recipient"] as? [String: Any])?["identity"] as? String == HashedRecipient.erasedIdentity)
            #expect(try await client.send(.get, "/public/assertions/\(id).jws").status == .notFound)
            let audit = try await AwardBatchTests.count(
                "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'erase'",
                databaseURL: fixture.databaseURL
            )
            #expect(audit == 1)
            let again = try await client.send(.post, "/api/v1/recipients/forget", key: fixture.adminKey, json: Self.ada)
            #expect(again.json["assertions"] as? Int == 0)
        }
    }
}
