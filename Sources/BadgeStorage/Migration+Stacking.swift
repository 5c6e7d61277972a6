extension Migration {
    /// Version 11: stacking. One rule per composite badge class, a component index (which
    /// composites name a badge class or external id: one indexed query on every award and
    /// revocation), the flags of held composites that lost a component, an index to find a
    /// recipient's assertions across institutions, and a `detail` on audit rows (stacking names
    /// the component that caused a flag or revocation there).
    static let v11Stacking = Migration(
        version: 11,
        name: "stacking",
        statements: [
            """
            CREATE TABLE stacking_rules (
                composite_class_id TEXT PRIMARY KEY REFERENCES badge_classes (id),
                institution_id TEXT NOT NULL REFERENCES institutions (id),
                body TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE stacking_components (
                component TEXT NOT NULL, composite_class_id TEXT NOT NULL REFERENCES stacking_rules (composite_class_id),
                PRIMARY KEY (component, composite_class_id))
            """,
            """
            CREATE TABLE stacking_flags (
                composite_assertion_id TEXT PRIMARY KEY, composite_class_id TEXT NOT NULL, institution_id TEXT NOT NULL,
                component_assertion_id TEXT NOT NULL, component TEXT NOT NULL, flagged_at BIGINT NOT NULL)
            """,
            "CREATE INDEX stacking_flags_by_institution ON stacking_flags (institution_id, flagged_at)",
            "CREATE INDEX assertions_by_recipient ON assertions (recipient_hash, issued_at)",
            "ALTER TABLE audit_log ADD COLUMN detail TEXT",
        ]
    )
}
