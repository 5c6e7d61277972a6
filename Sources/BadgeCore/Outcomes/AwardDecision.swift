/// What badged does with a judged grade, and the state its event is kept in.
public enum AwardDecision: String, Hashable, Sendable, Codable, CaseIterable {
    /// The user cannot be mapped to a recipient yet; decided again once the mapping is known.
    case unmapped
    /// The grade cannot be judged yet.
    case notReady = "not_ready"
    /// The grade does not earn the badge.
    case notAwarded = "not_awarded"
    /// The badge is being issued (the award commits with the event's next state).
    case issue
    /// The badge was issued for this event.
    case awarded
    /// The recipient already held the badge.
    case alreadyHeld = "already_held"
    /// Waiting for an instructor's or registrar's approval.
    case pending
    /// Approval was denied.
    case denied
    /// A later grade no longer passes; the badge stays (rule policy `keep`).
    case kept
    /// A later grade no longer passes; the award waits for review (rule policy `flag`).
    case flagged
    /// A later grade no longer passes; the badge was revoked (rule policy `revoke`).
    case revoked

    /// Whether an event in this state still needs work by badged (not by a person).
    public var isOpen: Bool { self == .unmapped || self == .issue }

    /// The decision for a verdict.
    /// - Parameters:
    ///   - verdict: the rule's verdict on the grade.
    ///   - rule: the rule.
    ///   - isMapped: whether the user maps to a recipient.
    ///   - holdsBadge: whether the recipient holds the rule's badge class (unrevoked).
    public static func decide(_ verdict: OutcomeVerdict, rule: OutcomeRule, isMapped: Bool, holdsBadge: Bool) -> AwardDecision {
        guard isMapped else { return .unmapped }
        switch verdict.kind {
        case .notReady: return .notReady
        case .passes:
            if holdsBadge { return .alreadyHeld }
            return rule.action == .issue ? .issue : .pending
        case .fails:
            guard holdsBadge else { return .notAwarded }
            switch rule.onFallBelow {
            case .keep: return .kept
            case .flag: return .flagged
            case .revoke: return .revoked
            }
        }
    }
}
