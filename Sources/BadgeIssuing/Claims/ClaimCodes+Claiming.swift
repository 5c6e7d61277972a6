public import BadgeCore
public import Foundation

extension ClaimCodes {
    /// Claims a badge with a code for a person who proved who they are.
    ///
    /// Without evidence asked, the badge is issued at once through the awarding path (exactly
    /// once per badge class and person; stacking follows from the award's outbox message). With
    /// evidence asked, the claim waits for review.
    /// - Parameters:
    ///   - secret: the code as typed.
    ///   - evidenceURL: a link to the work, if any.
    ///   - evidenceText: a description of the work, if any.
    /// - Throws: ``BadgeCoreError`` `.notFound` for no such code; `.claimCodeExpired`,
    ///   `.claimCodeUsedUp`, `.claimCodeDisabled` when the code takes no claims; `.validation`
    ///   for missing or invalid evidence or recipient; `.conflict` when the badge class is archived.
    public func claim(secret: String, recipient: Recipient, evidenceURL: String?, evidenceText: String?) async throws -> Outcome {
        let code = try await code(secret: secret)
        return try await claim(code: code, recipient: recipient, evidence: try Claim.evidence(url: evidenceURL, text: evidenceText))
    }

    /// Claims a badge with a known code (see ``claim(secret:recipient:evidenceURL:evidenceText:)``);
    /// the e-mail path claims with the code its confirmed request names.
    func claim(code: ClaimCode, recipient: Recipient, evidence: Assertion.Evidence?) async throws -> Outcome {
        let now = clock.now()
        if let refusal = code.refusal(at: now) { throw refusal.error }
        try recipient.validate()
        if code.requiresEvidence, evidence == nil {
            throw BadgeCoreError.invalid(
                "evidence",
                "this code asks for evidence: a link to your work (evidence_url) or a description (evidence_text)"
            )
        }
        let badgeClass = try await awarder.liveBadgeClass(id: code.badgeClassID)
        let claim = Claim(
            id: ids.makeID(),
            codeID: code.id,
            badgeClassID: badgeClass.id,
            institutionID: badgeClass.institutionID,
            recipientKey: recipient.key,
            recipient: awarder.hashedRecipient(recipient),
            evidence: evidence,
            state: code.requiresEvidence ? .pending : .issued,
            createdAt: now
        )
        let actor = "claim_code:" + code.id.uuidString.lowercased()
        let award =
            code.requiresEvidence
            ? nil
            : try await awarder.signedClaimAward(
                hashed: claim.recipient,
                recipientKey: claim.recipientKey,
                evidence: evidence,
                of: badgeClass,
                actor: actor
            )
        let redemption = try await awarder.committing(award.map { [$0] } ?? [], of: badgeClass) {
            try await store.redeem(claim, award: $0.first, at: now, actor: actor)
        }
        switch redemption {
        case .issued(let claim, let outcome): return .issued(claim, outcome.assertion)
        case .pending(let claim): return .pending(claim)
        case .alreadyHeld(let assertion): return .alreadyHeld(assertion)
        case .refused(let refusal): throw refusal.error
        case .alreadyClaimed(let earlier):
            switch earlier.state {
            case .pending: return .pending(earlier)
            case .denied: return .denied(earlier)
            case .issued:
                let held = try await awarder.assertions.existing(badgeClassID: earlier.badgeClassID, recipientKeys: [earlier.recipientKey])
                guard let assertion = held[earlier.recipientKey]?.assertion else { return .pending(earlier) }
                return .issued(earlier, assertion)
            }
        }
    }

    /// Claims waiting for review, of an institution (of all when nil), optionally of one badge
    /// class, oldest first.
    /// - Parameters:
    ///   - badgeClassID: the one badge class; nil for every class.
    ///   - limit: the most returned (at most 500), counted within the class when one is named.
    public func pending(institutionID: UUID?, badgeClassID: UUID? = nil, limit: Int = 500) async throws -> [Claim] {
        try await store.claims(institutionID: institutionID, badgeClassID: badgeClassID, state: .pending, limit: limit)
    }

    /// Approves a pending claim: the badge is issued to who claimed (exactly once), with the
    /// claim's evidence on the assertion.
    /// - Parameter allowed: whether the caller may review claims of the claim's institution.
    /// - Throws: ``BadgeCoreError`` `.notFound`, `.forbidden`, `.conflict` (already reviewed,
    ///   or the badge class archived), `.validation` (comment too long).
    public func approve(claimID: UUID, comment: String?, actor: String, allowed: (UUID) -> Bool) async throws -> Claim {
        try Claim.validateComment(comment)
        let claim = try await reviewable(claimID, allowed: allowed)
        let badgeClass = try await awarder.liveBadgeClass(id: claim.badgeClassID)
        let award = try await awarder.signedClaimAward(
            hashed: claim.recipient,
            recipientKey: claim.recipientKey,
            evidence: claim.evidence,
            of: badgeClass,
            actor: actor
        )
        let approved = try await awarder.committing([award], of: badgeClass) {
            try await store.approve(claimID: claimID, award: $0[0], comment: comment, at: clock.now(), actor: actor)
        }
        guard let approved else {
            throw BadgeCoreError(.notFound, "no claim with that id")
        }
        return approved
    }

    /// Denies a pending claim; its use goes back to the code.
    /// - Throws: ``BadgeCoreError`` `.notFound`, `.forbidden`, `.conflict` (already reviewed), `.validation`.
    public func deny(claimID: UUID, comment: String?, actor: String, allowed: (UUID) -> Bool) async throws -> Claim {
        try Claim.validateComment(comment)
        _ = try await reviewable(claimID, allowed: allowed)
        guard let denied = try await store.deny(claimID: claimID, comment: comment, at: clock.now(), actor: actor) else {
            throw BadgeCoreError(.notFound, "no claim with that id")
        }
        return denied
    }

    private func reviewable(_ claimID: UUID, allowed: (UUID) -> Bool) async throws -> Claim {
        guard let claim = try await store.claim(id: claimID) else { throw BadgeCoreError(.notFound, "no claim with that id") }
        guard allowed(claim.institutionID) else { throw BadgeCoreError(.forbidden, "that claim belongs to another institution") }
        guard claim.state == .pending else { throw BadgeCoreError(.conflict, "that claim was already reviewed (\(claim.state.rawValue))") }
        return claim
    }
}
