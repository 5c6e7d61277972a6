extension Migration {
    /// Version 14: every assertion's credential number (`UH-7K3M-Q9PX`), unique, in a table of its
    /// own so that the assertion rows stay as they are. New assertions get theirs in the award's
    /// transaction; older ones when their number is first asked for.
    static let v14CredentialNumbers = Migration(
        version: 14,
        name: "credential_numbers",
        statements: [
            """
            CREATE TABLE credential_numbers (
                number TEXT PRIMARY KEY,
                assertion_id TEXT NOT NULL UNIQUE REFERENCES assertions (id))
            """
        ]
    )
}
