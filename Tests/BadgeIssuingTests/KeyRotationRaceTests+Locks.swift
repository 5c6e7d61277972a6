import BadgeCore
import BadgeIssuing
import BadgeTesting
import Foundation
import OpenBadges
import SQLKit
import Testing

@testable import BadgeStorage

/// The lock between an award's key check and a rotation on PostgreSQL, where both run at once:
/// each transaction is held open at the point that matters while the other one is seen waiting
/// on the lock (in `pg_stat_activity`), then let go. SQLite has one writer, so there one of the
/// two simply waits for the other's whole transaction.
extension KeyRotationRaceTests {
    static var postgres: [BadgeDatabase.Engine] { TestDatabases.engines.filter { $0 == .postgres } }

    /// Returns once a statement of the test's database waits on a lock.
    static func untilALockIsAwaited(in database: BadgeDatabase) async throws {
        for _ in 0..<500 {
            let waiting = try await database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")
                    .first()?.decode(column: "n", as: Int.self) ?? 0
            }
            if waiting > 0 { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestSetupError("no statement waits on a lock")
    }

    /// An award of the micro-credential to ``late``, signed with the issuer's current key, not stored.
    static func signedAward(on world: IssuingWorld) async throws -> NewAssertion {
        let awarder = world.awarder(mode: .signed)
        return try #require(try await awarder.signed([AwardInput(recipient: late)], of: try world.microCredential, actor: "test").first?.get())
    }

    @Test(arguments: postgres)
    func anAwardWaitsForARotationInFlightAndIsRefused(engine: BadgeDatabase.Engine) async throws {
        try await IssuingWorld.with(.sql(engine)) { world async throws in
            let database = try #require(world.database)
            let signed = try await Self.signedAward(on: world)
            let next = try SigningKey.generate(id: "k-next")
            let key = StoredIssuerKey(
                id: next.id,
                issuerID: signed.assertion.issuerID,
                publicKeyPEM: next.publicKeyPEM,
                sealedPrivateKey: "not opened in this test",
                createdAt: world.clock.now()
            )
            // The rotation's own key update, held open before its commit.
            let pause = KeyReadPause()
            await pause.arm()
            let rotating = Task {
                try await database.transaction { db in
                    try await SQLIssuerKeyStore.install(key, revokingPrevious: true, in: db)
                    await pause.pauseIfArmed()
                }
            }
            await pause.untilPaused()
            let storing = Task { try await world.assertions.store([signed]) }
            try await Self.untilALockIsAwaited(in: database)
            await pause.release()
            try await rotating.value
            let refused = await #expect(throws: BadgeCoreError.self) { try await storing.value }
            #expect(refused?.code == .signingKeyRetired)
            #expect(try await world.assertions.find(id: signed.assertion.id) == nil)
            #expect(try await world.awardAuditRows(of: signed.assertion.id) == 0)
        }
    }

    @Test(arguments: postgres)
    func aRotationWaitsForAnAwardThatCheckedItsKeyAndItsJobReSignsIt(engine: BadgeDatabase.Engine) async throws {
        try await IssuingWorld.with(.sql(engine)) { world async throws in
            let database = try #require(world.database)
            let signed = try await Self.signedAward(on: world)
            guard case .signed(let oldKeyID) = signed.assertion.verification, let signingKey = signed.signingKey else {
                throw TestSetupError("the award was not signed")
            }
            let body = try RowCoding.encode(signed.assertion)
            // The award's transaction, held open between its key check and its inserts.
            let pause = KeyReadPause()
            await pause.arm()
            let awarding = Task {
                try await database.transaction { [audit = database.auditLog, numbering = database.credentialNumbering] db in
                    try await SQLIssuerKeyStore.requireCurrent([signingKey], in: db)
                    await pause.pauseIfArmed()
                    return try await SQLAssertionStore.insert([signed], encoded: [body], audit: audit, numbering: numbering, in: db).count
                }
            }
            await pause.untilPaused()
            let rotation = KeyRotation(keyring: world.keyring, jobs: world.resigningJobs, catalog: world.catalog)
            let rotating = Task { try await rotation.rotate(issuerID: signed.assertion.issuerID, reason: .compromise, actor: "test") }
            try await Self.untilALockIsAwaited(in: database)
            await pause.release()
            #expect(try await awarding.value == 1)
            let (newKeyID, job) = try await rotating.value
            try await Self.drain(world, jobID: job.id)
            #expect(try await world.resigningJobs.job(id: job.id)?.resigned == 1)
            try await Self.expectSigned(signed.assertion.id, by: newKeyID, not: oldKeyID, in: world)
        }
    }
}
