/// One versioned change to the schema: plain SQL statements that run on SQLite and PostgreSQL.
public struct Migration: Sendable {
    /// The schema version this migration brings the database to; versions only grow.
    public let version: Int
    /// A short name for logs and the `schema_migrations` table.
    public let name: String
    /// The statements, run in order in one transaction.
    public let statements: [String]
    /// Statements for one engine only, run after ``statements`` (a backfill that reads stored
    /// JSON, whose functions the engines spell differently).
    public let engineStatements: [BadgeDatabase.Engine: [String]]

    /// Creates a migration.
    public init(version: Int, name: String, statements: [String], engineStatements: [BadgeDatabase.Engine: [String]] = [:]) {
        self.version = version
        self.name = name
        self.statements = statements
        self.engineStatements = engineStatements
    }
}

extension Migration {
    /// Every migration badged knows, oldest first. Append, never edit a released one.
    public static let all: [Migration] = [
        .v1Catalog, .v2LTI, .v3DeepLinking, .v4Issuing, .v5ToolKeys, .v6Idempotency, .v7RegistrationLinks, .v8EDCIImports, .v9Outbox, .v10Outcomes,
        .v11Stacking, .v12ExternalCredentials, .v13IssuerCertificates, .v14CredentialNumbers, .v16StudentAccess, .v17ClaimCodes,
        .v18ExternalIssuerNames, .v19KeyResigning, .v21OutcomeIndexes, .v23ClaimMail, .v24HeldAssertions,
        .v25LaunchStates, .v26ClaimsByClass, .v27OutcomeRecipientPrefix,
    ]

    /// Version 1: the issuer hierarchy, API keys, the audit log and the assertion ledger that
    /// decides whether a badge class's metadata is frozen.
    ///
    /// Every catalogue table has the same shape, so one generic store serves them all:
    /// `id`, `institution_id` (for scoping), `parent_id`, the content as JSON in `body`, and
    /// timestamps in Unix seconds.
    static let v1Catalog = Migration(
        version: 1,
        name: "catalog",
        statements: [
            """
            CREATE TABLE institutions (
                id TEXT PRIMARY KEY, institution_id TEXT NOT NULL, parent_id TEXT,
                identifier TEXT NOT NULL UNIQUE, body TEXT NOT NULL,
                created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, archived_at BIGINT)
            """,
            """
            CREATE TABLE faculties (
                id TEXT PRIMARY KEY, institution_id TEXT NOT NULL REFERENCES institutions (id),
                parent_id TEXT NOT NULL REFERENCES institutions (id), body TEXT NOT NULL,
                created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, archived_at BIGINT)
            """,
            "CREATE INDEX faculties_by_institution ON faculties (institution_id, id)",
            """
            CREATE TABLE issuers (
                id TEXT PRIMARY KEY, institution_id TEXT NOT NULL REFERENCES institutions (id),
                parent_id TEXT NOT NULL REFERENCES faculties (id), body TEXT NOT NULL,
                created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, archived_at BIGINT)
            """,
            "CREATE INDEX issuers_by_institution ON issuers (institution_id, id)",
            """
            CREATE TABLE badge_classes (
                id TEXT PRIMARY KEY, institution_id TEXT NOT NULL REFERENCES institutions (id),
                parent_id TEXT NOT NULL REFERENCES issuers (id), body TEXT NOT NULL,
                created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, archived_at BIGINT)
            """,
            "CREATE INDEX badge_classes_by_institution ON badge_classes (institution_id, id)",
            "CREATE INDEX badge_classes_by_issuer ON badge_classes (parent_id, id)",
            """
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY, institution_id TEXT REFERENCES institutions (id),
                role TEXT NOT NULL, label TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE,
                created_at BIGINT NOT NULL, revoked_at BIGINT)
            """,
            """
            CREATE TABLE assertions (
                id TEXT PRIMARY KEY, badge_class_id TEXT NOT NULL REFERENCES badge_classes (id),
                recipient_hash TEXT NOT NULL, body TEXT NOT NULL,
                issued_at BIGINT NOT NULL, revoked_at BIGINT,
                UNIQUE (badge_class_id, recipient_hash))
            """,
            """
            CREATE TABLE audit_log (
                id TEXT PRIMARY KEY, at BIGINT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
                entity_kind TEXT NOT NULL, entity_id TEXT NOT NULL, institution_id TEXT)
            """,
            "CREATE INDEX audit_log_by_entity ON audit_log (entity_id, at)",
        ]
    )

    /// Version 2: LTI 1.3 platform registrations, login state and spent nonces, so that several
    /// daemons behind one PostgreSQL can each finish a login another one started.
    static let v2LTI = Migration(
        version: 2,
        name: "lti",
        statements: [
            """
            CREATE TABLE lti_platforms (
                id TEXT PRIMARY KEY, institution_id TEXT NOT NULL REFERENCES institutions (id),
                issuer TEXT NOT NULL, client_id TEXT NOT NULL, body TEXT NOT NULL,
                created_at BIGINT NOT NULL, UNIQUE (issuer, client_id))
            """,
            """
            CREATE TABLE lti_launch_states (
                state TEXT PRIMARY KEY, nonce TEXT NOT NULL UNIQUE, body TEXT NOT NULL, expires_at BIGINT NOT NULL)
            """,
            "CREATE INDEX lti_launch_states_by_expiry ON lti_launch_states (expires_at)",
            "CREATE TABLE lti_used_nonces (nonce TEXT PRIMARY KEY, used_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)",
        ]
    )

    /// Version 3: deep-linking picks in progress (single use, short-lived) and the links placed
    /// in courses, which tie a platform's resource link to a badge class.
    static let v3DeepLinking = Migration(
        version: 3,
        name: "deep_linking",
        statements: [
            "CREATE TABLE lti_deep_link_sessions (id TEXT PRIMARY KEY, body TEXT NOT NULL, expires_at BIGINT NOT NULL)",
            """
            CREATE TABLE lti_links (
                id TEXT PRIMARY KEY, issuer TEXT NOT NULL, client_id TEXT NOT NULL, deployment_id TEXT NOT NULL,
                context_id TEXT, badge_class_id TEXT NOT NULL REFERENCES badge_classes (id), created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX lti_links_by_context ON lti_links (issuer, context_id)",
        ]
    )

    /// Version 4: issuing. Assertions gain their issuer, institution and signed form; issuers get
    /// signing keys (private keys sealed with the configured key-encryption key).
    static let v4Issuing = Migration(
        version: 4,
        name: "issuing",
        statements: [
            "ALTER TABLE assertions ADD COLUMN issuer_id TEXT",
            "ALTER TABLE assertions ADD COLUMN institution_id TEXT",
            "ALTER TABLE assertions ADD COLUMN jws TEXT",
            "CREATE INDEX assertions_by_issuer ON assertions (issuer_id, revoked_at)",
            """
            CREATE TABLE issuer_keys (
                id TEXT PRIMARY KEY, issuer_id TEXT NOT NULL REFERENCES issuers (id), public_pem TEXT NOT NULL,
                sealed_private TEXT NOT NULL, created_at BIGINT NOT NULL, retired_at BIGINT)
            """,
            "CREATE INDEX issuer_keys_by_issuer ON issuer_keys (issuer_id, created_at)",
        ]
    )

    /// Version 5: the LTI tool's own signing keys (sealed), shared by every daemon.
    static let v5ToolKeys = Migration(
        version: 5,
        name: "tool_keys",
        statements: [
            """
            CREATE TABLE lti_tool_keys (
                id TEXT PRIMARY KEY, sealed_private TEXT NOT NULL, created_at BIGINT NOT NULL, retired_at BIGINT)
            """
        ]
    )

    /// Version 6: stored responses of requests made with an `Idempotency-Key`, so that a retried
    /// request gets the first response again.
    static let v6Idempotency = Migration(
        version: 6,
        name: "idempotency",
        statements: [
            """
            CREATE TABLE idempotency_keys (
                key_hash TEXT PRIMARY KEY, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
                body TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)
            """,
            "CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at)",
        ]
    )

    /// Version 8: stored EDCI imports: the original XML, the converted edubadges form, the
    /// signature result and the badge class made from it; one per credential and institution.
    static let v8EDCIImports = Migration(
        version: 8,
        name: "edci_imports",
        statements: [
            """
            CREATE TABLE edci_imports (
                id TEXT PRIMARY KEY, institution_id TEXT NOT NULL REFERENCES institutions (id),
                badge_class_id TEXT REFERENCES badge_classes (id), credential_id TEXT NOT NULL,
                learner_hash TEXT NOT NULL, signature_status TEXT NOT NULL, converted TEXT NOT NULL,
                original_xml TEXT NOT NULL, created_at BIGINT NOT NULL, UNIQUE (institution_id, credential_id))
            """
        ]
    )
}
