import BadgeCore
import BadgeIssuing
import BadgeTesting
import Foundation
import Testing

/// Stacking runs of a whole outbox batch share their reads; the outcome must be what one run per
/// assertion gives: one composite per recipient however many of their awards are in the batch,
/// a recipient's later runs seeing what their earlier ones changed, and a failed run left alone.
@Suite("Stacking runs in batches")
struct StackingBatchTests {
    let ada = Recipient(type: .email, identity: "ada@example.org")
    let bob = Recipient(type: .email, identity: "bob@example.org")
    let units = ["Introduction to Data Science", "Statistics for Climate Data", "Machine Learning Fundamentals"]

    /// A composite for all three `units`.
    func setComposite(_ world: StackingWorld, policy: StackingRule.ComponentLostPolicy = .flag) async throws -> Record<BadgeClass> {
        let composite = try await world.makeComposite("Three units", ects: 18)
        let rule = StackingRule(.allOf(try units.map { .component(.badgeClass(try world.unit($0).id)) }), onComponentLost: policy)
        _ = try await world.rules.set(rule, compositeClassID: composite.id, actor: "test", allowed: { _ in true })
        return composite
    }

    @Test(arguments: StorageBackend.all)
    func aBatchHoldingEveryAwardOfTwoRecipientsIssuesEachOneComposite(backend: StorageBackend) async throws {
        try await StackingWorld.with(backend) { world async throws in
            let composite = try await setComposite(world)
            var awarded: [UUID] = []
            for name in units {
                for recipient in [ada, bob] { awarded.append(try await world.award(try world.unit(name), to: recipient).id) }
            }
            // One run of the six assertions: each recipient's third award completes the rule.
            let results = try await world.stacker.run(after: awarded + [UUID()])
            #expect(results.count == 7)
            let issued = results.values.compactMap { try? $0.get() }.flatMap(\.issued)
            #expect(issued.count == 2)
            let adas = try #require(try await world.held(composite, by: ada))
            let bobs = try #require(try await world.held(composite, by: bob))
            #expect(Set(issued) == [adas.id, bobs.id])
            #expect(adas.evidence.count == 3)
            // Run again (an interrupted delivery repeated): nothing more.
            let again = try await world.stacker.run(after: awarded)
            #expect(again.values.allSatisfy { (try? $0.get())?.isEmpty == true })
            // The outbox delivers the awards' and composites' messages in batches: still one each.
            _ = try await world.deliverAll()
            let holdings = try await world.issuing.assertions.holdings(recipientKey: ada.key, limit: 100)
            #expect(holdings.filter { $0.assertion.badgeClassID == composite.id }.count == 1)
        }
    }

    @Test(arguments: StorageBackend.all)
    func aRecipientsLaterRunInTheBatchSeesWhatTheirEarlierRunChanged(backend: StorageBackend) async throws {
        try await StackingWorld.with(backend) { world async throws in
            let composite = try await setComposite(world, policy: .revoke)
            var awarded: [Assertion] = []
            for name in units { awarded.append(try await world.award(try world.unit(name), to: ada)) }
            _ = try await world.deliverAll()
            let held = try #require(try await world.held(composite, by: ada))
            // Two components revoked, both runs in one batch: the first revokes the composite;
            // the second, reading ada's credentials again, finds it revoked and does nothing.
            for assertion in awarded.prefix(2) { _ = try await world.issuing.revoker.revoke(id: assertion.id, reason: "fraud", actor: "test") }
            let results = try await world.stacker.run(after: awarded.prefix(2).map(\.id))
            #expect(try results[awarded[0].id]?.get().revoked == [held.id])
            #expect(try results[awarded[1].id]?.get().isEmpty == true)
            #expect(try await world.held(composite, by: ada)?.isRevoked == true)
            #expect(try await world.audit(action: "revoke").filter { $0.id == held.id }.map(\.actor) == [Stacker.actor(causedBy: awarded[0].id)])
        }
    }

    @Test func anErasedOrUnknownAssertionRunsToNothing() async throws {
        try await StackingWorld.with(.memory) { world async throws in
            _ = try await setComposite(world)
            let first = try await world.award(try world.unit(units[0]), to: ada)
            _ = try await world.issuing.assertions.erase(recipientKey: ada.key, institutionID: nil, at: world.clock.now(), actor: "test")
            let unknown = UUID()
            let results = try await world.stacker.run(after: [first.id, unknown, first.id])
            #expect(results.count == 2)
            #expect(results.values.allSatisfy { (try? $0.get())?.isEmpty == true })
        }
    }
}
