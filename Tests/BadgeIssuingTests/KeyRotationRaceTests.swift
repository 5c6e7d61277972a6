import BadgeCore
import BadgeIssuing
import BadgeStorage
import BadgeTesting
import Foundation
import Logging
import OpenBadges
import Testing

/// An award in flight while its issuer's key rotates: it read the old key and signed with it,
/// then the rotation committed and its re-signing job passed over the issuer's assertions before
/// the award committed. The store refuses the stale signature inside the award's transaction and
/// the awarder signs again with the new key, so no assertion is ever stored signed by a retired
/// (or revoked) key. On the fakes, SQLite and PostgreSQL, through each award path.
@Suite("Key rotation racing awards")
struct KeyRotationRaceTests {
    /// The ways an award is stored: the API/CSV/batch awarder, a stacked composite (recipient
    /// known hashed), a claim code.
    enum Path: String, CaseIterable, CustomStringConvertible {
        case batch, composite, claimCode
        var description: String { rawValue }
    }

    static let late = Recipient(type: .email, identity: "late@example.org")

    /// Awards the micro-credential to `recipient` on `world` through `path`; returns the assertion id.
    static func award(_ recipient: Recipient, on world: IssuingWorld, through path: Path) async throws -> UUID {
        let micro = try world.microCredential
        let awarder = world.awarder(mode: .signed)
        switch path {
        case .batch:
            let results = try await awarder.award([AwardInput(recipient: recipient)], of: micro, actor: "test", failFast: true)
            return try #require(results.first?.assertionID.flatMap(UUID.init(uuidString:)))
        case .composite:
            let outcome = try await awarder.award(
                hashed: RecipientHasher().hash(recipient),
                recipientKey: recipient.key,
                evidence: [],
                narrative: "Stacked",
                of: micro,
                actor: "stacking"
            )
            return outcome.assertion.id
        case .claimCode:
            let store: any ClaimCodeStore =
                if let database = world.database { SQLClaimCodeStore(database: database) } else {
                    InMemoryClaimCodeStore(assertions: world.assertions)
                }
            let claims = ClaimCodes(store: store, awarder: awarder, random: SystemRandomSource(), ids: world.ids, clock: world.clock)
            let made = try await claims.create(
                badgeClassID: micro.id,
                label: "Open day",
                maxUses: nil,
                expiresAt: nil,
                requiresEvidence: false,
                actor: "test",
                allowed: { _ in true }
            )
            guard
                case .issued(_, let assertion) = try await claims.claim(
                    secret: made.secret,
                    recipient: recipient,
                    evidenceURL: nil,
                    evidenceText: nil
                )
            else { throw TestSetupError("the claim did not issue") }
            return assertion.id
        }
    }

    /// Delivers the outbox one message at a time until the job completes (pages of two).
    static func drain(_ world: IssuingWorld, jobID: UUID) async throws {
        let resigner = AssertionResigner(jobs: world.resigningJobs, keyring: world.keyring, documents: world.documents, pageSize: 2)
        try await KeyRotationResigningTests.drain(world, resigner, jobID: jobID, rounds: 200)
    }

    /// The assertion is signed by `keyID`: its JWS verifies with that key alone, not with
    /// `oldKeyID`, and `badged verify`'s engine finds it valid against the published documents.
    static func expectSigned(_ id: UUID, by keyID: String, not oldKeyID: String, in world: IssuingWorld) async throws {
        let stored = try #require(try await world.assertions.find(id: id))
        #expect(stored.assertion.verification == .signed(keyID: keyID))
        let jws = try #require(stored.jws)
        let pem = try #require(try await world.issuerKeys.key(id: keyID)?.publicKeyPEM)
        #expect(try await AssertionVerifier(publicKeys: [keyID: pem], urls: world.documents.urls).verify(jws).keyID == keyID)
        let oldPEM = try #require(try await world.issuerKeys.key(id: oldKeyID)?.publicKeyPEM)
        await #expect(throws: OpenBadgesError.self) {
            try await AssertionVerifier(publicKeys: [oldKeyID: oldPEM], urls: world.documents.urls).verify(jws)
        }
        let report = await BadgeVerifier(fetcher: WorldDocuments(world: world), clock: world.clock).verify(.text(jws))
        #expect(report.result == .valid, "\(report.lines.joined(separator: "\n"))")
        #expect(report.check(.keyOwner)?.status == .passed)
    }

    @Test(arguments: StorageBackend.all, Path.allCases)
    func anAwardSignedBeforeARotationCommitsIsStoredSignedWithTheNewKey(backend: StorageBackend, path: Path) async throws {
        try await Self.race(backend: backend, path: path, reason: .routine)
    }

    @Test(arguments: StorageBackend.all)
    func anAwardSignedBeforeACompromiseRotationIsNeverStoredWithTheRevokedKey(backend: StorageBackend) async throws {
        try await Self.race(backend: backend, path: .batch, reason: .compromise)
    }

    /// Pauses an award after it read the issuer's key, rotates and finishes the re-signing job,
    /// then lets the award sign with the old key and commit.
    static func race(backend: StorageBackend, path: Path, reason: ResigningJob.Reason) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let micro = try world.microCredential
            let earlier = try await award(Recipient(type: .email, identity: "earlier@example.org"), on: world, through: .batch)
            guard case .signed(let oldKeyID)? = try await world.assertions.find(id: earlier)?.assertion.verification else {
                throw TestSetupError("the first award was not signed")
            }
            let pause = KeyReadPause()
            let paused = try world.readingKeys(through: PausingIssuerKeyStore(base: world.issuerKeys, pause: pause))
            await pause.arm()
            let awarding = Task { try await award(late, on: paused, through: path) }
            await pause.untilPaused()

            let rotation = KeyRotation(keyring: world.keyring, jobs: world.resigningJobs, catalog: world.catalog)
            let (newKeyID, job) = try await rotation.rotate(issuerID: micro.issuerID, reason: reason, actor: "test")
            try await drain(world, jobID: job.id)
            // The job passed over the issuer's assertions before the late award committed.
            #expect(try await world.resigningJobs.job(id: job.id)?.resigned == 1)
            await pause.release()
            let id = try await awarding.value

            try await expectSigned(id, by: newKeyID, not: oldKeyID, in: world)
            try await expectSigned(earlier, by: newKeyID, not: oldKeyID, in: world)
            #expect(try await world.issuerKeys.key(id: oldKeyID)?.isRevoked == (reason == .compromise))
            let held = try await world.assertions.existing(badgeClassID: micro.id, recipientKeys: [late.key])
            #expect(held.count == 1 && held[late.key]?.assertion.id == id, "exactly one assertion for the late recipient")
            #expect(try await world.awardAuditRows(of: id) == 1)
        }
    }

    @Test(arguments: StorageBackend.all)
    func theStoreRefusesAnAssertionSignedByARetiredKeyAndWritesNothing(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let micro = try world.microCredential
            let awarder = world.awarder(mode: .signed)
            let signed = try #require(try await awarder.signed([AwardInput(recipient: Self.late)], of: micro, actor: "test").first?.get())
            let rotation = KeyRotation(keyring: world.keyring, jobs: world.resigningJobs, catalog: world.catalog)
            _ = try await rotation.rotate(issuerID: micro.issuerID, reason: .routine, actor: "test")
            let refused = await #expect(throws: BadgeCoreError.self) { try await world.assertions.store([signed]) }
            #expect(refused?.code == .signingKeyRetired)
            #expect(try await world.assertions.find(id: signed.assertion.id) == nil)
            #expect(try await world.awardAuditRows(of: signed.assertion.id) == 0)
            // Signed again through the awarder's retry, the same award is stored.
            let outcome = try await awarder.committing([signed], of: micro) { try await world.assertions.store($0) }
            #expect(outcome.first?.assertion.id == signed.assertion.id)
        }
    }

    @Test(arguments: StorageBackend.all)
    func everyAwardMadeWhileRotatingEndsSignedWithTheCurrentKey(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let micro = try world.microCredential
            let firstRecipient = Recipient(type: .email, identity: "first@example.org")
            let first = try await Self.award(firstRecipient, on: world, through: .batch)
            guard case .signed(let firstKeyID)? = try await world.assertions.find(id: first)?.assertion.verification else {
                throw TestSetupError("the first award was not signed")
            }
            let rotation = KeyRotation(keyring: world.keyring, jobs: world.resigningJobs, catalog: world.catalog)
            let recipients = (0..<30).map { Recipient(type: .email, identity: "student\($0)@example.org") }
            let awarder = world.awarder(mode: .signed)
            var jobs: [UUID] = []
            // Three waves of concurrent single awards (sharing group commits); a routine and then a
            // compromise rotation run concurrently with the first two.
            for (wave, reason) in [(0, ResigningJob.Reason?.some(.routine)), (1, .compromise), (2, nil)] {
                try await withThrowingTaskGroup(of: UUID?.self) { group in
                    for recipient in recipients[(wave * 10)..<(wave * 10 + 10)] {
                        group.addTask {
                            try await awarder.award([AwardInput(recipient: recipient)], of: micro, actor: "test", failFast: true).first?.assertionID
                                .flatMap(UUID.init(uuidString:))
                        }
                    }
                    if let reason {
                        group.addTask { try await rotation.rotate(issuerID: micro.issuerID, reason: reason, actor: "test").job.id }
                    }
                    for try await id in group {
                        if let id, try await world.resigningJobs.job(id: id) != nil { jobs.append(id) }
                    }
                }
            }
            for job in jobs { try await Self.drain(world, jobID: job) }
            let current = try #require(try await world.issuerKeys.keys(issuerID: micro.issuerID).last { $0.retiredAt == nil })
            let verifier = try AssertionVerifier(publicKeys: [current.id: current.publicKeyPEM], urls: world.documents.urls)
            let held = try await world.assertions.existing(badgeClassID: micro.id, recipientKeys: recipients.map(\.key) + [firstRecipient.key])
            #expect(held.count == 31)
            for (key, stored) in held {
                #expect(stored.assertion.verification == .signed(keyID: current.id), "\(key) is signed by an earlier key")
                #expect(try await verifier.verify(try #require(stored.jws)).keyID == current.id)
                #expect(try await world.awardAuditRows(of: stored.assertion.id) == 1)
            }
            #expect(current.id != firstKeyID)
            #expect(try await world.issuerKeys.keys(issuerID: micro.issuerID).filter(\.isRevoked).count == 1)
        }
    }
}
