import BadgeCore
import BadgeIssuing
import BadgeTesting
import Configuration
import Foundation
import LTI
import Testing

@testable import BadgeServer

/// The composition root wires stacking into outbox delivery: awards made through the daemon's
/// awarder issue a composite once the daemon's handlers have delivered the outbox.
@Suite("Stacking in the composition root")
struct StackingWiringTests {
    @Test func theDaemonsHandlersIssueAComposite() async throws {
        let configuration = try AppConfiguration(reader: ConfigReader(provider: InMemoryProvider(values: ["db.url": "sqlite::memory:"])))
        let services = try await Services.open(
            configuration: configuration,
            dependencies: AppDependencies(toolKeys: ToolKeySet(current: try EphemeralToolKey.make())),
            logger: TestDatabases.logger
        )
        do {
            #expect(services.outboxHandlers[.assertionStored] is StackingHandler)
            #expect(services.outboxHandlers[.assertionRevoked] is StackingHandler)
            let tree = try SampleCatalog.tree()
            try await services.catalog.insert(tree, by: "test")
            let units = try ["Introduction to Data Science", "Statistics for Climate Data"].map { name in
                try #require(tree.badgeClasses.first { $0.name.en == name })
            }
            var content = try #require(tree.badgeClasses.first { $0.kind == .microCredential }).content
            content.name = LocalizedText(en: "Data Science Pair", nl: "Data Science Pair")
            content.ects = 12
            let pair = Record(id: UUID(), institutionID: tree.institution.id, content: content, createdAt: Date())
            try await services.catalog.insert(pair, by: "test")
            let rule = StackingRule(.allOf(units.map { .component(.badgeClass($0.id)) }))
            _ = try await services.stackingRules.set(rule, compositeClassID: pair.id, actor: "test", allowed: { _ in true })
            let ada = Recipient(type: .email, identity: "ada@example.org")
            for unit in units {
                _ = try await services.awarder.award([AwardInput(recipient: ada)], of: unit, actor: "test", failFast: true)
            }
            let delivery = OutboxDelivery(
                outbox: services.outbox,
                handlers: services.outboxHandlers,
                clock: services.dependencies.clock,
                owner: "test",
                logger: TestDatabases.logger
            )
            var rounds = 0
            while try await delivery.deliverDue() > 0, rounds < 10 { rounds += 1 }
            #expect(rounds == 2, "the units' messages issue the pair; the pair's message ends it")
            let held = try await services.assertions.existing(badgeClassID: pair.id, recipientKeys: [ada.key])[ada.key]
            #expect(held?.assertion.evidence.count == 2)
            try await services.close()
        } catch {
            try? await services.close()
            throw error
        }
    }
}
