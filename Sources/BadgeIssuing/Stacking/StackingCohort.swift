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
        guard let stored = try await stacker.rules.find(compositeClassID: compositeClassID), allowed(stored.institutionID) else {
            throw BadgeCoreError(.notFound, "the badge class has no stacking rule")
        }
        guard let composite = try await stacker.catalog.find(BadgeClass.self, id: compositeClassID) else {
            throw BadgeCoreError(.notFound, "the composite badge class no longer exists")
        }
        let components = stored.rule.components.compactMap { component -> UUID? in
            if case .badgeClass(let id) = component { return id }
            return nil
        }
        var members: [Member] = []
        var cursor: String?
        while !components.isEmpty {
            let keys = try await stacker.assertions.recipientKeys(holdingAnyOf: components, after: cursor, limit: Self.pageSize)
            for key in keys {
                guard let assessment = try await stacker.assess(recipientKey: key, composites: [stored]).first else { continue }
                var issued: UUID?
                if issue, let recipient = assessment.recipient {
                    issued = try await stacker.issue(assessment, to: recipient, recipientKey: key, actor: actor)
                }
                members.append(
                    Member(
                        recipient: Self.digest(of: key),
                        isSatisfied: assessment.verdict.isSatisfied,
                        explanation: assessment.verdict.explanation,
                        holdsComposite: assessment.held != nil,
                        issued: issued
                    )
                )
            }
            guard keys.count == Self.pageSize, let last = keys.last else { break }
            cursor = last
        }
        return Report(rule: stored, composite: composite, members: members)
    }

    /// The short digest that stands for a recipient key in reports.
    public static func digest(of recipientKey: String) -> String {
        String(Digest.sha256Hex(recipientKey).prefix(12))
    }
}
