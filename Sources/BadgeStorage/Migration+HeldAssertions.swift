extension Migration {
    /// Version 24: stacking judges assertions by columns alone. Assertions gain `expires_at`
    /// (Unix seconds, filled from each stored document), rows from before issuers were columns get
    /// their `issuer_id`, and the recipient index carries every column stacking reads, so judging a
    /// cohort reads the index instead of decoding every assertion's JSON (most of a cohort's time).
    ///
    /// Documents store dates as seconds since 2001-01-01 (Foundation's default), 978,307,200
    /// seconds after the Unix epoch; identifiers as upper-case UUID text, columns as lower-case.
    static let v24HeldAssertions = Migration(
        version: 24,
        name: "held_assertions",
        statements: [
            "ALTER TABLE assertions ADD COLUMN expires_at BIGINT",
            "DROP INDEX assertions_by_recipient",
            "CREATE INDEX assertions_by_recipient ON assertions (recipient_hash, issued_at, id, badge_class_id, issuer_id, revoked_at, expires_at)",
        ],
        engineStatements: [
            .sqlite: [
                """
                UPDATE assertions SET expires_at = CAST(json_extract(body, '$.expires') + 978307200 AS INTEGER)
                WHERE json_extract(body, '$.expires') IS NOT NULL
                """,
                "UPDATE assertions SET issuer_id = lower(json_extract(body, '$.issuer_id')) WHERE issuer_id IS NULL",
            ],
            .postgres: [
                """
                UPDATE assertions SET expires_at = CAST(FLOOR(CAST(CAST(body AS jsonb) ->> 'expires' AS DOUBLE PRECISION) + 978307200) AS BIGINT)
                WHERE CAST(body AS jsonb) ->> 'expires' IS NOT NULL
                """,
                "UPDATE assertions SET issuer_id = LOWER(CAST(body AS jsonb) ->> 'issuer_id') WHERE issuer_id IS NULL",
            ],
        ]
    )
}
