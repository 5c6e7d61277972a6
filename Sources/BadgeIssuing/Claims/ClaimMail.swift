public import BadgeCore
public import Foundation
public import OpenBadges

/// Claims by e-mail address, for people who are not signed in: the person types an address,
/// badged mails a one-time link to it (through the outbox, so a relay that is down only delays
/// the mail), and opening the link and confirming claims with the code for the recipient
/// `email:<address>`, issued at once or waiting for review exactly as a signed-in claim.
///
/// The link carries the request's id and expiry sealed with the key-encryption key (nobody can
/// make or alter one); it is spent by deleting the request, so it confirms once. The address
/// is never logged and the answer to a request is the same whatever the address.
public struct ClaimMail: Sendable {
    /// What a link carries, sealed.
    struct LinkContent: Codable {
        /// The request's id.
        let r: UUID
        /// Its expiry, in Unix seconds.
        let e: Int64
    }

    static let tokenPrefix = "cm_"
    static let tokenContext = "badged.claim-mail.v1"
    /// The most links waiting for one address: more requests are answered alike but mail nothing,
    /// so nobody can flood a mailbox through badged.
    public static let maximumPendingPerAddress = 3
    /// The longest token opened.
    public static let maximumTokenLength = 512

    let claims: ClaimCodes
    let store: any ClaimMailStore
    let encryption: KeyEncryption
    let ids: any IDGenerator
    let clock: any TimeSource

    /// Creates the use case.
    public init(claims: ClaimCodes, store: any ClaimMailStore, encryption: KeyEncryption, ids: any IDGenerator, clock: any TimeSource) {
        self.claims = claims
        self.store = store
        self.encryption = encryption
        self.ids = ids
        self.clock = clock
    }

    /// Requests a claim by e-mail address: checks the code (which must take claims now), the
    /// address and the evidence, and stores the request with its mail in the outbox.
    /// - Parameter language: the page's language (`en`, `nl`), for the mail.
    /// - Returns: the stored request, or nil when the address already has
    ///   ``maximumPendingPerAddress`` links waiting (nothing is stored or mailed); callers answer
    ///   the same either way.
    /// - Throws: ``BadgeCoreError`` `.notFound` (no such code), the code's refusal, `.validation`
    ///   (`email`, `evidence`…).
    @discardableResult
    public func request(
        secret: String,
        address typed: String,
        evidenceURL: String?,
        evidenceText: String?,
        language: String
    ) async throws -> ClaimMailRequest? {
        let code = try await claims.code(secret: secret)
        let now = clock.now()
        if let refusal = code.refusal(at: now) { throw refusal.error }
        let address = try ClaimMailRequest.address(typed)
        let evidence = try Claim.evidence(url: evidenceURL, text: evidenceText)
        if code.requiresEvidence, evidence == nil {
            throw BadgeCoreError.invalid(
                "evidence",
                "this code asks for evidence: a link to your work (evidence_url) or a description (evidence_text)"
            )
        }
        guard try await store.pendingCount(address: address, now: now) < Self.maximumPendingPerAddress else { return nil }
        let request = ClaimMailRequest(
            id: ids.makeID(),
            codeID: code.id,
            institutionID: code.institutionID,
            address: address,
            evidence: evidence,
            language: language == "nl" ? "nl" : "en",
            createdAt: now,
            expiresAt: min(now.addingTimeInterval(ClaimMailRequest.lifetime), code.expiresAt ?? .distantFuture)
        )
        try await store.create(request, actor: Self.actor(code.id))
        // Requests nobody confirmed in time keep their addresses no longer than needed.
        _ = try await store.delete(address: nil, institutionID: nil, expiredBefore: now)
        return request
    }

    /// The token of a request's confirmation link.
    public func token(for request: ClaimMailRequest) throws -> String {
        try SealedToken.make(
            LinkContent(r: request.id, e: Int64(request.expiresAt.timeIntervalSince1970.rounded(.down))),
            prefix: Self.tokenPrefix,
            context: Self.tokenContext,
            encryption: encryption
        )
    }

    /// The request a link names while it still confirms, with its code.
    /// - Throws: ``BadgeCoreError`` `.claimLinkUnusable` for a link that is expired, spent,
    ///   altered or not badged's (one answer for all).
    public func pending(token: String) async throws -> (ClaimMailRequest, ClaimCode) {
        let id = try opened(token)
        guard let request = try await store.request(id: id), request.expiresAt > clock.now(),
            let code = try await claims.store.code(id: request.codeID)
        else { throw Self.unusable }
        return (request, code)
    }

    /// Confirms a link: spends it and claims with its code for the address's recipient.
    /// - Throws: ``BadgeCoreError`` `.claimLinkUnusable`; the code's refusal (such as used up
    ///   since the request); what a claim throws.
    public func confirm(token: String) async throws -> ClaimCodes.Outcome {
        let (request, code) = try await pending(token: token)
        guard let spent = try await store.spend(id: request.id, actor: Self.actor(code.id)) else { throw Self.unusable }
        return try await claims.claim(code: code, recipient: spent.recipient, evidence: spent.evidence)
    }

    /// The badge class's name in a language, for the mail.
    func badgeName(of request: ClaimMailRequest) async throws -> String? {
        guard let code = try await claims.store.code(id: request.codeID) else { return nil }
        return try await claims.awarder.liveBadgeClass(id: code.badgeClassID).content.name.preferred(request.language)
    }

    private func opened(_ token: String) throws -> UUID {
        guard
            let content = SealedToken.open(
                token,
                as: LinkContent.self,
                prefix: Self.tokenPrefix,
                context: Self.tokenContext,
                maximumLength: Self.maximumTokenLength,
                encryption: encryption
            ), content.e > Int64(clock.now().timeIntervalSince1970)
        else { throw Self.unusable }
        return content.r
    }

    private static var unusable: BadgeCoreError {
        BadgeCoreError(.claimLinkUnusable, "this link is no longer valid: it expired, was used already, or is incomplete")
    }

    private static func actor(_ codeID: UUID) -> String {
        "claim_code:" + codeID.uuidString.lowercased()
    }
}
