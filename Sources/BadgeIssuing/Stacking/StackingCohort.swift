public import BadgeCore
public import Foundation

/// Evaluates one composite badge class's stacking rule for its whole cohort: every recipient
/// holding an unrevoked assertion of one of the rule's local component classes, read page by
/// page. Each recipient is judged with ``Stacker/assess(recipientKey:composites:)``; with
/// `issue: true`, those who qualify and do not hold the composite get it through the path
/// ``Stacker/run(after:)`` uses, so a repeated run issues nothing more.
///
/// Used after a rule is set or changed, when recipients already hold its components (stacking
/// runs otherwise only when one of their assertions changes). Recipients are reported by a
/// short digest of their recipient key, never by identity.
public struct StackingCohort: Sendable {
    /// The recipient keys read per page.
    public static let pageSize = 500

    /// One recipient's standing.
    public struct Member: Hashable, Sendable {
        /// The first 12 hex digits of the SHA-256 of the recipient key: enough to tell
        /// recipients apart in a report, and no identity.
        public let recipient: String
        /// Whether the rule is met.
        public let isSatisfied: Bool
        /// The verdict's sentence, such as "24 of 30 EC; still needed: Data Ethics."
        public let explanation: String
        /// Whether the recipient held an assertion of the composite before this run (revoked included).
        public let holdsComposite: Bool
        /// The composite assertion this run issued to the recipient, if any.
        public let issued: UUID?
    }

    /// The cohort's standing under one rule.
    public struct Report: Sendable {
        /// The rule.
        public let rule: StoredStackingRule
        /// The composite badge class.
        public let composite: Record<BadgeClass>
        /// Every recipient holding a local component, by recipient key order.
        public let members: [Member]

        /// The members who meet the rule.
        public var qualifying: [Member] { members.filter(\.isSatisfied) }
        /// The members who meet the rule and held no composite before this run.
        public var due: [Member] { members.filter { $0.isSatisfied && !$0.holdsComposite } }
        /// The composite assertions this run issued.
        public var issued: [UUID] { members.compactMap(\.issued) }
    }

    let stacker: Stacker

    /// Creates the use case on the stacker's ports and awarding path.
    public init(stacker: Stacker) {
        self.stacker = stacker
    }

    /// Judges every recipient holding a local component of the composite's rule and, with
    /// `issue`, issues the composite to those who qualify and do not hold it.
    /// - Parameters:
    ///   - compositeClassID: the composite badge class whose rule is evaluated.
    ///   - issue: whether to issue (false: a dry run that changes nothing).
    ///   - actor: the audit actor of issued composites.
    ///   - allowed: whether the caller may act for an institution.
    /// - Returns: the report; rules naming only external components have an empty cohort.
    /// - Throws: ``BadgeCoreError`` `.notFound` without a rule the caller may use, or when the
    ///   composite badge class is gone.
    public func evaluate(compositeClassID: UUID, issue: Bool, actor: String, allowed: (UUID) -> Bool) async throws -> Report {
        guard let report = try await evaluate(compositeClassIDs: [compositeClassID], issue: issue, actor: actor, allowed: allowed).first else {
            throw BadgeCoreError(.notFound, "the badge class has no stacking rule")
        }
        return report
    }

    /// ``evaluate(compositeClassID:issue:actor:allowed:)`` of several composites in one pass:
    /// every recipient holding a local component of any of their rules is read once (a page of
    /// recipients and their holdings in one query each, the badge classes once per run) and
    /// judged under each rule naming one of their unrevoked classes, so each report has exactly
    /// the members it would have alone.
    /// A composite issued by this run that is itself a component of another counts for the
    /// other when its outbox message is delivered, as after any award.
    /// - Returns: one report per composite, in the order given (duplicates once).
    /// - Throws: as the single evaluation does, for the first composite without a usable rule.
    public func evaluate(compositeClassIDs: [UUID], issue: Bool, actor: String, allowed: (UUID) -> Bool) async throws -> [Report] {
        var rules: [StoredStackingRule] = []
        var composites: [Record<BadgeClass>] = []
        for id in compositeClassIDs where !rules.contains(where: { $0.compositeClassID == id }) {
            guard let stored = try await stacker.rules.find(compositeClassID: id), allowed(stored.institutionID) else {
                throw BadgeCoreError(.notFound, "the badge class has no stacking rule")
            }
            guard let composite = try await stacker.catalog.find(BadgeClass.self, id: id) else {
                throw BadgeCoreError(.notFound, "the composite badge class no longer exists")
            }
            rules.append(stored)
            composites.append(composite)
        }
        let components = rules.map { stored in
            Set(stored.rule.components.compactMap { component -> UUID? in
                if case .badgeClass(let id) = component { return id }
                return nil
            })
        }
        let all = Array(components.reduce(into: Set<UUID>()) { $0.formUnion($1) })
        var members: [[Member]] = Array(repeating: [], count: rules.count)
        var classes = Stacker.Classes()
        var pages = CohortRecipientKeys(holdingAnyOf: all, in: stacker.assertions)
        // The next page's holdings are read while this page is judged.
        var keys = try await pages.next(limit: Self.pageSize)
        var reading = keys.isEmpty ? nil : read(keys)
        defer { reading?.cancel() }
        while let current = reading {
            let holdings = try await current.value
            let page = keys
            keys = try await pages.next(limit: Self.pageSize)
            reading = keys.isEmpty ? nil : read(keys)
            try await classes.load(for: rules, holdings: holdings.values.flatMap { $0 }, from: stacker.catalog)
            let judge = Judging(stacker: stacker, rules: rules, components: components, classes: classes, issue: issue, actor: actor)
            // A dry run judges the page's halves on both cores; issuing goes one recipient at a time.
            let halves = issue ? [page[...]] : [page.prefix(page.count / 2), page.dropFirst(page.count / 2)]
            let judged = try await withThrowingTaskGroup(of: (Int, [[Member]]).self) { group in
                for (index, half) in halves.enumerated() {
                    group.addTask { (index, try await judge.members(of: half, holdings: holdings)) }
                }
                var judged = Array(repeating: [[Member]](), count: halves.count)
                for try await (index, members) in group { judged[index] = members }
                return judged
            }
            for half in judged {
                for (index, found) in half.enumerated() { members[index] += found }
            }
        }
        return rules.indices.map { Report(rule: rules[$0], composite: composites[$0], members: members[$0]) }
    }

    /// Judges recipients under the rules naming their unrevoked classes, and with `issue` issues.
    private struct Judging: Sendable {
        let stacker: Stacker
        let rules: [StoredStackingRule]
        /// The local component classes of each rule.
        let components: [Set<UUID>]
        let classes: Stacker.Classes
        let issue: Bool
        let actor: String

        /// The members found among `keys`, per rule, in key order.
        func members(of keys: ArraySlice<String>, holdings: [String: [HeldAssertion]]) async throws -> [[Member]] {
            var members: [[Member]] = Array(repeating: [], count: rules.count)
            for key in keys {
                let held = holdings[key] ?? []
                let live = Set(held.filter { !$0.isRevoked }.map(\.badgeClassID))
                let indices = rules.indices.filter { !components[$0].isDisjoint(with: live) }
                guard !indices.isEmpty else { continue }
                let digest = StackingCohort.digest(of: key)
                let assessments = try await stacker.assess(recipientKey: key, holdings: held, composites: indices.map { rules[$0] }, classes: classes)
                for assessment in assessments {
                    guard let index = indices.first(where: { rules[$0].compositeClassID == assessment.rule.compositeClassID }) else { continue }
                    var issued: UUID?
                    if issue, assessment.verdict.isSatisfied, assessment.held == nil, let oldest = assessment.oldestHolding,
                        let recipient = try await stacker.assertions.find(id: oldest)?.assertion.recipient
                    {
                        issued = try await stacker.issue(assessment, to: recipient, recipientKey: key, actor: actor)
                    }
                    members[index].append(
                        Member(
                            recipient: digest,
                            isSatisfied: assessment.verdict.isSatisfied,
                            explanation: assessment.verdict.explanation,
                            holdsComposite: assessment.held != nil,
                            issued: issued
                        )
                    )
                }
            }
            return members
        }
    }

    /// Starts reading the holdings of a page of recipients.
    private func read(_ keys: [String]) -> Task<[String: [HeldAssertion]], any Error> {
        Task { [assertions = stacker.assertions] in try await assertions.heldAssertions(recipientKeys: keys, limit: Stacker.maximumHoldings) }
    }

    /// The short digest that stands for a recipient key in reports.
    public static func digest(of recipientKey: String) -> String {
        String(Digest.sha256Hex(recipientKey).prefix(12))
    }
}
