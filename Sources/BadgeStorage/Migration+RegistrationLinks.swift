extension Migration {
    /// Version 7: one-time LTI Dynamic Registration links. Only a digest of each link's secret
    /// is stored; a link is spent on first use.
    static let v7RegistrationLinks = Migration(
        version: 7,
        name: "lti_registration_links",
        statements: [
            """
            CREATE TABLE lti_registration_links (
                token_hash TEXT PRIMARY KEY, institution_id TEXT NOT NULL REFERENCES institutions (id),
                created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, used_at BIGINT)
            """
        ]
    )
}
