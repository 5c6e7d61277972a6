public import BadgeCore
public import Foundation

/// Claim codes, as Cities of Learning hand badges out: an organiser makes a code for a badge
/// class (optionally limited in uses and time, optionally asking for evidence); a person claims
/// with it and is issued the badge at once, or, with evidence, after a mentor or organiser
/// approves. Every step is audited; codes are kept only as digests and never logged.
public struct ClaimCodes: Sendable {
    /// A code just made: its description and its secret, shown once and never stored.
    public struct Made: Sendable {
        /// The code as stored.
        public let code: ClaimCode
        /// The secret to hand out, such as `K7QM-3XPA-9D2F-WN4T`.
        public let secret: String
    }

    /// What a claim did.
    public enum Outcome: Sendable {
        /// The badge was issued (now, or earlier to the same person with this code).
        case issued(Claim, Assertion)
        /// The claim waits for review.
        case pending(Claim)
        /// A reviewer turned the person's claim with this code down.
        case denied(Claim)
        /// The person already held the badge; the code's use was not taken.
        case alreadyHeld(Assertion)
    }

    let store: any ClaimCodeStore
    let awarder: Awarder
    let random: any RandomSource
    let ids: any IDGenerator
    let clock: any TimeSource

    /// Creates the use case.
    public init(store: any ClaimCodeStore, awarder: Awarder, random: any RandomSource, ids: any IDGenerator, clock: any TimeSource) {
        self.store = store
        self.awarder = awarder
        self.random = random
        self.ids = ids
        self.clock = clock
    }

    /// Makes a code for a badge class.
    /// - Parameters:
    ///   - maxUses: the most claims (1 to 1,000,000); nil for no limit.
    ///   - expiresAt: when it stops working (in the future); nil for never.
    ///   - requiresEvidence: whether claims carry evidence and wait for review.
    ///   - actor: who makes it, for the audit row.
    ///   - allowed: whether the caller may make codes in the badge class's institution.
    /// - Throws: ``BadgeCoreError`` `.notFound`, `.conflict` (archived class), `.forbidden`, `.validation`.
    public func create(
        badgeClassID: UUID,
        label: String?,
        maxUses: Int?,
        expiresAt: Date?,
        requiresEvidence: Bool,
        actor: String,
        allowed: (UUID) -> Bool
    ) async throws -> Made {
        let badgeClass = try await awarder.liveBadgeClass(id: badgeClassID)
        guard allowed(badgeClass.institutionID) else { throw BadgeCoreError(.forbidden, "this key may not make claim codes for that badge class") }
        let now = clock.now()
        let code = ClaimCode(
            id: ids.makeID(),
            badgeClassID: badgeClass.id,
            institutionID: badgeClass.institutionID,
            label: label,
            maxUses: maxUses,
            expiresAt: expiresAt,
            requiresEvidence: requiresEvidence,
            createdAt: now
        )
        try code.validate(now: now)
        let secret = ClaimCodeSecret.make(values: random.bytes(ClaimCodeSecret.length))
        guard let canonical = ClaimCodeSecret.canonical(secret) else { throw BadgeCoreError(.conflict, "a claim code could not be made") }
        try await store.create(code, codeHash: Digest.sha256Hex(canonical), actor: actor)
        return Made(code: code, secret: secret)
    }

    /// The codes of a badge class, newest first.
    /// - Throws: ``BadgeCoreError`` `.notFound`, or `.forbidden` when `allowed` refuses the class's institution.
    public func codes(badgeClassID: UUID, allowed: (UUID) -> Bool) async throws -> [ClaimCode] {
        let badgeClass = try await awarder.liveBadgeClass(id: badgeClassID)
        guard allowed(badgeClass.institutionID) else { throw BadgeCoreError(.forbidden, "that badge class belongs to another institution") }
        return try await store.codes(badgeClassID: badgeClassID, limit: 500)
    }

    /// Disables a code; claims already made stay as they are.
    /// - Throws: ``BadgeCoreError`` `.notFound`, `.forbidden`.
    public func disable(id: UUID, actor: String, allowed: (UUID) -> Bool) async throws -> ClaimCode {
        guard let code = try await store.code(id: id) else { throw BadgeCoreError(.notFound, "no claim code with that id") }
        guard allowed(code.institutionID) else { throw BadgeCoreError(.forbidden, "this key may not change that claim code") }
        guard let disabled = try await store.disable(id: id, at: clock.now(), actor: actor) else {
            throw BadgeCoreError(.notFound, "no claim code with that id")
        }
        return disabled
    }

    /// The code a typed secret names, if it is one.
    /// - Throws: ``BadgeCoreError`` `.notFound` for anything that is no code here (mistyped or
    ///   unknown alike, so that nothing is learnt from the answer).
    public func code(secret: String) async throws -> ClaimCode {
        guard let canonical = ClaimCodeSecret.canonical(secret), let code = try await store.code(hash: Digest.sha256Hex(canonical)) else {
            throw BadgeCoreError(.notFound, "no claim code matches what was typed; check the code and try again", field: "code")
        }
        return code
    }
}
