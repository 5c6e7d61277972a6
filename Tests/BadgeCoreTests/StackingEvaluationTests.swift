import BadgeCore
import Foundation
import Testing

/// Stacking rules judged on example holdings: the 30-EC minor and the Cities of Learning badge,
/// what counts and what does not, the evidence and the sentence a student reads.
@Suite("Stacking evaluation")
struct StackingEvaluationTests {
    typealias F = StackingFixtures

    func judge(_ rule: StackingRule, _ held: [HeldCredential]) -> StackingVerdict {
        rule.evaluate(held, at: F.now, catalogue: F.catalogue)
    }

    @Test func theMinorIsCompleteWithBothUnitsAndEighteenElectiveEC() {
        let held = [F.held(F.researchMethods), F.held(F.dataEthics)] + F.electives.prefix(3).map { F.held($0) }
        let verdict = judge(F.minorRule, held)
        #expect(verdict.isSatisfied)
        #expect(verdict.evidence == held)
        #expect(verdict.evidenceECTS == 30)
        #expect(verdict.explanation == "Complete: 30 of 30 EC, with 5 credentials.")
    }

    @Test func theEvidenceOfTheMinorCountsOnlyTheElectivesItNeeds() {
        let held = [F.held(F.researchMethods), F.held(F.dataEthics)] + F.electives.map { F.held($0) }
        let verdict = judge(F.minorRule, held)
        #expect(verdict.isSatisfied)
        #expect(verdict.evidence.count == 5)
        #expect(verdict.evidenceECTS == 30)
        #expect(verdict.counted.count == 7)
        #expect(F.minorRule.evaluate(verdict.evidence, at: F.now).isSatisfied)
    }

    @Test func aMissingMandatoryUnitIsNamed() {
        let held = [F.held(F.researchMethods)] + F.electives.prefix(4).map { F.held($0) }
        let verdict = judge(F.minorRule, held)
        #expect(!verdict.isSatisfied)
        #expect(verdict.evidence.isEmpty)
        #expect(verdict.explanation == "24 of 30 EC; still needed: Data Ethics.")
    }

    @Test func missingElectiveECAreCountedAndTheirOptionsListed() {
        let held = [F.held(F.researchMethods)] + F.electives.prefix(2).map { F.held($0) }
        let verdict = judge(F.minorRule, held)
        #expect(
            verdict.explanation
                == "18 of 30 EC; still needed: Data Ethics and 6 EC more from electives (Databases, Statistics or Language Technology)."
        )
    }

    @Test func aRevokedComponentDoesNotCountAndTheSentenceSaysWhy() {
        let held =
            [F.held(F.researchMethods), F.held(F.dataEthics), F.held(F.electives[0]), F.held(F.electives[1])]
            + [F.held(F.electives[2], revoked: true)]
        let verdict = judge(F.minorRule, held)
        #expect(!verdict.isSatisfied)
        #expect(verdict.notCounted == [.init(credential: held[4], reason: .revoked)])
        #expect(
            verdict.explanation
                == "24 of 30 EC; still needed: 6 EC more from electives (Databases, Statistics or Language Technology)."
                + " Not counted: Databases (revoked)."
        )
    }

    @Test func expiredOldAndForeignComponentsDoNotCount() {
        var rule = F.minorRule
        rule.withinMonths = 60
        rule.issuers = [F.issuer.uuidString]  // upper case: issuer UUIDs compare as UUIDs
        let held = [
            F.held(F.researchMethods),
            F.held(F.dataEthics, expires: F.now.addingTimeInterval(-F.day)),
            F.held(F.electives[0], daysAgo: 2000),
            F.held(F.electives[1], issuer: F.otherIssuer),
            F.held(F.electives[2]),
        ]
        let verdict = judge(rule, held)
        #expect(verdict.counted == [held[0], held[4]])
        let other = F.otherIssuer.uuidString.lowercased()
        #expect(
            verdict.explanation
                == "12 of 30 EC; still needed: Data Ethics and 12 EC more from electives"
                + " (Machine Learning, Visualisation, Statistics or Language Technology)."
                + " Not counted: Data Ethics (expired on 2026-11-19); Machine Learning (issued on 2021-05-30, more than 60 months ago);"
                + " Visualisation (issued by \(other), not an accepted issuer)."
        )
    }

    @Test func revokedComponentsCountWhenTheRuleAllowsThem() {
        var rule = F.minorRule
        rule.requireUnrevoked = false
        let held = [F.held(F.researchMethods, revoked: true), F.held(F.dataEthics)] + F.electives.prefix(3).map { F.held($0) }
        #expect(judge(rule, held).isSatisfied)
    }

    @Test func aGoodCredentialOfAComponentWinsOverARevokedOne() {
        let held = [F.held(F.researchMethods, revoked: true), F.held(F.researchMethods, daysAgo: 5)]
        let verdict = judge(F.minorRule, held)
        #expect(verdict.counted == [held[1]])
        #expect(verdict.notCounted.isEmpty)
    }

    @Test func theProgressOfTheMinorHasCountsPerNode() {
        let held = [F.held(F.researchMethods)] + F.electives.prefix(2).map { F.held($0) }
        let progress = judge(F.minorRule, held).progress
        #expect(progress.path == "rule")
        #expect(progress.measure == .requirements(have: 1, need: 3))
        #expect(progress.children.map(\.isSatisfied) == [true, false, false])
        #expect(progress.children[1].path == "rule.all_of[1].badge_class")
        #expect(progress.children[1].label == "Data Ethics")
        #expect(progress.children[2].path == "rule.all_of[2]")
        #expect(progress.children[2].measure == .ects(have: 12, need: 18))
        #expect(progress.children[2].children.map(\.isSatisfied) == [true, true, false, false, false])
    }

    @Test func threeOfFiveProcessBadgesNeedTwoMore() {
        let verdict = judge(F.citiesRule, F.processBadges.prefix(3).map { F.held($0) })
        #expect(!verdict.isSatisfied)
        #expect(verdict.progress.measure == .requirements(have: 3, need: 5))
        #expect(
            verdict.explanation == "3 of 5 process badges; still needed: 2 more process badges, from: Create, Share, Reflect, Lead or Mentor."
        )
    }

    @Test func fiveOfEightProcessBadgesEarnTheBadgeWithFiveInEvidence() {
        let held = F.processBadges.prefix(7).map { F.held($0) }
        let verdict = judge(F.citiesRule, held)
        #expect(verdict.isSatisfied)
        #expect(verdict.evidence == Array(held.prefix(5)))
        #expect(verdict.evidenceECTS == 0)
        #expect(verdict.explanation == "Complete: 5 of 5 process badges, with 5 credentials.")
    }

    @Test func anExternalComponentCountsOnlyWhenTheRuleAllowsExternals() {
        let url = "https://other.example/badges/data-ethics"
        var rule = StackingRule(.allOf([.component(.badgeClass(F.researchMethods)), .component(.external(url))]))
        let external = HeldCredential(
            component: .external(url),
            ects: 6,
            issuedOn: F.now.addingTimeInterval(-F.day),
            issuer: "https://other.example/issuer",
            assertion: .init(id: "https://other.example/assertions/1", name: "Data Ethics (Other U)")
        )
        let held = [F.held(F.researchMethods), external]
        #expect(
            judge(rule, held).explanation
                == "1 of 2 requirements; still needed: \(url). Not counted: Data Ethics (Other U) (external credentials are not accepted)."
        )
        rule.allowExternal = true
        #expect(judge(rule, held).isSatisfied)
    }

    @Test func aNestedTrackCountsTowardTheTotalOnlyWhenComplete() {
        let track = StackingRule.Node.allOf(
            [.component(.badgeClass(F.electives[0])), .component(.badgeClass(F.electives[1]))],
            label: "the AI track"
        )
        let rule = StackingRule(.minECTS(12, of: [track, .component(.badgeClass(F.electives[2])), .component(.badgeClass(F.electives[3]))]))
        let partial = judge(rule, [F.held(F.electives[0]), F.held(F.electives[2])])
        #expect(!partial.isSatisfied)
        #expect(partial.explanation == "6 of 12 EC; still needed: 6 EC more from: the AI track (Visualisation) or Statistics.")
        let complete = judge(rule, [F.held(F.electives[0]), F.held(F.electives[1])])
        #expect(complete.isSatisfied)
        #expect(complete.evidenceECTS == 12)
    }
}
