import BadgeCore
import BadgeIssuing
import BadgeTesting
import Foundation
import Testing

/// Erasure on a person's request, on the fakes and both engines: their assertions identify no
/// one and stay revoked in the revocation list; nobody else's change.
@Suite("Recipient erasure")
struct RecipientErasureTests {
    let ada = Recipient(type: .email, identity: "ada@example.org")
    let grace = Recipient(type: .email, identity: "grace@example.org")

    @Test(arguments: StorageBackend.all)
    func anErasedRecipientsAssertionsIdentifyNoOneAndStayRevoked(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world in
            let awarder = world.awarder(mode: .both)
            let classes = Array(world.tree.badgeClasses.prefix(2))
            var adas: [UUID] = []
            for badgeClass in classes {
                let results = try await awarder.award(
                    [AwardInput(recipient: Recipient(type: .email, identity: "Ada@Example.org"), narrative: "Ada's final project")],
                    of: badgeClass,
                    actor: "test",
                    failFast: true
                )
                adas += results.compactMap { $0.assertionID.flatMap(UUID.init(uuidString:)) }
            }
            _ = try await awarder.award([AwardInput(recipient: grace)], of: classes[0], actor: "test", failFast: true)
            _ = try await world.revoker.revoke(id: adas[1], reason: "issued in error", actor: "test")
            let pending = try await world.outbox.claim(limit: 100, owner: "t", now: world.clock.now(), leaseUntil: world.clock.now()).count

            let erasure = RecipientErasure(assertions: world.assertions, imports: InMemoryEDCIImportStore(), clock: world.clock)
            let result = try await erasure.forget(ada, institutionID: nil, actor: "test")
            #expect(result.assertions == 2)
            #expect(result.imports == 0)

            let institution = world.tree.institution.id
            #expect(try await world.assertions.held(recipientKey: ada.key, institutionID: institution, limit: 10).isEmpty)
            #expect(try await world.assertions.held(recipientKey: grace.key, institutionID: institution, limit: 10).count == 1)
            for id in adas {
                let stored = try #require(try await world.assertions.find(id: id))
                #expect(stored.assertion.isErased)
                #expect(stored.assertion.isRevoked)
                #expect(stored.assertion.narrative == nil)
                #expect(stored.jws == nil)
                #expect(try await world.assertions.revoked(issuerID: stored.assertion.issuerID).contains { $0.id == id })
            }
            #expect(try await world.assertions.find(id: adas[0])?.assertion.revocationReason == Assertion.erasureReason)
            #expect(try await world.assertions.find(id: adas[1])?.assertion.revocationReason == "issued in error")
            // One revocation is new (the other assertion was revoked before): one message follows.
            let later = world.clock.now().addingTimeInterval(1)
            let messages = try await world.outbox.claim(limit: 100, owner: "t", now: later, leaseUntil: later)
            #expect(pending >= 1)
            #expect(messages.filter { $0.topic == .assertionRevoked }.map(\.subjectID).contains(adas[0]))
            // Forgetting again finds nothing.
            #expect(try await erasure.forget(ada, institutionID: nil, actor: "test").assertions == 0)
        }
    }

    @Test func anImplausibleIdentityIsRefused() async throws {
        try await IssuingWorld.with(.memory) { world in
            let erasure = RecipientErasure(assertions: world.assertions, imports: InMemoryEDCIImportStore(), clock: world.clock)
            let error = await #expect(throws: BadgeCoreError.self) {
                try await erasure.forget(Recipient(type: .email, identity: "not an address"), institutionID: nil, actor: "test")
            }
            #expect(error?.field == "recipient.identity")
        }
    }
}
