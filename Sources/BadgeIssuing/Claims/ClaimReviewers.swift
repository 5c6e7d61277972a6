public import BadgeCore
import Crypto
public import Foundation

/// Reviewers who are in no LMS, such as the mentors of a Cities of Learning code: a registrar
/// issues a time-limited, single-use reviewer access link for one institution (optionally one
/// badge class); spending it starts a reviewer session in which the holder sees the waiting
/// claims of that scope and approves or denies them through ``ClaimCodes``' review.
///
/// Links and sessions reuse the student machinery: the link is a ``StudentEntryToken`` of purpose
/// `reviewLink` and the session a ``StudentSession``, both kept by the digest of their secret,
/// with the scope's key where a student's recipient key would be. The session's
/// `sealedRecipient` holds instead a random secret that keys the claimants' pseudonyms.
public struct ClaimReviewers: Sendable {
    /// A link just issued: its secret (shown once), when it stops working, and its scope.
    public struct Link: Sendable {
        /// The link's secret.
        public let token: String
        /// When it stops working.
        public let expiresAt: Date
        /// What it lets its holder review.
        public let scope: ClaimReviewScope
    }

    /// A live reviewer session and what it may review.
    public struct Reviewer: Sendable {
        /// The session (its form token guards every review).
        public let session: StudentSession
        /// What it may review.
        public let scope: ClaimReviewScope
    }

    /// A session just started: the secret for the cookie (shown once), and the reviewer.
    public struct Started: Sendable {
        /// The cookie's secret.
        public let cookieToken: String
        /// The reviewer.
        public let reviewer: Reviewer
    }

    private let store: any StudentSessionStore
    private let claims: ClaimCodes
    private let catalog: any CatalogStore
    private let random: any RandomSource
    private let ids: any IDGenerator
    private let clock: any TimeSource
    /// How long links and sessions live (the students' lifetimes).
    public let lifetimes: StudentAccess.Lifetimes

    /// Creates the use case.
    public init(
        store: any StudentSessionStore,
        claims: ClaimCodes,
        catalog: any CatalogStore,
        random: any RandomSource,
        ids: any IDGenerator,
        clock: any TimeSource,
        lifetimes: StudentAccess.Lifetimes = StudentAccess.Lifetimes()
    ) {
        self.store = store
        self.claims = claims
        self.catalog = catalog
        self.random = random
        self.ids = ids
        self.clock = clock
        self.lifetimes = lifetimes
    }

    /// Issues a reviewer access link.
    /// - Parameters:
    ///   - institutionID: the institution; nil to take the badge class's.
    ///   - badgeClassID: the one badge class to review; nil for the whole institution.
    ///   - lifetime: seconds the link works (1 to 7 days); nil for `students.access_link.lifetime`.
    ///   - actor: who issues it (an API key id or `cli`), for the audit row `claim_review_link.issue`,
    ///     which gives the scope and expiry but never the link's secret.
    ///   - allowed: whether the caller may issue links for an institution.
    /// - Throws: ``BadgeCoreError`` `.validation` (neither named, a class of another institution,
    ///   lifetime), `.notFound` (no such institution or badge class), `.forbidden`.
    public func issueLink(
        institutionID: UUID?,
        badgeClassID: UUID?,
        lifetime: TimeInterval?,
        actor: String,
        allowed: (UUID) -> Bool
    ) async throws -> Link {
        let lifetime = lifetime ?? lifetimes.accessLink
        guard lifetime >= 1, lifetime <= StudentAccess.Lifetimes.maximumAccessLink else {
            throw BadgeCoreError.invalid("expires_in", "a reviewer link lives 1 second to 7 days (604800 seconds)")
        }
        let institution: UUID
        if let badgeClassID {
            guard let badgeClass = try await catalog.find(BadgeClass.self, id: badgeClassID) else {
                throw BadgeCoreError(.notFound, "no badge class with that id", field: "badge_class_id")
            }
            if let institutionID, institutionID != badgeClass.institutionID {
                throw BadgeCoreError.invalid("badge_class_id", "that badge class belongs to another institution than institution_id")
            }
            institution = badgeClass.institutionID
        } else {
            guard let institutionID else {
                throw BadgeCoreError.invalid("institution_id", "name the institution (institution_id) or one badge class (badge_class_id) to review")
            }
            guard try await catalog.find(Institution.self, id: institutionID) != nil else {
                throw BadgeCoreError(.notFound, "no institution with that id", field: "institution_id")
            }
            institution = institutionID
        }
        guard allowed(institution) else { throw BadgeCoreError(.forbidden, "this key may not issue reviewer links for that institution") }
        let scope = ClaimReviewScope(linkID: ids.makeID(), institutionID: institution, badgeClassID: badgeClassID)
        let now = clock.now()
        let token = Digest.hex(random.bytes(32))
        let expiresAt = now.addingTimeInterval(lifetime.rounded(.down))
        try await store.createReviewLink(
            StudentEntryToken(
                tokenHash: Digest.sha256Hex(token),
                purpose: .reviewLink,
                recipientKey: scope.key,
                sealedRecipient: "",
                createdAt: now,
                expiresAt: expiresAt
            ),
            scope: scope,
            actor: actor
        )
        return Link(token: token, expiresAt: expiresAt, scope: scope)
    }

    /// Spends a reviewer link for a new reviewer session.
    /// - Returns: nil when the link is unknown, used or expired.
    public func enter(token: String) async throws -> Started? {
        guard StudentAccess.isWellFormed(token) else { return nil }
        let now = clock.now()
        guard let entry = try await store.consumeEntry(tokenHash: Digest.sha256Hex(token), purpose: .reviewLink, at: now),
            let scope = ClaimReviewScope(key: entry.recipientKey)
        else { return nil }
        let cookieToken = Digest.hex(random.bytes(32))
        let session = StudentSession(
            tokenHash: Digest.sha256Hex(cookieToken),
            recipientKey: scope.key,
            sealedRecipient: Digest.hex(random.bytes(32)),
            formToken: Digest.hex(random.bytes(32)),
            createdAt: now,
            lastSeenAt: now,
            expiresAt: now.addingTimeInterval(lifetimes.session)
        )
        try await store.createSession(session)
        return Started(cookieToken: cookieToken, reviewer: Reviewer(session: session, scope: scope))
    }

    /// The live reviewer session of a cookie's secret, marked used now.
    /// - Returns: nil when there is none, it ended, or it is a student's.
    public func reviewer(cookieToken: String) async throws -> Reviewer? {
        guard StudentAccess.isWellFormed(cookieToken),
            let session = try await store.session(tokenHash: Digest.sha256Hex(cookieToken), at: clock.now(), idleLimit: lifetimes.idle),
            let scope = ClaimReviewScope(key: session.recipientKey)
        else { return nil }
        return Reviewer(session: session, scope: scope)
    }

    /// Ends a reviewer session.
    public func signOut(_ reviewer: Reviewer) async throws {
        try await store.deleteSession(tokenHash: reviewer.session.tokenHash)
    }

    /// The claims waiting for review in the reviewer's scope, oldest first (at most 500).
    public func pending(for reviewer: Reviewer) async throws -> [Claim] {
        // The class filter is in the query, so claims of other classes never crowd a class's
        // claims out of the 500; `covers` stays as a second check of the scope.
        try await claims.pending(institutionID: reviewer.scope.institutionID, badgeClassID: reviewer.scope.badgeClassID)
            .filter(reviewer.scope.covers)
    }

    /// Approves a claim in the reviewer's scope (audited as `review_link:<link id>`).
    /// - Throws: ``BadgeCoreError`` `.notFound` for a claim outside the scope (it is not
    ///   confirmed to exist), and what ``ClaimCodes/approve(claimID:comment:actor:allowed:)`` throws.
    public func approve(claimID: UUID, comment: String?, by reviewer: Reviewer) async throws -> Claim {
        try await requireInScope(claimID, reviewer)
        return try await claims.approve(claimID: claimID, comment: comment, actor: reviewer.scope.actor) { $0 == reviewer.scope.institutionID }
    }

    /// Denies a claim in the reviewer's scope; its use goes back to the code.
    /// - Throws: as ``approve(claimID:comment:by:)``.
    public func deny(claimID: UUID, comment: String?, by reviewer: Reviewer) async throws -> Claim {
        try await requireInScope(claimID, reviewer)
        return try await claims.deny(claimID: claimID, comment: comment, actor: reviewer.scope.actor) { $0 == reviewer.scope.institutionID }
    }

    /// How the review page names who claimed: a pseudonym such as `3F9A-1C2B`, the same for one
    /// person's claims within one reviewer session, and unrelated to their recipient key or
    /// published hash outside it (an HMAC of the recipient key under the session's own secret).
    public static func pseudonym(of claim: Claim, for reviewer: Reviewer) -> String {
        let key = SymmetricKey(data: Data(reviewer.session.sealedRecipient.utf8))
        let mac = Digest.hex(HMAC<SHA256>.authenticationCode(for: Data(claim.recipientKey.utf8), using: key)).uppercased()
        return String(mac.prefix(4)) + "-" + String(mac.dropFirst(4).prefix(4))
    }

    private func requireInScope(_ claimID: UUID, _ reviewer: Reviewer) async throws {
        guard let claim = try await claims.store.claim(id: claimID), reviewer.scope.covers(claim) else {
            throw BadgeCoreError(.notFound, "no claim with that id waits for your review")
        }
    }
}
