import BadgeCore
import BadgeIssuing
import BadgeTesting
import Foundation
import Testing

/// The batched reads behind a cohort's evaluation, on every backend: the holdings of a page of
/// recipients in one call are each recipient's holdings; badge classes by ids in one call; and
/// several composites judged in one pass get exactly the reports they get one at a time.
@Suite("Stacking batch reads")
struct StackingBatchReadTests {
    let runs = StackingTests()
    let ada = Recipient(type: .email, identity: "ada@example.org")
    let bob = Recipient(type: .email, identity: "bob@example.org")
    let cyd = Recipient(type: .email, identity: "cyd@example.org")
    let eve = Recipient(type: .email, identity: "eve@example.org")

    func award(_ names: [String], to recipient: Recipient, in world: StackingWorld) async throws {
        for name in names { _ = try await world.award(try world.unit(name), to: recipient) }
    }

    @Test(arguments: StorageBackend.all)
    func holdingsOfSeveralRecipientsAreEachRecipientsHoldings(backend: StorageBackend) async throws {
        try await StackingWorld.with(backend) { world async throws in
            try await award(StackingTests.mandatory, to: ada, in: world)
            try await award(StackingTests.electives, to: bob, in: world)
            let store = world.issuing.assertions
            let revoked = try await world.award(try world.unit(StackingTests.mandatory[0]), to: cyd)
            _ = try await world.issuing.revoker.revoke(id: revoked.id, reason: "withdrawn", actor: "test")

            let keys = [ada, bob, cyd, eve].map(\.key)
            let batch = try await store.heldAssertions(recipientKeys: keys, limit: 100)
            #expect(batch.keys.sorted() == [ada, bob, cyd].map(\.key).sorted())
            for recipient in [ada, bob, cyd] {
                let whole = try await store.holdings(recipientKey: recipient.key, limit: 100)
                // The columns say what the documents say, to the second.
                #expect(batch[recipient.key] == whole.map { HeldAssertion($0.assertion, recipientKey: recipient.key).toTheSecond })
                #expect(try await store.heldAssertions(recipientKey: recipient.key, limit: 100) == batch[recipient.key])
            }
            #expect(batch[cyd.key]?.first?.isRevoked == true)
            let first = try await store.heldAssertions(recipientKeys: keys, limit: 1)
            #expect(first[bob.key] == Array(try await store.heldAssertions(recipientKey: bob.key, limit: 1)))
            #expect(first[bob.key]?.count == 1)
            #expect(try await store.heldAssertions(recipientKeys: [], limit: 10).isEmpty)

            let units = try (StackingTests.mandatory + StackingTests.electives).map { try world.unit($0) }
            let missing = UUID()
            let found = try await world.issuing.catalog.find(BadgeClass.self, ids: units.map(\.id) + [missing])
            #expect(Set(found.keys) == Set(units.map(\.id)))
            #expect(found[units[0].id]?.content == units[0].content)
            #expect(try await world.issuing.catalog.find(BadgeClass.self, ids: []).isEmpty)
        }
    }

    @Test(arguments: StorageBackend.all)
    func severalCompositesInOnePassAreJudgedAsOneAtATime(backend: StorageBackend) async throws {
        try await StackingWorld.with(backend) { world async throws in
            let all = StackingTests.mandatory + StackingTests.electives
            try await award(all, to: ada, in: world)
            try await award(StackingTests.mandatory + StackingTests.electives.prefix(1), to: bob, in: world)
            try await award(Array(StackingTests.electives.suffix(2)), to: cyd, in: world)
            let revoked = try await world.award(try world.unit(StackingTests.electives[0]), to: eve)
            _ = try await world.issuing.revoker.revoke(id: revoked.id, reason: "withdrawn", actor: "test")
            let minor = try await runs.setMinor(world)
            // Two of the three electives: bob and eve are outside its cohort (eve's is revoked).
            let pair = try await world.makeComposite("Elective Pair", ects: 12)
            let electives = try StackingTests.electives.suffix(2).map { StackingRule.Node.component(.badgeClass(try world.unit($0).id)) }
            _ = try await world.rules.set(StackingRule(.atLeast(2, of: electives)), compositeClassID: pair.id, actor: "test", allowed: { _ in true })
            let cohort = StackingCohort(stacker: world.stacker)

            let reports = try await cohort.evaluate(compositeClassIDs: [pair.id, minor.id, pair.id], issue: false, actor: "cli", allowed: { _ in true })
            #expect(reports.map(\.composite.id) == [pair.id, minor.id])
            for report in reports {
                let alone = try await cohort.evaluate(compositeClassID: report.composite.id, issue: false, actor: "cli", allowed: { _ in true })
                #expect(report.members == alone.members)
            }
            #expect(Set(reports[0].members.map(\.recipient)) == Set([ada, cyd].map { StackingCohort.digest(of: $0.key) }))
            #expect(Set(reports[0].qualifying.map(\.recipient)) == Set([ada, cyd].map { StackingCohort.digest(of: $0.key) }))
            #expect(Set(reports[1].members.map(\.recipient)) == Set([ada, bob, cyd].map { StackingCohort.digest(of: $0.key) }))
            #expect(reports[1].qualifying.map(\.recipient) == [StackingCohort.digest(of: ada.key)])

            let issued = try await cohort.evaluate(compositeClassIDs: [minor.id, pair.id], issue: true, actor: "cli", allowed: { _ in true })
            #expect(issued.map(\.issued.count) == [1, 2])
            #expect(try await world.held(pair, by: cyd) != nil)
            let again = try await cohort.evaluate(compositeClassIDs: [minor.id, pair.id], issue: true, actor: "cli", allowed: { _ in true })
            #expect(again.allSatisfy { $0.issued.isEmpty })
            await #expect(throws: BadgeCoreError.self) {
                try await cohort.evaluate(compositeClassIDs: [minor.id, UUID()], issue: false, actor: "cli", allowed: { _ in true })
            }
        }
    }
}
