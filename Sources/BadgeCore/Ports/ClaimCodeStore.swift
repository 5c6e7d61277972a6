public import Foundation

/// The storage port for claim codes and the claims made with them.
///
/// Codes are kept by the digest of their secret only. A claim takes one of its code's uses in
/// the same transaction as everything it writes (the claim, and for an immediate award the
/// assertion with its audit row and outbox message), so that a code limited to N uses gives at
/// most N claims however many arrive at once, on any number of daemons.
public protocol ClaimCodeStore: Sendable {
    /// Stores a new code with an audit row `claim_code.create`.
    /// - Parameter codeHash: the hex SHA-256 of the code's canonical secret.
    func create(_ code: ClaimCode, codeHash: String, actor: String) async throws

    /// The code with this id, or nil.
    func code(id: UUID) async throws -> ClaimCode?

    /// The code whose secret has this digest, or nil.
    func code(hash: String) async throws -> ClaimCode?

    /// The codes of a badge class, newest first.
    /// - Parameter limit: the most returned (bounded to 1…500).
    func codes(badgeClassID: UUID, limit: Int) async throws -> [ClaimCode]

    /// Disables a code, with an audit row `claim_code.disable`; disabling twice keeps the first time.
    /// - Returns: the code as stored now, or nil when there is none.
    func disable(id: UUID, at date: Date, actor: String) async throws -> ClaimCode?

    /// Redeems a code for a claim, in one transaction: takes one use of the code unless it is
    /// disabled, expired at `date` or used up; then stores `award` (when the claim issues at once)
    /// and the claim, with an audit row `claim.issue` or `claim.submit` naming the claim.
    ///
    /// A person who already holds the badge class, or already claimed with this code, takes no use.
    /// - Parameter award: the signed assertion for an immediate claim; nil when the claim waits
    ///   for review.
    /// - Throws: ``BadgeCoreError`` `.signingKeyRetired`, writing nothing, as
    ///   ``AssertionStore/store(_:)``.
    func redeem(_ claim: Claim, award: NewAssertion?, at date: Date, actor: String) async throws -> ClaimRedemption

    /// The claim with this id, or nil.
    func claim(id: UUID) async throws -> Claim?

    /// Claims of an institution (of all when nil), optionally of one badge class, in one state, oldest first.
    /// - Parameters:
    ///   - badgeClassID: the one badge class whose claims are returned; nil for every class.
    ///   - limit: the most returned (bounded to 1…500), counted after both filters.
    func claims(institutionID: UUID?, badgeClassID: UUID?, state: Claim.State, limit: Int) async throws -> [Claim]

    /// Approves a pending claim, in one transaction: stores `award` (or finds the assertion the
    /// person already holds) and marks the claim issued, with an audit row `claim.approve`.
    /// - Returns: the claim as stored now, or nil when there is none.
    /// - Throws: ``BadgeCoreError`` `.conflict` when the claim is no longer pending;
    ///   `.signingKeyRetired`, writing nothing, as ``AssertionStore/store(_:)``.
    func approve(claimID: UUID, award: NewAssertion, comment: String?, at date: Date, actor: String) async throws -> Claim?

    /// Denies a pending claim, giving its use back to the code, with an audit row `claim.deny`.
    /// - Returns: the claim as stored now, or nil when there is none.
    /// - Throws: ``BadgeCoreError`` `.conflict` when the claim is no longer pending.
    func deny(claimID: UUID, comment: String?, at date: Date, actor: String) async throws -> Claim?

    /// Deletes every claim of a person (erasure), of one institution or of all when nil; a
    /// waiting claim gives its use back. One audit row `claim.erase` each, naming only the claim.
    /// - Returns: how many were deleted.
    func erase(recipientKey: String, institutionID: UUID?, actor: String) async throws -> Int
}

/// What redeeming a claim code did.
public enum ClaimRedemption: Sendable {
    /// The badge was issued; the claim took a use.
    case issued(Claim, AwardOutcome)
    /// The claim waits for review; it took a use.
    case pending(Claim)
    /// The person already holds this badge class; nothing was written.
    case alreadyHeld(Assertion)
    /// The person already claimed with this code; nothing was written.
    case alreadyClaimed(Claim)
    /// The code takes no claims; nothing was written.
    case refused(ClaimRefusal)
}
