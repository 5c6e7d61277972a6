import BadgeCore
import BadgeIssuing
import BadgeTesting
import Foundation
import OpenBadges
import Testing

/// badged's own check of its credentials, for the credential page: signature, revocation with
/// the reason, expiry.
@Suite("Credential check")
struct CredentialCheckTests {
    static func award(_ world: IssuingWorld, _ email: String, expires: Date? = nil) async throws -> StoredAssertion {
        let result = try await world.awarder(mode: .signed).award(
            [AwardInput(recipient: Recipient(type: .email, identity: email), expires: expires)],
            of: try world.microCredential,
            actor: "test",
            failFast: true
        )
        let id = try #require(result[0].assertionID.flatMap(UUID.init(uuidString:)))
        return try #require(try await world.assertions.find(id: id))
    }

    @Test(arguments: StorageBackend.all)
    func aSignedCredentialIsValidThenExpiredAndARevokedOneGivesItsReason(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let check = CredentialCheck(keys: world.issuerKeys, urls: world.documents.urls, clock: world.clock)
            let expiring = try await Self.award(world, "ada@example.org", expires: world.clock.now() + 3_600)
            #expect(expiring.jws != nil)
            #expect(try await check.status(of: expiring) == .valid)
            world.clock.advance(by: 7_200)
            #expect(try await check.status(of: expiring) == .expired(world.clock.now() - 3_600))

            let other = try await Self.award(world, "grace@example.org")
            // Another assertion's signature does not vouch for this one.
            let swapped = StoredAssertion(assertion: other.assertion, institutionID: other.institutionID, jws: expiring.jws)
            guard case .unverifiable = try await check.status(of: swapped) else {
                Issue.record("a JWS of another assertion was accepted")
                return
            }
            let tampered = StoredAssertion(assertion: other.assertion, institutionID: other.institutionID, jws: (other.jws ?? "") + "A")
            guard case .unverifiable = try await check.status(of: tampered) else {
                Issue.record("a tampered JWS was accepted")
                return
            }

            _ = try await world.revoker.revoke(id: other.assertion.id, reason: "Awarded in error", actor: "test")
            let revoked = try #require(try await world.assertions.find(id: other.assertion.id))
            #expect(try await check.status(of: revoked) == .revoked(reason: "Awarded in error"))
        }
    }
}
