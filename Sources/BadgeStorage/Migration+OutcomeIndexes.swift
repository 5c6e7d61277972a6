extension Migration {
    /// Version 21: recorded grades are indexed by learner only while a query looks for them that
    /// way: a grade waiting for its award (`issue`) or for its student (`unmapped`). Most grades
    /// are decided at once and never looked up by learner again, so each of them no longer costs
    /// an insert at a random place of an index the size of the whole grade history (the latest
    /// grade of a rule and learner is found through `outcome_grades`, which names it).
    ///
    /// The predicates are literals, as the queries that use these indexes write them: SQLite uses
    /// a partial index only when the query's own terms imply its `WHERE`.
    ///
    /// Spent single-use values (launch nonces, hand-offs, JWT ids) are swept by expiry within
    /// their scope: an index on both keeps that sweep from reading every value of the scope on
    /// each launch.
    static let v21OutcomeIndexes = Migration(
        version: 21,
        name: "outcome_indexes",
        statements: [
            "DROP INDEX outcome_events_by_learner",
            "CREATE INDEX outcome_events_awaiting_award ON outcome_events (learner_key, rule_id) WHERE decision = 'issue'",
            "CREATE INDEX outcome_events_unmapped ON outcome_events (learner_key, received_at) WHERE decision = 'unmapped'",
            "CREATE INDEX single_use_by_expiry ON single_use (scope, expires_at)",
        ]
    )
}
