import BadgeCore
import BadgeIssuing
import BadgeServer
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import OpenBadges
import Primitives
import Testing

@Suite("Issuer key rotation and CLI awards", .heavyLane)
struct KeyRotationTests {
    private func session(_ fixture: TestFixture) async throws -> AdminSession {
        let values: [AbsoluteConfigKey: ConfigValue] = [
            "db.url": .init(.string(fixture.databaseURL), isSecret: true),
            "signing.key_encryption_key": .init(.string(Self.kek), isSecret: true),
        ]
        return try await AdminSession.open(reader: ConfigReader(provider: InMemoryProvider(values: values)), logger: TestDatabases.logger)
    }

    static let kek = Data(repeating: 7, count: 32).base64EncodedString()

    @Test func assertionsSignedBeforeARotationStillVerify() async throws {
        try await withTestApp(configuration: ["signing.key_encryption_key": .init(.string(Self.kek), isSecret: true)]) { client, fixture in
            let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
            let path = "/api/v1/badge-classes/\(micro.id.uuidString.lowercased())/assertions"
            let before = try await client.send(.post, path, key: fixture.registrarKey, json: IssuingTests.awardBody("ada@example.org"))
            let beforeID = try #require(before.json["assertion_id"] as? String)

            let admin = try await session(fixture)
            let newKey = try await admin.administration.rotateIssuerKey(issuerID: micro.issuerID)
            let oldKey = try #require(try await admin.administration.keyRotations(issuerID: micro.issuerID).first?.replacedKeyID)
            try await admin.close()

            let after = try await client.send(.post, path, key: fixture.registrarKey, json: IssuingTests.awardBody("grace@example.org"))
            let afterID = try #require(after.json["assertion_id"] as? String)
            let issuer = try await client.send(.get, "/public/issuers/\(micro.issuerID.uuidString.lowercased())")
            // One key only (1EdTech's verifier rejects a list); the earlier key stays published at its URL.
            let published = try #require(issuer.json["publicKey"] as? String)
            #expect(published.hasSuffix("/public/keys/\(newKey)"))

            var pems: [String: String] = [:]
            for id in [oldKey, newKey] {
                let document = try await client.send(.get, "/public/keys/\(id)")
                pems[id] = try #require(document.json["publicKeyPem"] as? String)
            }
            let base = try #require(published.components(separatedBy: "/public/keys/").first)
            let verifier = try AssertionVerifier(publicKeys: pems, urls: try PublicURLs(baseURL: base))
            for id in [beforeID, afterID] {
                let jws = try await client.send(.get, "/public/assertions/\(id).jws").text
                let verified = try await verifier.verify(jws)
                #expect(verified.payload.objectValue?["id"]?.stringValue?.hasSuffix(id) == true)
            }
            let oldJWS = try await client.send(.get, "/public/assertions/\(beforeID).jws").text
            let newJWS = try await client.send(.get, "/public/assertions/\(afterID).jws").text
            #expect(try await verifier.verify(oldJWS).keyID != (try await verifier.verify(newJWS)).keyID)
        }
    }

    @Test func anImportedKeySignsTheIssuersNewAssertions() async throws {
        try await withTestApp(configuration: ["signing.key_encryption_key": .init(.string(Self.kek), isSecret: true)]) { client, fixture in
            let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
            let own = try SigningKey.generate(id: "university-hsm-export")
            let admin = try await session(fixture)
            let keyID = try await admin.administration.importIssuerKey(issuerID: micro.issuerID, privateKeyPEM: own.privateKeyPEM)
            // An import is a rotation: the issuer's signed assertions are re-signed with the imported key.
            #expect(try await admin.administration.keyRotations(issuerID: micro.issuerID).first?.keyID == keyID)
            await #expect(throws: BadgeCoreError.self) {
                try await admin.administration.importIssuerKey(
                    issuerID: micro.issuerID,
                    privateKeyPEM: "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n"
                )
            }
            try await admin.close()

            let path = "/api/v1/badge-classes/\(micro.id.uuidString.lowercased())/assertions"
            let awarded = try await client.send(.post, path, key: fixture.registrarKey, json: IssuingTests.awardBody("ada@example.org"))
            let id = try #require(awarded.json["assertion_id"] as? String)
            let published = try await client.send(.get, "/public/keys/\(keyID)")
            #expect(published.json["publicKeyPem"] as? String == own.publicKeyPEM)
            let base = try #require((published.json["id"] as? String)?.components(separatedBy: "/public/keys/").first)
            let verifier = try AssertionVerifier(publicKeys: [keyID: own.publicKeyPEM], urls: try PublicURLs(baseURL: base))
            let jws = try await client.send(.get, "/public/assertions/\(id).jws").text
            #expect(try await verifier.verify(jws).keyID == keyID)
        }
    }

    @Test func concurrentFirstAwardsShareOneNewIssuerKey() async throws {
        try await withTestApp(configuration: ["signing.key_encryption_key": .init(.string(Self.kek), isSecret: true)]) { _, fixture in
            let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
            let admin = try await session(fixture)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        _ = try await admin.administration.award(
                            badgeClassID: micro.id,
                            recipients: [Recipient(type: .email, identity: "first\(index)@example.org")]
                        ) { _ in }
                    }
                }
                try await group.waitForAll()
            }
            try await admin.close()
            #expect(try await AwardBatchTests.count("SELECT COUNT(*) AS n FROM issuer_keys", databaseURL: fixture.databaseURL) == 1)
        }
    }

    @Test func cliAwardsAreIdempotentAcrossReruns() async throws {
        try await withTestApp { _, fixture in
            let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
            let recipients = (0..<25).map { Recipient(type: .email, identity: "student\($0)@example.org") }
            let admin = try await session(fixture)
            let first = try await admin.administration.award(badgeClassID: micro.id, recipients: Array(recipients.prefix(10))) { _ in }
            // A re-run of the whole file after an interruption: the first ten exist, the rest are new.
            var seen = 0
            let rerun = try await admin.administration.award(
                badgeClassID: micro.id,
                recipients: recipients + [Recipient(type: .email, identity: "bad")]
            ) {
                seen = $0
            }
            try await admin.close()
            #expect(first.created == 10)
            #expect(rerun.created == 15)
            #expect(rerun.existing == 10)
            #expect(rerun.failures.count == 1)
            #expect(seen == 26)
        }
    }
}
