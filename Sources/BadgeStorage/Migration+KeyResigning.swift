extension Migration {
    /// Version 19: key rotation re-signs. An issuer key can be revoked (a rotation for
    /// compromise), and each rotation's re-signing job keeps its cursor and the one outbox message
    /// allowed to do its next page, so it resumes after a crash and is never done twice.
    static let v19KeyResigning = Migration(
        version: 19,
        name: "key_resigning",
        statements: [
            "ALTER TABLE issuer_keys ADD COLUMN revoked_at BIGINT",
            """
            CREATE TABLE key_resign_jobs (
                id TEXT PRIMARY KEY, issuer_id TEXT NOT NULL REFERENCES issuers (id), institution_id TEXT,
                key_id TEXT NOT NULL REFERENCES issuer_keys (id), replaced_key_id TEXT, reason TEXT NOT NULL,
                cursor_id TEXT, resigned BIGINT NOT NULL, next_message_id TEXT,
                created_at BIGINT NOT NULL, completed_at BIGINT)
            """,
            "CREATE INDEX key_resign_jobs_by_issuer ON key_resign_jobs (issuer_id, created_at)",
            "CREATE INDEX assertions_by_issuer_id ON assertions (issuer_id, id)",
        ]
    )
}
