extension Migration {
    /// Version 23: claims by e-mail address waiting for their confirmation link. A request keeps
    /// the address (to mail it and, once confirmed, to claim for it) until it is confirmed —
    /// which deletes it, so a link confirms once — or swept after it expires.
    static let v23ClaimMail = Migration(
        version: 23,
        name: "claim_mail_requests",
        statements: [
            """
            CREATE TABLE claim_mail_requests (
                id TEXT PRIMARY KEY, code_id TEXT NOT NULL REFERENCES claim_codes (id), institution_id TEXT NOT NULL,
                address TEXT NOT NULL, body TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)
            """,
            "CREATE INDEX claim_mail_requests_by_address ON claim_mail_requests (address)",
            "CREATE INDEX claim_mail_requests_by_expiry ON claim_mail_requests (expires_at)",
        ]
    )
}
