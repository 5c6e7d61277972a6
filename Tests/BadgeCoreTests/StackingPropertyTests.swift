import BadgeCore
import Foundation
import PropertyBased
import Testing

/// Random rule trees and random holdings, judged against an oracle written straight from the
/// documented semantics (not from the evaluator's code).
@Suite("Stacking properties")
struct StackingPropertyTests {
    typealias F = StackingFixtures
    typealias Node = StackingRule.Node
    typealias Component = StackingRule.Component

    static let scenarios = Generator { rng in StackingScenario.make(using: &rng) }

    @Test func theVerdictAgreesWithTheOracle() async {
        await propertyCheck(count: 400, input: Self.scenarios) { scenario in
            let verdict = scenario.rule.evaluate(scenario.held, at: F.now, catalogue: scenario.catalogue)
            #expect(verdict.isSatisfied == Oracle(scenario: scenario).isMet(scenario.rule.root), "\(scenario)")
            #expect(verdict.explanation.hasPrefix("Complete:") == verdict.isSatisfied)
        }
    }

    @Test func theEvidenceAloneMeetsTheRule() async {
        await propertyCheck(count: 400, input: Self.scenarios) { scenario in
            let verdict = scenario.rule.evaluate(scenario.held, at: F.now, catalogue: scenario.catalogue)
            guard verdict.isSatisfied else {
                #expect(verdict.evidence.isEmpty)
                return
            }
            #expect(verdict.evidence.allSatisfy(scenario.held.contains), "\(scenario)")
            #expect(Set(verdict.evidence.map(\.component)).count == verdict.evidence.count)
            #expect(verdict.evidenceECTS == verdict.evidence.reduce(0) { $0 + ($1.ects ?? 0) })
            let again = scenario.rule.evaluate(verdict.evidence, at: F.now, catalogue: scenario.catalogue)
            #expect(again.isSatisfied, "\(scenario)")
        }
    }

    @Test func losingCredentialsNeverMeetsARuleThatWasNotMet() async {
        await propertyCheck(count: 300, input: Self.scenarios) { scenario in
            let fewer = zip(scenario.held, scenario.keep).filter(\.1).map(\.0)
            let full = scenario.rule.evaluate(scenario.held, at: F.now).isSatisfied
            let partial = scenario.rule.evaluate(fewer, at: F.now).isSatisfied
            #expect(!partial || full, "\(scenario)")
            #expect(partial == Oracle(scenario: scenario, held: fewer).isMet(scenario.rule.root), "\(scenario)")
        }
    }

    @Test func validationRefusesExactlyTheRulesWithANodeNoHoldingMeets() async {
        await propertyCheck(count: 300, input: Self.scenarios) { scenario in
            var rule = scenario.rule
            rule.allowExternal = true
            let everything = scenario.catalogue.components.map { component, entry in
                HeldCredential(
                    component: component,
                    ects: entry.ects,
                    issuedOn: F.now,
                    issuer: StackingScenario.issuers[0],
                    assertion: .init(id: component.key, name: entry.name)
                )
            }
            rule.issuers = nil
            // Validation refuses a rule with any node that no holding meets.
            let reachable = Oracle(rule: rule, held: everything).isMetThroughout(rule.root)
            do {
                try rule.validate(for: F.id(250), in: scenario.catalogue)
                #expect(reachable, "\(scenario)")
            } catch {
                #expect(!reachable, "\(error) \(scenario)")
                #expect((error as? BadgeCoreError)?.field?.hasSuffix(".min_ects") == true, "\(error)")
            }
            #expect(rule.isReachable(in: scenario.catalogue) == reachable)
        }
    }

    @Test func rulesSurviveAJSONRoundTrip() async throws {
        await propertyCheck(count: 200, input: Self.scenarios) { scenario in
            let data = try JSONEncoder().encode(scenario.rule)
            #expect(try JSONDecoder().decode(StackingRule.self, from: data) == scenario.rule)
        }
    }
}

/// The documented semantics, written out directly.
struct Oracle {
    typealias F = StackingFixtures

    let rule: StackingRule
    let held: [HeldCredential]

    init(scenario: StackingScenario, held: [HeldCredential]? = nil) {
        self.init(rule: scenario.rule, held: held ?? scenario.held)
    }

    init(rule: StackingRule, held: [HeldCredential]) {
        self.rule = rule
        self.held = held
    }

    func counts(_ credential: HeldCredential) -> Bool {
        if case .external = credential.component, !rule.allowExternal { return false }
        if rule.requireUnrevoked && (credential.isRevoked || (credential.expires.map { $0 <= F.now } ?? false)) { return false }
        if let issuers = rule.issuers, !issuers.map({ $0.lowercased() }).contains(credential.issuer.lowercased()) { return false }
        if let months = rule.withinMonths {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
            guard let cutoff = calendar.date(byAdding: .month, value: -months, to: F.now), credential.issuedOn >= cutoff else { return false }
        }
        return true
    }

    /// The EC a component brings, if some credential of it counts: the best such credential's.
    func ects(of component: StackingRule.Component) -> Double? {
        let good = held.filter { $0.component == component && counts($0) }
        return good.isEmpty ? nil : good.map { $0.ects ?? 0 }.max()
    }

    func heldECTS(_ node: StackingRule.Node) -> Double {
        node.components.reduce(0) { $0 + (ects(of: $1) ?? 0) }
    }

    /// Whether the node and every node beneath it are met.
    func isMetThroughout(_ node: StackingRule.Node) -> Bool {
        isMet(node) && node.children.allSatisfy(isMetThroughout)
    }

    func isMet(_ node: StackingRule.Node) -> Bool {
        switch node {
        case .component(let component): ects(of: component) != nil
        case .allOf(let children, _): children.allSatisfy(isMet)
        case .atLeast(let count, let children, _): children.filter(isMet).count >= count
        case .minECTS(let threshold, let children, _): children.filter(isMet).map(heldECTS).reduce(0, +) >= threshold - 1e-9
        }
    }
}

/// A random rule over a pool of ten badge classes and three external credentials, and a random
/// holding of those components (and of some the rule does not name).
struct StackingScenario: Sendable, CustomStringConvertible {
    var rule: StackingRule
    var catalogue: StackingCatalogue
    var held: [HeldCredential]
    /// Which held credentials a smaller holding keeps.
    var keep: [Bool]

    static let issuers = [StackingFixtures.id(1, group: 9), StackingFixtures.id(2, group: 9), StackingFixtures.id(3, group: 9)]
        .map { $0.uuidString.lowercased() }

    var description: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(rule)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
        let holding = held.map { credential in
            let days = Int((StackingFixtures.now.timeIntervalSince(credential.issuedOn) / StackingFixtures.day).rounded())
            let expiry = credential.expires.map { " expires \(Int(($0.timeIntervalSince(StackingFixtures.now) / StackingFixtures.day).rounded()))d" }
            return "\(credential.component.key) \(credential.ects.map { "\($0)" } ?? "-")EC \(days)d ago\(expiry ?? "")"
                + "\(credential.isRevoked ? " revoked" : "") by \(credential.issuer.prefix(8))…\(credential.issuer.suffix(2))"
        }
        return "rule: \(json)\nheld: \(holding.joined(separator: "; "))"
    }

    static func make(using rng: inout some RandomNumberGenerator) -> StackingScenario {
        var components: [StackingRule.Component: StackingCatalogue.Entry] = [:]
        var pool: [StackingRule.Component] = (1...10).map { .badgeClass(StackingFixtures.id(UInt8($0), group: 5)) }
        pool += (1...3).map { .external("https://ext.example/badges/\($0)") }
        for (index, component) in pool.enumerated() {
            components[component] = .init(name: "C\(index)", ects: Double(Int.random(in: 1...16, using: &rng)) / 2)
        }
        let catalogue = StackingCatalogue(components: components)
        let leaves = Array(pool.shuffled(using: &rng).prefix(Int.random(in: 1...pool.count, using: &rng)))
        let root = tree(leaves, depth: 0, catalogue: catalogue, using: &rng)
        let issuerChoices: [[String]?] = [nil, nil, [issuers[0].uppercased()], [issuers[0], issuers[1]]]
        let rule = StackingRule(
            root,
            withinMonths: [nil, nil, 12, 60].randomElement(using: &rng) ?? nil,
            requireUnrevoked: Bool.random(using: &rng),
            issuers: issuerChoices.randomElement(using: &rng) ?? nil,
            allowExternal: Bool.random(using: &rng)
        )
        var held: [HeldCredential] = []
        for component in pool where Int.random(in: 0..<10, using: &rng) < 7 {
            for copy in 0..<Int.random(in: 1...2, using: &rng) {
                let roll = Int.random(in: 0..<20, using: &rng)
                let ects = roll == 0 ? nil : roll < 3 ? Double(Int.random(in: 1...16, using: &rng)) / 2 : components[component]?.ects
                let expires: Date? =
                    Bool.random(using: &rng)
                    ? nil : StackingFixtures.now.addingTimeInterval(Double(Int.random(in: -400...400, using: &rng)) * StackingFixtures.day)
                held.append(
                    HeldCredential(
                        component: component,
                        ects: ects,
                        issuedOn: StackingFixtures.now.addingTimeInterval(-Double(Int.random(in: 0...2500, using: &rng)) * StackingFixtures.day),
                        expires: expires,
                        isRevoked: Int.random(in: 0..<7, using: &rng) == 0,
                        issuer: issuers.randomElement(using: &rng) ?? issuers[0],
                        assertion: .init(id: "a-\(component.key)-\(copy)", name: "C")
                    )
                )
            }
        }
        let keep = held.map { _ in Bool.random(using: &rng) }
        return StackingScenario(rule: rule, catalogue: catalogue, held: held.shuffled(using: &rng), keep: keep)
    }

    /// A tree over exactly these leaves: groups of them become nested nodes.
    static func tree(
        _ leaves: [StackingRule.Component],
        depth: Int,
        catalogue: StackingCatalogue,
        using rng: inout some RandomNumberGenerator
    ) -> StackingRule.Node {
        if leaves.count == 1, depth > 0 || Bool.random(using: &rng) { return .component(leaves[0]) }
        var children: [StackingRule.Node]
        if depth >= 3 || leaves.count == 1 {
            children = leaves.map { .component($0) }
        } else {
            var rest = leaves[...]
            children = []
            while !rest.isEmpty {
                let size = Int.random(in: 1...max(1, min(rest.count, leaves.count / 2 + 1)), using: &rng)
                children.append(tree(Array(rest.prefix(size)), depth: depth + 1, catalogue: catalogue, using: &rng))
                rest = rest.dropFirst(size)
            }
        }
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: return .allOf(children)
        case 1: return .atLeast(Int.random(in: 1...children.count, using: &rng), of: children)
        default:
            let total = leaves.reduce(0) { $0 + (catalogue.components[$1]?.ects ?? 0) }
            let halves = Int.random(in: 1...Int(total * 2) + 4, using: &rng)
            return .minECTS(Double(halves) / 2, of: children)
        }
    }
}
