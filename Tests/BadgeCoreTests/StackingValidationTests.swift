import BadgeCore
import Foundation
import Testing

/// Stacking rules refused by validation, each naming the offending node by its JSON path.
@Suite("Stacking validation")
struct StackingValidationTests {
    typealias F = StackingFixtures
    typealias Node = StackingRule.Node

    static func leaf(_ id: UUID) -> Node { .component(.badgeClass(id)) }

    /// The field of the validation error `rule` raises, or nil when it is accepted.
    func refusal(_ rule: StackingRule, catalogue: StackingCatalogue = F.catalogue, composite: UUID = F.minor) -> BadgeCoreError? {
        do {
            try rule.validate(for: composite, in: catalogue)
            return nil
        } catch {
            return error
        }
    }

    @Test func theSampleRulesAreAccepted() {
        #expect(refusal(F.minorRule) == nil)
        #expect(refusal(F.citiesRule, composite: F.citiesBadge) == nil)
        #expect(F.minorRule.isReachable(in: F.catalogue))
    }

    @Test func anUnknownBadgeClassIsNamed() {
        let rule = StackingRule(.allOf([Self.leaf(F.researchMethods), Self.leaf(F.id(99))]))
        let error = refusal(rule)
        #expect(error?.code == .validation)
        #expect(error?.field == "rule.all_of[1].badge_class")
    }

    @Test func anExternalComponentNeedsAllowExternal() {
        let rule = StackingRule(.allOf([Self.leaf(F.researchMethods), .component(.external("https://other.example/badges/1"))]))
        #expect(refusal(rule)?.field == "rule.all_of[1].external")
        var allowed = rule
        allowed.allowExternal = true
        #expect(refusal(allowed) == nil)
    }

    @Test func emptyChildrenAreRefused() {
        #expect(refusal(StackingRule(.allOf([])))?.field == "rule.all_of")
        let nested = StackingRule(.allOf([Self.leaf(F.researchMethods), .atLeast(1, of: [])]))
        #expect(refusal(nested)?.field == "rule.all_of[1].of")
    }

    @Test(arguments: [0, 4])
    func atLeastMustBeWithinTheNumberOfChildren(count: Int) {
        let rule = StackingRule(.allOf([Self.leaf(F.researchMethods), .atLeast(count, of: F.electives.prefix(3).map(Self.leaf))]))
        #expect(refusal(rule)?.field == "rule.all_of[1].at_least")
    }

    @Test func minECTSMustBePositive() {
        let rule = StackingRule(.allOf([Self.leaf(F.researchMethods), .minECTS(0, of: F.electives.map(Self.leaf))]))
        #expect(refusal(rule)?.field == "rule.all_of[1].min_ects")
    }

    @Test func anUnreachableMinECTSIsRefused() {
        let rule = StackingRule(.allOf([Self.leaf(F.researchMethods), .atLeast(1, of: [.minECTS(31, of: F.electives.map(Self.leaf))])]))
        let error = refusal(rule)
        #expect(error?.field == "rule.all_of[1].of[0].min_ects")
        #expect(error?.message == "rule.all_of[1].of[0].min_ects asks for 31 EC, but its requirements carry at most 30 EC")
        #expect(!rule.isReachable(in: F.catalogue))
    }

    @Test func aLeafWithoutECUnderMinECTSIsRefused() {
        let rule = StackingRule(.minECTS(6, of: [Self.leaf(F.electives[0]), .atLeast(1, of: [Self.leaf(F.processBadges[0])])]))
        let error = refusal(rule)
        #expect(error?.field == "rule.of[1].of[0].badge_class")
        #expect(error?.message == "rule.of[1].of[0].badge_class (Explore) carries no EC, so it cannot count toward rule.min_ects")
    }

    @Test func anExternalComponentWhoseECComeWithTheCredentialMayCountTowardMinECTS() {
        let degree = Node.component(.external("urn:epass:qualification:6"))
        let rule = StackingRule(.allOf([Self.leaf(F.researchMethods), .minECTS(120, of: [degree])]), allowExternal: true)
        #expect(refusal(rule) == nil)
        #expect(rule.isReachable(in: F.catalogue))
        // More than one external credential may carry is still out of reach.
        let tooMuch = StackingRule(.minECTS(241, of: [degree]), allowExternal: true)
        #expect(refusal(tooMuch)?.field == "rule.min_ects")
        // An external component the catalogue knows carries its known EC.
        var catalogue = F.catalogue
        catalogue.components[.external("urn:epass:qualification:6")] = .init(name: "MSc Civil Engineering", ects: 60)
        #expect(refusal(rule, catalogue: catalogue)?.field == "rule.all_of[1].min_ects")
    }

    @Test func aComponentAppearsOncePerRule() {
        let rule = StackingRule(.allOf([Self.leaf(F.electives[0]), .minECTS(6, of: [Self.leaf(F.electives[1]), Self.leaf(F.electives[0])])]))
        let error = refusal(rule)
        #expect(error?.field == "rule.all_of[1].of[1].badge_class")
        #expect(error?.message.contains("rule.all_of[0].badge_class") == true)
    }

    @Test func aCompositeCannotRequireItself() {
        let rule = StackingRule(.allOf([Self.leaf(F.researchMethods), Self.leaf(F.minor)]))
        #expect(refusal(rule)?.field == "rule.all_of[1].badge_class")
    }

    @Test func aCycleThroughAnotherCompositeIsRefused() {
        var catalogue = F.catalogue
        let honours = F.id(150)
        catalogue.components[.badgeClass(honours)] = .init(name: "Honours Track")
        catalogue.components[.badgeClass(F.minor)] = .init(name: "Minor Data Science")
        catalogue.rules[honours] = StackingRule(.allOf([Self.leaf(F.minor), Self.leaf(F.dataEthics)]))
        let rule = StackingRule(.allOf([Self.leaf(F.researchMethods), .atLeast(1, of: [Self.leaf(F.dataEthics), Self.leaf(honours)])]))
        let error = refusal(rule, catalogue: catalogue)
        #expect(error?.field == "rule.all_of[1].of[1].badge_class")
        #expect(error?.message == "rule.all_of[1].of[1].badge_class makes a cycle: Honours Track, which requires this composite again")
        // Without the cycle, naming another composite is fine.
        catalogue.rules[honours] = StackingRule(.allOf([Self.leaf(F.dataEthics)]))
        #expect(refusal(rule, catalogue: catalogue) == nil)
    }

    @Test func rulesNestAtMostEightLevels() {
        var node = Self.leaf(F.researchMethods)
        for _ in 0..<8 { node = .allOf([node]) }
        #expect(refusal(StackingRule(node)) == nil)
        #expect(
            refusal(StackingRule(.allOf([node])))?.field == "rule.all_of[0].all_of[0].all_of[0].all_of[0].all_of[0].all_of[0].all_of[0].all_of[0]"
        )
    }

    @Test func aRuleNamesAtMostTwoHundredComponents() {
        var catalogue = StackingCatalogue()
        let ids = (0..<201).map { F.id(UInt8($0 % 256), group: UInt8($0 / 256 + 1)) }
        for id in ids { catalogue.components[.badgeClass(id)] = .init(name: "Unit") }
        let rule = StackingRule(.atLeast(1, of: ids.map(Self.leaf)))
        #expect(refusal(rule, catalogue: catalogue)?.field == "rule")
        #expect(refusal(StackingRule(.atLeast(1, of: ids.dropLast().map(Self.leaf))), catalogue: catalogue) == nil)
    }

    @Test func theOptionsAreChecked() {
        var rule = F.minorRule
        rule.withinMonths = 0
        #expect(refusal(rule)?.field == "rule.within_months")
        rule.withinMonths = 60
        rule.issuers = []
        #expect(refusal(rule)?.field == "rule.issuers")
        rule.issuers = [F.issuer.uuidString, " "]
        #expect(refusal(rule)?.field == "rule.issuers[1]")
    }
}
