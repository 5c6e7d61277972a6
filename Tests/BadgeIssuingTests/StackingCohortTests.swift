import BadgeCore
import BadgeIssuing
import BadgeTesting
import Foundation
import Testing

/// Stacking for a whole cohort on every backend: the recipients holding a component of the
/// minor are paged by recipient key; a dry run reports exactly those who qualify and issues
/// nothing; `issue: true` issues each qualifying recipient one minor, and a second run none.
@Suite("Stacking cohorts")
struct StackingCohortTests {
    let runs = StackingTests()
    let ada = Recipient(type: .email, identity: "ada@example.org")
    let bob = Recipient(type: .email, identity: "bob@example.org")
    let cyd = Recipient(type: .email, identity: "cyd@example.org")
    let eve = Recipient(type: .email, identity: "eve@example.org")

    /// Awards units without delivering the outbox, so no stacking run has seen them.
    func award(_ names: [String], to recipient: Recipient, in world: StackingWorld) async throws -> [Assertion] {
        var awarded: [Assertion] = []
        for name in names { awarded.append(try await world.award(try world.unit(name), to: recipient)) }
        return awarded
    }

    @Test(arguments: StorageBackend.all)
    func recipientKeysArePagedInOrderDistinctAndUnrevoked(backend: StorageBackend) async throws {
        try await StackingWorld.with(backend) { world async throws in
            let names = StackingTests.mandatory + StackingTests.electives
            let units = try names.map { try world.unit($0) }
            // Twelve recipients, each holding a different mix of the units; some revoked.
            var holders: [UUID: Set<String>] = [:]
            for person in 0..<12 {
                let recipient = Recipient(type: .email, identity: "holder-\(person)@example.org")
                let held = names.indices.filter { (person >> ($0 % 4)) & 1 == 1 || $0 == person % names.count }
                let awarded = try await award(held.map { names[$0] }, to: recipient, in: world)
                if person % 3 == 0, let first = awarded.first {
                    _ = try await world.issuing.revoker.revoke(id: first.id, reason: "withdrawn", actor: "test")
                }
                for assertion in awarded.dropFirst(person % 3 == 0 ? 1 : 0) { holders[assertion.badgeClassID, default: []].insert(recipient.key) }
            }
            let store = world.issuing.assertions
            // The paged classes leave the last unit out: its holders count only through another unit.
            let paged = Array(units.dropLast().map(\.id))
            let expected = paged.reduce(into: Set<String>()) { $0.formUnion(holders[$1] ?? []) }
            #expect(expected.count > 6)
            for unit in units {
                #expect(try await store.recipientKeys(holding: unit.id, after: nil, limit: 1_000) == (holders[unit.id] ?? []).sorted())
            }
            for (chunk, limit) in [(1, 1), (1, 5), (2, 3), (3, 500), (1_000, 2)] {
                var pages = CohortRecipientKeys(holdingAnyOf: paged + paged.prefix(2), in: store, chunk: chunk)
                var keys: [String] = []
                while true {
                    let page = try await pages.next(limit: limit)
                    guard !page.isEmpty else { break }
                    #expect(page.count <= limit)
                    keys += page
                }
                #expect(keys == expected.sorted(), "chunk \(chunk), limit \(limit)")
            }
            var none = CohortRecipientKeys(holdingAnyOf: [], in: store)
            #expect(try await none.next(limit: 10).isEmpty)
        }
    }

    @Test(arguments: StorageBackend.all)
    func aDryRunReportsTheQualifyingAndIssueIssuesOnce(backend: StorageBackend) async throws {
        try await StackingWorld.with(backend) { world async throws in
            let all = StackingTests.mandatory + StackingTests.electives
            for recipient in [ada, cyd] { _ = try await award(all, to: recipient, in: world) }
            _ = try await award(StackingTests.mandatory + StackingTests.electives.prefix(1), to: bob, in: world)
            // The rule is set after the awards: no stacking run issues the minor by itself.
            let minor = try await runs.setMinor(world)
            let cohort = StackingCohort(stacker: world.stacker)
            let qualifying = Set([ada, cyd].map { StackingCohort.digest(of: $0.key) })

            let dryRun = try await cohort.evaluate(compositeClassID: minor.id, issue: false, actor: "cli", allowed: { _ in true })
            #expect(dryRun.members.count == 3)
            #expect(Set(dryRun.qualifying.map(\.recipient)) == qualifying)
            #expect(Set(dryRun.due.map(\.recipient)) == qualifying)
            #expect(dryRun.issued.isEmpty)
            let bobsStanding = try #require(dryRun.members.first { $0.recipient == StackingCohort.digest(of: bob.key) })
            #expect(!bobsStanding.isSatisfied)
            #expect(!bobsStanding.explanation.isEmpty)
            #expect(!dryRun.members.contains { $0.recipient.contains("example.org") || $0.explanation.contains("example.org") })
            for recipient in [ada, bob, cyd] { #expect(try await world.held(minor, by: recipient) == nil) }

            let issued = try await cohort.evaluate(compositeClassID: minor.id, issue: true, actor: "cli", allowed: { _ in true })
            #expect(issued.issued.count == 2)
            #expect(Set(issued.members.filter { $0.issued != nil }.map(\.recipient)) == qualifying)
            for recipient in [ada, cyd] {
                let composite = try #require(try await world.held(minor, by: recipient))
                #expect(composite.evidence.count == 5)
                #expect(issued.issued.contains(composite.id))
            }
            #expect(try await world.held(minor, by: bob) == nil)
            #expect(try await world.audit(action: "award").filter { issued.issued.contains($0.id) }.map(\.actor) == ["cli", "cli"])

            let again = try await cohort.evaluate(compositeClassID: minor.id, issue: true, actor: "cli", allowed: { _ in true })
            #expect(again.issued.isEmpty)
            #expect(Set(again.members.filter(\.holdsComposite).map(\.recipient)) == qualifying)
            // The issued minors' own stacking runs change nothing either.
            try await world.deliverAll()
            for recipient in [ada, cyd] {
                let minors = try await world.issuing.assertions.holdings(recipientKey: recipient.key, limit: 100)
                    .filter { $0.assertion.badgeClassID == minor.id }
                #expect(minors.count == 1)
            }
        }
    }

    @Test func aCompositeWithoutARuleIsNotFound() async throws {
        try await StackingWorld.with(.memory) { world async throws in
            let plain = try await world.makeComposite("No Rule")
            let cohort = StackingCohort(stacker: world.stacker)
            await #expect(throws: BadgeCoreError.self) {
                try await cohort.evaluate(compositeClassID: plain.id, issue: false, actor: "cli", allowed: { _ in true })
            }
        }
    }
}
