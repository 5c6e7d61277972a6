import BadgeCore
import BadgeIssuing
import BadgeTesting
import Foundation
import Testing

/// Setting stacking rules through the use case on every backend: what it refuses, naming the
/// field, and rule files naming classes by name.
@Suite("Stacking rules")
struct StackingRulesTests {
    static let units = ["Introduction to Data Science", "Statistics for Climate Data", "Machine Learning Fundamentals"]

    func leaves(_ world: StackingWorld) throws -> [StackingRule.Node] {
        try Self.units.map { .component(.badgeClass(try world.unit($0).id)) }
    }

    func refusal(_ body: () async throws -> Void) async -> BadgeCoreError? {
        do {
            try await body()
            return nil
        } catch let error as BadgeCoreError {
            return error
        } catch {
            return nil
        }
    }

    @Test(arguments: StorageBackend.all)
    func aRuleIsSetReplacedFoundAndDeleted(backend: StorageBackend) async throws {
        try await StackingWorld.with(backend) { world async throws in
            let minor = try await world.makeComposite("Minor")
            let first = StackingRule(.allOf(try leaves(world)))
            _ = try await world.rules.set(first, compositeClassID: minor.id, actor: "test", allowed: { _ in true })
            let second = StackingRule(.atLeast(2, of: try leaves(world)), onComponentLost: .revoke)
            let stored = try await world.rules.set(second, compositeClassID: minor.id, actor: "test", allowed: { _ in true })
            #expect(stored.rule == second)
            #expect(try await world.rules.find(compositeClassID: minor.id, allowed: { _ in true }).rule == second)
            let unit = try world.unit(Self.units[2])
            #expect(try await world.store.rules(containing: .badgeClass(unit.id)).map(\.compositeClassID) == [minor.id])
            try await world.rules.delete(compositeClassID: minor.id, actor: "test", allowed: { _ in true })
            #expect(try await world.store.find(compositeClassID: minor.id) == nil)
            #expect(try await world.store.rules(containing: .badgeClass(unit.id)).isEmpty)
        }
    }

    @Test(arguments: StorageBackend.all)
    func refusalsNameTheField(backend: StorageBackend) async throws {
        try await StackingWorld.with(backend) { world async throws in
            let minor = try await world.makeComposite("Minor")
            let everyone: (UUID) -> Bool = { _ in true }

            let unknown = StackingRule(.allOf(try leaves(world) + [.component(.badgeClass(UUID()))]))
            let unknownError = await refusal { _ = try await world.rules.set(unknown, compositeClassID: minor.id, actor: "test", allowed: everyone) }
            #expect(unknownError?.code == .validation)
            #expect(unknownError?.field == "rule.all_of[3].badge_class")

            let noComposite = await refusal {
                _ = try await world.rules.set(StackingRule(.allOf(try leaves(world))), compositeClassID: UUID(), actor: "test", allowed: everyone)
            }
            #expect(noComposite?.field == "badge_class")

            let unreachable = StackingRule(.allOf([.minECTS(24, of: try leaves(world))]))
            let unreachableError = await refusal {
                _ = try await world.rules.set(unreachable, compositeClassID: minor.id, actor: "test", allowed: everyone)
            }
            #expect(unreachableError?.field == "rule.all_of[0].min_ects")

            let otherInstitution = await refusal {
                _ = try await world.rules.set(
                    StackingRule(.allOf(try leaves(world))),
                    compositeClassID: minor.id,
                    actor: "test",
                    allowed: { _ in false }
                )
            }
            #expect(otherInstitution?.code == .forbidden)

            // A certificate made of the minor, and then the minor made of the certificate: a cycle.
            _ = try await world.rules.set(StackingRule(.allOf(try leaves(world))), compositeClassID: minor.id, actor: "test", allowed: everyone)
            let certificate = try await world.makeComposite("Certificate")
            _ = try await world.rules.set(
                StackingRule(.allOf([.component(.badgeClass(minor.id))])),
                compositeClassID: certificate.id,
                actor: "test",
                allowed: everyone
            )
            let cyclic = StackingRule(.allOf(try leaves(world) + [.component(.badgeClass(certificate.id))]))
            let cycle = await refusal { _ = try await world.rules.set(cyclic, compositeClassID: minor.id, actor: "test", allowed: everyone) }
            #expect(cycle?.code == .validation)
            #expect(cycle?.field == "rule.all_of[3].badge_class")
            #expect(try await world.store.find(compositeClassID: minor.id)?.rule == StackingRule(.allOf(try leaves(world))))
        }
    }

    @Test(arguments: StorageBackend.all)
    func aRuleFileNamesClassesByNameAndIsCheckedWhole(backend: StorageBackend) async throws {
        try await StackingWorld.with(backend) { world async throws in
            let minor = try await world.makeComposite("Minor Climate Data Science")
            let file = """
                [{"badge_class": "Minor Climate Data Science",
                  "rule": {"all_of": [{"badge_class": "Introduction to Data Science"}, {"badge_class": "Statistics for Climate Data"},
                    {"min_ects": 18, "of": [{"badge_class": "Machine Learning Fundamentals"}, {"badge_class": "Geospatial Analysis"},
                      {"badge_class": "Data Ethics and Policy"}], "label": "electives"}], "on_component_lost": "revoke"}}]
                """
            let stored = try await world.rules.importFile(Data(file.utf8), actor: "test", allowed: { _ in true })
            #expect(stored.map(\.compositeClassID) == [minor.id])
            #expect(stored.first?.rule.onComponentLost == .revoke)
            #expect(stored.first?.rule.components.count == 5)

            let bad = """
                [{"badge_class": "Minor Climate Data Science", "rule": {"all_of": [{"badge_class": "Introduction to Data Science"}]}},
                 {"badge_class": "Minor Climate Data Science", "rule": {"all_of": [{"badge_class": "No Such Unit"}]}}]
                """
            let error = await refusal { _ = try await world.rules.importFile(Data(bad.utf8), actor: "test", allowed: { _ in true }) }
            #expect(error?.field == "rules[1].rule.all_of[0].badge_class")
            #expect(try await world.store.find(compositeClassID: minor.id)?.rule.onComponentLost == .revoke, "nothing of a refused file is set")
        }
    }
}
