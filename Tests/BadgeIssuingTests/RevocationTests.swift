import BadgeCore
import BadgeIssuing
import BadgeTesting
import Foundation
import Testing

/// Revoking through the ports: one reason rule, one answer for a missing assertion.
@Suite("Revocation through the ports")
struct RevocationTests {
    private func awardOne(_ world: IssuingWorld) async throws -> UUID {
        let results = try await world.awarder().award(
            [AwardInput(recipient: Recipient(type: .email, identity: "ada@example.org"))],
            of: try world.microCredential,
            actor: "test",
            failFast: true
        )
        return try #require(results[0].assertionID.flatMap(UUID.init(uuidString:)))
    }

    @Test(arguments: StorageBackend.all)
    func revokingKeepsTheFirstReasonAndQueuesFollowUp(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let id = try await awardOne(world)
            let revoked = try await world.revoker.revoke(id: id, reason: "issued in error", actor: "test")
            #expect(revoked.isRevoked)
            #expect(revoked.revocationReason == "issued in error")
            let again = try await world.revoker.revoke(id: id, reason: "another reason", actor: "test")
            #expect(again.revocationReason == "issued in error")
            #expect(try await world.assertions.revoked(issuerID: revoked.issuerID).map(\.id) == [id])
            let topics = try await world.outbox.claim(limit: 10, owner: "t", now: world.clock.now(), leaseUntil: world.clock.now() + 60).map(\.topic)
            #expect(topics == [.assertionStored, .assertionRevoked])
        }
    }

    @Test(arguments: StorageBackend.all)
    func aBlankOrOverlongReasonIsRefusedAndNothingChanges(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let id = try await awardOne(world)
            for reason in ["", "   ", String(repeating: "r", count: RevocationReason.maximumLength + 1)] {
                let error = await #expect(throws: BadgeCoreError.self) { try await world.revoker.revoke(id: id, reason: reason, actor: "test") }
                #expect(error?.field == "reason")
            }
            #expect(try await world.assertions.find(id: id)?.assertion.isRevoked == false)
        }
    }

    @Test(arguments: StorageBackend.all)
    func revokingAnUnknownAssertionIsNotFound(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let error = await #expect(throws: BadgeCoreError.self) { try await world.revoker.revoke(id: UUID(), reason: "why", actor: "test") }
            #expect(error?.code == .notFound)
        }
    }

    @Test func theReasonRuleIsOneValue() throws {
        #expect(try RevocationReason(String(repeating: "r", count: 500)).text.count == 500)
        #expect(throws: BadgeCoreError.self) { try RevocationReason(String(repeating: "r", count: 501)) }
        #expect(throws: BadgeCoreError.self) { try RevocationReason("\n\t ") }
    }
}
