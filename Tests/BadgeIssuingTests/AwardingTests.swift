import BadgeCore
import BadgeIssuing
import BadgeTesting
import Foundation
import OpenBadges
import Primitives
import Testing

/// The awarding use case on the in-memory fakes and on both real engines: the same assertions.
@Suite("Awarding through the ports")
struct AwardingTests {
    let ada = Recipient(type: .email, identity: "Ada@Example.org")

    @Test(arguments: StorageBackend.all)
    func anAwardStoresOneAssertionWithItsOutboxMessage(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let awarder = world.awarder()
            let micro = try world.microCredential
            let first = try await awarder.award([AwardInput(recipient: ada)], of: micro, actor: "test", failFast: true)
            #expect(first.map(\.status) == ["created"])
            let again = try await awarder.award(
                [AwardInput(recipient: Recipient(type: .email, identity: " ada@example.org "))],
                of: micro,
                actor: "test",
                failFast: true
            )
            #expect(again.map(\.status) == ["existing"])
            #expect(again[0].assertionID == first[0].assertionID)
            let id = try #require(first[0].assertionID.flatMap(UUID.init(uuidString:)))
            let stored = try #require(try await world.assertions.find(id: id))
            #expect(stored.institutionID == micro.institutionID)
            #expect(stored.assertion.recipient.identity != ada.identity)
            let messages = try await world.outbox.claim(limit: 10, owner: "test", now: world.clock.now(), leaseUntil: world.clock.now() + 60)
            #expect(messages.map(\.topic) == [.assertionStored])
            #expect(messages.map(\.subjectID) == [id])
        }
    }

    @Test(arguments: StorageBackend.all)
    func aBatchReportsEachAwardAndAnswersRepeatsWithTheFirst(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let inputs = [
                AwardInput(recipient: ada),
                AwardInput(recipient: Recipient(type: .email, identity: "not an address")),
                AwardInput(recipient: Recipient(type: .email, identity: "ada@example.org")),
                AwardInput(recipient: Recipient(type: .telephone, identity: "+31 20 123 4567")),
            ]
            let results = try await world.awarder().award(inputs, of: try world.microCredential, actor: "test", failFast: false)
            #expect(results.map(\.status) == ["created", "failed", "existing", "created"])
            #expect(results[1].field == "awards[1].recipient.identity")
            #expect(results[2].assertionID == results[0].assertionID)
        }
    }

    @Test(arguments: StorageBackend.all)
    func anInvalidSingleAwardThrowsAndWritesNothing(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let invalid = AwardInput(recipient: ada, narrative: String(repeating: "x", count: 10_001))
            let error = await #expect(throws: BadgeCoreError.self) {
                try await world.awarder().award([invalid], of: try world.microCredential, actor: "test", failFast: true)
            }
            #expect(error?.field == "narrative")
            #expect(try await world.assertions.existing(badgeClassID: try world.microCredential.id, recipientKeys: [ada.key]).isEmpty)
        }
    }

    @Test(arguments: StorageBackend.all)
    func signedAwardsCarryAJWSThatTheIssuerKeyVerifies(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let micro = try world.microCredential
            let results = try await world.awarder(mode: .signed).award([AwardInput(recipient: ada)], of: micro, actor: "test", failFast: true)
            let id = try #require(results[0].assertionID.flatMap(UUID.init(uuidString:)))
            let stored = try #require(try await world.assertions.find(id: id))
            let jws = try #require(stored.jws)
            let key = try await world.keyring.currentKey(issuerID: micro.issuerID)
            #expect(stored.assertion.verification == .signed(keyID: key.id))
            let verifier = try AssertionVerifier(publicKeys: [key.id: key.publicKeyPEM], urls: world.documents.urls)
            let verified = try await verifier.verify(jws)
            #expect(verified.keyID == key.id)
            #expect(verified.payload["id"]?.stringValue == world.documents.urls.assertion(id))
        }
    }

    @Test func concurrentSingleAwardsShareCommits() async throws {
        try await IssuingWorld.with(.memory) { world async throws in
            let awarder = world.awarder()
            let micro = try world.microCredential
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        let recipient = Recipient(type: .email, identity: "student\(index)@example.org")
                        _ = try await awarder.award([AwardInput(recipient: recipient)], of: micro, actor: "test", failFast: true)
                    }
                }
                try await group.waitForAll()
            }
            let store = try #require(world.assertions as? InMemoryAssertionStore)
            #expect(await store.count == 40)
            #expect(await store.storeCalls < 40)
        }
    }

    @Test(arguments: StorageBackend.all)
    func anArchivedBadgeClassAwardsNothing(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let micro = try world.microCredential
            let now = world.clock.now()
            _ = try await world.catalog.update(BadgeClass.self, id: micro.id, by: "test") { record, _ in
                var archived = record
                archived.archivedAt = now
                return archived
            }
            let error = await #expect(throws: BadgeCoreError.self) { try await world.awarder().liveBadgeClass(id: micro.id) }
            #expect(error?.code == .conflict)
            let missing = await #expect(throws: BadgeCoreError.self) { try await world.awarder().liveBadgeClass(id: UUID()) }
            #expect(missing?.code == .notFound)
        }
    }
}
