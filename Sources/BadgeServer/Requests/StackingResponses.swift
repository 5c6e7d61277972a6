import BadgeCore
import BadgeIssuing
import Foundation
import OpenBadges

/// A stacking rule as the API answers it: the rule's own JSON shape, with the composite and
/// its institution.
struct StackingRuleResponse: Encodable {
    let stored: StoredStackingRule

    init(_ stored: StoredStackingRule) { self.stored = stored }

    enum CodingKeys: String, CodingKey {
        case badgeClassID = "badge_class_id", institutionID = "institution_id", createdAt = "created_at", updatedAt = "updated_at"
    }

    func encode(to encoder: any Encoder) throws {
        try stored.rule.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(stored.compositeClassID.uuidString.lowercased(), forKey: .badgeClassID)
        try container.encode(stored.institutionID.uuidString.lowercased(), forKey: .institutionID)
        try container.encode(stored.createdAt, forKey: .createdAt)
        try container.encode(stored.updatedAt, forKey: .updatedAt)
    }
}

/// One composite in a recipient's progress: met or not, held or not, the sentence for the
/// student, and the progress of every node of the rule.
struct StackingProgressResponse: Encodable {
    struct Node: Encodable {
        let path: String
        let kind: String
        let label: String?
        let satisfied: Bool
        /// `requirements` or `ects`.
        let unit: String
        let have: Double
        let need: Double
        let children: [Node]

        init(_ progress: StackingProgress) {
            path = progress.path
            kind = progress.kind
            label = progress.label
            satisfied = progress.isSatisfied
            switch progress.measure {
            case .requirements(let had, let needed): (unit, have, need) = ("requirements", Double(had), Double(needed))
            case .ects(let had, let needed): (unit, have, need) = ("ects", had, needed)
            }
            children = progress.children.map(Node.init)
        }
    }

    let badgeClassID: String
    let name: String
    let satisfied: Bool
    let held: Bool
    let heldAssertion: String?
    let explanation: String
    let countedECTS: Double
    let progress: Node

    enum CodingKeys: String, CodingKey {
        case badgeClassID = "badge_class_id", name, satisfied, held, heldAssertion = "held_assertion", explanation
        case countedECTS = "counted_ects", progress
    }

    init(_ assessment: Stacker.Assessment, urls: PublicURLs) {
        badgeClassID = assessment.composite.id.uuidString.lowercased()
        name = assessment.composite.name.preferred(assessment.composite.language)
        satisfied = assessment.verdict.isSatisfied
        let unrevoked = assessment.held.flatMap { $0.isRevoked ? nil : $0 }
        held = unrevoked != nil
        heldAssertion = unrevoked.map { urls.assertion($0.id) }
        explanation = assessment.verdict.explanation
        countedECTS = assessment.verdict.counted.reduce(0) { $0 + ($1.ects ?? 0) }
        progress = Node(assessment.verdict.progress)
    }
}
