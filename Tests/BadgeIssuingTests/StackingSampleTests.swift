import BadgeCore
import BadgeIssuing
import BadgeTesting
import Foundation
import Testing

/// The Cities of Learning sample: a badge system whose main badge, "21st-century skills", is
/// issued for at least 5 of its 8 process badges, from the sample catalogue and rule file.
@Suite("Stacking: the Cities of Learning sample")
struct StackingSampleTests {
    static let processBadges = [
        "Explorer", "Maker", "Collaborator", "Communicator", "Problem Solver", "Critical Thinker", "Digital Citizen", "Self-Starter",
    ]

    @Test(arguments: StorageBackend.all)
    func fiveOfTheEightProcessBadgesIssueTheMainBadge(backend: StorageBackend) async throws {
        try await StackingWorld.with(backend) { world async throws in
            let tree = try CatalogTree(
                importing: try Data(contentsOf: SamplePaths.sample("catalog/cities-of-learning.json")),
                ids: world.issuing.ids,
                now: world.clock.now()
            )
            try await world.issuing.catalog.insert(tree, by: "test")
            let stored = try await world.rules.importFile(
                try Data(contentsOf: SamplePaths.sample("stacking/cities-of-learning-21st-century-skills.json")),
                actor: "test"
            ) { _ in true }
            #expect(stored.count == 1)
            let main = try #require(tree.badgeClasses.first { $0.name.en == "21st-century skills" })
            let badges = try Self.processBadges.map { name in try #require(tree.badgeClasses.first { $0.name.en == name }) }
            let learner = Recipient(type: .email, identity: "sam@example.org")
            for badge in badges.prefix(4) { _ = try await world.award(badge, to: learner) }
            _ = try await world.deliverAll()
            #expect(try await world.held(main, by: learner) == nil)
            let partway = try #require(try await world.stacker.progress(recipientKey: learner.key, institutionID: tree.institution.id).first)
            #expect(
                partway.verdict.explanation.hasPrefix("4 of 5 process badges; still needed: 1 more process badges, from:"),
                "\(partway.verdict.explanation)"
            )
            _ = try await world.award(badges[6], to: learner)
            _ = try await world.deliverAll()
            let issued = try #require(try await world.held(main, by: learner))
            #expect(issued.evidence.count == 5)
            // A sixth process badge changes nothing.
            _ = try await world.award(badges[7], to: learner)
            _ = try await world.deliverAll()
            #expect(try await world.held(main, by: learner)?.id == issued.id)
        }
    }
}
