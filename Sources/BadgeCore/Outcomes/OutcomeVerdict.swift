/// What a rule says of one grade, with the sentence that explains it.
public struct OutcomeVerdict: Hashable, Sendable {
    /// The verdict's kind.
    public enum Kind: String, Hashable, Sendable {
        /// The grade earns the badge.
        case passes
        /// The grade does not earn the badge.
        case fails
        /// The grade cannot be judged yet (not fully graded, no score).
        case notReady = "not_ready"
    }

    /// The kind.
    public let kind: Kind
    /// One sentence a student or instructor understands, such as "5.2 of 10 in Unit 1 Quiz on
    /// 2026-11-20 is below the rule's 5.5".
    public let reason: String

    /// Creates a verdict.
    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }
}
