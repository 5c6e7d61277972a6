import BadgeCore
import BadgeIssuing
import BadgeTesting
import Foundation
import Testing

/// The grade intake on every backend: judged grades become records, and passing ones awards.
@Suite("Grades to badges")
struct GradeIntakeTests {
    let ada = Recipient(type: .email, identity: "ada@example.org")

    func seeAda(_ world: OutcomeWorld) async throws {
        try await world.intake.learnerSeen(issuer: OutcomeWorld.issuer, userID: "user-ada", as: ada)
    }

    func heldAssertion(_ world: OutcomeWorld) async throws -> Assertion? {
        try await world.issuing.assertions.existing(badgeClassID: try world.issuing.microCredential.id, recipientKeys: [ada.key])[ada.key]?
            .assertion
    }

    @Test(arguments: StorageBackend.all, [false, true])
    func aPassingGradeOfAKnownLearnerAwardsTheBadge(backend: StorageBackend, writeBack: Bool) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            try await world.create(try world.rule(writeBack: writeBack))
            try await seeAda(world)
            let receipt = try await world.intake.receive(world.grade(7.5))
            #expect(receipt.decision == .awarded)
            let assertionID = try #require(receipt.assertionID)
            let recordID = try #require(receipt.recordID)
            let record = try #require(try await world.events.find(id: recordID))
            #expect(record.decision == .awarded)
            #expect(record.assertionID == assertionID)
            #expect(record.recipientKey == ada.key)
            #expect(record.event.itemTitle == "Unit 1 Quiz")
            #expect(try await heldAssertion(world)?.id == assertionID)
            #expect(try await heldAssertion(world)?.grade == nil)
            let now = world.clock.now()
            let topics = try await world.issuing.outbox.claim(limit: 50, owner: "test", now: now, leaseUntil: now + 60).map(\.topic)
            // The grade, its decision and the award committed together: nothing is left for
            // the outbox to finish (no `outcome.decided`), only the award's own messages: the
            // gradebook write-back's only when the rule writes back.
            #expect(topics.sorted { $0.rawValue < $1.rawValue } == (writeBack ? [.assertionStored, .outcomeAwarded] : [.assertionStored]))
        }
    }

    @Test(arguments: StorageBackend.all)
    func aFailingGradeAwardsNothingAndSaysWhy(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            try await world.create(try world.rule())
            try await seeAda(world)
            let receipt = try await world.intake.receive(world.grade(5.2))
            #expect(receipt.decision == .notAwarded)
            #expect(receipt.reason == "5.2 of 10 in Unit 1 Quiz on 2026-09-01 is below the rule's 5.5.")
            #expect(receipt.assertionID == nil)
            let recordID = try #require(receipt.recordID)
            let record = try #require(try await world.events.find(id: recordID))
            #expect(record.decision == .notAwarded)
            #expect(record.reason == receipt.reason)
            #expect(try await heldAssertion(world) == nil)
        }
    }

    @Test(arguments: StorageBackend.all)
    func theSameGradeTwiceIsRecordedOnce(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            try await world.create(try world.rule())
            try await seeAda(world)
            let first = try await world.intake.receive(world.grade(7.5))
            world.clock.advance(by: 60)
            let second = try await world.intake.receive(world.grade(7.5, source: .agsResult))
            #expect(!first.isUnchanged)
            #expect(second.isUnchanged)
            #expect(second.decision == nil)
            #expect(try await world.recorded().map(\.id) == [try #require(first.recordID)])
        }
    }

    @Test(arguments: StorageBackend.all)
    func aGradeOfAnUnknownLearnerWaitsForTheirLaunch(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            try await world.create(try world.rule())
            let receipt = try await world.intake.receive(world.grade(8))
            #expect(receipt.decision == .unmapped)
            #expect(receipt.reason.hasSuffix("The student is not known to badged yet; the grade waits for their launch or a course sync."))
            #expect(try await heldAssertion(world) == nil)
            let waiting = try await world.events.unmapped(learnerKey: OutcomeWorld.learnerKey("user-ada"), limit: 10)
            #expect(waiting.map(\.id) == [try #require(receipt.recordID)])
            let judged = try await world.intake.learnerSeen(issuer: OutcomeWorld.issuer, userID: "user-ada", as: ada)
            #expect(judged == 1)
            let recordID = try #require(receipt.recordID)
            let record = try #require(try await world.events.find(id: recordID))
            #expect(record.decision == .awarded)
            #expect(record.recipientKey == ada.key)
            let held = try #require(try await heldAssertion(world))
            #expect(record.assertionID == held.id)
            #expect(try await world.intake.learnerSeen(issuer: OutcomeWorld.issuer, userID: "user-ada", as: ada) == 0)
        }
    }

    @Test(arguments: StorageBackend.all)
    func aPendingAwardIsIssuedOnApproval(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            try await world.create(try world.rule(action: .pending))
            try await seeAda(world)
            let receipt = try await world.intake.receive(world.grade(9))
            #expect(receipt.decision == .pending)
            #expect(try await heldAssertion(world) == nil)
            let approved = try await world.intake.review(recordID: try #require(receipt.recordID), .approve, comment: "ok", actor: "teacher")
            #expect(approved.decision == .awarded)
            let held = try #require(try await heldAssertion(world))
            #expect(approved.assertionID == held.id)
            #expect(approved.reviewComment == "ok")
            let again = await #expect(throws: BadgeCoreError.self) {
                try await world.intake.review(recordID: try #require(receipt.recordID), .deny, comment: nil, actor: "teacher")
            }
            #expect(again?.code == .conflict)
        }
    }

    @Test(arguments: StorageBackend.all)
    func aPendingAwardReplacedByALaterFailingGradeCannotBeApproved(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            try await world.create(try world.rule(action: .pending))
            try await seeAda(world)
            let pending = try await world.intake.receive(world.grade(9))
            let later = try await world.intake.receive(world.grade(3))
            #expect(later.decision == .notAwarded)
            let refused = await #expect(throws: BadgeCoreError.self) {
                try await world.intake.review(recordID: try #require(pending.recordID), .approve, comment: nil, actor: "teacher")
            }
            #expect(refused?.code == .conflict)
            #expect(refused?.message.contains("a later grade replaced this one") == true)
            #expect(try await heldAssertion(world) == nil)
        }
    }

    @Test(arguments: StorageBackend.all)
    func aDeniedAwardIssuesNothing(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            try await world.create(try world.rule(action: .pending))
            try await seeAda(world)
            let receipt = try await world.intake.receive(world.grade(9))
            let denied = try await world.intake.review(recordID: try #require(receipt.recordID), .deny, comment: "late", actor: "teacher")
            #expect(denied.decision == .denied)
            #expect(denied.decidedBy == "teacher")
            #expect(denied.assertionID == nil)
            #expect(try await heldAssertion(world) == nil)
        }
    }

    @Test(arguments: StorageBackend.all)
    func aLaterFailingGradeFlagsTheBadge(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            try await world.create(try world.rule(onFallBelow: .flag))
            try await seeAda(world)
            let first = try await world.intake.receive(world.grade(7.5))
            let later = try await world.intake.receive(world.grade(4))
            #expect(later.decision == .flagged)
            #expect(later.assertionID == first.assertionID)
            #expect(later.reason.hasSuffix("The badge was issued earlier; it is flagged for review."))
            let held = try #require(try await heldAssertion(world))
            #expect(!held.isRevoked)
            let flagged = try await world.recorded(OutcomeEventFilter(decisions: [.flagged]))
            #expect(flagged.map(\.id) == [try #require(later.recordID)])
        }
    }

    @Test(arguments: StorageBackend.all)
    func aLaterFailingGradeRevokesTheBadgeWhenTheRuleSaysSo(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            try await world.create(try world.rule(onFallBelow: .revoke))
            try await seeAda(world)
            let first = try await world.intake.receive(world.grade(7.5))
            let later = try await world.intake.receive(world.grade(4))
            #expect(later.decision == .revoked)
            let assertionID = try #require(first.assertionID)
            #expect(later.assertionID == assertionID)
            let stored = try #require(try await world.issuing.assertions.find(id: assertionID))
            #expect(stored.assertion.isRevoked)
            #expect(stored.assertion.revocationReason?.hasPrefix("4 of 10 in Unit 1 Quiz") == true)
        }
    }

    @Test(arguments: StorageBackend.all)
    func aPassingGradeAfterARevocationIsNotRecordedAsHeld(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            try await world.create(try world.rule(onFallBelow: .revoke))
            try await seeAda(world)
            _ = try await world.intake.receive(world.grade(7.5))
            _ = try await world.intake.receive(world.grade(4))
            let again = try await world.intake.receive(world.grade(8))
            #expect(try await heldAssertion(world)?.isRevoked == true)
            #expect(again.decision == .notAwarded)
            #expect(again.assertionID == nil)
            #expect(again.reason.hasSuffix("meets the rule's 5.5. The recipient's badge was revoked earlier and is not issued again."))
            let recordID = try #require(again.recordID)
            #expect(try await world.events.find(id: recordID)?.decision == .notAwarded)
        }
    }

    @Test(arguments: StorageBackend.all)
    func aFlaggedBadgeDeniedOnReviewIsRevoked(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            try await world.create(try world.rule(onFallBelow: .flag))
            try await seeAda(world)
            _ = try await world.intake.receive(world.grade(7.5))
            let later = try await world.intake.receive(world.grade(4))
            let reviewed = try await world.intake.review(recordID: try #require(later.recordID), .deny, comment: "fraud", actor: "registrar")
            #expect(reviewed.decision == .revoked)
            #expect(try await heldAssertion(world)?.isRevoked == true)
        }
    }

    @Test(arguments: StorageBackend.all)
    func includeGradePutsTheGradeInTheAssertion(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            try await world.create(try world.rule(includeGrade: true))
            try await seeAda(world)
            let receipt = try await world.intake.receive(world.grade(7.5))
            let assertionID = try #require(receipt.assertionID)
            let stored = try #require(try await world.issuing.assertions.find(id: assertionID))
            #expect(stored.assertion.grade == "7.5/10")
        }
    }

    @Test(arguments: StorageBackend.all)
    func aPassingGradeOfAHolderIsRecordedAsHeldWithoutANewAward(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            try await world.create(try world.rule())
            try await seeAda(world)
            let awarded = try await world.issuing.awarder().award(
                [AwardInput(recipient: ada)],
                of: try world.issuing.microCredential,
                actor: "test",
                failFast: true
            )
            let held = try #require(awarded.first?.assertionID.flatMap(UUID.init(uuidString:)))
            let receipt = try await world.intake.receive(world.grade(8))
            #expect(receipt.decision == .alreadyHeld)
            #expect(receipt.assertionID == held)
            #expect(try await world.events.find(id: try #require(receipt.recordID))?.assertionID == held)
            #expect(try await heldAssertion(world)?.id == held)
        }
    }
}
