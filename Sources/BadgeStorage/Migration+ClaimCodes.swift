extension Migration {
    /// Version 17: claim codes and the claims made with them. A code is kept by the SHA-256 of
    /// its secret only (a copy of the database hands out no codes); `uses` counts its issued and
    /// pending claims and is taken in the claim's own transaction by a conditional update, so a
    /// limited code never gives more claims than it allows. A claim names its recipient by key
    /// and, in its body, hashed as the assertion publishes it; one claim per code and recipient.
    static let v17ClaimCodes = Migration(
        version: 17,
        name: "claim_codes",
        statements: [
            """
            CREATE TABLE claim_codes (
                id TEXT PRIMARY KEY, code_hash TEXT NOT NULL UNIQUE, badge_class_id TEXT NOT NULL REFERENCES badge_classes (id),
                institution_id TEXT NOT NULL, label TEXT, max_uses BIGINT, uses BIGINT NOT NULL, expires_at BIGINT,
                requires_evidence INTEGER NOT NULL, created_at BIGINT NOT NULL, disabled_at BIGINT)
            """,
            "CREATE INDEX claim_codes_by_class ON claim_codes (badge_class_id, created_at)",
            """
            CREATE TABLE claims (
                id TEXT PRIMARY KEY, code_id TEXT NOT NULL REFERENCES claim_codes (id), badge_class_id TEXT NOT NULL,
                institution_id TEXT NOT NULL, recipient_key TEXT NOT NULL, state TEXT NOT NULL, body TEXT NOT NULL,
                created_at BIGINT NOT NULL, UNIQUE (code_id, recipient_key))
            """,
            "CREATE INDEX claims_by_state ON claims (state, institution_id, created_at)",
            "CREATE INDEX claims_by_recipient ON claims (recipient_key)",
        ]
    )
}
