extension Migration {
    /// Version 16: students' access to their own credentials. Sessions and one-time entry tokens
    /// (a launch's hand-off, an access link) are kept by the SHA-256 of their secret, with the
    /// recipient key and the recipient sealed with the key-encryption key; an OpenID Connect sign-in
    /// in progress by the digest of its `state`, bound to the browser by the digest of a cookie; a wallet's shared
    /// selections likewise by the digest of their link's secret. `assertions.private_at` marks an
    /// assertion its recipient made private (the public pages answer 404 for it).
    static let v16StudentAccess = Migration(
        version: 16,
        name: "student_access",
        statements: [
            """
            CREATE TABLE student_sessions (
                token_hash TEXT PRIMARY KEY, recipient_key TEXT NOT NULL, sealed_recipient TEXT NOT NULL,
                form_token TEXT NOT NULL, created_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)
            """,
            "CREATE INDEX student_sessions_by_expiry ON student_sessions (expires_at)",
            "CREATE INDEX student_sessions_by_recipient ON student_sessions (recipient_key)",
            """
            CREATE TABLE student_entry_tokens (
                token_hash TEXT PRIMARY KEY, purpose TEXT NOT NULL, recipient_key TEXT NOT NULL, sealed_recipient TEXT NOT NULL,
                created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, used_at BIGINT)
            """,
            "CREATE INDEX student_entry_tokens_by_expiry ON student_entry_tokens (expires_at)",
            "CREATE INDEX student_entry_tokens_by_recipient ON student_entry_tokens (recipient_key)",
            """
            CREATE TABLE wallet_shares (
                id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, recipient_key TEXT NOT NULL,
                assertion_ids TEXT NOT NULL, created_at BIGINT NOT NULL, revoked_at BIGINT)
            """,
            "CREATE INDEX wallet_shares_by_recipient ON wallet_shares (recipient_key, created_at)",
            """
            CREATE TABLE student_sign_ins (
                state_hash TEXT PRIMARY KEY, provider TEXT NOT NULL, browser_hash TEXT NOT NULL, nonce TEXT NOT NULL,
                code_verifier TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)
            """,
            "CREATE INDEX student_sign_ins_by_expiry ON student_sign_ins (expires_at)",
            "ALTER TABLE assertions ADD COLUMN private_at BIGINT",
        ]
    )
}
