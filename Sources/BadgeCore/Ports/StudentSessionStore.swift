public import Foundation

/// A signed-in student's session, kept by the SHA-256 of its cookie's secret.
public struct StudentSession: Hashable, Sendable {
    /// The hex SHA-256 of the cookie's secret.
    public let tokenHash: String
    /// The recipient key of the student (see `Recipient.key`).
    public let recipientKey: String
    /// The recipient, sealed with the key-encryption key.
    public let sealedRecipient: String
    /// The secret every form of the session posts back (against cross-site requests).
    public let formToken: String
    /// When the student signed in.
    public let createdAt: Date
    /// When the session was last used (the idle limit counts from here).
    public var lastSeenAt: Date
    /// When the session ends however active it is (the absolute limit).
    public let expiresAt: Date

    /// Creates a session.
    public init(
        tokenHash: String,
        recipientKey: String,
        sealedRecipient: String,
        formToken: String,
        createdAt: Date,
        lastSeenAt: Date,
        expiresAt: Date
    ) {
        self.tokenHash = tokenHash
        self.recipientKey = recipientKey
        self.sealedRecipient = sealedRecipient
        self.formToken = formToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
    }
}

/// A one-time, short-lived secret that starts a student session: the hand-off from an LTI
/// launch, or an access link a registrar sent.
public struct StudentEntryToken: Hashable, Sendable {
    /// Where the token came from; a token is spent only through its own entrance.
    public enum Purpose: String, Hashable, Sendable {
        /// The "open my wallet" hand-off of a student's LTI launch.
        case launch
        /// A time-limited access link issued for one recipient.
        case accessLink = "access_link"
        /// A time-limited reviewer access link: it starts a reviewer session for one
        /// ``ClaimReviewScope`` (its key stands where a student's recipient key would).
        case reviewLink = "review_link"
    }

    /// The hex SHA-256 of the secret.
    public let tokenHash: String
    /// Where it came from.
    public let purpose: Purpose
    /// The recipient key of the student.
    public let recipientKey: String
    /// The recipient, sealed with the key-encryption key.
    public let sealedRecipient: String
    /// When it was issued.
    public let createdAt: Date
    /// When it stops working.
    public let expiresAt: Date

    /// Creates a token record.
    public init(tokenHash: String, purpose: Purpose, recipientKey: String, sealedRecipient: String, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.purpose = purpose
        self.recipientKey = recipientKey
        self.sealedRecipient = sealedRecipient
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// An OpenID Connect sign-in under way: what the browser's return must match.
public struct StudentSignInState: Hashable, Sendable {
    /// The hex SHA-256 of the `state` sent to the provider.
    public let stateHash: String
    /// The configured provider's id.
    public let provider: String
    /// The hex SHA-256 of the browser's sign-in cookie.
    public let browserHash: String
    /// The `nonce` the id_token must carry.
    public let nonce: String
    /// The PKCE code verifier.
    public let codeVerifier: String
    /// When the sign-in started.
    public let createdAt: Date
    /// When it can no longer finish.
    public let expiresAt: Date

    /// Creates a sign-in state.
    public init(stateHash: String, provider: String, browserHash: String, nonce: String, codeVerifier: String, createdAt: Date, expiresAt: Date) {
        self.stateHash = stateHash
        self.provider = provider
        self.browserHash = browserHash
        self.nonce = nonce
        self.codeVerifier = codeVerifier
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// The storage port for student sessions and the one-time tokens that start them. Several
/// daemons share it, so a session started on one is valid on all.
public protocol StudentSessionStore: Sendable {
    /// Stores an access link's entry token (purpose `accessLink`) with an audit row
    /// ``StudentEntryToken/accessLinkAuditAction`` about the link (`student_access_link`,
    /// `linkID`) in `institutionID` (none for an operator's or the CLI's link), in one
    /// transaction. The row's detail is ``StudentEntryToken/accessLinkAuditDetail(expiresAt:)``:
    /// never the secret, its digest or the recipient.
    func createAccessLink(_ token: StudentEntryToken, linkID: UUID, institutionID: UUID?, actor: String) async throws
    /// Stores a reviewer link's entry token (purpose `reviewLink`) with an audit row
    /// ``ClaimReviewScope/issueAuditAction`` about the link (`claim_review_link`, its
    /// ``ClaimReviewScope/linkID``) in the scope's institution, in one transaction. The row's
    /// detail is ``ClaimReviewScope/auditDetail(expiresAt:)``: never the secret or its digest.
    func createReviewLink(_ token: StudentEntryToken, scope: ClaimReviewScope, actor: String) async throws
    /// Spends an entry token: returns it if it exists, has `purpose`, is unused and has not
    /// expired at `now`, and marks it used (of concurrent uses, one wins).
    func consumeEntry(tokenHash: String, purpose: StudentEntryToken.Purpose, at now: Date) async throws -> StudentEntryToken?
    /// Stores a new session, removing sessions and entry tokens that ended before `session.createdAt`.
    func createSession(_ session: StudentSession) async throws
    /// The session if it exists, has not reached its absolute end and was used less than
    /// `idleLimit` before `now`; marks it used at `now`. An ended session is deleted.
    func session(tokenHash: String, at now: Date, idleLimit: TimeInterval) async throws -> StudentSession?
    /// Deletes a session (sign-out); deleting one that does not exist does nothing.
    func deleteSession(tokenHash: String) async throws
    /// Stores a sign-in under way.
    func createSignIn(_ state: StudentSignInState) async throws
    /// Takes a sign-in under way (it works once): returns it if it exists and has not expired at `now`.
    func takeSignIn(stateHash: String, at now: Date) async throws -> StudentSignInState?
    /// Deletes every session and entry token of a recipient key (erasure); returns how many.
    func forget(recipientKey: String) async throws -> Int
}

extension StudentEntryToken {
    /// The action of the audit row written when an access link is issued.
    public static let accessLinkAuditAction = "student_access_link.issue"

    /// The detail of an access link's audit row: when it stops working, e.g.
    /// `expires_at:2026-12-08T10:00:00Z`.
    public static func accessLinkAuditDetail(expiresAt: Date) -> String {
        "expires_at:" + expiresAt.formatted(.iso8601)
    }
}
