extension OutboxMessage.Topic {
    /// A grade was decided `issue`; delivery awards it if the intake did not finish (subject: the record).
    public static let outcomeDecided = Self(rawValue: "outcome.decided")
    /// A grade's award was stored (subject: the record); delivery writes the badge back to the LMS.
    public static let outcomeAwarded = Self(rawValue: "outcome.awarded")
}
