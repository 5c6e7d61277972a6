import BadgeCore
import BadgeIssuing
import BadgeTesting
import Foundation
import OpenBadges
import Testing

extension KeyRotationRaceTests {
    @Test(arguments: StorageBackend.all)
    func aGradeAwardedWhileTheKeyRotatesIsStoredSignedWithTheNewKey(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let micro = try world.microCredential
            let earlier = try await Self.award(Recipient(type: .email, identity: "earlier@example.org"), on: world, through: .batch)
            guard case .signed(let oldKeyID)? = try await world.assertions.find(id: earlier)?.assertion.verification else {
                throw TestSetupError("the first award was not signed")
            }
            let pause = KeyReadPause()
            let grades = try await OutcomeWorld.on(
                try world.readingKeys(through: PausingIssuerKeyStore(base: world.issuerKeys, pause: pause)),
                mode: .signed
            )
            try await grades.create(try grades.rule())
            try await grades.intake.learnerSeen(issuer: OutcomeWorld.issuer, userID: "user-ada", as: Self.late)
            await pause.arm()
            let receiving = Task { try await grades.intake.receive(grades.grade(7.5)) }
            await pause.untilPaused()

            let rotation = KeyRotation(keyring: world.keyring, jobs: world.resigningJobs, catalog: world.catalog)
            let (newKeyID, job) = try await rotation.rotate(issuerID: micro.issuerID, reason: .compromise, actor: "test")
            try await Self.drain(world, jobID: job.id)
            await pause.release()
            let receipt = try await receiving.value

            #expect(receipt.decision == .awarded)
            let id = try #require(receipt.assertionID)
            try await Self.expectSigned(id, by: newKeyID, not: oldKeyID, in: world)
            let recordID = try #require(receipt.recordID)
            let record = try #require(try await grades.events.find(id: recordID))
            #expect(record.decision == .awarded && record.assertionID == id)
            #expect(try await world.awardAuditRows(of: id) == 1)
        }
    }

    @Test(arguments: StorageBackend.all)
    func aReSigningPageSignedBeforeALaterRotationIsNotStored(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let micro = try world.microCredential
            let id = try await Self.award(Recipient(type: .email, identity: "earlier@example.org"), on: world, through: .batch)
            let rotation = KeyRotation(keyring: world.keyring, jobs: world.resigningJobs, catalog: world.catalog)
            let (secondKeyID, second) = try await rotation.rotate(issuerID: micro.issuerID, reason: .routine, actor: "test")
            // The second key's job signs its page, then a third key takes over and its job finishes first.
            let key = try #require(try await world.keyring.currentKey(issuerID: micro.issuerID, id: secondKeyID))
            let signer = AssertionSigner(key: key, documents: world.documents)
            let page = try await world.resigningJobs.page(of: second, limit: 10).map { stored in
                var assertion = stored.assertion
                assertion.verification = .signed(keyID: secondKeyID)
                return (assertion: assertion, jws: try signer.sign(assertion))
            }
            #expect(page.count == 1)
            let (thirdKeyID, third) = try await rotation.rotate(issuerID: micro.issuerID, reason: .routine, actor: "test")
            // Run only the third job (the outbox would deliver the second job's message first).
            let resigner = AssertionResigner(jobs: world.resigningJobs, keyring: world.keyring, documents: world.documents)
            while let job = try await world.resigningJobs.job(id: third.id), let next = job.nextMessageID {
                try await resigner.handle(
                    OutboxMessage(
                        id: next,
                        topic: .assertionsResigning,
                        subjectID: job.id,
                        institutionID: job.institutionID,
                        createdAt: job.createdAt,
                        attempts: 1
                    )
                )
            }
            #expect(try await world.resigningJobs.job(id: third.id)?.resigned == 1)
            let messageID = try #require(second.nextMessageID)
            let committed = try await world.resigningJobs.commit(
                ResignedPage(assertions: page, cursor: page.last?.assertion.id, isLast: true),
                of: second,
                deliveredBy: messageID
            )
            #expect(committed)
            let done = try #require(try await world.resigningJobs.job(id: second.id))
            #expect(done.isComplete && done.resigned == 0)
            try await Self.expectSigned(id, by: thirdKeyID, not: secondKeyID, in: world)
        }
    }
}
