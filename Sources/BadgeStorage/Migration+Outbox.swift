extension Migration {
    /// Version 9: the outbox. Follow-up work of an award or revocation (stacking, LMS
    /// write-back, re-signing) is written in the same transaction as the change and delivered
    /// later; a lease lets several daemons share delivery without doing anything twice at once.
    static let v9Outbox = Migration(
        version: 9,
        name: "outbox",
        statements: [
            """
            CREATE TABLE outbox (
                id TEXT PRIMARY KEY, topic TEXT NOT NULL, subject_id TEXT NOT NULL, institution_id TEXT,
                created_at BIGINT NOT NULL, due_at BIGINT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
                lease_owner TEXT, lease_until BIGINT, delivered_at BIGINT, last_error TEXT)
            """,
            "CREATE INDEX outbox_due ON outbox (delivered_at, due_at)",
        ]
    )
}
