import BadgeCore
import BadgeIssuing
import BadgeTesting
import Foundation
import Logging
import OpenBadges
import Testing

/// Key rotation's re-signing as a use case, on the fakes and on each database: pages through
/// the outbox, a repeated delivery, a revoked assertion, a rotation that supersedes another.
@Suite("Key rotation re-signing (use case)")
struct KeyRotationResigningTests {
    private static func award(_ world: IssuingWorld, _ count: Int) async throws -> [UUID] {
        let results = try await world.awarder(mode: .signed).award(
            (0..<count).map { AwardInput(recipient: Recipient(type: .email, identity: "student\($0)@example.org")) },
            of: try world.microCredential,
            actor: "test",
            failFast: true
        )
        return results.compactMap { $0.assertionID.flatMap(UUID.init(uuidString:)) }
    }

    /// Delivers one message at a time until the job completes (at most `rounds` deliveries);
    /// returns how many deliveries it took.
    @discardableResult
    static func drain(_ world: IssuingWorld, _ resigner: AssertionResigner, jobID: UUID, rounds: Int = 100) async throws -> Int {
        let delivery = OutboxDelivery(
            outbox: world.outbox,
            handlers: [.assertionsResigning: resigner],
            clock: world.clock,
            owner: "test",
            batchSize: 1,
            logger: Logger(label: "test")
        )
        for round in 1...rounds {
            if try await world.resigningJobs.job(id: jobID)?.isComplete == true { return round - 1 }
            try await delivery.deliverDue()
        }
        throw TestSetupError("the re-signing job did not complete")
    }

    @Test(arguments: StorageBackend.all)
    func pagesReSignEachUnrevokedAssertionOnceAndARepeatedDeliveryDoesNothing(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let micro = try world.microCredential
            let ids = try await Self.award(world, 5)
            _ = try await world.revoker.revoke(id: ids[4], reason: "Awarded in error", actor: "test")
            var before: [UUID: StoredAssertion] = [:]
            for id in ids { before[id] = try await world.assertions.find(id: id) }

            let rotation = KeyRotation(keyring: world.keyring, jobs: world.resigningJobs, catalog: world.catalog)
            let (keyID, job) = try await rotation.rotate(issuerID: micro.issuerID, reason: .routine, actor: "test")
            let first = OutboxMessage(
                id: try #require(job.nextMessageID),
                topic: .assertionsResigning,
                subjectID: job.id,
                institutionID: job.institutionID,
                createdAt: job.createdAt,
                attempts: 1
            )
            let resigner = AssertionResigner(jobs: world.resigningJobs, keyring: world.keyring, documents: world.documents, pageSize: 2)
            _ = try await Self.drain(world, resigner, jobID: job.id)
            let done = try #require(try await world.resigningJobs.job(id: job.id))
            #expect(done.resigned == 4 && done.isComplete && done.nextMessageID == nil)
            // The first page's message delivered again after the job: nothing changes.
            try await resigner.handle(first)
            #expect(try await world.resigningJobs.job(id: job.id) == done)

            let pem = try #require(try await world.issuerKeys.key(id: keyID)?.publicKeyPEM)
            let verifier = try AssertionVerifier(publicKeys: [keyID: pem], urls: world.documents.urls)
            for id in ids.prefix(4) {
                let now = try #require(try await world.assertions.find(id: id))
                let old = try #require(before[id])
                #expect(now.assertion.verification == .signed(keyID: keyID))
                #expect(now.assertion.issuedOn == old.assertion.issuedOn && now.assertion.recipient == old.assertion.recipient)
                let jws = try #require(now.jws)
                #expect(try await verifier.verify(jws).keyID == keyID)
            }
            let revoked = try #require(try await world.assertions.find(id: ids[4]))
            #expect(revoked.jws == before[ids[4]]?.jws, "a revoked assertion keeps its JWS")
            #expect(revoked.assertion.isRevoked)
        }
    }

    @Test(arguments: StorageBackend.all)
    func aLaterRotationSupersedesAnUnfinishedJob(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let micro = try world.microCredential
            let ids = try await Self.award(world, 3)
            let rotation = KeyRotation(keyring: world.keyring, jobs: world.resigningJobs, catalog: world.catalog)
            let first = try await rotation.rotate(issuerID: micro.issuerID, reason: .routine, actor: "test")
            let second = try await rotation.rotate(issuerID: micro.issuerID, reason: .compromise, actor: "test")
            #expect(second.job.replacedKeyID == first.keyID)
            let resigner = AssertionResigner(jobs: world.resigningJobs, keyring: world.keyring, documents: world.documents)
            _ = try await Self.drain(world, resigner, jobID: second.job.id)
            _ = try await Self.drain(world, resigner, jobID: first.job.id)
            #expect(try await world.resigningJobs.job(id: first.job.id)?.resigned == 0)
            #expect(try await world.resigningJobs.job(id: second.job.id)?.resigned == 3)
            #expect(try await world.issuerKeys.key(id: first.keyID)?.isRevoked == true)
            for id in ids {
                #expect(try await world.assertions.find(id: id)?.assertion.verification == .signed(keyID: second.keyID))
            }
            #expect(try await rotation.jobs(issuerID: micro.issuerID).map(\.id) == [second.job.id, first.job.id])
        }
    }
}
