import BadgeCore
import BadgeIssuing
import BadgeTesting
import Foundation
import Testing

/// The grade intake under concurrency and after a crash between the decision and the award.
@Suite("Grades to badges: concurrency and recovery")
struct GradeIntakeRecoveryTests {
    let ada = Recipient(type: .email, identity: "ada@example.org")

    @Test(arguments: StorageBackend.all)
    func aHundredCopiesOfAGradeAtOnceAwardOnceAndRecordOnce(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            try await world.create(try world.rule(writeBack: true))
            try await world.intake.learnerSeen(issuer: OutcomeWorld.issuer, userID: "user-ada", as: ada)
            let grade = world.grade(7.5)
            let intake = world.intake
            let receipts = try await withThrowingTaskGroup(of: GradeIntake.Receipt.self) { group in
                for _ in 0..<100 { group.addTask { try await intake.receive(grade) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(receipts.count == 100)
            #expect(receipts.filter { !$0.isUnchanged }.count == 1)
            let recorded = try await world.recorded(OutcomeEventFilter(recipientKey: ada.key))
            #expect(recorded.count == 1)
            #expect(recorded.first?.decision == .awarded)
            let micro = try world.issuing.microCredential
            let held = try await world.issuing.assertions.existing(badgeClassID: micro.id, recipientKeys: [ada.key])
            #expect(held.count == 1)
            #expect(recorded.first?.assertionID == held[ada.key]?.assertion.id)
            let now = world.clock.now()
            let messages = try await world.issuing.outbox.claim(limit: 500, owner: "test", now: now, leaseUntil: now + 60)
            #expect(messages.filter { $0.topic == .assertionStored }.count == 1)
            #expect(messages.filter { $0.topic == .outcomeAwarded }.count == 1)
        }
    }

    @Test(arguments: StorageBackend.all)
    func aRecordDecidedIssueIsAwardedOnResumeAndOnlyOnce(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            let stored = try await world.create(try world.rule())
            try await world.intake.learnerSeen(issuer: OutcomeWorld.issuer, userID: "user-ada", as: ada)
            // As if the daemon stopped right after recording the decision.
            let grade = world.grade(8)
            let record = RecordedOutcome(
                id: world.ids.makeID(),
                ruleID: stored.id,
                institutionID: stored.institutionID,
                badgeClassID: stored.rule.badgeClassID,
                event: grade,
                learnerKey: OutcomeWorld.learnerKey("user-ada"),
                recipientKey: ada.key,
                decision: .issue,
                reason: stored.rule.evaluate(grade).reason,
                receivedAt: world.clock.now()
            )
            #expect(try await world.events.record(record, fingerprint: grade.fingerprint))
            let now = world.clock.now()
            let decided = try await world.issuing.outbox.claim(limit: 50, owner: "test", now: now, leaseUntil: now + 60)
            #expect(decided.map(\.topic) == [.outcomeDecided])
            #expect(decided.map(\.subjectID) == [record.id])

            try await world.intake.resume(recordID: record.id)
            let awarded = try #require(try await world.events.find(id: record.id))
            #expect(awarded.decision == .awarded)
            let micro = try world.issuing.microCredential
            let held = try #require(try await world.issuing.assertions.existing(badgeClassID: micro.id, recipientKeys: [ada.key])[ada.key])
            #expect(awarded.assertionID == held.assertion.id)
            #expect(held.assertion.narrative == record.reason)

            try await world.intake.resume(recordID: record.id)
            #expect(try await world.events.find(id: record.id) == awarded)
            let later = world.clock.now() + 120
            let messages = try await world.issuing.outbox.claim(limit: 50, owner: "test", now: later, leaseUntil: later + 60)
            #expect(messages.filter { $0.topic == .assertionStored }.count == 1)
            #expect(messages.filter { $0.topic == .outcomeAwarded }.map(\.subjectID) == [record.id])
            // The same grade arriving after recovery is the latest already.
            #expect(try await world.intake.receive(grade).isUnchanged)
        }
    }

    @Test(arguments: StorageBackend.all)
    func aResumeWhoseLearnerWasForgottenWaitsForTheLearnerAgain(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            try await world.create(try world.rule(action: .pending))
            try await world.intake.learnerSeen(issuer: OutcomeWorld.issuer, userID: "user-ada", as: ada)
            let receipt = try await world.intake.receive(world.grade(8))
            #expect(try await world.learners.forget(recipientKey: ada.key) == 1)
            let reviewed = try await world.intake.review(recordID: try #require(receipt.recordID), .approve, comment: nil, actor: "teacher")
            #expect(reviewed.decision == .unmapped)
            #expect(try await world.intake.learnerSeen(issuer: OutcomeWorld.issuer, userID: "user-ada", as: ada) == 1)
            #expect(try await world.events.find(id: try #require(receipt.recordID))?.decision != .unmapped)
        }
    }
}

/// A learner directory whose first read of each learner misses (as a read just before a
/// concurrent launch commits the learner's mapping).
actor StaleLearnerDirectory: LearnerDirectory {
    let wrapped: any LearnerDirectory
    private var read: Set<String> = []

    init(_ wrapped: any LearnerDirectory) { self.wrapped = wrapped }

    func record(_ batch: [(learnerKey: String, entry: LearnerEntry)], at date: Date) async throws {
        try await wrapped.record(batch, at: date)
    }

    func entries(learnerKeys: [String]) async throws -> [String: LearnerEntry] {
        let fresh = learnerKeys.filter { read.insert($0).inserted }
        return try await wrapped.entries(learnerKeys: learnerKeys.filter { !fresh.contains($0) })
    }

    func entries(learnerKeys: [String], holding badgeClassID: UUID) async throws -> [String: (entry: LearnerEntry, held: UUID?)] {
        let fresh = learnerKeys.filter { read.insert($0).inserted }
        return try await wrapped.entries(learnerKeys: learnerKeys.filter { !fresh.contains($0) }, holding: badgeClassID)
    }

    func forget(recipientKey: String) async throws -> Int { try await wrapped.forget(recipientKey: recipientKey) }
}

@Suite("Grades to badges: a launch racing a grade")
struct GradeIntakeLaunchRaceTests {
    let ada = Recipient(type: .email, identity: "ada@example.org")

    @Test(arguments: StorageBackend.all)
    func aGradeJudgedUnmappedWhileItsLearnerIsSeenDoesNotWaitForever(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            try await world.create(try world.rule())
            // The launch maps Ada and finds no waiting grade ...
            try await world.intake.learnerSeen(issuer: OutcomeWorld.issuer, userID: "user-ada", as: ada)
            // ... while the grade's intake read the directory just before the launch's write.
            let racing = GradeIntake(
                .init(
                    rules: world.rules,
                    events: world.events,
                    learners: StaleLearnerDirectory(world.learners),
                    assertions: world.issuing.assertions,
                    awarder: world.issuing.awarder(),
                    revoker: world.issuing.revoker,
                    identity: world.identity,
                    ids: world.ids,
                    clock: world.clock
                )
            )
            let receipt = try await racing.receive(world.grade(8))
            // Ada's next launch reads nothing more (she is known), so the grade must not be left waiting.
            try await world.intake.learnerSeen(issuer: OutcomeWorld.issuer, userID: "user-ada", as: ada)
            let recordID = try #require(receipt.recordID)
            let record = try #require(try await world.events.find(id: recordID))
            #expect(record.decision == .awarded)
            #expect(receipt.decision == .awarded)
            #expect(record.assertionID != nil)
        }
    }
}
