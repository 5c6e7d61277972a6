extension Migration {
    /// Version 12: external credentials on recipients' records (verified OB 2.0 assertions from
    /// elsewhere), by recipient key, one per recipient and assertion id, found per recipient and
    /// component when stacking runs.
    static let v12ExternalCredentials = Migration(
        version: 12,
        name: "external_credentials",
        statements: [
            """
            CREATE TABLE external_credentials (
                id TEXT PRIMARY KEY, recipient_key TEXT NOT NULL, kind TEXT NOT NULL, component_id TEXT NOT NULL,
                assertion_id TEXT NOT NULL, name TEXT NOT NULL, ects DOUBLE PRECISION, issued_at BIGINT NOT NULL,
                expires_at BIGINT, issuer_id TEXT NOT NULL, source TEXT NOT NULL, verified_at BIGINT NOT NULL,
                status TEXT NOT NULL, UNIQUE (recipient_key, assertion_id))
            """,
            "CREATE INDEX external_credentials_by_component ON external_credentials (recipient_key, component_id)",
        ]
    )
}

extension Migration {
    /// Version 18: the issuer's name of an external credential, as its profile gave it when the
    /// credential was added, for the student's wallet (nullable: rows added before have none).
    static let v18ExternalIssuerNames = Migration(
        version: 18,
        name: "external_credential_issuer_names",
        statements: ["ALTER TABLE external_credentials ADD COLUMN issuer_name TEXT"]
    )
}
