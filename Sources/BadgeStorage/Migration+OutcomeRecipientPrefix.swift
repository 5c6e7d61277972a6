extension Migration {
    /// Version 27: recorded grades are found by recipient through the first 16 hex digits of the
    /// recipient key (64 bits) instead of the whole key with the badge class.
    ///
    /// Every recorded grade adds an entry at a random place of this index, and each commit writes
    /// every index page it touched: entries of a quarter of the size touch a quarter of the pages.
    /// Recording a sync's grades cost 7–12 % less CPU with it at 100,000 grades (`bench outcomes`,
    /// the recording share, in alternating runs). Queries name the same expression, so both engines use the index, and compare the
    /// whole key as well.
    static let v27OutcomeRecipientPrefix = Migration(
        version: 27,
        name: "outcome_recipient_prefix",
        statements: [
            "DROP INDEX outcome_events_by_recipient",
            "CREATE INDEX outcome_events_by_recipient_prefix ON outcome_events (substr(recipient_key, 1, 16))",
        ]
    )
}
