import BadgeCore
import BadgeIssuing
import BadgeTesting
import Foundation
import Testing

/// A sync's large batch is judged in concurrent shares by student: the outcome is what judging
/// the grades one after another in their order gives.
@Suite("Grades to badges: large batches")
struct GradeIntakeBatchTests {
    @Test(arguments: StorageBackend.all)
    func aLargeBatchJudgesEachStudentsGradesInTheirOrder(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            try await world.create(try world.rule())
            let watching = try await world.rules.rule(watching: world.grade(8, userID: "u0"))
            let stored = try #require(watching)
            let students = 300
            try await world.intake.learnersSeen(
                issuer: OutcomeWorld.issuer,
                (0..<students).map { (userID: "u\($0)", recipient: Recipient(type: .email, identity: "u\($0)@example.org")) }
            )
            // Every student once (a third passing), then the first 60 again with 9 of 10, and
            // 20 more again with the very same grade.
            var batch = (0..<students).map { world.grade($0 % 3 == 0 ? 8 : 4, userID: "u\($0)") }
            batch += (0..<60).map { world.grade(9, userID: "u\($0)") }
            batch += (60..<80).map { world.grade($0 % 3 == 0 ? 8 : 4, userID: "u\($0)") }
            let receipts = try await world.intake.receive(batch, rule: stored).map { try $0.get() }
            #expect(receipts.count == batch.count)
            for student in 60..<students {
                #expect(receipts[student].decision == (student % 3 == 0 ? .awarded : .notAwarded), "u\(student)")
            }
            for (offset, student) in (0..<60).enumerated() {
                // Compared with the same student's earlier grade of the batch: a failed one is
                // followed by an award; of two passing ones, one awards and the other finds it held.
                let decisions = [receipts[student].decision, receipts[students + offset].decision]
                if student % 3 == 0 {
                    #expect(Set(decisions) == [.awarded, .alreadyHeld], "u\(student)")
                } else {
                    #expect(decisions == [.notAwarded, .awarded], "u\(student)")
                }
            }
            let repeated = receipts[(students + 60)...].filter(\.isUnchanged)
            #expect(repeated.count == 20)
            let keys = (0..<students).map { Recipient(type: .email, identity: "u\($0)@example.org").key }
            let badgeClassID = try world.issuing.microCredential.id
            let held = try await world.issuing.assertions.existing(badgeClassID: badgeClassID, recipientKeys: keys)
            #expect(held.count == 100 + 40)
            let awardedIDs = Set(receipts.filter { $0.decision == .awarded }.compactMap(\.assertionID))
            #expect(awardedIDs.count == 140)
            #expect(awardedIDs.subtracting(held.values.map(\.assertion.id)).isEmpty)
        }
    }
}
