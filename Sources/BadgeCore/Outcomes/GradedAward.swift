/// A judged grade decided ``AwardDecision/issue`` together with the signed assertion it issues,
/// so that the grade's gate, its record, the assertion, the audit rows and the outbox messages
/// commit in one transaction (see ``OutcomeEventStore/recordAwarding(_:)``).
public struct GradedAward: Sendable {
    /// The judged grade, decided `issue`.
    public let outcome: RecordedOutcome
    /// The fingerprint the grade's gate compares.
    public let fingerprint: String
    /// The assertion the grade issues, signed when the badge class signs.
    public let assertion: NewAssertion
    /// Whether the grade's rule writes the badge back to the platform's gradebook: only then
    /// does the award leave an `outcome.awarded` message for the write-back to act on.
    public let writesBack: Bool

    /// Pairs a grade with its award.
    public init(outcome: RecordedOutcome, fingerprint: String, assertion: NewAssertion, writesBack: Bool) {
        self.outcome = outcome
        self.fingerprint = fingerprint
        self.assertion = assertion
        self.writesBack = writesBack
    }
}
