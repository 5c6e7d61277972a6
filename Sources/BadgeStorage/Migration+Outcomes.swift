extension Migration {
    /// Version 10: grades to badges. Outcome rules (one per watched item, with a sync lease for
    /// daemons sharing the database), the recorded grades with their decisions (the outcome
    /// audit), the latest grade per rule and user (so an unchanged grade is not processed
    /// again, decided in the same transaction that records it), the learner directory
    /// (platform user → recipient key and sealed recipient), single-use values (JWT ids, OAuth
    /// nonces), LTI 1.1 consumers with sealed secrets, and the courses' service URLs seen at launches.
    static let v10Outcomes = Migration(
        version: 10,
        name: "outcomes",
        statements: [
            """
            CREATE TABLE outcome_rules (
                id TEXT PRIMARY KEY, institution_id TEXT NOT NULL REFERENCES institutions (id),
                badge_class_id TEXT NOT NULL REFERENCES badge_classes (id),
                issuer TEXT NOT NULL, client_id TEXT NOT NULL, context_id TEXT NOT NULL, line_item TEXT, resource_link_id TEXT,
                match_key TEXT NOT NULL UNIQUE, body TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
                sync_owner TEXT, sync_until BIGINT, synced_at BIGINT)
            """,
            "CREATE INDEX outcome_rules_by_course ON outcome_rules (issuer, context_id)",
            """
            CREATE TABLE outcome_events (
                id TEXT PRIMARY KEY, rule_id TEXT NOT NULL, institution_id TEXT NOT NULL, badge_class_id TEXT NOT NULL,
                context_id TEXT NOT NULL, learner_key TEXT NOT NULL, recipient_key TEXT, source TEXT NOT NULL, body TEXT NOT NULL,
                decision TEXT NOT NULL, reason TEXT NOT NULL, assertion_id TEXT, received_at BIGINT NOT NULL,
                decided_at BIGINT NOT NULL, decided_by TEXT NOT NULL, review_comment TEXT)
            """,
            "CREATE INDEX outcome_events_by_learner ON outcome_events (learner_key, decision)",
            "CREATE INDEX outcome_events_by_recipient ON outcome_events (recipient_key, badge_class_id)",
            "CREATE INDEX outcome_events_by_institution ON outcome_events (institution_id, received_at)",
            """
            CREATE TABLE outcome_grades (
                rule_id TEXT NOT NULL, learner_key TEXT NOT NULL, fingerprint TEXT NOT NULL, event_id TEXT NOT NULL,
                PRIMARY KEY (rule_id, learner_key))
            """,
            """
            CREATE TABLE learners (
                learner_key TEXT PRIMARY KEY, recipient_key TEXT NOT NULL, sealed_recipient TEXT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX learners_by_recipient ON learners (recipient_key)",
            "CREATE TABLE single_use (scope TEXT NOT NULL, value_hash TEXT NOT NULL, expires_at BIGINT NOT NULL, PRIMARY KEY (scope, value_hash))",
            """
            CREATE TABLE lti11_consumers (
                consumer_key TEXT PRIMARY KEY, sealed_secret TEXT NOT NULL,
                institution_id TEXT NOT NULL REFERENCES institutions (id), created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE lti_courses (
                issuer TEXT NOT NULL, client_id TEXT NOT NULL, context_id TEXT NOT NULL, title TEXT,
                line_items_url TEXT, memberships_url TEXT, updated_at BIGINT NOT NULL, PRIMARY KEY (issuer, client_id, context_id))
            """,
        ]
    )
}
