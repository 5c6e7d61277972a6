import BadgeCore
import BadgeIssuing
import BadgeStorage
import BadgeTesting
import Foundation
import OpenBadges
import Testing

/// Stacking on every backend: the sample units' awards issue a 30-EC minor exactly once, with
/// evidence; a revoked unit flags or revokes it; a certificate made of the minor cascades and
/// ends; concurrent completing awards give one minor.
@Suite("Stacking runs")
struct StackingTests {
    let ada = Recipient(type: .email, identity: "ada@example.org")
    let bob = Recipient(type: .email, identity: "bob@example.org")

    static let mandatory = ["Introduction to Data Science", "Statistics for Climate Data"]
    static let electives = ["Machine Learning Fundamentals", "Geospatial Analysis", "Data Ethics and Policy"]

    /// The minor: both mandatory units and 18 EC of electives (30 EC in all).
    func minorRule(_ world: StackingWorld, policy: StackingRule.ComponentLostPolicy = .flag) throws -> StackingRule {
        StackingRule(
            .allOf(
                try Self.mandatory.map { .component(.badgeClass(try world.unit($0).id)) }
                    + [.minECTS(18, of: try Self.electives.map { .component(.badgeClass(try world.unit($0).id)) }, label: "electives")]
            ),
            onComponentLost: policy
        )
    }

    func setMinor(_ world: StackingWorld, policy: StackingRule.ComponentLostPolicy = .flag) async throws -> Record<BadgeClass> {
        let minor = try await world.makeComposite("Minor Climate Data Science")
        _ = try await world.rules.set(try minorRule(world, policy: policy), compositeClassID: minor.id, actor: "test", allowed: { _ in true })
        return minor
    }

    /// Awards every unit of the minor to `recipient`, delivering the outbox after each.
    func awardAllUnits(_ world: StackingWorld, to recipient: Recipient) async throws -> [String: Assertion] {
        var awarded: [String: Assertion] = [:]
        for name in Self.mandatory + Self.electives {
            awarded[name] = try await world.award(try world.unit(name), to: recipient)
            try await world.deliverAll()
        }
        return awarded
    }

    @Test(arguments: StorageBackend.all)
    func awardsOfTheMinorsUnitsIssueTheMinorOnceWithEvidence(backend: StorageBackend) async throws {
        try await StackingWorld.with(backend) { world async throws in
            let minor = try await setMinor(world)
            for name in Self.mandatory + Self.electives.dropLast() {
                try await world.award(try world.unit(name), to: ada)
                try await world.deliverAll()
                #expect(try await world.held(minor, by: ada) == nil, "24 EC do not make the minor")
            }
            let ethics = try await world.award(try world.unit("Data Ethics and Policy"), to: ada)
            try await world.award(try world.unit("Data Ethics and Policy"), to: bob)
            try await world.deliverAll()
            let issued = try #require(try await world.held(minor, by: ada))
            #expect(try await world.held(minor, by: bob) == nil)
            #expect(issued.recipient == ethics.recipient)
            #expect(issued.evidence.count == 5)
            let holdings = try await world.issuing.assertions.holdings(recipientKey: ada.key, limit: 100)
            let urls = world.issuing.documents.urls
            let expected = try (Self.mandatory + Self.electives).map { name in
                let unit = try world.unit(name)
                let assertion = try #require(holdings.first { $0.assertion.badgeClassID == unit.id })
                return Assertion.Evidence(url: urls.assertion(assertion.assertion.id), name: name)
            }
            #expect(issued.evidence == expected)
            #expect(issued.narrative?.contains("together 30 EC") == true)
            // The OB 2.0 document lists the units as evidence: their assertion URLs and names.
            let document = world.issuing.documents.assertion(issued)
            guard case .object(let fields) = document, case .array(let evidence) = fields["evidence"] else {
                Issue.record("the composite's document has no evidence")
                return
            }
            #expect(evidence.first == .object(["id": .string(try #require(expected.first?.url)), "name": "Introduction to Data Science"]))

            // Delivered again, awarded again: still the one minor.
            try await world.award(try world.unit("Geospatial Analysis"), to: ada)
            _ = try await world.stacker.run(after: ethics.id)
            try await world.deliverAll()
            let minors = try await world.issuing.assertions.holdings(recipientKey: ada.key, limit: 100).filter {
                $0.assertion.badgeClassID == minor.id
            }
            #expect(minors.map(\.assertion.id) == [issued.id])
        }
    }

    @Test(arguments: StorageBackend.all, StackingRule.ComponentLostPolicy.allCases)
    func aRevokedUnitFlagsOrRevokesTheMinorNamingTheUnit(backend: StorageBackend, policy: StackingRule.ComponentLostPolicy) async throws {
        try await StackingWorld.with(backend) { world async throws in
            let minor = try await setMinor(world, policy: policy)
            let units = try await awardAllUnits(world, to: ada)
            let issued = try #require(try await world.held(minor, by: ada))
            let ethics = try #require(units["Data Ethics and Policy"])
            _ = try await world.issuing.revoker.revoke(id: ethics.id, reason: "plagiarism", actor: "test")
            try await world.deliverAll()
            _ = try await world.stacker.run(after: ethics.id)
            try await world.deliverAll()
            let now = try #require(try await world.held(minor, by: ada))
            let unitKey = try world.unit("Data Ethics and Policy").id.uuidString.lowercased()
            let actor = Stacker.actor(causedBy: ethics.id)
            switch policy {
            case .flag:
                #expect(!now.isRevoked)
                let flag = try #require(try await world.store.flag(compositeAssertionID: issued.id))
                #expect(flag.component == unitKey)
                #expect(flag.componentAssertionID == ethics.id)
                let audit = try await world.audit(action: "stacking.flagged")
                #expect(audit.count == 1)
                #expect(audit.first?.id == issued.id)
                #expect(audit.first?.actor == actor)
                #expect(audit.first?.detail == StackingFlag.auditDetail(component: unitKey, assertionID: ethics.id))
            case .revoke:
                #expect(now.isRevoked)
                #expect(now.revocationReason?.contains("Data Ethics and Policy") == true)
                #expect(now.revocationReason?.contains(world.issuing.documents.urls.assertion(ethics.id)) == true)
                #expect(try await world.audit(action: "revoke").filter { $0.id == issued.id }.map(\.actor) == [actor])
                #expect(try await world.store.flag(compositeAssertionID: issued.id) == nil)
            }
        }
    }

    @Test(arguments: StorageBackend.all)
    func aFlaggedMinorIsListedAndKeptOnReview(backend: StorageBackend) async throws {
        try await StackingWorld.with(backend) { world async throws in
            let minor = try await setMinor(world, policy: .flag)
            let units = try await awardAllUnits(world, to: ada)
            let issued = try #require(try await world.held(minor, by: ada))
            let ethics = try #require(units["Data Ethics and Policy"])
            _ = try await world.issuing.revoker.revoke(id: ethics.id, reason: "plagiarism", actor: "test")
            try await world.deliverAll()
            let review = StackingReview(rules: world.store, revoker: world.issuing.revoker, catalog: world.issuing.catalog)
            #expect(try await review.flagged(institutionID: minor.institutionID).map(\.compositeAssertionID) == [issued.id])
            #expect(try await review.flagged(institutionID: UUID()).isEmpty)
            await #expect(throws: BadgeCoreError.self) {
                try await review.review(compositeAssertionID: issued.id, .keep, comment: nil, actor: "registrar") { _ in false }
            }
            _ = try await review.review(compositeAssertionID: issued.id, .keep, comment: "the unit is retaken", actor: "registrar") { _ in true }
            #expect(try await review.flagged(institutionID: nil).isEmpty)
            #expect(try await world.held(minor, by: ada)?.isRevoked == false)
            #expect(try await world.audit(action: "stacking.kept").map(\.actor) == ["registrar"])
            await #expect(throws: BadgeCoreError.self) {
                try await review.review(compositeAssertionID: issued.id, .keep, comment: nil, actor: "registrar") { _ in true }
            }
        }
    }

    @Test(arguments: StorageBackend.all)
    func aCertificateMadeOfTheMinorCascadesBothWaysAndEnds(backend: StorageBackend) async throws {
        try await StackingWorld.with(backend) { world async throws in
            let minor = try await setMinor(world, policy: .revoke)
            let certificate = try await world.makeComposite("Certificate Climate Data Science")
            let certificateRule = StackingRule(.allOf([.component(.badgeClass(minor.id))]), onComponentLost: .revoke)
            _ = try await world.rules.set(certificateRule, compositeClassID: certificate.id, actor: "test", allowed: { _ in true })
            var units: [String: Assertion] = [:]
            for name in Self.mandatory + Self.electives { units[name] = try await world.award(try world.unit(name), to: ada) }
            // Round 1: the units issue the minor; round 2: the minor issues the certificate;
            // round 3: the certificate is in no rule; then nothing is due.
            #expect(try await world.deliverAll() == 3)
            let heldMinor = try #require(try await world.held(minor, by: ada))
            let heldCertificate = try #require(try await world.held(certificate, by: ada))
            #expect(heldCertificate.evidence.map(\.url) == [world.issuing.documents.urls.assertion(heldMinor.id)])

            _ = try await world.issuing.revoker.revoke(id: try #require(units["Geospatial Analysis"]).id, reason: "withdrawn", actor: "test")
            #expect(try await world.deliverAll() == 3)
            #expect(try await world.held(minor, by: ada)?.isRevoked == true)
            #expect(try await world.held(certificate, by: ada)?.isRevoked == true)
            #expect(try await world.deliverAll() == 0)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func twoConcurrentAwardsThatBothCompleteTheRuleGiveOneComposite(engine: BadgeDatabase.Engine) async throws {
        try await StackingWorld.with(.sql(engine)) { world async throws in
            let pair = try await world.makeComposite("Data Science Pair", ects: 12)
            let rule = StackingRule(.allOf(try Self.mandatory.map { .component(.badgeClass(try world.unit($0).id)) }))
            _ = try await world.rules.set(rule, compositeClassID: pair.id, actor: "test", allowed: { _ in true })
            let (intro, statistics) = (try world.unit(Self.mandatory[0]), try world.unit(Self.mandatory[1]))
            for index in 0..<6 {
                let recipient = Recipient(type: .email, identity: "student\(index)@example.org")
                async let first = world.award(intro, to: recipient)
                async let second = world.award(statistics, to: recipient)
                let (one, two) = try await (first, second)
                // Both runs see both units (each started after both awards committed) and race to issue.
                async let runOne = world.stacker.run(after: one.id)
                async let runTwo = world.stacker.run(after: two.id)
                let outcomes = try await [runOne, runTwo]
                #expect(outcomes.flatMap(\.issued).count == 1)
                try await world.deliverAll()
                let composites = try await world.issuing.assertions.holdings(recipientKey: recipient.key, limit: 100)
                    .filter { $0.assertion.badgeClassID == pair.id }
                #expect(composites.count == 1)
            }
        }
    }
}
