public import BadgeCore
public import Foundation
public import OpenBadges

/// How students prove who they are before they see their credentials: a one-time entry token
/// (the hand-off of an LTI student launch, or an access link a registrar issued for one
/// recipient) is spent for a session, kept in the database by the digest of its cookie's secret.
/// An access link is kept by its digest from the start (it can be listed and outlives a
/// launch); a launch's hand-off is sealed into its token (``StudentHandoff``) and recorded only
/// when spent, so a launch writes nothing for it.
///
/// Nothing a student is known by travels in a URL: the session holds the recipient key and the
/// recipient sealed with the key-encryption key.
public struct StudentAccess: Sendable {
    /// How long sessions and tokens live.
    public struct Lifetimes: Hashable, Sendable {
        /// A session's absolute limit (default 8 hours).
        public var session: TimeInterval
        /// A session's idle limit (default 30 minutes).
        public var idle: TimeInterval
        /// A launch's hand-off (default 2 minutes).
        public var handoff: TimeInterval
        /// An access link when the issuer names none (default 3 days).
        public var accessLink: TimeInterval

        /// The longest an access link may live: 7 days.
        public static let maximumAccessLink: TimeInterval = 7 * 86_400

        /// Creates lifetimes; the defaults are badged's.
        public init(session: TimeInterval = 8 * 3_600, idle: TimeInterval = 1_800, handoff: TimeInterval = 120, accessLink: TimeInterval = 3 * 86_400)
        {
            self.session = session
            self.idle = idle
            self.handoff = handoff
            self.accessLink = accessLink
        }
    }

    /// A session just started: the secret for the cookie (shown once), and the session.
    public struct Started: Sendable {
        /// The cookie's secret.
        public let cookieToken: String
        /// The session as stored.
        public let session: StudentSession
    }

    private let store: any StudentSessionStore
    private let spent: any ReplayGuard
    private let assertions: any AssertionStore
    private let encryption: KeyEncryption
    private let random: any RandomSource
    private let clock: any TimeSource
    /// How long sessions and tokens live.
    public let lifetimes: Lifetimes

    /// Creates the use case.
    /// - Parameter spent: where spent launch hand-offs are recorded (single use across daemons).
    public init(
        store: any StudentSessionStore,
        spent: any ReplayGuard,
        assertions: any AssertionStore,
        encryption: KeyEncryption,
        random: any RandomSource,
        clock: any TimeSource,
        lifetimes: Lifetimes = Lifetimes()
    ) {
        self.store = store
        self.spent = spent
        self.assertions = assertions
        self.encryption = encryption
        self.random = random
        self.clock = clock
        self.lifetimes = lifetimes
    }

    /// Issues a one-time entry token for a recipient.
    /// - Parameters:
    ///   - purpose: the entrance it works at.
    ///   - lifetime: how long it works; nil for the purpose's default. Access links live 1 second to 7 days.
    ///   - institutionID: the institution an access link's audit row is filed under (none for an
    ///     operator's or the CLI's link); a launch's hand-off is sealed, stored nowhere, not audited.
    ///   - actor: who issues an access link, for its audit row.
    /// - Returns: the token's secret (a launch's sealed, an access link's kept only as a digest)
    ///   and when it stops working.
    /// - Throws: ``BadgeCoreError`` `.validation` for an invalid recipient or lifetime.
    public func issueEntry(
        for recipient: Recipient,
        purpose: StudentEntryToken.Purpose,
        lifetime: TimeInterval? = nil,
        institutionID: UUID? = nil,
        actor: String = "badged"
    ) async throws -> (
        token: String, expiresAt: Date
    ) {
        try recipient.validate()
        let lifetime = lifetime ?? (purpose == .launch ? lifetimes.handoff : lifetimes.accessLink)
        guard lifetime >= 1, lifetime <= Lifetimes.maximumAccessLink else {
            throw BadgeCoreError.invalid("expires_in", "an access link lives 1 second to 7 days (604800 seconds)")
        }
        let now = clock.now()
        let expiresAt = now.addingTimeInterval(lifetime.rounded(.down))
        if purpose == .launch {
            let handoff = StudentHandoff(
                recipient: recipient,
                expiresAt: Int64(expiresAt.timeIntervalSince1970.rounded(.down)),
                nonce: Digest.hex(random.bytes(16))
            )
            return (try handoff.token(encryption: encryption), expiresAt)
        }
        let token = Digest.hex(random.bytes(32))
        let tokenHash = Digest.sha256Hex(token)
        let random = self.random
        let linkID = UUIDv7Generator(milliseconds: { UInt64(now.timeIntervalSince1970 * 1000) }, randomBytes: { random.bytes(10) }).makeID()
        try await store.createAccessLink(
            StudentEntryToken(
                tokenHash: tokenHash,
                purpose: purpose,
                recipientKey: recipient.key,
                sealedRecipient: try seal(recipient),
                createdAt: now,
                expiresAt: expiresAt
            ),
            linkID: linkID,
            institutionID: institutionID,
            actor: actor
        )
        return (token, expiresAt)
    }

    /// Issues an access link's token for a recipient who holds a credential of `institutionID`
    /// (any institution when nil: an operator, or the CLI on the database).
    /// - Throws: ``BadgeCoreError`` `.notFound` when the recipient holds no credential of the
    ///   institution (a key of one institution cannot open anyone's wallet), `.validation` for an
    ///   invalid recipient or lifetime.
    public func issueAccessLink(
        for recipient: Recipient,
        institutionID: UUID?,
        lifetime: TimeInterval?,
        actor: String
    ) async throws -> (
        token: String, expiresAt: Date
    ) {
        try recipient.validate()
        let holds =
            if let institutionID {
                try await !assertions.held(recipientKey: recipient.key, institutionID: institutionID, limit: 1).isEmpty
            } else {
                try await !assertions.holdings(recipientKey: recipient.key, limit: 1).isEmpty
            }
        guard holds else { throw BadgeCoreError(.notFound, "that recipient holds no credential of your institution", field: "recipient") }
        return try await issueEntry(for: recipient, purpose: .accessLink, lifetime: lifetime, institutionID: institutionID, actor: actor)
    }

    /// Spends an entry token for a new session.
    /// - Returns: nil when the token is unknown, of another purpose, used or expired.
    public func enter(token: String, purpose: StudentEntryToken.Purpose) async throws -> Started? {
        let now = clock.now()
        if purpose == .launch, let handoff = StudentHandoff.opened(token, encryption: encryption) {
            let expiresAt = Date(timeIntervalSince1970: TimeInterval(handoff.expiresAt))
            guard expiresAt > now,
                try await spent.firstUse(scope: "student-handoff", value: Digest.sha256Hex(token), expiresAt: expiresAt, now: now)
            else { return nil }
            return try await start(recipientKey: handoff.recipient.key, sealedRecipient: try seal(handoff.recipient), at: now)
        }
        guard Self.isWellFormed(token) else { return nil }
        guard let entry = try await store.consumeEntry(tokenHash: Digest.sha256Hex(token), purpose: purpose, at: now) else { return nil }
        return try await start(recipientKey: entry.recipientKey, sealedRecipient: entry.sealedRecipient, at: now)
    }

    /// Starts a session for a recipient who proved who they are elsewhere (an OpenID Connect sign-in).
    /// - Throws: ``BadgeCoreError`` `.validation` for an implausible recipient.
    public func signIn(_ recipient: Recipient) async throws -> Started {
        try recipient.validate()
        return try await start(recipientKey: recipient.key, sealedRecipient: try seal(recipient), at: clock.now())
    }

    /// The live session of a cookie's secret, marked used now.
    /// - Returns: nil when there is none, it passed its absolute or idle limit, or it is a
    ///   reviewer's session (``ClaimReviewers``), which opens no wallet.
    public func session(cookieToken: String) async throws -> StudentSession? {
        guard Self.isWellFormed(cookieToken),
            let session = try await store.session(tokenHash: Digest.sha256Hex(cookieToken), at: clock.now(), idleLimit: lifetimes.idle),
            !session.recipientKey.hasPrefix(ClaimReviewScope.keyPrefix)
        else { return nil }
        return session
    }

    /// The recipient a session belongs to.
    public func recipient(of session: StudentSession) throws -> Recipient {
        try open(session.sealedRecipient, recipientKey: session.recipientKey)
    }

    /// Ends a session.
    public func signOut(_ session: StudentSession) async throws {
        try await store.deleteSession(tokenHash: session.tokenHash)
    }

    /// Whether a form's token is the session's (compared in constant time).
    public static func formTokenMatches(_ sent: String?, _ session: StudentSession) -> Bool {
        guard let sent, sent.utf8.count == session.formToken.utf8.count else { return false }
        return zip(sent.utf8, session.formToken.utf8).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Starts a session; the sealed recipient passes through unopened (the CLI that issued an
    /// access link may have sealed it with another ephemeral key when none is configured).
    private func start(recipientKey: String, sealedRecipient: String, at now: Date) async throws -> Started {
        let cookieToken = Digest.hex(random.bytes(32))
        let tokenHash = Digest.sha256Hex(cookieToken)
        let session = StudentSession(
            tokenHash: tokenHash,
            recipientKey: recipientKey,
            sealedRecipient: sealedRecipient,
            formToken: Digest.hex(random.bytes(32)),
            createdAt: now,
            lastSeenAt: now,
            expiresAt: now.addingTimeInterval(lifetimes.session)
        )
        try await store.createSession(session)
        return Started(cookieToken: cookieToken, session: session)
    }

    private func seal(_ recipient: Recipient) throws -> String {
        try encryption.seal(try JSONEncoder().encode(recipient), context: "student:" + recipient.key)
    }

    private func open(_ sealed: String, recipientKey: String) throws -> Recipient {
        try JSONDecoder().decode(Recipient.self, from: try encryption.open(sealed, context: "student:" + recipientKey))
    }

    /// Whether a secret has the shape badged issues (64 lower-case hex digits).
    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 64 && token.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
