import BadgeCore
import BadgeIssuing
import BadgeStorage
import BadgeTesting
import Foundation
import Testing

/// The checks of outcome rules, and the sentences explaining awards, on every backend.
@Suite("Outcome rules and explanations")
struct OutcomeRulesTests {
    let ada = Recipient(type: .email, identity: "ada@example.org")

    func refusal(_ body: () async throws -> Void) async -> BadgeCoreError? {
        do {
            try await body()
            return nil
        } catch let error as BadgeCoreError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test(arguments: StorageBackend.all)
    func aRuleForAnUnknownBadgeClassIsRefused(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            var rule = try world.rule()
            rule.badgeClassID = UUID()
            let error = await refusal { try await world.create(rule) }
            #expect(error?.code == .validation)
            #expect(error?.field == "badge_class_id")
        }
    }

    @Test(arguments: StorageBackend.all)
    func aRuleForAnotherInstitutionsClassIsRefused(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            let other = try await world.importOtherInstitution()
            var rule = try world.rule()
            rule.badgeClassID = try #require(other.badgeClasses.first).id
            let error = await refusal { try await world.create(rule) }
            #expect(error?.field == "badge_class_id")
            #expect(error?.message == "the badge class belongs to another institution than the platform")
        }
    }

    @Test(arguments: StorageBackend.all)
    func aSecondRuleOnTheSameItemIsAConflict(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            let first = try await world.create(try world.rule())
            let error = await refusal { try await world.create(try world.rule(.scoreRatio(atLeast: 0.8))) }
            #expect(error?.code == .conflict)
            #expect(error?.field == "match")
            #expect(try await world.rules.list(institutionID: nil, issuer: nil, contextID: nil, limit: 10).map(\.id) == [first.id])
            let other = try await world.create(try world.rule(lineItem: OutcomeWorld.lineItem + "8"))
            let moved = await refusal {
                _ = try await world.outcomeRules.update(id: other.id, to: try world.rule(), actor: "t", allowed: { _ in true })
            }
            #expect(moved?.code == .conflict)
        }
    }

    @Test(arguments: StorageBackend.all)
    func aRuleOfAnUnregisteredPlatformIsRefused(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            var rule = try world.rule()
            rule.match.issuer = "https://unknown-lms.example.edu"
            let error = await refusal { try await world.create(rule) }
            #expect(error?.code == .validation)
            #expect(error?.field == "match.issuer")
        }
    }

    @Test(arguments: StorageBackend.all)
    func aRuleIsFoundForTheGradesItWatches(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            let stored = try await world.create(try world.rule())
            #expect(stored.institutionID == world.issuing.tree.institution.id)
            #expect(try await world.rules.rule(watching: world.grade(7))?.id == stored.id)
            #expect(try await world.rules.rule(watching: world.grade(7, lineItem: OutcomeWorld.lineItem + "9")) == nil)
            let error = await refusal { _ = try await world.intake.receive(world.grade(7, lineItem: OutcomeWorld.lineItem + "9")) }
            #expect(error?.code == .notFound)
            #expect(error?.field == "lineItem")
            // With its badge class where the store reads both in one statement (SQL); the fake leaves the class to the caller.
            let both = try #require(try await world.rules.ruleAndBadgeClass(watching: world.grade(7)))
            #expect(both.rule.id == stored.id)
            if case .sql = backend {
                let badgeClass = try #require(both.badgeClass)
                #expect(badgeClass.id == stored.rule.badgeClassID)
                #expect(badgeClass.content == (try world.issuing.microCredential.content))
            }
            #expect(try await world.rules.ruleAndBadgeClass(watching: world.grade(7, lineItem: OutcomeWorld.lineItem + "9")) == nil)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aGradesRuleIsReadAgainAtOnceAfterThisDaemonsChangesAndWithinASecondAfterAnothers(engine: BadgeDatabase.Engine) async throws {
        try await OutcomeWorld.with(.sql(engine)) { world async throws in
            let database = try #require(world.issuing.database)
            let here = world.rules
            let otherDaemon = SQLOutcomeRuleStore(database: database)
            // Nothing watches yet; that answer is kept for a second, but this store's own
            // change shows at once.
            #expect(try await here.ruleAndBadgeClass(watching: world.grade(7)) == nil)
            let stored = try await world.create(try world.rule())
            #expect(try await here.ruleAndBadgeClass(watching: world.grade(7))?.rule.id == stored.id)
            let edited = try await here.update(id: stored.id, to: try world.rule(.passFail), at: world.clock.now(), actor: "test")
            #expect(edited != nil)
            #expect(try await here.ruleAndBadgeClass(watching: world.grade(7))?.rule.rule.condition == .passFail)
            // Another daemon's deletion shows here within a second. (Whether the rule read a
            // moment ago still serves meanwhile depends on how long the deletion took, so it is
            // not asserted: a slow machine can take over a second between the two.)
            #expect(try await otherDaemon.delete(id: stored.id, at: world.clock.now(), actor: "test"))
            try await Task.sleep(for: .milliseconds(1_100))
            #expect(try await here.ruleAndBadgeClass(watching: world.grade(7)) == nil)
        }
    }

    func ruleFile(_ world: OutcomeWorld, condition: String) throws -> Data {
        let rule = """
            {"badge_class_id": "\(try world.issuing.microCredential.id.uuidString)",
             "match": {"issuer": "\(OutcomeWorld.issuer)", "client_id": "\(OutcomeWorld.clientID)",
                       "context_id": "\(OutcomeWorld.contextID)", "line_item": "\(OutcomeWorld.lineItem)"},
             "condition": \(condition)}
            """
        return Data("[\(rule)]".utf8)
    }

    @Test(arguments: StorageBackend.all)
    func aRuleFileImportsAndReplacesRulesOnTheSameItem(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            let first = try await world.outcomeRules.importFile(
                try ruleFile(world, condition: #"{"type": "dutch_grade"}"#),
                actor: "t",
                allowed: { _ in true }
            )
            let second = try await world.outcomeRules.importFile(
                try ruleFile(world, condition: #"{"type": "score_ratio", "threshold": 0.6}"#),
                actor: "t",
                allowed: { _ in true }
            )
            #expect(second.map(\.id) == first.map(\.id))
            #expect(try await world.rules.find(id: try #require(first.first).id)?.rule.condition == .scoreRatio(atLeast: 0.6))
        }
    }

    @Test(arguments: StorageBackend.all)
    func aRuleFileWithABadRuleSaysWhatIsWrongWithIt(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            let file = try ruleFile(world, condition: #"{"type": "median"}"#)
            let error = await refusal { _ = try await world.outcomeRules.importFile(file, actor: "t", allowed: { _ in true }) }
            #expect(error?.field == "rules[0].condition.type")
            #expect(error?.message.contains("cannot be read") == true, "\(error?.message ?? "")")
            #expect(try await world.rules.list(institutionID: nil, issuer: nil, contextID: nil, limit: 10).isEmpty)
        }
    }

    @Test(arguments: StorageBackend.all)
    func theExplanationOfAFailingGradeIsItsSentence(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            try await world.create(try world.rule())
            let micro = try world.issuing.microCredential
            let before = try await world.explanation.explain(recipient: ada, badgeClass: micro)
            #expect(before.hasPrefix("No grade of the recipient has reached a rule awarding "))
            try await world.intake.learnerSeen(issuer: OutcomeWorld.issuer, userID: "user-ada", as: ada)
            _ = try await world.intake.receive(world.grade(5.2))
            let sentence = try await world.explanation.explain(recipient: ada, badgeClass: micro)
            #expect(sentence == "5.2 of 10 in Unit 1 Quiz on 2026-09-01 is below the rule's 5.5.")
        }
    }

    @Test(arguments: StorageBackend.all)
    func theExplanationOfAnAwardSaysSinceWhen(backend: StorageBackend) async throws {
        try await OutcomeWorld.with(backend) { world async throws in
            try await world.create(try world.rule())
            let micro = try world.issuing.microCredential
            try await world.intake.learnerSeen(issuer: OutcomeWorld.issuer, userID: "user-ada", as: ada)
            _ = try await world.intake.receive(world.grade(5.2))
            world.clock.advance(by: 86_400)
            _ = try await world.intake.receive(world.grade(7.5))
            let sentence = try await world.explanation.explain(recipient: ada, badgeClass: micro)
            let name = micro.name.preferred(micro.language)
            #expect(
                sentence == "The recipient holds \(name) since 2026-09-02. Latest grade: 7.5 of 10 in Unit 1 Quiz on 2026-09-02 meets the rule's 5.5."
            )
        }
    }
}
